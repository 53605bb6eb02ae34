import type { Page } from '@playwright/test';
import { test, expect, checkA11y, visit, signIn, signOut, unique, waitForMail, linkIn } from '../fixtures';

// Signing in as the demo admin or coordinator can wait for a fresh two-factor code (30 seconds).
test.describe.configure({ timeout: 180_000 });

/** Someone outside the network asks to join from /join. */
async function askToJoin(page: Page, name: string, email: string, authority: string) {
	await visit(page, '/join');
	await page.getByLabel('Full name').fill(name);
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Authority').selectOption({ label: authority });
	await page.getByLabel('Position').selectOption({ label: 'Scrutiny chair' });
	await page.getByLabel('Message to your coordinator (optional)').fill('I chair children’s scrutiny and would like to join.');
	await page.getByRole('button', { name: 'Send request' }).click();
	await expect(page.getByRole('heading', { name: 'Thank you – we have your request' })).toBeVisible();
	await checkA11y(page);
}

test('a request to join is approved by the region’s coordinator and the invitation arrives', async ({ page }) => {
	const id = unique('join');
	const name = `Morwenna ${id}`;
	const email = `${id}@council.example.org`;
	await askToJoin(page, name, email, 'Blackpool');

	// The North West coordinator is told, with a link to the requests.
	const notice = await waitForMail('coordinator@example.org', `Request to join from “${name}”`);
	expect(linkIn(notice, /^\/admin\/join-requests$/)).toBe('/admin/join-requests');

	await signIn(page, 'coordinator@example.org');
	await visit(page, '/admin');
	await page.getByRole('link', { name: 'Requests to join' }).click();
	await expect(page).toHaveURL('/admin/join-requests');
	await checkA11y(page);
	const card = page.getByRole('listitem').filter({ hasText: email });
	await expect(card).toContainText('Blackpool');
	await expect(card).toContainText('Scrutiny chair');
	await card.getByRole('button', { name: /Approve and invite/ }).click();
	await expect(page.getByRole('status')).toContainText('We have emailed them an invitation');
	await expect(page.getByRole('listitem').filter({ hasText: email })).toHaveCount(0);
	await expect(page.getByRole('row').filter({ hasText: name })).toContainText('Invited');
	await checkA11y(page);

	const invitation = await waitForMail(email, 'invitation');
	expect(invitation.text).toContain('Blackpool');
	await signOut(page);
	await visit(page, linkIn(invitation, /^\/invite\//));
	await expect(page.getByRole('heading', { name: 'Join the Lead Member Network' })).toBeVisible();
	await expect(page.getByLabel('Full name')).toHaveValue(name);
});

test('a declined request gets a polite email, after one confirmation', async ({ page }) => {
	const id = unique('decl');
	const name = `Tobias ${id}`;
	const email = `${id}@council.example.org`;
	await askToJoin(page, name, email, 'Wirral');
	await waitForMail('coordinator@example.org', `Request to join from “${name}”`);

	await signIn(page, 'coordinator@example.org');
	await visit(page, '/admin/join-requests');
	await page
		.getByRole('listitem')
		.filter({ hasText: email })
		.getByRole('link', { name: /Decline/ })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Decline ${name}’s request to join?`);
	await checkA11y(page);
	await page.getByRole('link', { name: 'No, go back' }).click();
	await expect(page.getByRole('listitem').filter({ hasText: email })).toHaveCount(1);

	await page
		.getByRole('listitem')
		.filter({ hasText: email })
		.getByRole('link', { name: /Decline/ })
		.click();
	await page.getByRole('button', { name: 'Yes, decline the request' }).click();
	await expect(page).toHaveURL('/admin/join-requests?declined=1');
	await expect(page.getByRole('status')).toContainText('Request declined');
	await checkA11y(page);

	const mail = await waitForMail(email, 'Your request to join');
	expect(mail.text).toContain('Thank you for asking to join');
	expect(mail.text).not.toMatch(/\/invite\//);
});

test('a coordinator only sees and decides their own region’s requests', async ({ page }) => {
	const id = unique('other');
	const name = `Ines ${id}`;
	const email = `${id}@council.example.org`;
	await askToJoin(page, name, email, 'Bristol, City of');

	await signIn(page, 'coordinator@example.org');
	await visit(page, '/admin/join-requests');
	await expect(page.getByText(email)).toHaveCount(0);
	await signOut(page);

	// The admin sees every region's requests.
	await signIn(page, 'admin@example.org');
	await visit(page, '/admin/join-requests');
	await expect(page.getByRole('listitem').filter({ hasText: email })).toContainText('South West');
});
