import { readFileSync } from 'node:fs';
import { test, expect, visit, checkA11y, signIn } from '../fixtures';
import { freshMember, passwordStep } from './helpers';

test('a member downloads their data as JSON and as a readable summary', async ({ page }) => {
	test.setTimeout(120_000);
	await signIn(page, 'member@example.org');
	await visit(page, '/settings/data');
	await expect(page.getByRole('table', { name: 'What your download contains' })).toContainText('Posts');

	const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download your data (JSON)' }).click()]);
	expect(json.suggestedFilename()).toMatch(/^lead-member-network-data-\d{4}-\d{2}-\d{2}\.json$/);
	const doc = JSON.parse(readFileSync((await json.path())!, 'utf8'));
	expect(doc.about.email).toBe('member@example.org');
	expect(Object.keys(doc.sections)).toEqual(expect.arrayContaining(['Your account', 'Discussions', 'Mentoring', 'Training', 'Succession', 'Digests']));
	expect(doc.sections['Your account'].profile.name).toBe('Tom Ashworth');
	expect(JSON.stringify(doc)).not.toMatch(/argon2/);

	const [html] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /readable summary/ }).click()]);
	expect(html.suggestedFilename()).toMatch(/\.html$/);
	const summary = readFileSync((await html.path())!, 'utf8');
	expect(summary).toContain('Your data in the Lead Member Network');
	// The summary is accessible too: open it as a page and run axe on it.
	await page.setContent(summary);
	await checkA11y(page);
});

test('the privacy notice says what is kept, why, for how long and who sees it', async ({ page }) => {
	await visit(page, '/privacy');
	for (const h of ['What we keep and why', 'Who can see what', 'How long we keep it', 'Your rights: download and delete']) {
		await expect(page.getByRole('heading', { name: h })).toBeVisible();
	}
	await expect(page.getByText('90 days after sending')).toBeVisible();
	// Mail in and engagement (issue 14): what is kept, and for how long.
	await expect(page.getByRole('rowheader', { name: /When you were last on the site, when you were last active/ })).toBeVisible();
	await expect(page.getByRole('cell', { name: /not been on the site nor emailed the network for 12 months/ })).toBeVisible();
	await expect(page.getByRole('cell', { name: /The whole email for 30 days/ })).toBeVisible();
	await expect(page.getByRole('cell', { name: /single date we overwrite, not a history of your visits/ })).toBeVisible();
	await expect(page.getByRole('cell', { name: /forgotten 30 days after the last bounce/ })).toBeVisible();
});

test('a crafted request for someone else’s data or account gets only your own, or nothing', async ({ page, baseURL }) => {
	await signIn(page, 'member@example.org');
	const other = await page.request.get('/settings/data/download/json?member=1&id=1');
	expect(JSON.parse(await other.text()).about.email).toBe('member@example.org');
	expect((await page.request.get('/settings/data/download/xml')).status()).toBe(404);
	// Deleting without your password does nothing, whatever the request names.
	const res = await page.request.post('/settings/data/delete', { headers: { origin: baseURL!, accept: 'text/html' }, form: { password: 'wrong password', memberId: '1', id: '1' }, maxRedirects: 0 });
	expect(res.status()).toBe(400);
	await visit(page, '/settings/profile');
});

test('a member deletes their account after giving their password', async ({ page, browser }) => {
	test.setTimeout(120_000);
	const me = await freshMember(browser);
	await passwordStep(page, me.email, me.password);
	await visit(page, '/settings/data');
	await page.getByRole('link', { name: 'Delete your account' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Delete your account' })).toBeVisible();
	await checkA11y(page);
	await page.getByLabel('Your password').fill('not the password at all');
	await page.getByRole('button', { name: 'Delete my account' }).click();
	await expect(page.getByRole('alert')).toContainText('Your password is not right');
	await checkA11y(page);
	await page.getByLabel('Your password').fill(me.password);
	await page.getByRole('button', { name: 'Delete my account' }).click();
	await expect(page).toHaveURL(/\/privacy\/account-deleted$/);
	await expect(page.getByRole('heading', { name: 'Your account has been deleted' })).toBeVisible();
	await checkA11y(page);
	// Signed out, and the account no longer signs in.
	await page.goto('/settings/profile');
	await expect(page).toHaveURL(/\/login\?next=/);
	await page.getByLabel('Email address').first().fill(me.email);
	await page.getByLabel('Password', { exact: true }).fill(me.password);
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	await expect(page.getByRole('alert')).toBeVisible();
	// The admin's list no longer has them.
	await signIn(page, 'admin@example.org');
	await page.goto(`/admin/users?q=${encodeURIComponent(me.name)}`);
	await expect(page.getByRole('link', { name: me.name })).toHaveCount(0);
});
