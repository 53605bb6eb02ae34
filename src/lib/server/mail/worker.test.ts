import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { outboxMessage } from '../db/schema';
import * as outbox from './outbox';
import { backoffMs, claimNext, describeError, drain, isPermanent, isUnreachable, leaseMs, RETRY_FOR_MS, toMailOptions, UNCERTAIN_RETRY_MS } from './worker';
import type { MailTransport } from './transport';
import { resolveBounceAddress } from './bounces';
import { makeMember } from '../../../../tests/support/members';

const T0 = Date.parse('2026-11-23T09:00:00Z');
let n = 0;

function queue(over: Partial<outbox.NewEmail> = {}, now = T0) {
	n++;
	return outbox.enqueue({ key: `test:${n}:${Math.random()}`, kind: 'test', to: `w${n}@example.org`, subject: `Subject ${n}`, text: 'Hello', html: '<p>Hello</p>', ...over }, now).id;
}

function row(id: number) {
	return db.select().from(outboxMessage).where(eq(outboxMessage.id, id)).get()!;
}

type Sent = { to: string; messageId: string };
/** A transport that answers with `answer(message)` (an Error to refuse). */
function fakeTransport(answer: (to: string) => Error | undefined = () => undefined): MailTransport & { sent: Sent[] } {
	const sent: Sent[] = [];
	return {
		kind: 'smtp',
		sent,
		async send(m) {
			const err = answer(String(m.to));
			if (err) throw err;
			sent.push({ to: String(m.to), messageId: String(m.messageId) });
			return { messageId: String(m.messageId), response: '250 2.0.0 Ok: queued as ABC123' };
		},
		close() {}
	};
}

function smtpError(code: number, text: string) {
	return Object.assign(new Error(text), { responseCode: code, response: `${code} ${text}`, code: 'EMESSAGE' });
}

afterEach(() => {
	db.delete(outboxMessage).run();
});

describe('classifying failures', () => {
	it('treats 5xx as permanent, 4xx and connection problems as temporary', () => {
		expect(isPermanent(smtpError(550, 'mailbox unavailable'))).toBe(true);
		expect(isPermanent(smtpError(451, 'try later'))).toBe(false);
		expect(isPermanent(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }))).toBe(false);
		expect(isPermanent(Object.assign(new Error('No recipients defined'), { code: 'EENVELOPE' }))).toBe(true);
		expect(isUnreachable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }))).toBe(true);
		expect(isUnreachable(smtpError(421, 'closing'))).toBe(true);
		expect(isUnreachable(smtpError(451, 'try later'))).toBe(false);
		expect(describeError(smtpError(550, 'no such user'))).toContain('550 no such user');
	});

	it('backs off 1, 2, 4 … minutes, at most an hour', () => {
		expect([1, 2, 3, 4].map(backoffMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
		expect(backoffMs(20)).toBe(3_600_000);
	});
});

describe('claiming', () => {
	it('claims each due message once, oldest first, and not before its time', () => {
		const a = queue({}, T0);
		const b = queue({}, T0 + 1000);
		const later = queue({ sendAfter: T0 + 60_000 }, T0);
		expect(claimNext('w1', T0 + 2000)?.id).toBe(a);
		expect(claimNext('w2', T0 + 2000)?.id).toBe(b);
		expect(claimNext('w1', T0 + 2000)).toBeNull();
		expect(claimNext('w1', T0 + 60_000)?.id).toBe(later);
	});

	it('claims a message again only when its lease has run out (its worker died)', () => {
		const a = queue();
		expect(claimNext('dead', T0)?.id).toBe(a);
		expect(claimNext('w2', T0 + leaseMs() - 1)).toBeNull();
		const again = claimNext('w2', T0 + leaseMs());
		expect(again?.id).toBe(a);
		expect(again?.claimedBy).toBe('w2');
	});

	it('claims a message whose lease ran out before any queued message, however many are waiting', () => {
		const crashed = queue({}, T0);
		expect(claimNext('dead', T0)?.id).toBe(crashed);
		const backlog = Array.from({ length: 5 }, () => queue({}, T0 - 60_000));
		expect(claimNext('w2', T0 + 1)?.id).toBe(backlog[0]);
		expect(claimNext('w2', T0 + leaseMs())?.id).toBe(crashed);
		expect(claimNext('w2', T0 + leaseMs())?.id).toBe(backlog[1]);
	});
});

