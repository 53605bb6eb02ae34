import { test, expect, checkA11y, visit, signIn, signOut, unique } from '../fixtures';
import { acceptInvite, inviteAsAdmin } from './helpers';

// Signing in as the demo admin or coordinator can wait for a fresh two-factor code (30 seconds).
test.describe.configure({ timeout: 180_000 });

test('an invited person accepts, signs in, edits their profile and signs out', async ({ page }) => {
	const id = unique('inv');
	const name = `Alys ${id}`;
	const email = `${id}@council.example.org`;
	const password = `seven orchards ${id} blue`;

	// The admin invites them; the invitation email arrives with a link.
	const link = await inviteAsAdmin(page, { name, email, authority: 'Cumberland', position: 'Deputy Lead Member' });
	expect(link).toMatch(/^\/invite\/[a-z0-9]{26,}$/);

	// They accept: name and password, then they are signed in and welcomed on their profile.
	await acceptInvite(page, link, name, password);
	await expect(page.getByRole('heading', { name: 'Welcome to the Lead Member Network' })).toBeVisible();
	await checkA11y(page);

	// The link works once.
	await signOut(page);
	await visit(page, link);
	await expect(page.getByRole('heading', { name: 'This invitation cannot be used' })).toBeVisible();
	await expect(page.getByText('already been used')).toBeVisible();

	// They sign in with the password they chose.
	await signIn(page, email, password);
	await expect(page).toHaveURL('/');

	// They edit their profile.
	await visit(page, '/settings/profile');
	await expect(page.getByLabel('Full name')).toHaveValue(name);
	await expect(page.getByLabel('Authority')).toHaveValue(/\d+/);
	await expect(page.getByLabel('Position')).toHaveValue('deputy');
	await page.getByLabel('Party or group (optional)').fill('Independent');
	await page.getByLabel('In the role since (optional)').fill('2026-05-14');
	await page.getByLabel('Professional background (optional)').fill('Former foster carer');
	await page.getByLabel('SEND', { exact: true }).check();
	await page.getByLabel('Care leavers', { exact: true }).check();
	await page.getByLabel('Short bio (optional)').fill(`Deputy for children’s services in Cumberland since May.\nAsk me about ${id}.`);
	await page.getByRole('button', { name: 'Save profile' }).click();
	await expect(page.getByRole('status')).toContainText('Your profile has been saved');
	await expect(page.getByLabel('Party or group (optional)')).toHaveValue('Independent');
	await checkA11y(page);

	// The profile as other members see it, and in the directory with "New in role".
	await page.getByRole('link', { name: 'See it as other members do' }).click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
	await expect(page.getByText(`Ask me about ${id}.`)).toBeVisible();
	await expect(page.getByText('Former foster carer')).toBeVisible();
	await expect(page.getByText('New in role')).toBeVisible();
	await expect(page.getByText('14 May 2026')).toBeVisible();
	await checkA11y(page);

	await visit(page, `/members?q=${encodeURIComponent(id)}`);
	const result = page.getByRole('listitem').filter({ hasText: name });
	await expect(result).toHaveCount(1);
	await expect(result.getByText('New in role')).toBeVisible();
	await expect(result.getByText('Care leavers')).toBeVisible();

	await signOut(page);
	await visit(page, '/settings/profile');
	await expect(page).toHaveURL(/\/login\?next=%2Fsettings%2Fprofile/);
});
