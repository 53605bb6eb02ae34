/**
 * Changing authority, position or "in the role since" is a request the destination region's
 * coordinator decides: nothing changes for the member until then (issue 17 §1).
 */
import type { Page } from '@playwright/test';
import { test, expect, fitsAPhone, visit, checkA11y, signIn, waitForMail } from '../fixtures';
import { freshMember, passwordStep, signOutFully } from './helpers';

test.describe.configure({ timeout: 240_000 });

const GRAHAM = 'graham.firth@example.org'; // the Yorkshire and The Humber coordinator in the demo
const BERNADETTE = 'coordinator@example.org'; // the North West coordinator

test('a move to another region waits for the destination coordinator; until then the other region stays hidden', async ({ page, browser }) => {
	const me = await freshMember(browser, 'Leeds');

	// The North West coordinator shows us a North West-only thread.
	await signIn(page, BERNADETTE);
	await visit(page, `/threads/search?q=${encodeURIComponent('network meeting agenda suggestions')}`);
	await page.getByRole('link', { name: /North West network meeting on 9 December/ }).first().click();
	await page.waitForURL(/\/threads\/\d+/);
	const threadUrl = new URL(page.url()).pathname;
	await signOutFully(page);

	// The member, in a browser of their own that stays signed in throughout.
	const mine = await browser.newContext();
	const my = await mine.newPage();
	await passwordStep(my, me.email, me.password);
	await visit(my, '/settings/profile');
	const lancashire = await my.getByLabel('Authority').locator('option', { hasText: /^Lancashire$/ }).getAttribute('value');
	const hidden = async () => {
		expect((await my.goto(threadUrl))!.status()).toBe(404);
		expect((await my.goto(`/succession/${lancashire}`))!.status()).toBe(404);
	};
	await hidden();

	await visit(my, '/settings/profile');
	await my.getByLabel('Authority').selectOption({ label: 'Lancashire' });
	await my.getByRole('button', { name: 'Save profile' }).click();
	await expect(my.getByRole('status')).toContainText('sent for approval');
	await expect(my.getByRole('heading', { name: /waiting for approval from Bernadette Kelly, coordinator of the North West network/ })).toBeVisible();
	await expect(my.getByText('Authority: Leeds (Yorkshire and The Humber) to Lancashire (North West)')).toBeVisible();
	expect(await my.getByLabel('Authority').locator('option:checked').textContent()).toBe('Leeds');
	await checkA11y(my);
	await fitsAPhone(my);
	await hidden();

	// Both regions' coordinators are emailed: the destination decides, the source is told.
	const toNorthWest = await waitForMail(BERNADETTE, `Change of authority or role to approve: ${me.name}`);
	expect(toNorthWest.text).toContain('Nothing changes until you approve it');
	const toYorkshire = await waitForMail(GRAHAM, `Change of authority or role to approve: ${me.name}`);
	expect(toYorkshire.text).toContain('The North West coordinator decides');

	// The destination region's coordinator sees it in the workbench and approves.
	await signIn(page, BERNADETTE);
	await visit(page, '/admin');
	await page.getByRole('link', { name: 'Changes of authority or role' }).click();
	const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: me.name }) });
	await expect(item).toContainText('Authority: Leeds (Yorkshire and The Humber) to Lancashire (North West)');
	await checkA11y(page);
	await fitsAPhone(page);
	await hidden();
	await page.getByRole('button', { name: `Approve the change for ${me.name}` }).click();
	await expect(page.getByRole('status')).toContainText('Request approved');
	await checkA11y(page);
	await signOutFully(page);

	// Still signed in, the member now sees the North West thread and Lancashire's checklist.
	expect((await my.goto(threadUrl))!.status()).toBe(200);
	expect((await my.goto(`/succession/${lancashire}`))!.status()).toBe(200);
	await visit(my, '/settings/profile');
	expect(await my.getByLabel('Authority').locator('option:checked').textContent()).toBe('Lancashire');
	await expect(my.getByRole('heading', { name: /waiting for approval/ })).toHaveCount(0);
	expect((await waitForMail(me.email, 'Your change of authority or role was approved')).text).toContain('Lancashire (North West)');
	await mine.close();
});

