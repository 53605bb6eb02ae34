import { test, expect, checkA11y, visit, signIn, signOut } from '../fixtures';
import { fillSignIn, newMember } from './helpers';

// Signing in as the demo admin or coordinator can wait for a fresh two-factor code (30 seconds).
test.describe.configure({ timeout: 180_000 });

test('the admin finds a user, changes their role, deactivates them after confirming, and reactivates them', async ({ page, browser }) => {
	const m = await newMember(browser);
	await signIn(page, 'admin@example.org');
	await visit(page, '/admin');
	for (const tool of ['Requests to join', 'Invite a member', 'Users', 'Coordinators', 'Moderation', 'Discussion categories', 'Succession checklist template', 'Mail delivery', 'Audit trail']) {
		await expect(page.getByRole('link', { name: tool, exact: true })).toBeVisible();
	}
	await page.getByRole('link', { name: 'Users', exact: true }).click();
	await checkA11y(page);
	await page.getByLabel('Name').fill(m.name);
	await page.getByRole('button', { name: 'Search' }).click();
	await expect(page).toHaveURL(/\/admin\/users\?q=/);
	await page.getByRole('link', { name: m.name }).click();
	await expect(page.getByRole('heading', { level: 1, name: m.name })).toBeVisible();
	await checkA11y(page);

	// A coordinator needs a region.
	await page.getByLabel('Regional coordinator').check();
	await page.getByRole('button', { name: 'Save role' }).click();
	await expect(page.getByRole('alert')).toContainText('Choose the region they will coordinate');
	await checkA11y(page);
	await page.getByLabel('Region they coordinate').selectOption({ label: 'South West' });
	await page.getByRole('button', { name: 'Save role' }).click();
	await expect(page.getByRole('status')).toContainText('Their role has been changed.');
	await expect(page.getByRole('definition').filter({ hasText: 'Regional coordinator, South West' })).toBeVisible();

	await visit(page, '/admin/coordinators');
	await expect(page.getByRole('row', { name: /South West/ })).toContainText(m.name);

	// Move them to another authority.
	await page.getByRole('link', { name: m.name }).click();
	await page.getByLabel('Authority').selectOption({ label: 'Plymouth' });
	await page.getByLabel('Reason for the change').fill('Asked for by the South West network');
	await page.getByRole('button', { name: 'Change authority and role' }).click();
	await expect(page.getByRole('status')).toContainText('Their authority and role have been changed.');
	await expect(page.getByText('Plymouth (South West)')).toBeVisible();

	// Deactivating asks once, on its own page.
	await page.getByRole('link', { name: 'Deactivate account' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(`deactivate ${m.name}’s account`);
	await checkA11y(page);
	await page.getByRole('button', { name: 'Yes, deactivate the account' }).click();
	await expect(page.getByText(/This account was deactivated on/)).toBeVisible();
	await checkA11y(page);
	await signOut(page);

	await visit(page, '/login');
	await fillSignIn(page, m.email, m.password);
	await expect(page.getByRole('alert')).toContainText('Enter the email address and password of your account');

	await signIn(page, 'admin@example.org');
	await visit(page, '/admin/users?q=' + encodeURIComponent(m.name));
	await expect(page.getByRole('row', { name: new RegExp(m.name) })).toContainText('Deactivated');
	await page.getByRole('link', { name: m.name }).click();
	await page.getByRole('button', { name: 'Reactivate account' }).click();
	await expect(page.getByRole('status')).toContainText('The account has been reactivated.');
	await signOut(page);
	await signIn(page, m.email, m.password);
});

test('coordinators see only their tools and can invite only into their region', async ({ page }) => {
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/admin');
	await expect(page.getByRole('link', { name: 'Requests to join' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Invite a member' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Users', exact: true })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Local mailbox' })).toHaveCount(0);

	await visit(page, '/admin/invite');
	const groups = await page.getByLabel('Authority').locator('optgroup').evaluateAll((els) => els.map((e) => e.getAttribute('label')));
	expect(groups).toEqual(['North West']);

	for (const path of ['/admin/users', '/admin/coordinators', '/admin/mailbox']) {
		const res = await page.goto(path);
		expect(res?.status(), path).toBe(403);
		await checkA11y(page);
	}
	await page.goto('/');
	await signOut(page);

	await signIn(page, 'member@example.org');
	const res = await page.goto('/admin');
	expect(res?.status()).toBe(403);
	await expect(page.getByRole('heading', { name: 'You cannot see this page' })).toBeVisible();
	await checkA11y(page);
});

test('the member directory filters by region, authority, expertise and new in role, with pages', async ({ page }) => {
	await signIn(page, 'member@example.org');
	await visit(page, '/members');
	const first = await page.getByRole('main').getByRole('listitem').count();
	expect(first).toBeGreaterThan(0);

	await page.getByLabel('Region').selectOption({ label: 'North West' });
	await page.getByLabel('Only members new in the role (under 12 months)').check();
	await page.getByRole('button', { name: 'Search' }).click();
	await expect(page).toHaveURL(/region=north-west/);
	await expect(page).toHaveURL(/new=1/);
	await checkA11y(page);
	const items = page.getByRole('main').getByRole('listitem').filter({ has: page.getByRole('heading') });
	const count = await items.count();
	expect(count).toBeGreaterThan(0);
	for (let i = 0; i < count; i++) {
		await expect(items.nth(i)).toContainText('North West');
		await expect(items.nth(i)).toContainText('New in role');
	}

	await visit(page, '/members?expertise=send');
	await expect(page.getByLabel('Expertise')).toHaveValue('send');
	await expect(items.first()).toContainText('SEND');

	await visit(page, '/members?region=atlantis&authority=abc&expertise=<script>&after=%00zz');
	await expect(page.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible();

	await visit(page, '/members');
	const next = page.getByRole('link', { name: 'More members →' });
	if ((await next.count()) > 0) {
		await next.click();
		await checkA11y(page);
		await expect(page.getByRole('link', { name: '← First page' })).toBeVisible();
	}

	await items.first().getByRole('link').click();
	await expect(page.getByRole('heading', { level: 2, name: 'Expertise' })).toBeVisible();
	await checkA11y(page);
	const missing = await page.goto('/members/no-such-person-here');
	expect(missing?.status()).toBe(404);
	await checkA11y(page);
});

test('the settings pages and the accessibility statement pass axe', async ({ page }) => {
	await signIn(page, 'member@example.org');
	for (const path of ['/settings/profile', '/settings/account', '/settings/sessions', '/members']) {
		await visit(page, path);
		await expect(page).toHaveTitle(/ – Lead Member Network$/);
	}
	await visit(page, '/settings');
	await expect(page).toHaveURL('/settings/profile');
	await expect(page.getByRole('navigation', { name: 'Account settings' }).getByRole('link', { name: 'Profile' })).toHaveAttribute('aria-current', 'page');
	await visit(page, '/accessibility');
	await expect(page.getByRole('heading', { level: 1, name: 'Accessibility statement for the Lead Member Network' })).toBeVisible();
	await expect(page.getByText('WCAG', { exact: false }).first()).toBeVisible();
});
