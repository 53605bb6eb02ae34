/**
 * Shared Playwright helpers: axe on every page, signing in, reading the test SMTP server.
 * Every spec imports `test` and `expect` from here.
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'lead-member-demo';
const SINK = `http://127.0.0.1:${process.env.SMTP_SINK_HTTP_PORT ?? '2526'}`;

/** Runs axe (WCAG 2.2 A/AA) on the page as it is now and expects no violations. */
export async function checkA11y(page: Page) {
	await page.waitForLoadState('domcontentloaded');
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
	const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join('\n  ')}`);
	expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** Goes to a URL and checks it with axe. */
export async function visit(page: Page, url: string) {
	const response = await page.goto(url);
	await checkA11y(page);
	return response;
}

/** Signs in through the form (and checks the sign-in page with axe once per call). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
	await visit(page, '/login');
	await page.getByLabel('Email address').first().fill(email);
	await page.getByLabel('Password', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

export async function signOut(page: Page) {
	await page.getByRole('button', { name: 'Sign out' }).click();
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
