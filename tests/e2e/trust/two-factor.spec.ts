import { test, expect, visit, checkA11y, signIn, totpCode, waitForMail } from '../fixtures';
import { codeStep, freshMember, passwordStep, signOutFully } from './helpers';

test('a member turns on two-factor, then signs in with a code and with a recovery code', async ({ page, browser }) => {
	test.setTimeout(120_000);
	const me = await freshMember(browser);
	await passwordStep(page, me.email, me.password);

	await visit(page, '/settings/two-factor');
	await expect(page.getByText('Off', { exact: true })).toBeVisible();
	await page.getByRole('link', { name: 'Set up two-factor authentication' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Set up your authenticator app' })).toBeVisible();
	await checkA11y(page);
	await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
	const secret = (await page.getByLabel('Your set-up key').textContent())!.replace(/\s+/g, '');
	expect(secret).toMatch(/^[A-Z2-7]{32}$/);

	// A wrong code is refused with a message that says what to do.
	await page.getByLabel('6-digit code').fill(totpCode(secret) === '000000' ? '111111' : '000000');
	await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
	await expect(page.getByRole('alert')).toContainText('Enter the 6-digit code your authenticator app shows');
	await checkA11y(page);

	await page.getByLabel('6-digit code').fill(totpCode(secret));
	await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
	await expect(page.getByRole('heading', { name: 'Two-factor authentication is on' })).toBeVisible();
	const codes = await page.getByRole('list', { name: 'Your recovery codes' }).locator('code').allTextContents();
	expect(codes).toHaveLength(10);
	await checkA11y(page);
	await page.getByRole('link', { name: 'I have saved my recovery codes' }).click();
	await expect(page.getByText('10 of 10 left')).toBeVisible();
	expect((await waitForMail(me.email, 'Two-factor authentication is now on')).text).toContain('asks for a code');

	// Sign out, then in: the password alone is not enough.
	await signOutFully(page);
	await passwordStep(page, me.email, me.password);
	await expect(page).toHaveURL(/\/login\/two-factor/);
	// Members' pages stay shut until the code is given.
	await page.goto('/members');
	await expect(page).toHaveURL(/\/login\/two-factor\?next=%2Fmembers/);
	// The code used to turn it on was for this 30-second step: use the next step's code (clock skew).
	await codeStep(page, totpCode(secret, 1));
	await expect(page).toHaveURL(/\/members$/);
	await checkA11y(page);

	// Again with a recovery code.
	await signOutFully(page);
	await passwordStep(page, me.email, me.password);
	await codeStep(page, codes[0].toUpperCase());
	await expect(page).toHaveURL(/\/settings\/two-factor\?recovery=9/);
	await expect(page.getByRole('heading', { name: 'You signed in with a recovery code' })).toBeVisible();
	await checkA11y(page);
	expect((await waitForMail(me.email, 'A recovery code was used')).text).toContain('You have 9 left');

	// The same recovery code does not work twice.
	await signOutFully(page);
	await passwordStep(page, me.email, me.password);
	await codeStep(page, codes[0]);
	await expect(page.getByRole('alert')).toContainText('Enter the 6-digit code');
	await checkA11y(page);
	await page.getByRole('button', { name: 'Cancel and sign out' }).click();
	await expect(page).toHaveURL(/\/login$/);
});

test('the demo coordinator and admin sign in with a code from the demo key', async ({ page }) => {
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/settings/two-factor');
	await expect(page.getByText('Coordinators and admins must use two-factor authentication')).toBeVisible();
	await signOutFully(page);
	await signIn(page, 'admin@example.org');
	await visit(page, '/admin');
});

test('a new coordinator can only reach the set-up page until two-factor is on', async ({ page, browser }) => {
	test.setTimeout(120_000);
	const me = await freshMember(browser, 'Lancashire');
	// The admin makes them the North West coordinator.
	const admin = await browser.newContext();
	const adminPage = await admin.newPage();
	await signIn(adminPage, 'admin@example.org');
	await adminPage.goto(`/admin/users?q=${encodeURIComponent(me.name)}`);
	await adminPage.getByRole('link', { name: me.name }).first().click();
	await adminPage.getByLabel('Regional coordinator').check();
	await adminPage.getByLabel('Region they coordinate').selectOption({ label: 'North West' });
	await adminPage.getByRole('button', { name: 'Save role' }).click();
	await expect(adminPage.getByRole('status')).toContainText('Their role has been changed');
	await admin.close();

	await passwordStep(page, me.email, me.password);
	await expect(page).toHaveURL(/\/settings\/two-factor\?required=1/);
	await expect(page.getByRole('heading', { name: 'Set up two-factor authentication to continue' })).toBeVisible();
	await checkA11y(page);
	await page.goto('/threads');
	await expect(page).toHaveURL(/\/settings\/two-factor\?required=1&next=%2Fthreads/);
	const blocked = await page.request.post('/settings/profile', { headers: { origin: new URL(page.url()).origin }, form: { name: 'x' }, maxRedirects: 0 });
	expect(blocked.status()).toBe(403);

	await page.getByRole('link', { name: 'Set up two-factor authentication' }).click();
	const secret = (await page.getByLabel('Your set-up key').textContent())!.replace(/\s+/g, '');
	await page.getByLabel('6-digit code').fill(totpCode(secret));
	await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
	await page.getByRole('link', { name: 'I have saved my recovery codes' }).click();
	await expect(page).toHaveURL(/\/threads$/);
	await visit(page, '/settings/two-factor');
	await expect(page.getByText('cannot be turned off')).toBeVisible();
});
