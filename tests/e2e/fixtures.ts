/**
 * Shared Playwright helpers: axe on every page, signing in, reading the test SMTP server.
 * Every spec imports `test` and `expect` from here.
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';

export const DEMO_PASSWORD = 'lead-member-demo';
const SINK = `http://127.0.0.1:${process.env.SMTP_SINK_HTTP_PORT ?? '2526'}`;

/**
 * Runs axe (WCAG 2.2 A/AA) on the page as it is now and expects no violations, then checks the
 * page does not scroll sideways on a 390px phone (`fitsAPhone`).
 */
export async function checkA11y(page: Page) {
	await page.waitForLoadState('domcontentloaded');
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
	const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join('\n  ')}`);
	expect(summary, `axe violations on ${page.url()}`).toEqual([]);
	await fitsAPhone(page);
}

/**
 * At 390px wide (a phone) the page does not scroll sideways: whatever is wider (a table)
 * scrolls inside its own box. Puts the viewport back as it was.
 */
export async function fitsAPhone(page: Page) {
	const size = page.viewportSize();
	await page.setViewportSize({ width: 390, height: size?.height ?? 844 });
	const { scrollWidth, clientWidth } = await page.evaluate(() => ({
		scrollWidth: document.documentElement.scrollWidth,
		clientWidth: document.documentElement.clientWidth
	}));
	if (size) await page.setViewportSize(size);
	expect(scrollWidth, `sideways scroll at 390px on ${page.url()}: the page is ${scrollWidth}px wide`).toBeLessThanOrEqual(Math.min(390, clientWidth));
}

/** Goes to a URL and checks it with axe (and at a phone's width). */
export async function visit(page: Page, url: string) {
	const response = await page.goto(url);
	await checkA11y(page);
	return response;
}

/**
 * The demo's published two-factor key (admin@ and coordinator@ use it; see the README). Any
 * account given this key in a test can sign in through `signIn` too.
 */
export const DEMO_TOTP_SECRET = 'LEADMEMBERNETWORKDEMOTWOFACTOR22';

/** The code an authenticator app holding `secret` shows now (or `stepsAhead` steps later). */
export function totpCode(secret = DEMO_TOTP_SECRET, stepsAhead = 0, now = Date.now()): string {
	return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(now / 30_000) + stepsAhead), 6);
}

// Remembered-browser cookies per account, so later sign-ins in this worker skip the code
// (as a member's own browser would). A code works once per 30 seconds, and many specs sign
// in as the same demo accounts.
const rememberedBrowsers = new Map<string, string>();

/** Answers the "Enter your code" step with a code from `secret`, ticking "remember this browser". */
export async function giveTwoFactorCode(page: Page, email: string, secret = DEMO_TOTP_SECRET) {
	for (let attempt = 0; attempt < 4; attempt++) {
		// Now, then the next step (accepted for clock skew) if now's code was just used by
		// another test; then wait for a fresh step and try again.
		if (attempt === 2) await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 250);
		await page.getByLabel('Code from your authenticator app').fill(totpCode(secret, attempt % 2));
		const remember = page.getByLabel(/Do not ask for a code on this browser/);
		if (!(await remember.isChecked())) await remember.check();
		const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login/two-factor');
		await page.getByRole('button', { name: 'Continue', exact: true }).click();
		const body = await (await answer).text();
		if (!body.includes('"type":"failure"')) break;
	}
	await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });
	const device = (await page.context().cookies()).find((c) => c.name === 'device');
	if (device) rememberedBrowsers.set(email, device.value);
}

/**
 * Signs in through the form (and checks the sign-in page with axe once per call). When the
 * account uses two-factor authentication, gives a code from the demo key.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, opts: { axe?: boolean } = {}) {
	const remembered = rememberedBrowsers.get(email);
	if (remembered) {
		const origin = base.info().project.use.baseURL ?? 'http://127.0.0.1:4173';
		await page.context().addCookies([{ name: 'device', value: remembered, url: origin, httpOnly: true, sameSite: 'Lax' }]);
	}
	// axe runs inside the page, so a context with JavaScript off signs in without it (`axe: false`).
	if (opts.axe === false) await page.goto('/login');
	else await visit(page, '/login');
	await page.getByLabel('Email address').first().fill(email);
	await page.getByLabel('Password', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	await page.waitForURL((u) => u.pathname !== '/login', { timeout: 15_000 });
	if (new URL(page.url()).pathname.startsWith('/login/two-factor')) await giveTwoFactorCode(page, email);
	await expect(page).not.toHaveURL(/\/login/);
}

export async function signOut(page: Page) {
	// The header's sign-out reloads /login as a whole page after the form's own redirect; wait
	// for that reload, or the next page.goto is "interrupted by another navigation".
	const reloaded = page
		.waitForResponse((r) => new URL(r.url()).pathname === '/login' && r.request().resourceType() === 'document', { timeout: 15_000 })
		.catch(() => null);
	await page.getByRole('button', { name: 'Sign out' }).click();
	await reloaded;
	await expect(page).toHaveURL(/\/login/);
}

export type SinkMail = {
	to: string[];
	subject: string;
	text: string;
	html: string;
	headers: Record<string, string>;
	attachments: { contentType: string; filename: string; content: string }[];
};

/** Waits for an email to `to` (optionally whose subject matches) to reach the test SMTP server. */
export async function waitForMail(to: string, subject?: RegExp | string, timeoutMs = 15_000): Promise<SinkMail> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const res = await fetch(`${SINK}/messages?to=${encodeURIComponent(to)}`);
		const list = (await res.json()) as SinkMail[];
		const found = list.reverse().find((m) => !subject || (typeof subject === 'string' ? m.subject.includes(subject) : subject.test(m.subject)));
		if (found) return found;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`No email to ${to}${subject ? ` matching ${subject}` : ''} within ${timeoutMs} ms`);
}

/** The first link in an email's text part whose path matches. */
export function linkIn(mail: SinkMail, pathPattern: RegExp): string {
	const url = mail.text.match(/https?:\/\/\S+/g)?.find((u) => pathPattern.test(new URL(u).pathname));
	if (!url) throw new Error(`No link matching ${pathPattern} in "${mail.subject}"`);
	return new URL(url).pathname + new URL(url).search;
}

/** A unique suffix so parallel tests don't collide. */
export function unique(prefix = 'x') {
	return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export const test = base;
export { expect };
