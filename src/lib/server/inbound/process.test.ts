import { beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { db } from '../db/client';
import { auditEvent, member, outboxMessage, pairingMeeting, post, postReport, thread } from '../db/schema';
import { makeMember } from '../../../../tests/support/members';
import { replyTo, startThread, tick } from '../../../../tests/support/discussions';
import * as posts from '../discussions/posts';
import { makeCoordinator, makeMentee, makeMentor, pairUp } from '../../../../tests/support/mentoring';
import * as categories from '../discussions/categories';
import * as follows from '../discussions/follows';
import * as preferences from '../mail/preferences';
import * as moderation from '../discussions/moderation';
import * as coordination from '../mentoring/coordination';
import * as meetings from '../mentoring/meetings';
import * as store from '../mail/inbound';
import { askAddress, replyAddress, revokeKeys } from '../mail/reply-keys';
import { bounceStatus, verpReturnPath } from '../mail/bounces';
import { startSmtpReceiver } from '../mail/receivers/smtp';
import nodemailer from 'nodemailer';
import { confirmsHeld, processOne, processPending, readAnswer, titleFromSubject } from './process';

beforeAll(() => {
	categories.ensureDefaults();
});

let seq = 0;
type Msg = { from: string; to: string; subject?: string; body?: string; headers?: Record<string, string>; messageId?: string; raw?: string };

/** A plain reply as a mail client would send it. */
function raw(m: Msg): Buffer {
	if (m.raw) return Buffer.from(m.raw);
	const id = m.messageId ?? `<test-${++seq}-${Math.random().toString(36).slice(2)}@mail.example.org>`;
	const extra = Object.entries(m.headers ?? {})
		.map(([k, v]) => `${k}: ${v}\r\n`)
		.join('');
	return Buffer.from(
		`From: Someone <${m.from}>\r\nTo: ${m.to}\r\nSubject: ${m.subject ?? 'Re: a thread'}\r\nMessage-ID: ${id}\r\nDate: Mon, 23 Nov 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n${extra}Content-Type: text/plain; charset=utf-8\r\n\r\n${(m.body ?? 'Here is what we did.').replace(/\n/g, '\r\n')}\r\n`
	);
}

/** Stores a message as a receiver would and processes it at `now`. */
async function receive(m: Msg, now = tick(), via: store.Via = 'smtp', envelopeFrom?: string) {
	const { id, duplicate } = store.store({ raw: raw(m), via, envelopeFrom: envelopeFrom ?? m.from, recipients: [m.to] }, now);
	const outcome = await processOne(id, now);
	return { id, duplicate, outcome, row: store.byId(id)! };
}

const postsIn = (threadId: number) => db.select().from(post).where(eq(post.threadId, threadId)).all();
const mailTo = (address: string, kind?: string) =>
	db
		.select()
		.from(outboxMessage)
		.where(and(eq(outboxMessage.toAddress, address), kind ? eq(outboxMessage.kind, kind) : undefined))
		.orderBy(desc(outboxMessage.id))
		.all();

describe('a reply to a thread by email', () => {
	it('is posted as the member, confirmed, audited "by email", and notifies followers', async () => {
		const asker = makeMember();
		const follower = makeMember();
		const replier = makeMember();
		const threadId = startThread(asker.actor);
		follows.setFollowing(follower.actor, threadId, true);
		preferences.update(follower.id, { notifications: { ...preferences.get(follower.id).notifications, reply: 'immediately' } });
		const r = await receive({ from: replier.email.toUpperCase(), to: replyAddress(replier.id, { kind: 'thread', id: threadId }), body: 'We pay a retainer.\n\nOn Mon, 23 Nov 2026 at 09:00, Lead Member Network <x@y> wrote:\n> old text' });
		expect(r.outcome).toBe('posted');
		expect(r.row).toMatchObject({ outcome: 'posted', action: 'reply', memberId: replier.id, resultPath: `/threads/${threadId}?post=2#post-2` });
		const p = postsIn(threadId).find((x) => x.number === 2)!;
		expect(p).toMatchObject({ authorId: replier.id, body: 'We pay a retainer.' });
		expect(mailTo(replier.email, 'inbound-confirm')).toHaveLength(1);
		expect(mailTo(replier.email, 'inbound-confirm')[0].headers).toMatchObject({ 'Auto-Submitted': 'auto-replied' });
		expect(mailTo(follower.email).some((e) => e.kind.includes('reply'))).toBe(true);
		const a = db.select().from(auditEvent).where(and(eq(auditEvent.action, 'post.by-email'), eq(auditEvent.actorId, replier.id))).get();
		expect(a).toMatchObject({ ipAddress: 'by email', subjectId: String(p.id) });
	});

	it('posts once for a Message-ID delivered twice, and once when processed twice', async () => {
		const m = makeMember();
		const threadId = startThread(m.actor);
		const msg = { from: m.email, to: replyAddress(m.id, { kind: 'thread', id: threadId }), messageId: '<same-twice@mail.example.org>' };
		const first = await receive(msg);
		const second = await receive(msg);
		expect(second.duplicate).toBe(true);
		expect(second.id).toBe(first.id);
		expect(await processOne(first.id)).toBe('posted');
		expect(postsIn(threadId)).toHaveLength(2);
		expect(mailTo(m.email, 'inbound-confirm')).toHaveLength(1);
	});

	it('notes attachments in the confirmation and posts the text only', async () => {
		const m = makeMember();
		const threadId = startThread(m.actor);
		const boundary = 'b1';
		const r = await receive({
			from: m.email,
			to: replyAddress(m.id, { kind: 'thread', id: threadId }),
			raw: `From: <${m.email}>\r\nTo: ${replyAddress(m.id, { kind: 'thread', id: threadId })}\r\nSubject: Re: x\r\nMessage-ID: <att-${Date.now()}@x.org>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n--${boundary}\r\nContent-Type: text/plain\r\n\r\nSee the attached report.\r\n--${boundary}\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename="report.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--${boundary}--\r\n`
		});
		expect(r.outcome).toBe('posted');
		expect(postsIn(threadId).at(-1)!.body).toBe('See the attached report.');
		expect(mailTo(m.email, 'inbound-confirm')[0].text).toContain('report.pdf');
	});
});

describe('the child-safety check on email posts', () => {
	it('holds a reply that may identify a child and asks the author by email to check it', async () => {
		const m = makeMember();
		const threadId = startThread(m.actor);
		const r = await receive({ from: m.email, to: replyAddress(m.id, { kind: 'thread', id: threadId }), body: 'Jamie Smith, aged 14, goes to Oakfield Academy and was excluded.' });
		expect(r.row).toMatchObject({ outcome: 'held', action: 'reply' });
		expect(r.row.reason).toMatch(/child-safety check warned/);
		expect(postsIn(threadId)).toHaveLength(1);
		const held = mailTo(m.email, 'inbound-held');
		expect(held).toHaveLength(1);
		expect(held[0].text).toMatch(/might identify a child/);
		expect(held[0].text).toContain('Jamie Smith, aged 14');
	});
});

describe('confirming a held post by email', () => {
	const IDENTIFYING = 'Jamie Smith, aged 14, goes to Oakfield Academy and was excluded.';
	/** The held email's reply address (its Reply-To), checked to be a held-post address of the member. */
	const heldReplyTo = (email: string) => {
		const held = mailTo(email, 'inbound-held')[0];
		const address = held.headers!['Reply-To'];
		expect(address).toMatch(/^reply\+h/);
		return { held, address };
	};

	it('"confirm" on the first line posts the held text as it is, flagged for moderators, once', async () => {
		const m = makeMember();
		const threadId = startThread(m.actor);
		const first = await receive({ from: m.email, to: replyAddress(m.id, { kind: 'thread', id: threadId }), body: IDENTIFYING });
		expect(first.outcome).toBe('held');
		const { held, address } = heldReplyTo(m.email);
		expect(held.text).toMatch(/Reply with “confirm” as the first line/);
		expect(held.text).toMatch(/visible to everyone in the network/);
		expect(held.text).toContain(`/threads/${threadId}#reply`);
		const confirm = await receive({ from: m.email, to: address, body: 'Confirm\n\nOn Monday the network wrote:\n> We have not posted your email yet.' });
		expect(confirm.row).toMatchObject({ outcome: 'posted', action: 'reply' });
		const after = postsIn(threadId);
		expect(after).toHaveLength(2);
		expect(after[1].body).toBe(IDENTIFYING);
		expect(db.select().from(postReport).where(eq(postReport.postId, after[1].id)).get()).toMatchObject({ source: 'check', reason: 'identifies-child' });
		expect(store.byId(first.id)).toMatchObject({ outcome: 'posted', resultPath: confirm.row.resultPath });
		expect(store.byId(first.id)!.reason).toMatch(/confirmed it by email/);
		expect(mailTo(m.email, 'inbound-confirm')).toHaveLength(1);
		// A second "confirm" (another email) posts nothing more.
		const again = await receive({ from: m.email, to: address, body: 'confirm' });
		expect(again.row).toMatchObject({ outcome: 'refused', action: 'held' });
		expect(again.row.reason).toMatch(/already up/);
		expect(postsIn(threadId)).toHaveLength(2);
	});

	it('anything else is a new version, checked again: posted when clean, held again when not', async () => {
		const m = makeMember();
		const threadId = startThread(m.actor);
		const to = replyAddress(m.id, { kind: 'thread', id: threadId });
		const first = await receive({ from: m.email, to, body: IDENTIFYING });
		const { address } = heldReplyTo(m.email);
		// Still identifying: held again; the first one is closed, so confirming it does nothing.
		const second = await receive({ from: m.email, to: address, body: 'Jamie Smith, 14, was excluded from Oakfield Academy last week.' });
		expect(second.outcome).toBe('held');
		expect(store.byId(first.id)).toMatchObject({ outcome: 'refused' });
		expect(store.byId(first.id)!.reason).toMatch(/Replaced by a new version/);
		const late = await receive({ from: m.email, to: address, body: 'confirm' });
		expect(late.row.reason).toMatch(/newer version/);
		// The new held email's address takes a clean version, which is posted without a flag.
		const newer = mailTo(m.email, 'inbound-held')[0].headers!['Reply-To'];
		expect(newer).not.toBe(address);
		const clean = await receive({ from: m.email, to: newer, body: 'A pupil in our area was excluded; this is what the panel did next.' });
		expect(clean.row).toMatchObject({ outcome: 'posted', action: 'reply' });
		expect(store.byId(second.id)).toMatchObject({ outcome: 'posted' });
		expect(store.byId(second.id)!.reason).toMatch(/new version/);
		const after = postsIn(threadId);
		expect(after.map((p) => p.body)).toEqual([expect.any(String), 'A pupil in our area was excluded; this is what the panel did next.']);
		expect(db.select().from(postReport).where(eq(postReport.postId, after[1].id)).all()).toHaveLength(0);
	});

	it('a held question is asked with its first subject once confirmed', async () => {
		const m = makeMember();
		const first = await receive({ from: m.email, to: askAddress(m.id), subject: 'Exclusions at one academy', body: IDENTIFYING });
		expect(first.outcome).toBe('held');
		const { address } = heldReplyTo(m.email);
		const confirm = await receive({ from: m.email, to: address, subject: 'Re: Exclusions at one academy', body: 'Post it.' });
		expect(confirm.row).toMatchObject({ outcome: 'posted', action: 'question' });
		const t = db.select().from(thread).where(eq(thread.id, Number(confirm.row.resultPath!.split('/').pop()))).get()!;
		expect(t).toMatchObject({ title: 'Exclusions at one academy', authorId: m.id, regionId: null });
	});

	it('only the member, from their own address, can answer; and only while the first email is kept', async () => {
		const m = makeMember();
		const threadId = startThread(m.actor);
		const first = await receive({ from: m.email, to: replyAddress(m.id, { kind: 'thread', id: threadId }), body: IDENTIFYING });
		const { address } = heldReplyTo(m.email);
		expect((await receive({ from: 'someone@evil.example', to: address, body: 'confirm' })).outcome).toBe('rejected');
		store.purgeRaw(0, Date.now() + 1000);
		expect(store.byId(first.id)!.raw).toBeNull();
		const late = await receive({ from: m.email, to: address, body: 'confirm' });
		expect(late.row.reason).toMatch(/no longer kept/);
		expect(postsIn(threadId)).toHaveLength(1);
	});

	it('reads "confirm" only alone on the first line', () => {
		for (const yes of ['confirm', 'Confirm.', 'CONFIRMED', 'post it', 'Post it!', 'Yes, post it', 'I confirm', '\n\nconfirm\nthanks']) expect(confirmsHeld(yes), yes).toBe(true);
		for (const no of ['Post it notes were used in the session', 'Confirmation of the panel date', 'Please confirm the date', '']) expect(confirmsHeld(no), no).toBe(false);
	});
});

describe('refusals (a clear email to the member, nothing posted)', () => {
	it('refuses a locked thread, an empty reply, one too long, and a deactivated member', async () => {
		const admin = makeMember({ role: 'admin' });
		const m = makeMember();
		const threadId = startThread(m.actor);
		const to = replyAddress(m.id, { kind: 'thread', id: threadId });
		const empty = await receive({ from: m.email, to, body: '> only the quote\n> of the original' });
		expect(empty.outcome).toBe('refused');
		expect(empty.row.reason).toMatch(/could not find any words of your own/);
		const long = await receive({ from: m.email, to, body: 'x'.repeat(50_001) });
		expect(long.outcome).toBe('refused');
		expect(long.row.reason).toMatch(/at most 50,000 characters/);
		moderation.setLocked(admin.actor, threadId, true);
		const locked = await receive({ from: m.email, to });
		expect(locked.row.reason).toMatch(/locked/);
		db.update(member).set({ deactivatedAt: Date.now() }).where(eq(member.id, m.id)).run();
		const gone = await receive({ from: m.email, to });
		expect(gone.row).toMatchObject({ outcome: 'refused', action: 'deactivated' });
		expect(postsIn(threadId)).toHaveLength(1);
		const refusals = mailTo(m.email, 'inbound-refuse');
		expect(refusals).toHaveLength(4);
		expect(refusals.find((e) => e.text.includes('locked'))).toBeTruthy();
	});

	it('refuses a thread the member cannot see, and one that does not exist', async () => {
		const other = makeMember({ authority: 'Leeds' });
		const m = makeMember({ authority: 'Lancashire' });
		const regional = startThread(other.actor, { regionId: other.regionId });
		const hidden = await receive({ from: m.email, to: replyAddress(m.id, { kind: 'thread', id: regional }) });
		expect(hidden.row).toMatchObject({ outcome: 'refused' });
		expect(hidden.row.reason).toMatch(/no longer exists, or you can no longer see it/);
		const missing = await receive({ from: m.email, to: replyAddress(m.id, { kind: 'thread', id: 987_654 }) });
		expect(missing.outcome).toBe('refused');
		expect(postsIn(regional)).toHaveLength(1);
	});

	it('applies the web form rate limit (10 posts a minute)', async () => {
		const m = makeMember();
		const threadId = startThread(m.actor);
		const to = replyAddress(m.id, { kind: 'thread', id: threadId });
		const now = tick();
		const outcomes = [];
		for (let i = 0; i < 11; i++) outcomes.push((await receive({ from: m.email, to, body: `Reply ${i}` }, now + i)).outcome);
		expect(outcomes.filter((o) => o === 'posted')).toHaveLength(10);
		expect(outcomes[10]).toBe('refused');
	});
});

describe('rejections (the key or the sender)', () => {
	it('rejects a forged sender, telling a member at most once an hour and a stranger never', async () => {
		const m = makeMember();
		const colleague = makeMember();
		const threadId = startThread(m.actor);
		const to = replyAddress(m.id, { kind: 'thread', id: threadId });
		const now = tick();
		const forged = await receive({ from: 'attacker@evil.example', to }, now);
		expect(forged.row).toMatchObject({ outcome: 'rejected', notifiedAt: null });
		expect(mailTo('attacker@evil.example')).toHaveLength(0);
		const fromColleague = await receive({ from: colleague.email, to }, now + 1);
		expect(fromColleague.row.notifiedAt).toBe(now + 1);
		await receive({ from: colleague.email, to }, now + 2);
		expect(mailTo(colleague.email, 'inbound-reject')).toHaveLength(1);
		await receive({ from: colleague.email, to }, now + 61 * 60 * 1000);
		expect(mailTo(colleague.email, 'inbound-reject')).toHaveLength(2);
		expect(postsIn(threadId)).toHaveLength(1);
	});

	it('rejects unknown, tampered and revoked addresses, and a DMARC failure', async () => {
		const m = makeMember();
		const threadId = startThread(m.actor);
		const good = replyAddress(m.id, { kind: 'thread', id: threadId });
		expect((await receive({ from: m.email, to: 'reply+nonsense@reply.localhost' })).outcome).toBe('rejected');
		// The key's last character changed (it may be a letter or a digit).
		const tampered = good.replace(/(.)@/, (_, c: string) => `${c === 'a' ? 'b' : 'a'}@`);
		expect(tampered).not.toBe(good);
		expect((await receive({ from: m.email, to: tampered })).outcome).toBe('rejected');
		const dmarc = await receive({ from: m.email, to: good, headers: { 'Authentication-Results': 'mx.example.org; spf=fail smtp.mailfrom=evil.example; dmarc=fail header.from=example.org' } });
		expect(dmarc.row.reason).toMatch(/DMARC/);
		revokeKeys(m.id);
		expect((await receive({ from: m.email, to: good })).outcome).toBe('rejected');
		expect(postsIn(threadId)).toHaveLength(1);
		// Rejections to the member's own address: one an hour.
		expect(mailTo(m.email, 'inbound-reject').length).toBeLessThanOrEqual(1);
	});
});

describe('auto-replies post nothing and send nothing', () => {
	const cases: [string, Partial<Msg>][] = [
		['Auto-Submitted: auto-replied', { headers: { 'Auto-Submitted': 'auto-replied' } }],
		['Auto-Submitted: auto-generated', { headers: { 'Auto-Submitted': 'auto-generated' } }],
		['X-Autoreply', { headers: { 'X-Autoreply': 'yes' } }],
		['X-Autorespond', { headers: { 'X-Autorespond': 'Out of office' } }],
		['Precedence: bulk', { headers: { Precedence: 'bulk' } }],
		['Precedence: junk', { headers: { Precedence: 'junk' } }],
		['Precedence: list', { headers: { Precedence: 'list' } }],
		['Precedence: auto_reply', { headers: { Precedence: 'auto_reply' } }],
		['X-Auto-Response-Suppress', { headers: { 'X-Auto-Response-Suppress': 'All' } }],
		['Automatic reply: subject', { subject: 'Automatic reply: Placement sufficiency' }],
		['Out of Office: subject', { subject: 'Out of Office: Re: Placement sufficiency' }],
		['Out of the office subject', { subject: 'Out of the office until Monday 30 November' }],
		['Auto-Reply subject', { subject: 'Auto-Reply: Re: Placement sufficiency' }],
		['AutoReply subject', { subject: 'AutoReply: Cllr Shah is away' }],
		['I am out of the office', { subject: 'I am out of the office' }],
		['Away from the office', { subject: 'Away from the office: Re: Placement sufficiency' }],
		['OOO', { subject: 'OOO until 1 December' }]
	];
	it.each(cases)('%s', async (_name, over) => {
		const m = makeMember();
		const threadId = startThread(m.actor);
		const r = await receive({ from: m.email, to: replyAddress(m.id, { kind: 'thread', id: threadId }), body: 'I am out of the office until Monday with limited access to email.', ...over });
		expect(r.outcome).toBe('auto-reply');
		expect(postsIn(threadId)).toHaveLength(1);
		expect(mailTo(m.email).filter((e) => e.kind.startsWith('inbound-'))).toHaveLength(0);
	});

	it('treats "Auto-Submitted: no" as a person, and a null envelope sender as a machine', async () => {
		const m = makeMember();
		const threadId = startThread(m.actor);
		const to = replyAddress(m.id, { kind: 'thread', id: threadId });
		expect((await receive({ from: m.email, to, headers: { 'Auto-Submitted': 'no' } })).outcome).toBe('posted');
		expect((await receive({ from: m.email, to }, tick(), 'smtp', '<>')).outcome).toBe('auto-reply');
	});
});

describe('bounces', () => {
	const dsn = (to: string, recipient: string, status: string, action = 'failed') =>
		[
			'From: Mail Delivery System <MAILER-DAEMON@mx.council.example>',
			`To: ${to}`,
			'Subject: Undelivered Mail Returned to Sender',
			`Message-ID: <dsn-${++seq}@mx.council.example>`,
			'Auto-Submitted: auto-replied',
			'MIME-Version: 1.0',
			'Content-Type: multipart/report; report-type=delivery-status; boundary="dsn"',
			'',
			'--dsn',
			'Content-Type: text/plain',
			'',
			'I am sorry to have to inform you that your message could not be delivered.',
			'--dsn',
			'Content-Type: message/delivery-status',
			'',
			'Reporting-MTA: dns; mx.council.example',
			'',
			`Final-Recipient: rfc822; ${recipient}`,
			`Action: ${action}`,
			`Status: ${status}`,
			`Diagnostic-Code: smtp; ${status.startsWith('5') ? '550 5.1.1 User unknown' : '452 4.2.2 Mailbox full'}`,
			'--dsn--',
			''
		].join('\r\n');

	it('marks the member named by the VERP address bouncing on a hard bounce; soft ones only count', async () => {
		const m = makeMember();
		const hard = await receive({ from: 'mailer-daemon@mx.council.example', to: verpReturnPath(m.id, 42), raw: dsn(verpReturnPath(m.id, 42), m.email, '5.1.1') });
		expect(hard.row).toMatchObject({ outcome: 'bounce', memberId: m.id });
		expect(bounceStatus(m.id).bouncing).toBe(true);
		const s = makeMember();
		const soft = await receive({ from: 'mailer-daemon@mx.council.example', to: verpReturnPath(s.id), raw: dsn(verpReturnPath(s.id), s.email, '4.2.2') });
		expect(soft.row.outcome).toBe('bounce');
		expect(bounceStatus(s.id)).toMatchObject({ bouncing: false, score: 1 });
		const delayed = makeMember();
		await receive({ from: 'x', to: verpReturnPath(delayed.id), raw: dsn(verpReturnPath(delayed.id), delayed.email, '4.4.7', 'delayed') });
		expect(bounceStatus(delayed.id).score).toBe(0);
		expect(mailTo(m.email).filter((e) => e.kind.startsWith('inbound-'))).toHaveLength(0);
	});

	it('finds the member from the report when the bounce came to another address', async () => {
		const m = makeMember();
		const r = await receive({ from: 'x', to: 'postmaster@reply.localhost', raw: dsn('postmaster@reply.localhost', m.email, '5.1.1') });
		expect(r.row).toMatchObject({ outcome: 'bounce', memberId: m.id });
	});

	it('reads a plain returned-mail message to a VERP address as a bounce', async () => {
		const m = makeMember();
		const r = await receive({ from: 'postmaster@old.example', to: verpReturnPath(m.id), subject: 'Delivery has failed to these recipients', body: `Your message to ${m.email} could not be delivered.\n550 5.1.10 RESOLVER.ADR.RecipientNotFound` });
		expect(r.row.outcome).toBe('bounce');
		expect(bounceStatus(m.id).bouncing).toBe(true);
	});
});

describe('asking a question by email', () => {
	it('makes a national question from the subject and body, confirmed with a link', async () => {
		const m = makeMember();
		const r = await receive({ from: m.email, to: askAddress(m.id), subject: '[EXTERNAL] How do you run your children in care council?', body: 'We are relaunching ours.\n\nKind regards\nCllr Test' });
		expect(r.outcome).toBe('posted');
		const t = db.select().from(thread).where(eq(thread.id, Number(r.row.resultPath!.split('/').pop()))).get()!;
		expect(t).toMatchObject({ title: 'How do you run your children in care council?', regionId: null, isQuestion: true, authorId: m.id });
		const confirmation = mailTo(m.email, 'inbound-confirm')[0];
		expect(confirmation.text).toMatch(/visible to everyone in the network/);
		expect(confirmation.text).toContain(`/threads/${t.id}`);
		expect(confirmation.text).toMatch(/To edit it \(its title and text\), open it on the site and choose “Edit”/);
	});

	it('asks in the member’s region with a [Region] prefix or the region address; refuses another region', async () => {
		const m = makeMember({ authority: 'Lancashire' });
		const tagged = await receive({ from: m.email, to: askAddress(m.id), subject: '[North West] Regional SEND transport costs' });
		expect(db.select().from(thread).where(eq(thread.id, Number(tagged.row.resultPath!.split('/').pop()))).get()!.regionId).toBe('north-west');
		const viaAddress = await receive({ from: m.email, to: askAddress(m.id, 'north-west'), subject: 'Regional fostering campaign' });
		expect(db.select().from(thread).where(eq(thread.id, Number(viaAddress.row.resultPath!.split('/').pop()))).get()!.regionId).toBe('north-west');
		const elsewhere = await receive({ from: m.email, to: askAddress(m.id, 'london'), subject: 'A London question' });
		expect(elsewhere.outcome).toBe('refused');
		expect(elsewhere.row.reason).toMatch(/whole network or your own region \(North West\)/);
		const short = await receive({ from: m.email, to: askAddress(m.id), subject: 'Hi' });
		expect(short.row.reason).toMatch(/subject of your email becomes the title/);
	});

	it('reads titles from subjects', () => {
		expect(titleFromSubject('Re: Fwd: [yorkshire and the humber] Budgets')).toEqual({ title: 'Budgets', regionId: 'yorkshire-humber' });
		expect(titleFromSubject('[Yorkshire] Budgets')).toEqual({ title: 'Budgets', regionId: 'yorkshire-humber' });
		expect(titleFromSubject('[Draft] Budgets')).toEqual({ title: '[Draft] Budgets', regionId: null });
	});
});

describe('mentoring by email', () => {
	it('adds a note to the pair’s latest logged meeting; refuses when none is logged or from outside the pair', async () => {
		const coordinator = makeCoordinator();
		const mentor = makeMentor();
		const mentee = makeMentee();
		const { pairingId } = pairUp(coordinator, mentor, mentee);
		const to = replyAddress(mentee.id, { kind: 'pairing', id: pairingId });
		const none = await receive({ from: mentee.email, to, body: 'We met on Tuesday.' });
		expect(none.row.reason).toMatch(/no meeting in your log yet/);
		const logged = meetings.log(mentee.actor, pairingId, { heldOn: new Date().toISOString().slice(0, 10), durationMinutes: 60, mode: 'online', notes: 'First meeting.', newActions: [], doneActionIds: [], addToTrainingLog: false });
		expect(logged.ok).toBe(true);
		const r = await receive({ from: mentee.email, to, body: 'Actions: I will send the panel terms of reference.' });
		expect(r.outcome).toBe('posted');
		const row = db.select().from(pairingMeeting).where(eq(pairingMeeting.pairingId, pairingId)).get()!;
		expect(row.notes).toMatch(/^First meeting\.\n\nNote added by .+ on .+:\nActions: I will send the panel terms of reference\.$/);
		expect(mailTo(mentee.email, 'inbound-confirm')[0].text).toMatch(/Your note is added to the meeting log[\s\S]*Only you and the other member of your mentoring pair can see it/);
		const stranger = makeMember();
		const outside = await receive({ from: stranger.email, to: replyAddress(stranger.id, { kind: 'pairing', id: pairingId }) });
		expect(outside.outcome).toBe('refused');
	});

	it('accepts and declines proposals with "yes" and "no, because …"', async () => {
		const coordinator = makeCoordinator();
		const mentor = makeMentor();
		const mentee = makeMentee();
		const c = coordination.confirmOne(coordinator.actor, { requestId: mentee.requestId, mentorId: mentor.id });
		if (!c.ok) throw new Error(c.message);
		const yes = await receive({ from: mentor.email, to: replyAddress(mentor.id, { kind: 'proposal', id: c.proposalId }), body: 'Yes\n\nSent from my iPhone' });
		expect(yes.row).toMatchObject({ outcome: 'posted', action: 'accept' });
		expect(mailTo(mentor.email, 'inbound-confirm')[0]).toMatchObject({ subject: 'You accepted the proposed match' });
		const bareNo = await receive({ from: mentee.email, to: replyAddress(mentee.id, { kind: 'proposal', id: c.proposalId }), body: 'No' });
		expect(bareNo.row.reason).toMatch(/To decline, reply “No” and a sentence on why/);
		const no = await receive({ from: mentee.email, to: replyAddress(mentee.id, { kind: 'proposal', id: c.proposalId }), body: 'No – I would rather have a mentor from a county council.' });
		expect(no.row).toMatchObject({ outcome: 'posted', action: 'decline' });
		expect(mailTo(mentee.email, 'inbound-confirm')[0]).toMatchObject({ subject: 'You declined the proposed match' });
		const again = await receive({ from: mentee.email, to: replyAddress(mentee.id, { kind: 'proposal', id: c.proposalId }), body: 'Yes' });
		expect(again.outcome).toBe('refused');
		const a = db.select().from(auditEvent).where(and(eq(auditEvent.action, 'mentoring.proposal-declined'), eq(auditEvent.actorId, mentee.id))).get();
		expect(a?.ipAddress).toBe('by email');
	});

	it('reads yes and no', () => {
		expect(readAnswer('Yes please!')).toEqual({ answer: 'accepted', reason: 'please!' });
		expect(readAnswer('no, sorry - standing down')).toEqual({ answer: 'declined', reason: 'sorry - standing down' });
		expect(readAnswer('Maybe')).toBeNull();
		expect(readAnswer('')).toBeNull();
	});
});

describe('bad input never crashes and never posts twice', () => {
	const threadFor = () => {
		const m = makeMember();
		const threadId = startThread(m.actor);
		return { m, threadId, to: replyAddress(m.id, { kind: 'thread', id: threadId }) };
	};

	it('malformed MIME, a 1,000-part multipart, unknown charsets and invalid UTF-8', async () => {
		const { m, threadId, to } = threadFor();
		const head = (id: string, ct: string) => `From: <${m.email}>\r\nTo: ${to}\r\nSubject: Re: x\r\nMessage-ID: <${id}-${++seq}@x.org>\r\nMIME-Version: 1.0\r\nContent-Type: ${ct}\r\n\r\n`;
		const parts = Array.from({ length: 1000 }, (_, i) => `--many\r\nContent-Type: text/plain\r\n\r\nPart ${i}\r\n`).join('') + '--many--\r\n';
		const messages = [
			'\u0000\u0001 not an email at all \xff\xfe',
			head('broken', 'multipart/mixed; boundary="never-closed"') + '--never-closed\r\nContent-Type: text/plain\r\n\r\nStill readable text',
			head('many', 'multipart/mixed; boundary="many"') + parts,
			head('charset', 'text/plain; charset="x-no-such-charset-42"') + 'Unknown charset text',
			head('utf8', 'text/plain; charset=utf-8') + 'Bad bytes: \udc80'
		].map((s) => Buffer.from(s, 'latin1'));
		messages.push(Buffer.concat([Buffer.from(head('invalid', 'text/plain; charset=utf-8')), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0x20, 0x6f, 0x6b])]));
		const outcomes = [];
		for (const b of messages) {
			const { id } = store.store({ raw: b, via: 'webhook', recipients: [to] });
			outcomes.push(await processOne(id));
			expect(await processOne(id)).toBe(outcomes.at(-1));
		}
		// Not an email (no From, no key): rejected. The 1,000-part message is beyond what we read
		// (mailparser stops at 1,000 parts): its headers are checked as any message's, then it is
		// refused with the reason, and the member is told; nothing is posted from it.
		expect(outcomes).toEqual(['rejected', 'posted', 'refused', 'posted', 'posted', 'posted']);
		const many = store.recent({ outcome: 'refused', limit: 1 })[0];
		expect(many).toMatchObject({ action: 'unreadable', memberId: m.id });
		expect(many.reason).toMatch(/more than 1,000 parts/);
		expect(mailTo(m.email, 'inbound-refuse')[0].text).toMatch(/Your email could not be read: it has more than 1,000 parts/);
		const bodies = postsIn(threadId).map((p) => p.body);
		expect(new Set(bodies).size).toBe(bodies.length);
		expect(bodies).toContain('Still readable text');
		expect(bodies).toContain('Unknown charset text');
		expect(bodies.some((b) => b.endsWith(' ok') && b.includes('\ufffd'))).toBe(true);
	});

	it('a 1,000-part message through the SMTP receiver: stored at once, refused with its reason in well under a second, and the receiver takes the next message', async () => {
		const { m, threadId, to } = threadFor();
		const receiver = await startSmtpReceiver({ port: 0, host: '127.0.0.1', domain: 'reply.localhost' });
		try {
			const t = nodemailer.createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, ignoreTLS: true });
			const parts = Array.from({ length: 1000 }, (_, i) => `--b\r\nContent-Type: text/plain\r\n\r\nPart ${i}\r\n`).join('') + '--b--\r\n';
			const bomb = `From: <${m.email}>\r\nTo: ${to}\r\nSubject: Re: parts\r\nMessage-ID: <parts-${++seq}@x.org>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n${parts}`;
			const first = await t.sendMail({ envelope: { from: m.email, to: [to] }, raw: bomb });
			const next = await t.sendMail({ envelope: { from: m.email, to: [to] }, raw: raw({ from: m.email, to, body: 'Sent just after the big one.' }).toString() });
			const [a, b] = [first, next].map((i) => Number(/message (\d+)/.exec(i.response)![1]));
			const started = performance.now();
			expect(await processOne(a)).toBe('refused');
			expect(performance.now() - started).toBeLessThan(1000);
			expect(store.byId(a)!.reason).toMatch(/more than 1,000 parts/);
			expect(await processOne(b)).toBe('posted');
			expect(postsIn(threadId).map((p) => p.body)).toEqual([expect.any(String), 'Sent just after the big one.']);
		} finally {
			await receiver.close();
		}
	});

	it('a reply to the email about a post since deleted goes into its thread, which lives on, once', async () => {
		const { m, threadId, to } = threadFor();
		const author = makeMember();
		const deleted = replyTo(author.actor, threadId, 'A reply its author later deleted.');
		posts.remove(author.actor, deleted.id);
		const message = { from: m.email, to, body: 'Answering the reply that is now gone.', messageId: `<after-delete-${++seq}@x.org>` };
		expect((await receive(message)).outcome).toBe('posted');
		expect((await receive(message)).duplicate).toBe(true);
		const rows = postsIn(threadId);
		expect(rows.map((p) => p.body)).toEqual([expect.any(String), '', 'Answering the reply that is now gone.']);
		expect(rows[1].deletedAt).not.toBeNull();
	});

	it('sanitises HTML with scripts and tracking pixels like any post', async () => {
		const { m, threadId, to } = threadFor();
		const html = `<html><body><p>Our plan <b>works</b>.</p><script>alert('x')</script><img src="https://track.example/p.gif" width=1 height=1><p onclick="steal()">Click</p><a href="javascript:alert(1)">link</a></body></html>`;
		const r = await receive({ from: m.email, to, raw: `From: <${m.email}>\r\nTo: ${to}\r\nSubject: Re: x\r\nMessage-ID: <html-${++seq}@x.org>\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}\r\n` });
		expect(r.outcome).toBe('posted');
		const p = postsIn(threadId).at(-1)!;
		expect(p.body).toContain('Our plan works.');
		expect(p.body).not.toMatch(/alert|track\.example|steal/);
		expect(p.html).not.toMatch(/<script|onclick|javascript:|<img/i);
	});

	it('keeps processing after one message fails', async () => {
		const { m, to } = threadFor();
		store.store({ raw: raw({ from: m.email, to }), via: 'smtp', recipients: [to] });
		const counts = await processPending();
		expect(Object.values(counts).reduce((a, b) => a + (b ?? 0), 0)).toBeGreaterThan(0);
		expect(store.pendingIds()).toHaveLength(0);
	});
});
