/** Digests that respect the inbox: the member's setting, and the coordinator's "why did I get this?" page. */
import { test, expect, fitsAPhone, checkA11y, visit, signIn } from '../fixtures';

test('a member asks for their digest even when they have been on the site', async ({ page }) => {
	await signIn(page, 'farida.rahman@example.org');
	await visit(page, '/settings/email');
	const box = page.getByLabel('Send my digest even when I have been on the site');
	await expect(box).not.toBeChecked();
	await expect(page.getByText('We skip your digest when you have been on the site')).toBeVisible();
	await fitsAPhone(page);
	await box.check();
	await page.getByRole('button', { name: 'Save email settings' }).click();
	await expect(page.getByRole('status')).toContainText('Your email settings have been saved');
	await page.reload();
	await checkA11y(page);
	await expect(page.getByLabel('Send my digest even when I have been on the site')).toBeChecked();
	await page.getByLabel('Send my digest even when I have been on the site').uncheck();
	await page.getByRole('button', { name: 'Save email settings' }).click();
	await expect(page.getByRole('status')).toContainText('Your email settings have been saved');
	await page.reload();
	await expect(page.getByLabel('Send my digest even when I have been on the site')).not.toBeChecked();
});

test('a coordinator opens the digest a member of their region would get now, and no one else may', async ({ page }) => {
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/members/tom-ashworth');
	await page.getByRole('link', { name: 'See the digest they would get now' }).click();
	await expect(page).toHaveURL(/\/members\/tom-ashworth\/digest$/);
	await checkA11y(page);
	await expect(page.getByRole('heading', { level: 1, name: 'The digest Tom Ashworth would get now' })).toBeVisible();
	await expect(page.locator('#verdict')).toContainText(/Would (not )?be sent/);
	await expect(page.locator('dt', { hasText: 'Schedule' }).locator('+ dd')).toHaveText(/^(Weekly on|Daily at|Never)/);
	const email = page.getByRole('article', { name: 'The digest as an email' });
	await expect(email.getByRole('heading', { level: 1 })).toHaveText('Your weekly digest');
	await expect(page.locator('pre.email-text')).toContainText('Hello Tom Ashworth');
	await fitsAPhone(page);

	// Another region's member: refused.
	const other = await page.goto('/members/sarah-holroyd/digest');
	expect(other?.status()).toBe(403);
	await checkA11y(page);
	await visit(page, '/members/sarah-holroyd');
	await expect(page.getByRole('link', { name: 'See the digest they would get now' })).toHaveCount(0);
});

test('a member cannot open anyone’s digest, their own included', async ({ page }) => {
	await signIn(page, 'member@example.org');
	expect((await page.goto('/members/tom-ashworth/digest'))?.status()).toBe(403);
	await checkA11y(page);
	expect((await page.goto('/members/bernadette-kelly/digest'))?.status()).toBe(403);
});
