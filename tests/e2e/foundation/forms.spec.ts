/** Bad input on each form: the error summary at the top links to the field, and what was typed stays. */
import type { Page } from '@playwright/test';
import { test, expect, checkA11y, visit, signIn, unique } from '../fixtures';
import { inviteAsAdmin } from './helpers';

// Signing in as the demo admin or coordinator can wait for a fresh two-factor code (30 seconds).
test.describe.configure({ timeout: 180_000 });

/** Expects the error summary with this message, linking to the field with this id, and checks axe. */
async function expectError(page: Page, message: string | RegExp, fieldId: string) {
	const summary = page.getByRole('alert');
	await expect(summary).toBeVisible();
	await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
	const link = summary.getByRole('link', { name: message });
	await expect(link).toHaveAttribute('href', `#${fieldId}`);
	await expect(page.locator(`#${fieldId}`)).toHaveAttribute('aria-invalid', 'true');
	await checkA11y(page);
}

test('sign in, reset and join keep what was typed', async ({ page }) => {
	await visit(page, '/login');
	await page.getByLabel('Email address').first().fill('member@example.org');
	await page.getByLabel('Password', { exact: true }).fill('definitely not it');
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	await expectError(page, /Enter the email address and password of your account/, 'email');
	await expect(page.locator('#email')).toHaveValue('member@example.org');

	await page.locator('#link-email').fill('not an address');
	await page.locator('#link-email').evaluate((el) => el.closest('form')!.setAttribute('novalidate', ''));
	await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
	await expectError(page, /right format/, 'link-email');
	await expect(page.locator('#link-email')).toHaveValue('not an address');

	await visit(page, '/reset');
	await page.locator('form').evaluate((f) => f.setAttribute('novalidate', ''));
	await page.getByLabel('Email address').fill('someone@');
	await page.getByRole('button', { name: 'Send me a reset link' }).click();
	await expectError(page, /right format/, 'email');
	await expect(page.getByLabel('Email address')).toHaveValue('someone@');

	await visit(page, '/join');
	await page.getByLabel('Full name').fill('Keep Me Typed');
	await page.getByLabel('Email address').fill('keep@council.example.org');
	await page.getByLabel('Message to your coordinator (optional)').fill('Still here after the error');
	await page.getByRole('button', { name: 'Send request' }).click();
	await expectError(page, 'Choose an authority from the list', 'authorityId');
	await expect(page.getByLabel('Full name')).toHaveValue('Keep Me Typed');
	await expect(page.getByLabel('Email address')).toHaveValue('keep@council.example.org');
	await expect(page.getByLabel('Message to your coordinator (optional)')).toHaveValue('Still here after the error');

	// The error summary's links move focus to the field.
	await page.getByRole('alert').getByRole('link', { name: 'Choose an authority from the list' }).click();
	await expect(page.getByLabel('Authority')).toBeFocused();
});

test('invitation acceptance keeps the name; a too-long name is refused with a message', async ({ page }) => {
	const id = unique('bad');
	const link = await inviteAsAdmin(page, { name: `Bad ${id}`, email: `${id}@council.example.org` });
	await visit(page, link);
	await page.getByLabel('Full name').fill(`Kept ${id}`);
	await page.getByLabel('Choose a password').fill('password1234');
	await page.getByLabel('Confirm your password').fill('password1234');
	await page.getByRole('button', { name: 'Create my account' }).click();
	await expectError(page, /most common/, 'password');
	await expect(page.getByLabel('Full name')).toHaveValue(`Kept ${id}`);

	await page.getByLabel('Full name').evaluate((el) => el.removeAttribute('maxlength'));
	await page.getByLabel('Full name').fill('x'.repeat(201));
	await page.getByLabel('Choose a password').fill('a perfectly good passphrase');
	await page.getByLabel('Confirm your password').fill('a different passphrase');
	await page.getByRole('button', { name: 'Create my account' }).click();
	await expectError(page, 'Enter your full name of at most 200 characters', 'name');
	await expect(page.getByLabel('Full name')).toHaveValue('x'.repeat(201));
});

test('profile and account settings keep what was typed', async ({ page }) => {
	await signIn(page, 'mentor@example.org');
	await visit(page, '/settings/profile');
	const bio = 'b'.repeat(20_001);
	await page.getByLabel('Party or group (optional)').fill('Typed party');
	await page.getByLabel('Short bio (optional)').fill(bio);
	await page.getByLabel('Full name').fill('');
	await page.getByRole('button', { name: 'Save profile' }).click();
	await expectError(page, 'Enter your full name', 'name');
	await expect(page.getByRole('alert')).toContainText('Enter your short bio of at most 20,000 characters');
	await expect(page).toHaveTitle(/^Error: /);
	await expect(page.getByLabel('Party or group (optional)')).toHaveValue('Typed party');
	await expect(page.getByLabel('Short bio (optional)')).toHaveValue(bio);
	await expect(page.getByLabel('Full name')).toHaveValue('');

	await visit(page, '/settings/account');
	await page.getByLabel('New email address').fill('somewhere-new@council.example.org');
	await page.getByLabel('Your password').fill('not my password at all');
	await page.getByRole('button', { name: 'Change email address' }).click();
	await expectError(page, 'Your password is not right', 'emailPassword');
	await expect(page.getByLabel('New email address')).toHaveValue('somewhere-new@council.example.org');

	await page.getByLabel('Current password').fill('lead-member-demo');
	await page.getByLabel('New password', { exact: true }).fill('one long passphrase');
	await page.getByLabel('Confirm new password').fill('another long passphrase');
	await page.getByRole('button', { name: 'Change password' }).click();
	await expectError(page, 'Enter the same new password twice', 'confirm');
});

test('admin forms keep what was typed', async ({ page }) => {
	await signIn(page, 'admin@example.org');
	await visit(page, '/admin/invite');
	await page.getByLabel('Full name').fill('Half Typed');
	await page.getByLabel('Email address').fill('member@example.org');
	await page.getByLabel('Authority').selectOption({ label: 'Lancashire' });
	await page.getByLabel('Position').selectOption({ label: 'Lead Member' });
	await page.getByRole('button', { name: 'Send invitation' }).click();
	await expectError(page, 'This person is already a member of the network', 'email');
	await expect(page.getByLabel('Full name')).toHaveValue('Half Typed');
	await expect(page.getByLabel('Authority')).toHaveValue(/\d+/);

	await visit(page, '/admin/coordinators');
	await page.getByLabel('Their email address').fill('no-such-person@example.org');
	await page.getByLabel('Region', { exact: true }).selectOption({ label: 'London' });
	await page.getByRole('button', { name: 'Appoint coordinator' }).click();
	await expectError(page, 'There is no active member with that email address', 'email');
	await expect(page.getByLabel('Their email address')).toHaveValue('no-such-person@example.org');
	await expect(page.getByLabel('Region', { exact: true })).toHaveValue('london');
});