describe('drain', () => {
	it('sends everything due and records the answer and Message-ID', async () => {
		const ids = [queue(), queue(), queue()];
		const t = fakeTransport();
		const r = await drain(t, { clock: () => T0 });
		expect(r).toMatchObject({ sent: 3, failed: 0, retry: 0, unreachable: false });
		for (const id of ids) {
			const m = row(id);
			expect(m.status).toBe('sent');
			expect(m.smtpResponse).toBe('250 2.0.0 Ok: queued as ABC123');
			expect(m.messageId).toBe(toMailOptions(m).messageId);
			expect(m.attempts).toBe(1);
		}
		expect(new Set(t.sent.map((s) => s.messageId)).size).toBe(3);
	});

	it('fails a message at once on a 5xx answer, with the reason, and carries on', async () => {
		const bad = queue({ to: 'nobody@example.org' });
		const good = queue();
		const t = fakeTransport((to) => (to === 'nobody@example.org' ? smtpError(550, '5.1.1 No such user') : undefined));
		const r = await drain(t, { clock: () => T0 });
		expect(r).toMatchObject({ sent: 1, failed: 1 });
		expect(row(bad)).toMatchObject({ status: 'failed', attempts: 1 });
		expect(row(bad).lastError).toContain('550 5.1.1 No such user');
		expect(row(good).status).toBe('sent');
		expect(outbox.recentFailures().map((f) => f.id)).toContain(bad);
	});

	it('retries a 4xx answer with backoff, then sends it', async () => {
		const id = queue();
		let refuse = true;
		const t = fakeTransport(() => (refuse ? smtpError(451, '4.3.0 Try again later') : undefined));
		expect(await drain(t, { clock: () => T0 })).toMatchObject({ retry: 1, sent: 0, unreachable: false });
		expect(row(id)).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: T0 + 60_000 });
		expect(await drain(t, { clock: () => T0 + 30_000 })).toMatchObject({ sent: 0, retry: 0 });
		refuse = false;
		expect(await drain(t, { clock: () => T0 + 60_000 })).toMatchObject({ sent: 1 });
		expect(row(id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
	});

	it('gives up on temporary failures after 24 hours', async () => {
		const id = queue();
		const t = fakeTransport(() => smtpError(452, 'mailbox full'));
		let now = T0;
		for (let i = 0; i < 60 && row(id).status === 'queued'; i++) {
			await drain(t, { clock: () => now });
			now = row(id).nextAttemptAt;
		}
		const m = row(id);
		expect(m.status).toBe('failed');
		expect(m.failedAt! - T0).toBeLessThanOrEqual(RETRY_FOR_MS);
		expect(m.attempts).toBeGreaterThan(10);
	});

	it('stops the run when the server cannot be reached: the rest keep their place', async () => {
		const ids = [queue(), queue(), queue()];
		const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ESOCKET' });
		let up = false;
		const t = fakeTransport(() => (up ? undefined : down));
		const r = await drain(t, { clock: () => T0 });
		expect(r).toMatchObject({ sent: 0, retry: 1, unreachable: true });
		expect(ids.map((id) => row(id).attempts)).toEqual([1, 0, 0]);
		expect(ids.map((id) => row(id).status)).toEqual(['queued', 'queued', 'queued']);
		// Runs pause for a little while, unless forced.
		expect((await drain(t, { clock: () => T0 + 1000 })).paused).toBe(true);
		up = true;
		const later = await drain(t, { clock: () => T0 + 61_000 });
		expect(later).toMatchObject({ sent: 3, unreachable: false });
		expect(ids.every((id) => row(id).status === 'sent')).toBe(true);
	});

	it('sends a message with no answer after its data (uncertain) once more after an hour, and no more', async () => {
		const id = queue();
		const noAnswer = () => Object.assign(new Error('Timeout'), { code: 'ETIMEDOUT', uncertain: true });
		const t = fakeTransport(noAnswer);
		expect(await drain(t, { clock: () => T0, force: true })).toMatchObject({ uncertain: 1, sent: 0, retry: 0 });
		expect(row(id)).toMatchObject({ status: 'queued', attempts: 1, uncertainAt: T0, nextAttemptAt: T0 + UNCERTAIN_RETRY_MS });
		expect(await drain(t, { clock: () => T0 + UNCERTAIN_RETRY_MS - 1, force: true })).toMatchObject({ uncertain: 0 });
		expect(await drain(t, { clock: () => T0 + UNCERTAIN_RETRY_MS, force: true })).toMatchObject({ uncertain: 1 });
		expect(row(id)).toMatchObject({ status: 'uncertain', attempts: 2 });
		expect(await drain(fakeTransport(), { clock: () => T0 + 10 * UNCERTAIN_RETRY_MS, force: true })).toMatchObject({ sent: 0 });
		expect(outbox.counts(T0).uncertain).toBe(1);
	});

	it('lets an admin retry a failed message, once', async () => {
		const id = queue();
		await drain(fakeTransport(() => smtpError(554, 'rejected')), { clock: () => T0 });
		expect(row(id).status).toBe('failed');
		expect(outbox.retry(id, T0 + 1000)).toBe(true);
		expect(outbox.retry(id, T0 + 1000)).toBe(false);
		await drain(fakeTransport(), { clock: () => T0 + 1000, force: true });
		expect(row(id).status).toBe('sent');
	});

	it('holds at most one message in sending at any moment, and leaves none there when a run stops at its limit', async () => {
		const ids = Array.from({ length: 6 }, () => queue());
		const sending: number[] = [];
		const t = fakeTransport();
		const watching: MailTransport = {
			kind: 'smtp',
			send: async (m) => {
				sending.push(db.select().from(outboxMessage).where(eq(outboxMessage.status, 'sending')).all().length);
				return t.send(m);
			},
			close() {}
		};
		expect(await drain(watching, { clock: () => T0, limit: 4 })).toMatchObject({ sent: 4 });
		expect(sending).toEqual([1, 1, 1, 1]);
		expect(ids.map((id) => row(id).status)).toEqual(['sent', 'sent', 'sent', 'sent', 'queued', 'queued']);
		expect(row(ids[4]).claimedBy).toBeNull();
		expect(await drain(watching, { clock: () => T0 })).toMatchObject({ sent: 2 });
		expect(t.sent.map((s) => s.to)).toEqual(ids.map((id) => row(id).toAddress));
	});

	it('after a 5xx answer and a 4xx answer carries on with the next message, each recorded', async () => {
		const bad = queue({ to: 'nobody@example.org' });
		const later = queue({ to: 'later@example.org' });
		const good = queue();
		const t = fakeTransport((to) => (to === 'nobody@example.org' ? smtpError(550, 'No such user') : to === 'later@example.org' ? smtpError(451, 'Try later') : undefined));
		expect(await drain(t, { clock: () => T0 })).toMatchObject({ sent: 1, failed: 1, retry: 1 });
		expect([row(bad).status, row(later).status, row(good).status]).toEqual(['failed', 'queued', 'sent']);
		expect(db.select().from(outboxMessage).where(eq(outboxMessage.status, 'sending')).all()).toHaveLength(0);
	});

	it('never sends a message twice when two workers drain at once', async () => {
		const ids = Array.from({ length: 40 }, () => queue());
		const t = fakeTransport();
		const slow: MailTransport = { kind: 'smtp', send: async (m) => (await new Promise((r) => setTimeout(r, 1)), t.send(m)), close() {} };
		const results = await Promise.all([drain(slow, { workerId: 'a', concurrency: 3 }), drain(slow, { workerId: 'b', concurrency: 3 })]);
		expect(results[0].sent + results[1].sent).toBe(40);
		expect(t.sent).toHaveLength(40);
		expect(new Set(t.sent.map((s) => s.to)).size).toBe(40);
		expect(ids.every((id) => row(id).status === 'sent')).toBe(true);
	});
});

describe('the envelope sender', () => {
	it('is the VERP return path naming the member and the message, so a bounce maps to one member', () => {
		const m = makeMember();
		const { id } = outbox.enqueue({ key: `verp-test:${m.id}`, kind: 'test', to: m.email, recipientId: m.id, subject: 'VERP', text: 'x', html: '<p>x</p>' });
		const row = db.select().from(outboxMessage).where(eq(outboxMessage.id, id)).get()!;
		const opts = toMailOptions(row);
		expect(opts.envelope?.to).toEqual([m.email]);
		expect(resolveBounceAddress(opts.envelope!.from)).toEqual({ memberId: m.id, outboxMessageId: id });
		// No member (an invitation, say): the transport's default envelope.
		expect(toMailOptions({ ...row, recipientId: null }).envelope).toBeUndefined();
	});
});
