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

test('entries read as sentences with names and links; filter by member; admins download a CSV; coordinators cannot', async ({ page, browser }) => {
	test.setTimeout(180_000);
	// A fresh member changes their name: the trail says so in words.
	const me = await freshMember(browser);
	const theirs = await browser.newContext();
	const their = await theirs.newPage();
	await passwordStep(their, me.email, me.password);
	await their.goto('/settings/profile');
	await their.getByLabel('Full name').fill(`${me.name} Renamed`);
	await their.getByRole('button', { name: 'Save profile' }).click();
	await expect(their.getByRole('status')).toContainText('Your profile has been saved');
	await theirs.close();

	await signIn(page, 'admin@example.org');
	await visit(page, '/admin/audit?group=members');
	const table = page.getByRole('table', { name: /Audit entries/ });
	// The demo's waiting request, in words, with the member linked.
	const aisha = table.getByRole('row').filter({ hasText: 'Aisha Patel asked to change their position from Deputy Lead Member to Cabinet member sharing the portfolio' });
	await expect(aisha).toHaveCount(1);
	await expect(aisha.getByRole('link', { name: 'Aisha Patel' })).toHaveAttribute('href', /^\/admin\/users\/\d+$/);
	await expect(table).not.toContainText(/\b1\d{12}\b/);
	await expect(table).not.toContainText('requestId');
	await expect(table.getByRole('row').filter({ hasText: `${me.name} Renamed changed their name from “${me.name}” to “${me.name} Renamed”` })).toHaveCount(1);
	// It fits a phone: the table scrolls in its own box, the page does not.
	await page.setViewportSize({ width: 390, height: 844 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
	await page.setViewportSize({ width: 1280, height: 720 });

	// One member's entries, from their user page.
	await visit(page, `/admin/users?q=${encodeURIComponent(`${me.name} Renamed`)}`);
	await page.getByRole('link', { name: `${me.name} Renamed` }).first().click();
	await page.getByRole('link', { name: 'What they did, and what was done to their account' }).click();
	await expect(page).toHaveURL(/\/admin\/audit\?member=\d+/);
	await expect(page.getByText(`Showing entries by or about ${me.name} Renamed`)).toBeVisible();
	await checkA11y(page);
	const rows = page.getByRole('table', { name: /Audit entries/ }).locator('tbody tr');
	expect(await rows.count()).toBeGreaterThan(1);
	for (const text of await rows.allTextContents()) expect(text).toContain(`${me.name} Renamed`);

	// The CSV has the same sentences.
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download these entries as a spreadsheet (CSV)' }).click();
	const file = await (await download).path();
	const { readFile } = await import('node:fs/promises');
	const csv = await readFile(file, 'utf8');
	expect(csv).toContain('When (UK time),Who,What happened');
	expect(csv).toContain(`changed their name from “${me.name}” to “${me.name} Renamed”`);
	await signOutFully(page);

	// A coordinator reads their region but gets no CSV.
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/admin/audit');
	await expect(page.getByRole('link', { name: /Download these entries/ })).toHaveCount(0);
	expect((await page.goto('/admin/audit/export.csv'))!.status()).toBe(403);
});
