import { test, expect, visit, checkA11y, signIn } from '../fixtures';
import { freshMember, passwordStep, signOutFully } from './helpers';

test('admins read and filter the audit trail; coordinators see their region; members cannot', async ({ page }) => {
	test.setTimeout(120_000);
	await signIn(page, 'admin@example.org');
	await visit(page, '/admin/audit');
	await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();
	await expect(page.getByRole('table', { name: /Audit entries/ })).toContainText('Signed in with a password');

	await page.getByLabel('Kind of action').selectOption({ label: 'Signing in and account security' });
	await page.getByLabel('Member').fill('Bernadette');
	await page.getByRole('button', { name: 'Filter' }).click();
	await expect(page).toHaveURL(/group=security/);
	await expect(page.getByRole('table', { name: /Audit entries/ })).toContainText('Bernadette Kelly');
	await checkA11y(page);
	// A bad date says what to do, without a 500.
	await visit(page, '/admin/audit?from=2026-02-31');
	await expect(page.getByRole('alert')).toContainText('real date');
	await signOutFully(page);

	await signIn(page, 'coordinator@example.org');
	await visit(page, '/admin/audit');
	await expect(page.getByText('in the North West region')).toBeVisible();
	await expect(page.getByLabel('Region')).toHaveCount(0);
	await signOutFully(page);

	await signIn(page, 'member@example.org');
	const res = await page.goto('/admin/audit');
	expect(res!.status()).toBe(403);
});

test('an admin ends all sessions of a member, who is signed out at once', async ({ page, browser }) => {
	test.setTimeout(120_000);
	const me = await freshMember(browser);
	const theirs = await browser.newContext();
	const theirPage = await theirs.newPage();
	await passwordStep(theirPage, me.email, me.password);
	await theirPage.goto('/settings/profile');
	await expect(theirPage).toHaveURL(/\/settings\/profile$/);

	await signIn(page, 'admin@example.org');
	await page.goto(`/admin/users?q=${encodeURIComponent(me.name)}`);
	await page.getByRole('link', { name: me.name }).first().click();
	await page.waitForURL(/\/admin\/users\/\d+$/);
	const id = new URL(page.url()).pathname.split('/').pop();
	await visit(page, `/admin/users/${id}/sessions`);
	await expect(page.getByRole('table', { name: `Where ${me.name} is signed in` })).toBeVisible();
	await page.getByRole('button', { name: `End all sessions of ${me.name}` }).click();
	await expect(page.getByRole('status')).toContainText(/signed out everywhere \(\d sessions?\)/);
	await checkA11y(page);

	await theirPage.goto('/settings/profile');
	await expect(theirPage).toHaveURL(/\/login\?next=/);
	await theirs.close();

	await visit(page, `/admin/audit?group=members&who=${encodeURIComponent(me.name)}`);
	await expect(page.getByRole('table', { name: /Audit entries/ })).toContainText('Ended all of a member’s sessions');
});
