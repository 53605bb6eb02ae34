import type { Page } from '@playwright/test';
import { test, expect, checkA11y, visit, signIn, signOut, waitForMail } from '../fixtures';

/** The path of Lancashire's checklist, found as its own member sees it. */
async function lancashirePath(page: Page): Promise<string> {
	await signIn(page, 'member@example.org');
	await visit(page, '/succession');
	const path = new URL(page.url()).pathname;
	await signOut(page);
	return path;
}

test('the coordinator sees the region at a glance, sorts and filters it, and reads a checklist', async ({ page }) => {
	// Many pages, each checked with axe.
	test.setTimeout(180_000);
	const lancashire = await lancashirePath(page);
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/succession');
	await page.getByRole('link', { name: 'North West at a glance' }).click();
	await expect(page).toHaveURL(/\/succession\/regions\/north-west$/);
	await expect(page.getByRole('heading', { level: 1, name: 'North West: succession at a glance' })).toBeVisible();
	await checkA11y(page);

	const table = page.getByRole('table');
	const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Lancashire' }) });
	await expect(row).toContainText(/\d+% – (Red|Amber|Green)/);
	await expect(row).toContainText('6 May 2027');
	await expect(table.getByRole('columnheader', { name: /Authority/ })).toHaveAttribute('aria-sort', 'ascending');

	// Sort by readiness (a link: works without JavaScript), then flip the order.
	await table.getByRole('link', { name: /^Readiness/ }).click();
	await expect(page).toHaveURL(/sort=score/);
	await expect(table.getByRole('columnheader', { name: /Readiness/ })).toHaveAttribute('aria-sort', 'ascending');
	await checkA11y(page);
	await table.getByRole('link', { name: /^Readiness/ }).click();
	await expect(page).toHaveURL(/sort=score&dir=desc/);
	const scores = await table.locator('tbody tr td:nth-child(2)').allInnerTexts();
	const numbers = scores.map((s) => (/(\d+)%/.exec(s) ? Number(/(\d+)%/.exec(s)![1]) : -1));
	expect(numbers).toEqual([...numbers].sort((a, b) => b - a));

	// Filters.
	await page.getByRole('link', { name: 'Election within 6 months' }).click();
	await expect(page).toHaveURL(/filter=election-soon/);
	await expect(table.getByRole('rowheader', { name: 'Lancashire' })).toBeVisible();
	await checkA11y(page);
	await page.getByRole('link', { name: 'Not started' }).click();
	await expect(page).toHaveURL(/filter=not-started/);
	await expect(page.getByRole('rowheader', { name: 'Lancashire' })).toHaveCount(0);
	await checkA11y(page);

	// The coordinator reads Lancashire's checklist but cannot change its items.
	await visit(page, lancashire);
	await expect(page.getByRole('heading', { level: 1, name: 'Succession checklist' })).toBeVisible();
	await expect(page.getByText('Members for Lancashire keep it up to date')).toBeVisible();
	await expect(page.getByRole('button', { name: /^Update status/ })).toHaveCount(0);
	await expect(page.getByLabel('Date of the next election')).toBeVisible();

	// Not the national summary: that is for admins.
	const national = await visit(page, '/succession/national');
	expect(national?.status()).toBe(404);
});

test('the coordinator sends a reminder once a day and it arrives with the open items', async ({ page }) => {
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/succession/regions/north-west');
	await page.getByRole('link', { name: 'Remind Bolton' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Send a reminder about the succession checklist' })).toBeVisible();
	await expect(page.getByText('Michael Greenhalgh')).toBeVisible();
	await checkA11y(page);
	await page.getByLabel('A message from you (optional)').fill('x'.repeat(1_001));
	await page.getByRole('button', { name: 'Send reminder' }).click();
	await expect(page.getByRole('alert')).toContainText('Enter a message of at most 1,000 characters');
	await checkA11y(page);
	await page.getByLabel('A message from you (optional)').fill('Could you look at this before the group meeting?');
	await page.getByRole('button', { name: 'Send reminder' }).click();
	await expect(page.getByRole('status')).toContainText('Reminder sent to 1 member for Bolton');
	await expect(page.getByRole('button', { name: 'Send reminder' })).toHaveCount(0);
	await expect(page.getByText('You can send another tomorrow')).toHaveCount(0);
	await checkA11y(page);
	await visit(page, page.url().replace(/\?.*$/, ''));
	await expect(page.getByText('You can send another tomorrow')).toBeVisible();

	const mail = await waitForMail('michael.greenhalgh@example.org', 'Succession checklist for Bolton');
	expect(mail.subject).toMatch(/items? still open/);
	expect(mail.text).toContain('Bernadette Kelly, who coordinates the North West network');
	expect(mail.text).toContain('Could you look at this before the group meeting?');
	expect(mail.text).toMatch(/\/succession\/\d+/);
});

test('a member of another region gets “not found” for the checklist, its pages and the region', async ({ page }) => {
	// Many pages, each checked with axe.
	test.setTimeout(180_000);
	const lancashire = await lancashirePath(page);
	await signIn(page, 'mentor@example.org');
	for (const path of [lancashire, `${lancashire}/items/key-contacts`, `${lancashire}/history`, `${lancashire}/handover`, `${lancashire}/remind`, `${lancashire}/upgrade`, '/succession/regions/north-west', '/succession/national']) {
		const response = await visit(page, path);
		expect(response?.status(), path).toBe(404);
		await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
	}
	// A crafted post to change Lancashire's item is refused the same way.
	const post = await page.request.post(`${lancashire}?/status`, {
		form: { key: 'key-contacts', version: '1', status: 'done' },
		headers: { origin: new URL(page.url()).origin, 'x-sveltekit-action': 'true' }
	});
	expect(post.status()).toBe(404);
	// Their own checklist is Leeds.
	await visit(page, '/succession');
	await expect(page.getByText('Leeds · Yorkshire and The Humber')).toBeVisible();
});
