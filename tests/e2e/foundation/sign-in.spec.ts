import { test, expect, checkA11y, visit, signIn, signOut, unique, waitForMail, linkIn } from '../fixtures';
import { fillSignIn, newMember } from './helpers';

// Signing in as the demo admin or coordinator can wait for a fresh two-factor code (30 seconds).
test.describe.configure({ timeout: 180_000 });

test('a forgotten password is reset through the emailed link', async ({ page, browser }) => {
	const m = await newMember(browser);

	// Registered and unregistered addresses get the same answer.
	const stranger = `${unique('nobody')}@council.example.org`;
	await visit(page, '/reset');
	await page.getByLabel('Email address').fill(stranger);
	await page.getByRole('button', { name: 'Send me a reset link' }).click();
	await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
	const strangerAnswer = (await page.getByRole('main').innerText()).replace(stranger, 'ADDRESS');

	await visit(page, '/reset');
	await page.getByLabel('Email address').fill(m.email);
	await page.getByRole('button', { name: 'Send me a reset link' }).click();
	await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
	await checkA11y(page);
	expect((await page.getByRole('main').innerText()).replace(m.email, 'ADDRESS')).toBe(strangerAnswer);

	const mail = await waitForMail(m.email, 'Reset your Lead Member Network password');
	const link = linkIn(mail, /^\/reset\//);
	await visit(page, link);
	await page.getByLabel('New password', { exact: true }).fill('short');
	await page.getByLabel('Confirm new password').fill('short');
	await page.getByRole('button', { name: 'Save new password' }).click();
	await expect(page.getByRole('alert')).toContainText('Enter a password of at least 12 characters');
	await checkA11y(page);

	const fresh = `a fresh passphrase ${unique()}`;
	await page.getByLabel('New password', { exact: true }).fill(fresh);
	await page.getByLabel('Confirm new password').fill(fresh);
	await page.getByRole('button', { name: 'Save new password' }).click();
	await expect(page).toHaveURL('/?password=reset');
	await signOut(page);

	// The link works once; the old password no longer works; the new one does.
	await visit(page, link);
	await expect(page.getByRole('heading', { name: 'This reset link cannot be used' })).toBeVisible();
	await visit(page, '/login');
	await fillSignIn(page, m.email, m.password);
	await expect(page.getByRole('alert')).toContainText('Enter the email address and password of your account');
	await signIn(page, m.email, fresh);
});

test('a sign-in link signs in once', async ({ page, browser }) => {
	const m = await newMember(browser);
	await visit(page, '/login');
	await page.locator('#link-email').fill(m.email);
	await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
	await expect(page.getByRole('status')).toContainText(`If ${m.email} belongs to a member, we have sent a sign-in link`);
	await checkA11y(page);

	const mail = await waitForMail(m.email, 'Your sign-in link');
	const link = linkIn(mail, /^\/login\/link\//);
	// Opening the link does not use it (mail scanners follow links); pressing the button does.
	await visit(page, link);
	await visit(page, link);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL('/');
	await expect(page.getByRole('link', { name: new RegExp(m.name) })).toBeVisible();
	await signOut(page);

	await visit(page, link);
	await expect(page.getByRole('heading', { name: 'This sign-in link cannot be used' })).toBeVisible();
	await expect(page.getByText('already been used')).toBeVisible();
});

test('unknown links say so clearly, never an error page', async ({ page }) => {
	for (const [path, heading] of [
		['/reset/not-a-real-token', 'This reset link cannot be used'],
		['/login/link/not-a-real-token', 'This sign-in link cannot be used'],
		['/invite/not-a-real-token', 'This invitation cannot be used'],
		['/settings/email/confirm/not-a-real-token', 'This confirmation link cannot be used']
	] as const) {
		const res = await visit(page, path);
		expect(res?.status(), path).toBe(200);
		await expect(page.getByRole('heading', { name: heading })).toBeVisible();
	}
});

test('an ended session sends you to sign in, then back to where you were', async ({ page, browser }) => {
	const m = await newMember(browser);
	await signIn(page, m.email, m.password);

	// The same member signs in on another device and signs out everywhere else.
	const other = await browser.newContext();
	const phone = await other.newPage();
	await signIn(phone, m.email, m.password);
	await visit(phone, '/settings/sessions');
	// One heading per session (the success banner's "Success" heading is not a session).
	const sessions = phone.getByRole('main').getByRole('heading', { level: 2 }).filter({ hasNotText: /^Success$/ });
	await expect(sessions).toHaveCount(2);
	await expect(phone.getByText('This browser')).toHaveCount(1);
	await phone.getByRole('button', { name: 'Sign out everywhere else' }).click();
	await expect(phone.getByRole('status')).toContainText('One session has been ended.');
	await expect(sessions).toHaveCount(1);
	await checkA11y(phone);
	await other.close();

	// Back on the first browser, the session has ended.
	await page.goto('/members?q=Test&new=1');
	await expect(page).toHaveURL(/\/login\?next=%2Fmembers%3Fq%3DTest%26new%3D1$/);
	await expect(page.getByText('Sign in to continue. You will go back to the page you were on.')).toBeVisible();
	await checkA11y(page);
	await fillSignIn(page, m.email, m.password);
	await expect(page).toHaveURL('/members?q=Test&new=1');
	await expect(page.getByLabel('Name')).toHaveValue('Test');
	await checkA11y(page);
});

test('a changed password signs out the other sessions; the email change is confirmed from the new address', async ({ page, browser }) => {
	const m = await newMember(browser);
	const other = await browser.newContext();
	const laptop = await other.newPage();
	await signIn(laptop, m.email, m.password);
	await signIn(page, m.email, m.password);

	await visit(page, '/settings/account');
	const next = `another passphrase ${unique()}`;
	await page.getByLabel('Current password').fill(m.password);
	await page.getByLabel('New password', { exact: true }).fill(next);
	await page.getByLabel('Confirm new password').fill(next);
	await page.getByRole('button', { name: 'Change password' }).click();
	await expect(page.getByRole('status')).toContainText('Your password has been changed');
	await checkA11y(page);

	await laptop.goto('/settings/sessions');
	await expect(laptop).toHaveURL(/\/login\?next=/);
	await other.close();

	const moved = `${unique('moved')}@council.example.org`;
	await page.getByLabel('New email address').fill(moved);
	await page.getByLabel('Your password').fill(next);
	await page.getByRole('button', { name: 'Change email address' }).click();
	await expect(page.getByRole('status')).toContainText(`We have sent a link to ${moved}`);
	const mail = await waitForMail(moved, 'Confirm your new email address');
	await visit(page, linkIn(mail, /^\/settings\/email\/confirm\//));
	await page.getByRole('button', { name: 'Confirm email address' }).click();
	await expect(page.getByRole('heading', { name: 'Your email address has changed' })).toBeVisible();
	await checkA11y(page);
	await page.goto('/');
	await signOut(page);
	await signIn(page, moved, next);
});
