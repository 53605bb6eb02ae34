/**
 * Mail in, end to end (issue 14): a member's reply sent with nodemailer into the app's built-in
 * SMTP receiver is posted in the thread (checked on the page), a follower and the member it
 * mentions are notified through the outbox and the test SMTP server, and the replier gets a confirmation. The webhook
 * takes the same message shape with its secret. Admins see every message on "Mail in".
 *
 * The reply address is made with the app's own reply-keys module on the app's database and
 * secret (the test reads them where the e2e server keeps them), as the outgoing email would.
 */
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { checkA11y, expect, signIn, test, unique, visit, waitForMail } from '../fixtures';

const E2E_PORT = Number(process.env.E2E_PORT ?? '4173');
const INBOUND_PORT = Number(process.env.INBOUND_SMTP_PORT ?? E2E_PORT + 3);
const SECRET = process.env.INBOUND_SECRET ?? 'e2e-inbound-secret';

/** The app's reply address for a demo member and a thread, from its own database and secret. */
async function replyAddressFor(email: string, threadId: number): Promise<string> {
	const dataDir = resolve(`.test-data/e2e-${E2E_PORT}`);
	process.env.DATA_DIR = dataDir;
	process.env.DATABASE_PATH = join(dataDir, 'app.db');
	const keys = await import('../../../src/lib/server/mail/reply-keys');
	const members = await import('../../../src/lib/server/network/members');
	const m = members.findByEmail(email);
	if (!m) throw new Error(`No member ${email}`);
	return keys.replyAddress(m.id, { kind: 'thread', id: threadId });
}

