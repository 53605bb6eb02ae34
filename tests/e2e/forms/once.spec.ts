/**
 * One submit, one record — every form that creates something, with and without JavaScript.
 *
 * For each form: fill it, keep exactly what the browser would send (the one-time token
 * included), submit it (a double click with JavaScript, whose button is disabled while it is
 * sent; a plain click without), then send the same form again as a resubmit after going back or
 * a retry on a flaky connection would. The second send creates nothing and shows the record the
 * first one made. Records are counted in the app's own database (read only).
 */
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { test, expect, checkA11y, signIn, unique } from '../fixtures';
import * as testFiles from '../../support/test-files';

const DB_FILE = resolve(`.test-data/e2e-${process.env.E2E_PORT ?? '4173'}/app.db`);

function count(sql: string, ...params: unknown[]): number {
	const db = new Database(DB_FILE, { readonly: true, fileMustExist: true });
	try {
		return (db.prepare(sql).get(...params) as { n: number }).n;
	} finally {
		db.close();
	}
}

/** A London calendar date `days` from today, as typed into a date field. */
function dateIn(days: number): string {
	const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(Date.now() + days * 86_400_000);
	const get = (t: string) => parts.find((p) => p.type === t)!.value;
	return `${get('year')}-${get('month')}-${get('day')}`;
}

type Mode = 'with JavaScript' | 'without JavaScript';

type FormCase = {
	name: string;
	/** Who signs in, per mode (null: a public form). */
	who: Record<Mode, string | null>;
	/** Goes to the form (`go` loads a page and, with JavaScript, checks it with axe). */
	open: (page: Page, go: (url: string) => Promise<void>) => Promise<void>;
	fill: (page: Page, tag: string) => Promise<void>;
	form: string;
	button: string;
	/** After a successful submit: the page it lands on, or the confirmation it shows. */
	landed: RegExp | { text: string };
	/** How many records this submit's tag (or actor) has in the database. */
	records: (tag: string, who: string | null) => number;
	/** An upload form: the file chosen in `fill`, sent again with the other fields as multipart. */
	file?: (tag: string) => Promise<{ field: string; name: string; mimeType: string; buffer: Buffer }>;
};

/** A small real PDF, named after the submit's tag. */
const pdfFile = async (tag: string) => ({ field: 'file', name: `Panel terms of reference ${tag}.pdf`, mimeType: 'application/pdf', buffer: await testFiles.pdf([`Terms of reference ${tag}`]) });

const memberId = (email: string | null) => count('select id as n from member where email = ?', email);

