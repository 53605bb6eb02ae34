/** Helpers for the foundation specs: a brand-new member of our own, made through the real invite flow. */
import type { Browser, Page } from '@playwright/test';
import { checkA11y, expect, linkIn, signIn, signOut, unique, visit, waitForMail } from '../fixtures';

export type NewMember = { name: string; email: string; password: string; handle: string };

/** An admin invites a new address from /admin/invite; returns the invitation link's path. */
export async function inviteAsAdmin(page: Page, who: { name: string; email: string; authority?: string; position?: string }): Promise<string> {
	await signIn(page, 'admin@example.org');
	await visit(page, '/admin/invite');
	await page.getByLabel('Full name').fill(who.name);
	await page.getByLabel('Email address').fill(who.email);
	await page.getByLabel('Authority').selectOption({ label: who.authority ?? 'Cumberland' });
	await page.getByLabel('Position').selectOption({ label: who.position ?? 'Lead Member' });
	await page.getByRole('button', { name: 'Send invitation' }).click();
	await expect(page.getByRole('status')).toContainText(`We have emailed ${who.email}`);
	await checkA11y(page);
	await signOut(page);
	const mail = await waitForMail(who.email, 'invitation');
	return linkIn(mail, /^\/invite\//);
}

/** Accepts an invitation in the page's browser; ends signed in, on the profile page. */
export async function acceptInvite(page: Page, link: string, name: string, password: string) {
	await visit(page, link);
	await page.getByLabel('Full name').fill(name);
	await page.getByLabel('Choose a password').fill(password);
	await page.getByLabel('Confirm your password').fill(password);
	await page.getByRole('button', { name: 'Create my account' }).click();
	await expect(page).toHaveURL(/\/settings\/profile\?welcome=1$/);
}

/** A new member of the network, invited by the admin and accepted, in a browser of its own (then closed). */
export async function newMember(browser: Browser, authority = 'Cumberland'): Promise<NewMember> {
	const context = await browser.newContext();
	const page = await context.newPage();
	const id = unique('m');
	const member = { name: `Test ${id}`, email: `${id}@council.example.org`, password: `correct horse ${id} staple` };
	const link = await inviteAsAdmin(page, { name: member.name, email: member.email, authority });
	await acceptInvite(page, link, member.name, member.password);
	const handle = member.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
	await signOut(page);
	await context.close();
	return { ...member, handle };
}

/** Fills the sign-in form already on screen (e.g. after a redirect that remembers where to return). */
export async function fillSignIn(page: Page, email: string, password: string) {
	await page.getByLabel('Email address').first().fill(email);
	await page.getByLabel('Password', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}
