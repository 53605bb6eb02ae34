/** Helpers for the trust specs: a brand-new member made through the real invite flow, and signing in step by step. */
import type { Browser, Page } from '@playwright/test';
import { checkA11y, expect, linkIn, signIn, unique, visit, waitForMail } from '../fixtures';

export type Fresh = { name: string; email: string; password: string };

/** A new member, invited by the admin and accepted in a browser of its own (then closed). */
export async function freshMember(browser: Browser, authority = 'Lancashire'): Promise<Fresh> {
	const id = unique('t');
	const who = { name: `Trust ${id}`, email: `${id}@council.example.org`, password: `correct horse ${id} staple` };
	const adminContext = await browser.newContext();
	const admin = await adminContext.newPage();
	await signIn(admin, 'admin@example.org');
	await admin.goto('/admin/invite');
	await admin.getByLabel('Full name').fill(who.name);
	await admin.getByLabel('Email address').fill(who.email);
	await admin.getByLabel('Authority').selectOption({ label: authority });
	await admin.getByLabel('Position').selectOption({ label: 'Lead Member' });
	await admin.getByRole('button', { name: 'Send invitation' }).click();
	await expect(admin.getByRole('status')).toContainText(`We have emailed ${who.email}`);
	await adminContext.close();
	const link = linkIn(await waitForMail(who.email, 'invitation'), /^\/invite\//);
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(link);
	// Fill only once the page is hydrated: hydration can reset a field typed into before it.
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Full name').fill(who.name);
	await page.getByLabel('Choose a password').fill(who.password);
	await page.getByLabel('Confirm your password').fill(who.password);
	await page.getByRole('button', { name: 'Create my account' }).click();
	await expect(page).toHaveURL(/\/settings\/profile/);
	await context.close();
	return who;
}

/** Fills the sign-in form (password step only) and waits to leave /login. */
export async function passwordStep(page: Page, email: string, password: string) {
	await visit(page, '/login');
	await page.getByLabel('Email address').first().fill(email);
	await page.getByLabel('Password', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	await page.waitForURL((u) => u.pathname !== '/login');
}

/** Enters a code on the "Enter your code" page and presses Continue (no "remember"). */
export async function codeStep(page: Page, code: string) {
	await expect(page).toHaveURL(/\/login\/two-factor/);
	await checkA11y(page);
	await page.getByLabel('Code from your authenticator app').fill(code);
	await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

/**
 * Signs out with the header button and waits for the full page load of /login that follows
 * (the layout reloads the page after signing out), so the next navigation is not interrupted.
 */
export async function signOutFully(page: Page) {
	const reloaded = page.waitForResponse((r) => new URL(r.url()).pathname === '/login' && r.request().resourceType() === 'document');
	await page.getByRole('button', { name: 'Sign out' }).click();
	await reloaded;
	await page.waitForLoadState('load');
	await expect(page).toHaveURL(/\/login$/);
}
