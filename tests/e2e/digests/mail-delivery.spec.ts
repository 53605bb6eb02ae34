import { test, expect, visit, signIn } from '../fixtures';

// Signing in as the demo admin can wait for a fresh two-factor code (30 seconds).
test.describe.configure({ timeout: 120_000 });

const figure = (page: import('@playwright/test').Page, term: string) => page.locator('dl.summary-list dt').filter({ hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd[1]');

test('an admin sees the messages the mail server never answered, as "may have arrived"', async ({ page }) => {
	await signIn(page, 'admin@example.org');
	await visit(page, '/admin/mail');
	await expect(figure(page, 'No answer, may have arrived')).not.toHaveText('0');
	const section = page.getByRole('table', { name: 'Messages with no answer, newest first' });
	const row = section.getByRole('row').filter({ hasText: 'mentor@example.org' });
	await expect(row).toContainText('Not sent again: no answer the second time either');
	await row.getByRole('link').click();
	await expect(figure(page, 'Status')).toHaveText('No answer, may have arrived: not sent again');
	await expect(figure(page, 'No answer')).toContainText('with no answer from the mail server, so it may have arrived');
	await visit(page, page.url());
});
