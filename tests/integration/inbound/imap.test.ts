/**
 * Mail in through IMAP (issue 14) against a real Dovecot started by the test: replies land in
 * one mailbox with plus-addressing; the poller stores them, moves them to "Processed" (never
 * deletes them), notices new mail through IDLE, and stores each message at most once even when
 * it is stopped between storing and moving (a restart).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import { startDovecot, type Dovecot } from '../../support/dovecot';
import { makeMember } from '../../support/members';
import { startThread } from '../../support/discussions';
import * as categories from '../../../src/lib/server/discussions/categories';
import { db } from '../../../src/lib/server/db/client';
import { inboundMessage, post } from '../../../src/lib/server/db/schema';
import { replyAddress } from '../../../src/lib/server/mail/reply-keys';
import * as store from '../../../src/lib/server/mail/inbound';
import { startImapPoller, parseImapUrl } from '../../../src/lib/server/mail/receivers/imap';
import { processPending } from '../../../src/lib/server/inbound/process';

let dovecot: Dovecot;
let client: ImapFlow;

beforeAll(async () => {
	categories.ensureDefaults();
	dovecot = await startDovecot();
	client = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
	await client.connect();
}, 30_000);

afterAll(async () => {
	await client?.logout().catch(() => undefined);
	await dovecot?.stop();
});

/** How many messages a folder holds (-1 when the server would not say). */
async function count(folder: string): Promise<number> {
	const s = await client.status(folder, { messages: true });
	return s ? (s.messages ?? -1) : -1;
}

const url = () => `imap://${encodeURIComponent(dovecot.user)}:${dovecot.password}@127.0.0.1:${dovecot.port}/INBOX`;

/** The member's reply address as the council's mailbox receives it: lmn-replies+<key>@council.example. */
const plus = (address: string) => address.replace(/^[^+]+\+/, 'lmn-replies+').replace(/@.*$/, '@council.example');

function message(from: string, to: string, id: string, body: string) {
	return Buffer.from(`Delivered-To: ${to}\r\nFrom: ${from}\r\nTo: ${to}\r\nSubject: Re: a thread\r\nMessage-ID: <${id}@mail.example.org>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`);
}

async function until<T>(fn: () => T | Promise<T>, ms = 10_000): Promise<T> {
	const end = Date.now() + ms;
	for (;;) {
		const v = await fn();
		if (v) return v;
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 100));
	}
}

describe('Dovecot for the test', () => {
	it('is never skipped: without it the test fails, saying how to install it', async () => {
		await expect(startDovecot('/nonexistent/sbin/dovecot')).rejects.toThrow(/Dovecot is not installed \(no \/nonexistent\/sbin\/dovecot\)\..*apt-get install dovecot-imapd.*DOVECOT_PATH/);
	});
});

describe('the IMAP poller with a real Dovecot', () => {
	it('reads the URL, with a clear message for a bad one', () => {
		expect(parseImapUrl('imaps://a%40b.org:p%40ss@imap.example.org/Replies')).toMatchObject({ host: 'imap.example.org', port: 993, secure: true, user: 'a@b.org', password: 'p@ss', folder: 'Replies' });
		expect(() => parseImapUrl('pop3://x')).toThrow(/must start with imaps:\/\/ or imap:\/\//);
		expect(() => parseImapUrl('nonsense')).toThrow(/could not be read/);
	});

	it('stores and moves each message once, posts once, and keeps them in the done folder', async () => {
		const m = makeMember();
		const threadId = startThread(m.actor);
		const to = plus(replyAddress(m.id, { kind: 'thread', id: threadId }));
		await client.append('INBOX', message(m.email, to, 'imap-1', 'First reply by IMAP.'));
		await client.append('INBOX', message(m.email, to, 'imap-2', 'Second reply by IMAP.'));
		// A crash after storing imap-2 but before moving it: it was stored already.
		store.store({ raw: message(m.email, to, 'imap-2', 'Second reply by IMAP.'), via: 'imap', recipients: [to] });

		const poller = startImapPoller({ url: url(), doneFolder: 'Processed', pollMs: 600_000 });
		try {
			await until(async () => (await count('INBOX')) === 0);
		} finally {
			await poller.stop();
		}
		expect((await count('Processed'))).toBe(2);
		const rows = db.select().from(inboundMessage).all().filter((r) => r.messageId.startsWith('<imap-'));
		expect(rows.map((r) => r.messageId).sort()).toEqual(['<imap-1@mail.example.org>', '<imap-2@mail.example.org>']);
		expect(rows.find((r) => r.messageId === '<imap-1@mail.example.org>')).toMatchObject({ via: 'imap', recipients: [to] });

		// Restarted: nothing new in the folder, nothing stored again.
		const again = startImapPoller({ url: url(), doneFolder: 'Processed', pollMs: 600_000 });
		try {
			expect(await again.runOnce()).toBe(0);
		} finally {
			await again.stop();
		}
		await processPending();
		const bodies = db.select({ body: post.body }).from(post).where(eq(post.threadId, threadId)).all().map((p) => p.body);
		expect(bodies.filter((b) => b.includes('by IMAP')).sort()).toEqual(['First reply by IMAP.', 'Second reply by IMAP.']);
	});

	it('notices new mail through IDLE without waiting for the next poll', async () => {
		const m = makeMember();
		const threadId = startThread(m.actor);
		const to = plus(replyAddress(m.id, { kind: 'thread', id: threadId }));
		const poller = startImapPoller({ url: url(), doneFolder: 'Processed', pollMs: 600_000 });
		try {
			await until(async () => (await count('INBOX')) === 0);
			await new Promise((r) => setTimeout(r, 500));
			await client.append('INBOX', message(m.email, to, 'imap-idle', 'Arrived while idling.'));
			await until(() => db.select().from(inboundMessage).where(eq(inboundMessage.messageId, '<imap-idle@mail.example.org>')).get(), 8_000);
		} finally {
			await poller.stop();
		}
	});
});