test('one request at a time: cancel, decline with a reason, an unknown authority, and an admin’s direct change', async ({ page, browser }) => {
	const me = await freshMember(browser, 'Wigan');
	const mine = await browser.newContext();
	const my = await mine.newPage();
	await passwordStep(my, me.email, me.password);

	// A forged authority id is a clear message next to the field, not a server error.
	await visit(my, '/settings/profile');
	await my.getByLabel('Short bio (optional)').fill('Kept after the error');
	// A forged choice: an option the list never had. It is chosen after it is added, as a person
	// would, because Svelte re-applies the select's own value when its options change.
	await my.getByLabel('Authority').evaluate((s: HTMLSelectElement) => {
		const o = document.createElement('option');
		o.value = '99999';
		o.textContent = 'Nowhere';
		s.append(o);
	});
	await my.getByLabel('Authority').selectOption('99999');
	const bad = my.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/settings/profile');
	await my.getByRole('button', { name: 'Save profile' }).click();
	expect((await bad).status()).toBeLessThan(500);
	await expect(my.getByRole('alert')).toContainText('Choose an authority from the list');
	await expect(my.getByLabel('Short bio (optional)')).toHaveValue('Kept after the error');
	await checkA11y(my);

	// Ask, cancel, ask again.
	await visit(my, '/settings/profile');
	await my.getByLabel('Position').selectOption({ label: 'Scrutiny chair' });
	await my.getByRole('button', { name: 'Save profile' }).click();
	await expect(my.getByRole('heading', { name: /waiting for approval from Bernadette Kelly/ })).toBeVisible();
	// A second, different change while one waits is refused.
	await my.getByLabel('Position').selectOption({ label: 'Other' });
	await my.getByRole('button', { name: 'Save profile' }).click();
	await expect(my.getByRole('alert')).toContainText('Cancel that request first');
	await visit(my, '/settings/profile');
	await my.getByRole('button', { name: 'Cancel this request' }).click();
	await expect(my.getByRole('status')).toContainText('Your request has been cancelled');
	await expect(my.getByRole('heading', { name: /waiting for approval/ })).toHaveCount(0);
	await my.getByLabel('Position').selectOption({ label: 'Scrutiny chair' });
	await my.getByRole('button', { name: 'Save profile' }).click();
	await expect(my.getByRole('heading', { name: /waiting for approval/ })).toBeVisible();

	// The North West coordinator declines, with a reason the member is told.
	await signIn(page, BERNADETTE);
	await visit(page, '/admin/place-changes');
	await page.getByRole('link', { name: `Decline ${me.name}’s request` }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(`Decline ${me.name}’s request?`);
	await checkA11y(page);
	await page.getByRole('button', { name: 'Decline the request' }).click();
	await expect(page.getByRole('alert')).toContainText('Enter the reason');
	await checkA11y(page);
	await fitsAPhone(page);
	await page.getByLabel('Reason').fill('Wigan’s scrutiny chair is already on the network; please check with your democratic services team.');
	await page.getByRole('button', { name: 'Decline the request' }).click();
	await expect(page.getByRole('status')).toContainText('Request declined');
	await expect(page.getByRole('table', { name: 'Recently decided requests' })).toContainText(me.name);
	await signOutFully(page);
	expect((await waitForMail(me.email, 'was not approved')).text).toContain('already on the network');
	await visit(my, '/settings/profile');
	await expect(my.getByLabel('Position')).toHaveValue('lead-member');

	// An admin changes it directly, with a reason; it is in the audit trail.
	await signIn(page, 'admin@example.org');
	await page.goto(`/admin/users?q=${encodeURIComponent(me.name)}`);
	await page.getByRole('link', { name: me.name }).first().click();
	await page.waitForURL(/\/admin\/users\/\d+$/);
	await page.getByLabel('Authority').selectOption({ label: 'Bolton' });
	await page.getByRole('button', { name: 'Change authority and role' }).click();
	await expect(page.getByRole('alert')).toContainText('Enter the reason for the change');
	await page.getByLabel('Reason for the change').fill('Moved to Bolton after the boundary review');
	await page.getByRole('button', { name: 'Change authority and role' }).click();
	await expect(page.getByRole('status')).toContainText('Their authority and role have been changed');
	await expect(page.getByText('Bolton (North West)')).toBeVisible();
	await checkA11y(page);
	expect((await waitForMail(me.email, 'An admin changed your authority or role')).text).toContain('boundary review');
	await mine.close();
});