const CASES: FormCase[] = [
	{
		name: 'new thread',
		who: { 'with JavaScript': 'member@example.org', 'without JavaScript': 'member@example.org' },
		open: async (_page, go) => go('/threads/new'),
		fill: async (page, tag) => {
			await page.getByLabel('Title').fill(`How do you run panel inductions ${tag}?`);
			await page.getByLabel('Category').selectOption({ label: 'Corporate parenting' });
			await page.getByLabel('Your post').fill(`We are planning ours for the new year. ${tag}`);
		},
		form: 'form[action="?/post"]',
		button: 'Post',
		landed: /\/threads\/\d+$/,
		records: (tag) => count("select count(*) as n from thread where title like '%' || ? || '%'", tag)
	},
	{
		name: 'reply',
		who: { 'with JavaScript': 'member@example.org', 'without JavaScript': 'mentor@example.org' },
		open: async (page, go) => {
			// The first thread in the list that takes replies.
			await go('/threads');
			const hrefs = (await page.locator('a[href^="/threads/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))).filter((h) => /^\/threads\/\d+/.test(h));
			for (const href of hrefs) {
				await page.goto(href.replace(/[?#].*$/, ''));
				if (await page.locator('form[action="?/reply"]').count()) break;
			}
			await go(page.url());
		},
		fill: async (page, tag) => void (await page.getByLabel('Your reply').fill(`Thank you, that is useful. ${tag}`)),
		form: 'form[action="?/reply"]',
		button: 'Post reply',
		landed: /\/threads\/\d+\?post=\d+#post-\d+$/,
		records: (tag) => count("select count(*) as n from post where body like '%' || ? || '%'", tag)
	},
	{
		name: 'training log entry',
		who: { 'with JavaScript': 'member@example.org', 'without JavaScript': 'mentor@example.org' },
		open: async (_page, go) => go('/training/new'),
		fill: async (page, tag) => {
			await page.getByLabel('Title').fill(`Corporate parenting panel briefing ${tag}`);
			await page.getByLabel('Authority induction').check();
			await page.getByLabel('Date', { exact: true }).fill(dateIn(-2));
			await page.getByLabel('Hours').fill('2');
		},
		form: 'form:has(button:text("Add to my log"))',
		button: 'Add to my log',
		landed: /\/training\?added=\d+$/,
		records: (tag) => count("select count(*) as n from training_entry where title like '%' || ? || '%'", tag)
	},
	{
		name: 'mentoring meeting log',
		who: { 'with JavaScript': 'esther.adeyemi@example.org', 'without JavaScript': 'nasreen.akhtar@example.org' },
		open: async (page, go) => {
			await go('/mentoring');
			const href = await page.locator('a[href^="/mentoring/pairings/"]').first().getAttribute('href');
			await go(`${href!.replace(/[?#].*$/, '')}/meetings/new`);
		},
		fill: async (page, tag) => {
			await page.getByLabel('Date of the meeting').fill(dateIn(0));
			await page.getByLabel('Length in minutes').fill('45');
			await page.getByRole('group', { name: 'How did you meet?' }).getByLabel('Online').check();
			await page.getByLabel('Notes (optional)').fill(`Talked through the panel’s terms of reference. ${tag}`);
		},
		form: 'form:has(button:text("Log the meeting"))',
		button: 'Log the meeting',
		landed: /\/mentoring\/pairings\/\d+\?done=logged/,
		records: (tag) => count("select count(*) as n from pairing_meeting where notes like '%' || ? || '%'", tag)
	},
	{
		name: 'training event',
		who: { 'with JavaScript': 'coordinator@example.org', 'without JavaScript': 'admin@example.org' },
		open: async (_page, go) => go('/training/events/new'),
		fill: async (page, tag) => {
			// Admins choose national or a region; a coordinator's events are for their region.
			const region = page.getByLabel('Who is it for?');
			if (await region.count()) await region.selectOption({ index: 1 });
			await page.getByLabel('Title').fill(`Regional network meeting ${tag}`);
			await page.getByLabel('Webinar').check();
			await page.getByLabel('Date', { exact: true }).fill(dateIn(40));
			await page.getByLabel('Starts at').fill('10:00');
			await page.getByLabel('Ends at').fill('12:00');
			await page.getByLabel('Link to join online (optional)').fill('https://meet.example.org/network');
		},
		form: 'form:has(button:text("Publish the event"))',
		button: 'Publish the event',
		landed: /\/training\/events\/\d+\?saved=published$/,
		records: (tag) => count("select count(*) as n from training_event where title like '%' || ? || '%'", tag)
	},
	{
		name: 'regional digest',
		who: { 'with JavaScript': 'coordinator@example.org', 'without JavaScript': 'admin@example.org' },
		open: async (_page, go) => go('/digests/new'),
		fill: async (page) => {
			const choose = page.getByRole('group', { name: 'Who is the digest for?' });
			if (await choose.count()) await choose.getByRole('radio').first().check();
		},
		form: 'form:has(button:text("Start"))',
		button: 'Start',
		landed: /\/digests\/\d+\/edit$/,
		// Counted by the digest's id in the address (below): one address, one draft.
		records: () => 1
	},
	{
		name: 'request to join',
		who: { 'with JavaScript': null, 'without JavaScript': null },
		open: async (_page, go) => go('/join'),
		fill: async (page, tag) => {
			await page.getByLabel('Full name').fill('Morgan Ellery');
			await page.getByLabel('Email address').fill(`${tag}@example.net`);
			await page.getByLabel('Authority').selectOption({ label: 'Cumberland' });
			await page.getByLabel('Position').selectOption({ index: 1 });
		},
		form: 'form:has(button:text("Send request"))',
		button: 'Send request',
		landed: { text: 'Thank you – we have your request' },
		records: (tag) => count('select count(*) as n from join_request where email = ?', `${tag}@example.net`)
	},
	{
		name: 'mentor request',
		who: { 'with JavaScript': 'fiona.charlton@example.org', 'without JavaScript': 'imran.hussain@example.org' },
		open: async (_page, go) => go('/mentoring/request'),
		fill: async (page, tag) => {
			await page.getByLabel('What would you like help with?').fill(`Chairing the corporate parenting panel well (${tag})`);
			await page.getByRole('group', { name: 'Which topics should your mentor know well?' }).getByRole('checkbox').first().check();
			await page.getByRole('group', { name: 'Would you like a mentor from your own region?' }).getByRole('radio').last().check();
			await page.getByRole('group', { name: 'Would you like a mentor from your own party or group?' }).getByLabel('No preference').check();
			await page.getByRole('group', { name: 'Does a similar kind of authority matter to you?' }).getByLabel('No preference').check();
			await page.getByRole('group', { name: 'How would you like to meet?' }).getByLabel('Online').check();
		},
		form: 'form:has(button:text("Ask for a mentor"))',
		button: 'Ask for a mentor',
		landed: /\/mentoring\?done=requested$/,
		records: (tag) => count("select count(*) as n from mentor_request where goals like '%' || ? || '%'", tag)
	},
	{
		name: 'invitation',
		who: { 'with JavaScript': 'admin@example.org', 'without JavaScript': 'coordinator@example.org' },
		open: async (_page, go) => go('/admin/invite'),
		fill: async (page, tag) => {
			await page.getByLabel('Full name').fill('Robin Ashdown');
			await page.getByLabel('Email address').fill(`${tag}@example.net`);
			await page.getByLabel('Authority').selectOption({ index: 1 });
			await page.getByLabel('Position').selectOption({ index: 1 });
		},
		form: 'form[action="?/invite"]',
		button: 'Send invitation',
		landed: { text: 'Invitation sent' },
		records: (tag) => count('select count(*) as n from invite where email = ?', `${tag}@example.net`)
	},
	{
		name: 'library document',
		who: { 'with JavaScript': 'member@example.org', 'without JavaScript': 'mentor@example.org' },
		open: async (_page, go) => go('/library/new'),
		fill: async (page, tag) => {
			await page.getByLabel('Template').check();
			await page.getByLabel('Title').fill(`Panel terms of reference ${tag}`);
			await page.getByLabel('Summary').fill(`The terms of reference our corporate parenting panel agreed. ${tag}`);
			await page.getByLabel('Corporate parenting').check();
			const f = await pdfFile(tag);
			await page.getByLabel('File', { exact: true }).setInputFiles({ name: f.name, mimeType: f.mimeType, buffer: f.buffer });
		},
		form: 'form:has(button:text("Upload and share"))',
		button: 'Upload and share',
		landed: /\/library\/\d+\?added=1$/,
		records: (tag) => count("select count(*) as n from library_entry where title like '%' || ? || '%'", tag),
		file: pdfFile
	},
	{
		name: 'library new version',
		who: { 'with JavaScript': 'member@example.org', 'without JavaScript': 'member@example.org' },
		open: async (page, go) => {
			await go('/library?mine=1');
			const href = await page.getByRole('link', { name: 'Corporate parenting strategy 2026 to 2029' }).getAttribute('href');
			await go(`${href}/upload`);
		},
		fill: async (page, tag) => {
			const f = await pdfFile(tag);
			await page.getByLabel('File', { exact: true }).setInputFiles({ name: f.name, mimeType: f.mimeType, buffer: f.buffer });
		},
		form: 'form:has(button:text("Upload"))',
		button: 'Upload',
		landed: /\/library\/\d+\?uploaded=1$/,
		records: (tag) => count("select count(*) as n from library_version where name like '%' || ? || '%'", tag),
		file: pdfFile
	}
];

for (const mode of ['with JavaScript', 'without JavaScript'] as const) {
	test.describe(`one submit, one record ${mode}`, () => {
		for (const c of CASES) {
			test(`${c.name}: a repeated submit creates nothing and shows the record already made`, async ({ browser, baseURL }) => {
				test.setTimeout(120_000);
				const context = await browser.newContext({ javaScriptEnabled: mode === 'with JavaScript', baseURL });
				const page = await context.newPage();
				try {
					const scripts = mode === 'with JavaScript';
					// axe runs inside the page, so it checks these pages in the run with JavaScript.
					const check = async () => {
						if (scripts) await checkA11y(page);
					};
					const go = async (url: string) => {
						await page.goto(url);
						await check();
					};
					const who = c.who[mode];
					if (who) await signIn(page, who, undefined, { axe: scripts });
					await c.open(page, go);
					const tag = unique('once');
					await c.fill(page, tag);
					const form = page.locator(c.form);
					await expect(form.locator('input[name="formToken"]')).toHaveValue(/^[A-Za-z0-9_-]{22}$/);
					// Exactly what the browser will send (repeated names, such as ticked boxes, kept).
					const sent = await form.evaluate((f: HTMLFormElement) => ({ action: f.action, fields: [...new FormData(f)].filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, String(v)] as [string, string]) }));
					const digestsBefore = c.name === 'regional digest' ? count('select count(*) as n from regional_digest where created_by_id = ?', memberId(who)) : 0;
					const button = form.getByRole('button', { name: c.button }).last();
					if (mode === 'with JavaScript') await button.dblclick();
					else await button.click();
					if (c.landed instanceof RegExp) await expect(page).toHaveURL(c.landed);
					else await expect(page.getByText(c.landed.text)).toBeVisible();
					await check();
					const landed = new URL(page.url());

					// The same form again: the back button and "send again", or a phone retrying.
					// As a browser without JavaScript sends it (SvelteKit answers JSON to `Accept: */*`).
					const headers = { accept: 'text/html', origin: new URL(baseURL!).origin };
					let again;
					if (c.file) {
						// An upload form: the same fields and the same file again, as multipart.
						const f = await c.file(tag);
						const body = new FormData();
						for (const [k, v] of sent.fields) body.append(k, v);
						body.append(f.field, new Blob([new Uint8Array(f.buffer)], { type: f.mimeType }), f.name);
						again = await page.request.post(sent.action, { multipart: body, headers, maxRedirects: 0 });
					} else {
						again = await page.request.post(sent.action, {
							data: new URLSearchParams(sent.fields).toString(),
							headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
							maxRedirects: 0
						});
					}
					if (c.landed instanceof RegExp) {
						expect(again.status()).toBe(303);
						const to = new URL(again.headers()['location'], baseURL);
						expect(to.pathname + to.search + to.hash).toBe(landed.pathname + landed.search + landed.hash);
					} else {
						expect(again.status()).toBe(200);
						expect(await again.text()).toContain(c.landed.text);
					}
					expect(c.records(tag, who)).toBe(1);
					if (c.name === 'regional digest') expect(count('select count(*) as n from regional_digest where created_by_id = ?', memberId(who))).toBe(digestsBefore + 1);

					// With JavaScript the text area is empty again after a successful post.
					if (mode === 'with JavaScript' && c.name === 'reply') await expect(page.getByLabel('Your reply')).toHaveValue('');
				} finally {
					await context.close();
				}
			});
		}
	});
}
