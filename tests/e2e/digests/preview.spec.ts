/** A regional digest's preview: its plain text lists bullets alike, and its unsubscribe link unsubscribes no one. */
import { test, expect, visit, checkA11y, signIn, unique } from '../fixtures';

test.describe.configure({ timeout: 180_000 });

test('the preview’s unsubscribe link does nothing, and its plain text has no stray space before a bullet', async ({ page }) => {
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/digests/new');
	await page.getByRole('button', { name: 'Start a digest for the North West' }).click();
	await expect(page).toHaveURL(/\/digests\/\d+\/edit$/);
	await page.getByLabel('Title').fill(`Winter pressures ${unique('w')}`);
	await page.getByLabel('Introduction (optional)').fill('This month:\n\n- Respite beds over winter\n- Foster carer allowances\n- Ofsted’s new framework');
	await page.getByRole('button', { name: 'Preview' }).click();
	await expect(page).toHaveURL(/\/digests\/\d+\/preview$/);
	await checkA11y(page);

	const text = page.locator('pre.email-text');
	await expect(text).toContainText('* Respite beds over winter\n* Foster carer allowances\n* Ofsted’s new framework');
	expect(await text.innerText()).not.toMatch(/^ +\* /m);

	const email = page.getByRole('article', { name: 'The digest as an email' });
	await email.getByRole('link', { name: 'Unsubscribe from regional digests' }).click();
	// The preview page has two h1s (its own and the email's): wait for the navigation before
	// asking for the one h1, or the strict locator fails at once while the page is still there.
	await expect(page).toHaveURL(/\/unsubscribe\/preview$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('This unsubscribe link is from a preview');
	await expect(page.getByText('no one has been unsubscribed')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Unsubscribe' })).toHaveCount(0);
	await checkA11y(page);

	await visit(page, '/settings/email');
	await expect(page.getByRole('group', { name: 'Do you want the digests your regional coordinator sends?' }).getByLabel('Yes')).toBeChecked();
});

test('the preview of a member’s own digest has an unsubscribe link that does nothing', async ({ page }) => {
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/members/tom-ashworth/digest');
	const email = page.getByRole('article', { name: 'The digest as an email' });
	await expect(email).toBeVisible();
	const href = await email.getByRole('link', { name: 'Unsubscribe from your digest email' }).getAttribute('href');
	expect(new URL(href!).pathname).toBe('/unsubscribe/preview');
	await expect(page.locator('pre.email-text')).toContainText('/unsubscribe/preview');
});
