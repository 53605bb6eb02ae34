import { test, expect, checkA11y, visit, signIn, signOut as signOutOnce } from '../fixtures';

/** Signs out and lets the sign-out's own reload of /login finish before going anywhere else. */
async function signOut(page: import('@playwright/test').Page) {
	await signOutOnce(page);
	await page.waitForLoadState('networkidle');
}

test('a member shares their log with their mentor, who can read it but not change it', async ({ page }) => {
	test.slow();
	await signIn(page, 'member@example.org');
	await visit(page, '/training/sharing');
	await expect(page.getByText('Your mentor is Sarah Holroyd')).toBeVisible();
	await page.getByLabel('Yes, Sarah Holroyd can read my training log').check();
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status')).toContainText('Sarah Holroyd can now read your training log');
	await checkA11y(page);
	await visit(page, '/training');
	await expect(page.getByRole('listitem').filter({ hasText: 'Sharing with your mentor' })).toContainText('on – Sarah Holroyd can read your log');
	const href = await page.getByRole('link', { name: /induction/i }).first().getAttribute('href');
	await signOut(page);

	await signIn(page, 'mentor@example.org');
	await visit(page, '/training');
	await page.getByRole('link', { name: 'Tom Ashworth’s training log' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Tom Ashworth’s training log' })).toBeVisible();
	await expect(page.getByText('You can read it but not change it')).toBeVisible();
	await expect(page.getByRole('link', { name: /induction/i }).first()).toBeVisible();
	await checkA11y(page);
	await page.getByRole('link', { name: /induction/i }).first().click();
	await expect(page.getByText(/meet the DCS every fortnight/)).toBeVisible();
	await expect(page.getByRole('link', { name: 'Change this entry' })).toHaveCount(0);
	await checkA11y(page);
	expect((await page.goto(`${href}/edit`))?.status()).toBe(404);
	await visit(page, '/training');
	await signOut(page);

	// Switching it off takes the mentor's access away at once.
	await signIn(page, 'member@example.org');
	await visit(page, '/training/sharing');
	await page.getByLabel('No, keep it to myself').check();
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status')).toContainText('no longer shared');
	await signOut(page);
	await signIn(page, 'mentor@example.org');
	await visit(page, '/training');
	await expect(page.getByRole('link', { name: 'Tom Ashworth’s training log' })).toHaveCount(0);
});

test('a member without a mentor is told so', async ({ page }) => {
	await signIn(page, 'gemma.lightfoot@example.org');
	await visit(page, '/training/sharing');
	await expect(page.getByText('You don’t have a mentor at the moment')).toBeVisible();
});