/** Starts a thread through the form; returns its id and title. */
async function startThread(page: import('@playwright/test').Page, word: string) {
	await visit(page, '/threads/new');
	const title = `Mail in test ${word}`;
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Category').selectOption({ label: 'Corporate parenting' });
	await page.getByLabel('Your post').fill(`How do you brief new panel members? ${word}`);
	await page.getByRole('button', { name: /^Post( your question)?$/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	const id = Number(/\/threads\/(\d+)/.exec(page.url())![1]);
	return { id, title };
}

/** Reloads the thread page until `text` shows (the scheduler posts within a second or so). */
async function waitForPost(page: import('@playwright/test').Page, threadId: number, text: string) {
	await expect(async () => {
		await page.goto(`/threads/${threadId}`);
		await expect(page.getByText(text)).toBeVisible({ timeout: 500 });
	}).toPass({ timeout: 20_000 });
	await checkA11y(page);
}

test('a reply sent by email into the SMTP receiver is posted in the thread and notifies its followers and the member it mentions', async ({ page, browser }) => {
	const word = unique('smtp');
	await signIn(page, 'member@example.org');
	const { id, title } = await startThread(page, word);
	const to = await replyAddressFor('member@example.org', id);

	// A follower who wants replies at once: chooses it on their email settings and follows the thread.
	const context = await browser.newContext();
	const other = await context.newPage();
	await signIn(other, 'joanne.pallister@example.org');
	await visit(other, '/settings/email');
	await other.getByRole('group', { name: 'Replies in threads I follow' }).getByLabel('Immediately').check();
	await other.getByRole('button', { name: 'Save email settings' }).click();
	await expect(other.getByRole('group', { name: 'Replies in threads I follow' }).getByLabel('Immediately')).toBeChecked();
	await visit(other, `/threads/${id}`);
	await other.getByRole('button', { name: 'Follow this thread' }).click();
	await expect(other.getByRole('button', { name: 'Stop following' })).toBeVisible();
	await context.close();

	const transport = nodemailer.createTransport({ host: '127.0.0.1', port: INBOUND_PORT, secure: false, ignoreTLS: true });
	const info = await transport.sendMail({
		from: 'Tom Ashworth <Member@Example.org>',
		to,
		subject: `Re: ${title}`,
		text: `We give each new member a one-page guide, @sarah-holroyd – ${word}-reply.\n\nKind regards\nTom\n\nOn Mon, 23 Nov 2026 at 09:00, Lead Member Network <${to}> wrote:\n> How do you brief new panel members? quoted-${word}\n`
	});
	transport.close();
	expect(info.response).toMatch(/^250 /);

	await waitForPost(page, id, `${word}-reply`);
	const post = page.locator('#post-2');
	await expect(post).toContainText('Tom Ashworth');
	await expect(post).not.toContainText(`quoted-${word}`);
	await expect(post).not.toContainText('Kind regards');

	const mention = await waitForMail('mentor@example.org', `mentioned you in`);
	expect(mention.text).toContain(`${word}-reply`);
	const followed = await waitForMail('joanne.pallister@example.org', new RegExp(`^New reply in .*${word}`));
	expect(followed.text).toContain(`${word}-reply`);
	expect(followed.text).toContain('Reply to this email to post in the thread');
	const confirmation = await waitForMail('member@example.org', 'Re: ' + title);
	expect(confirmation.text).toContain('Your reply is posted');
	expect(confirmation.headers['auto-submitted']).toBe('auto-replied');

	// The same message delivered again (a retrying server) is not posted twice.
	const again = nodemailer.createTransport({ host: '127.0.0.1', port: INBOUND_PORT, secure: false, ignoreTLS: true });
	await again.sendMail({ from: 'member@example.org', to, subject: 'Re: again', text: `Twice ${word}`, messageId: `<twice-${word}@example.org>` });
	await again.sendMail({ from: 'member@example.org', to, subject: 'Re: again', text: `Twice ${word}`, messageId: `<twice-${word}@example.org>` });
	again.close();
	await waitForPost(page, id, `Twice ${word}`);
	await expect(page.getByText(`Twice ${word}`)).toHaveCount(1);
});

test('the webhook takes a raw message with the shared secret, and refuses it without', async ({ page, request }) => {
	const word = unique('hook');
	await signIn(page, 'member@example.org');
	const { id, title } = await startThread(page, word);
	const to = await replyAddressFor('member@example.org', id);
	const raw = `From: Tom Ashworth <member@example.org>\r\nTo: ${to}\r\nSubject: Re: ${title}\r\nMessage-ID: <${word}@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPosted through the webhook ${word}.\r\n`;
	const refused = await request.post('/mail/inbound', { headers: { 'content-type': 'message/rfc822' }, data: raw });
	expect(refused.status()).toBe(401);
	const wrong = await request.post('/mail/inbound', { headers: { 'content-type': 'text/plain', authorization: 'Bearer wrong' }, data: raw });
	expect(wrong.status()).toBe(401);
	const ok = await request.post('/mail/inbound', { headers: { 'content-type': 'text/plain', authorization: `Bearer ${SECRET}` }, data: raw });
	expect(ok.status()).toBe(202);
	await waitForPost(page, id, `Posted through the webhook ${word}.`);
});

test('admins see every inbound message with what happened to it, filtered by outcome', async ({ page }) => {
	await signIn(page, 'admin@example.org');
	await visit(page, '/admin/mail');
	await page.getByRole('link', { name: /Mail in/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mail in' })).toBeVisible();
	await checkA11y(page);
	// The demo's emails: an out-of-office, a bounce, a forged sender …
	await expect(page.getByRole('cell', { name: /Automatic reply \(ignored\)/ }).first()).toBeVisible();
	await page.getByLabel('What happened').selectOption('bounce');
	await page.getByRole('button', { name: 'Filter' }).click();
	await expect(page).toHaveURL(/outcome=bounce/);
	await checkA11y(page);
	await expect(page.getByRole('cell', { name: /Hard bounce/ }).first()).toBeVisible();
	await expect(page.getByRole('cell', { name: /Automatic reply \(ignored\)/ })).toHaveCount(0);
	// No sideways scroll on a phone.
	await page.setViewportSize({ width: 390, height: 800 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
