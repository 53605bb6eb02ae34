/**
 * The outbox worker: claims due messages one at a time with a lease, sends them through the
 * transport, and records the SMTP server's answer and the Message-ID.
 *
 * - Temporary failures (the server cannot be reached, 4xx answers) are retried with
 *   exponential backoff (1, 2, 4 … minutes, at most an hour apart) for up to 24 hours from when
 *   the message was queued; then it is marked failed.
 * - Permanent failures (5xx answers) are marked failed at once, with the server's reason.
 * - When the server cannot be reached at all, the run stops at once (the other queued messages
 *   keep their place and are not charged an attempt) and the worker waits before trying again.
 * - A message sent in full that got no answer (the server took longer than the data timeout,
 *   10 minutes, or the connection dropped) may have arrived: it is marked uncertain and sent
 *   once more after an hour (UNCERTAIN_RETRY_MS); if that attempt gets no answer either it stays
 *   `uncertain` and is never sent again. The run stops and pauses, as for an unreachable server.
 *
 * What is promised after a crash: a message is marked sent only after the SMTP server accepted
 * it. Each message is claimed just before it is sent, with a lease (MAIL_LEASE_MS, default five
 * minutes; a send still running near its end is given up, see sendDeadlineMs) — in the same transaction that records
 * the outcome of the message before it, so a run commits once per message. A process killed mid-run leaves at
 * most one claimed message per connection in `sending`; when its lease runs out the next run
 * claims it before any other due message. So nothing is lost, and the only message that can reach a member twice is
 * one whose SMTP exchange was cut between the server's acceptance and our record of it — it
 * is sent once more, with the same Message-ID. Two processes on one database never claim the
 * same message: the claim is one UPDATE statement, and SQLite runs one writer at a time.
 */
import { and, eq, sql } from 'drizzle-orm';
import { db, immediate, param, prepared } from '../db/client';
import { outboxMessage, type OutboxMessage } from '../db/schema';
import { config } from '../config';
import { log } from '../log';
import { connections, isUncertain, type MailTransport } from './transport';
import { verpReturnPath } from './bounces';

export const RETRY_FOR_MS = 24 * 60 * 60 * 1000;

/** How long a claim lasts: longer than one send may take (connecting, the greeting, and up to 10 minutes for the answer to the end of the data). */
export function leaseMs(): number {
	return Number(process.env.MAIL_LEASE_MS) || 15 * 60 * 1000;
}

/** A send still running this long after its claim is given up (recorded as uncertain if the message had gone in full), so no live worker outlasts its lease. */
export function sendDeadlineMs(): number {
	const lease = leaseMs();
	return Math.max(lease - 60_000, Math.round(lease * 0.8));
}

/** A message that may have arrived (no answer after it was sent in full) is sent again once, this long after. */
export const UNCERTAIN_RETRY_MS = 60 * 60 * 1000;

/** Delay before attempt n+1: 1, 2, 4, 8 … minutes, capped at an hour. */
export function backoffMs(attempts: number): number {
	return Math.min(60 * 60 * 1000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Claims the next due message for this worker in one statement: first a message whose claim ran
 * out (its worker died mid-send), so it is not kept waiting behind a backlog; else the oldest
 * queued message whose time has come. Null when nothing is due.
 */
export function claimNext(workerId: string, now = Date.now()): OutboxMessage | null {
	return claimQuery().get({ workerId, now, leaseUntil: now + leaseMs() }) ?? null;
}

/** Prepared once: the worker claims one message per email (20,000 in a digest run). */
const claimQuery = prepared(() => {
	const now = sql.placeholder('now');
	return db
		.update(outboxMessage)
		.set({ status: 'sending', claimedBy: param('workerId'), leaseUntil: param('leaseUntil') })
		.where(
			sql`${outboxMessage.id} = coalesce(
				(select id from outbox_message where status = 'sending' and lease_until <= ${now} order by lease_until, id limit 1),
				(select id from outbox_message where status = 'queued' and next_attempt_at <= ${now} order by next_attempt_at, id limit 1)
			) and (
				(${outboxMessage.status} = 'queued' and ${outboxMessage.nextAttemptAt} <= ${now}) or
				(${outboxMessage.status} = 'sending' and ${outboxMessage.leaseUntil} <= ${now})
			)`
		)
		.returning()
		.prepare();
});

/** Claims up to `limit` due messages (kept for callers that want a batch). */
export function claim(workerId: string, limit: number, now = Date.now()): OutboxMessage[] {
	const out: OutboxMessage[] = [];
	for (let i = 0; i < limit; i++) {
		const m = claimNext(workerId, now);
		if (!m) break;
		out.push(m);
	}
	return out;
}

type SmtpError = { responseCode?: number; response?: string; message?: string; code?: string; command?: string };

/** Errors nodemailer raises before any server answer because the message itself is unusable. */
const BAD_MESSAGE = new Set(['EENVELOPE', 'EMESSAGE', 'ESTREAM']);
/** Errors that mean the server could not be reached or talked to at all. */
const NO_SERVER = new Set(['EABORT', 'ECONNECTION', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EAUTH', 'EPROTOCOL', 'ENOTFOUND', 'EHOSTUNREACH', 'ENOAUTH', 'ECONFIG', 'EPROXY']);

/** A 5xx answer (or a message nodemailer cannot send at all): the server will never take it. */
export function isPermanent(err: unknown): boolean {
	const e = err as SmtpError;
	if (typeof e.responseCode === 'number') return e.responseCode >= 500 && e.responseCode < 600;
	return e.code != null && BAD_MESSAGE.has(e.code);
}

/** The server could not be reached, or closed on us (421): stop the run, the next messages would fare no better. */
export function isUnreachable(err: unknown): boolean {
	const e = err as SmtpError;
	if (e.responseCode === 421) return true;
	return e.responseCode == null && e.code != null && NO_SERVER.has(e.code);
}

/** The reason to show an admin: the server's answer, or what went wrong on the way. */
export function describeError(err: unknown): string {
	const e = err as SmtpError;
	const text = e.response || e.message || String(err);
	const code = e.code && !text.includes(e.code) ? ` (${e.code})` : '';
	return (text + code).slice(0, 500);
}

/** The Message-ID of an outbox row: stable, so a copy sent again after a crash is recognisably the same message. */
export function messageIdFor(m: Pick<OutboxMessage, 'id' | 'idempotencyKey'>): string {
	return `<outbox-${m.id}-${m.idempotencyKey.replace(/[^A-Za-z0-9.-]/g, '.').slice(0, 80)}@${new URL(config().origin).hostname}>`;
}

/** Builds the nodemailer message for a row. */
export function toMailOptions(m: OutboxMessage) {
	return {
		from: config().mailFrom,
		to: m.toAddress,
		subject: m.subject,
		text: m.text,
		html: m.html,
		headers: m.headers ?? undefined,
		icalEvent: m.icalEvent ?? undefined,
		// A Message-ID set when queued (threading: one per post) is kept; otherwise one from the row.
		messageId: m.messageId ?? messageIdFor(m),
		// VERP: a bounce comes back to an address naming the member and this message (mail/bounces.ts).
		...(m.recipientId ? { envelope: { from: verpReturnPath(m.recipientId, m.id), to: [m.toAddress] } } : {})
	};
}

/** Records that the server accepted a message (whoever holds the claim now: it was sent). */
const markSentQuery = prepared(() =>
	db
		.update(outboxMessage)
		.set({ status: 'sent', sentAt: param('now'), smtpResponse: param('response'), messageId: param('messageId'), attempts: param('attempts'), leaseUntil: null, lastError: null })
		.where(and(eq(outboxMessage.id, sql.placeholder('id')), sql`${outboxMessage.status} in ('sending', 'queued')`))
		.prepare()
);

function markSent(m: OutboxMessage, info: { messageId: string; response: string }, now: number) {
	markSentQuery().run({ now, response: info.response.slice(0, 500), messageId: info.messageId, attempts: m.attempts + 1, id: m.id });
}

type Outcome = 'sent' | 'failed' | 'retry' | 'unreachable' | 'uncertain';

/**
 * Records an attempt that got no answer after the whole message was sent: the first time, queued
 * again for one more try after UNCERTAIN_RETRY_MS; the second time, `uncertain` for good.
 */
function markUncertain(m: OutboxMessage, err: unknown, workerId: string, now: number): Outcome {
	const attempts = m.attempts + 1;
	const again = m.uncertainAt == null;
	const reason = `No answer after the whole message was sent, so it may have arrived. ${again ? 'It will be sent once more after an hour' : 'It will not be sent again'}. (${describeError(err)})`.slice(0, 500);
	db.update(outboxMessage)
		.set(
			again
				? { status: 'queued', attempts, uncertainAt: now, nextAttemptAt: now + UNCERTAIN_RETRY_MS, lastError: reason, leaseUntil: null }
				: { status: 'uncertain', attempts, lastError: reason, leaseUntil: null }
		)
		.where(and(eq(outboxMessage.id, m.id), eq(outboxMessage.status, 'sending'), eq(outboxMessage.claimedBy, workerId)))
		.run();
	log.warn('mail delivery uncertain', { id: m.id, kind: m.kind, attempts, retry: again, error: describeError(err) });
	return 'uncertain';
}

/** Records a failed attempt: failed at once for 5xx or after 24 hours, else queued again with backoff. */
function markFailure(m: OutboxMessage, err: unknown, workerId: string, now: number): Outcome {
	if (isUncertain(err)) return markUncertain(m, err, workerId, now);
	const attempts = m.attempts + 1;
	const reason = describeError(err);
	const giveUp = isPermanent(err) || now + backoffMs(attempts) - m.createdAt > RETRY_FOR_MS;
	db.update(outboxMessage)
		.set(
			giveUp
				? { status: 'failed', failedAt: now, attempts, lastError: reason, smtpResponse: (err as SmtpError).response?.slice(0, 500) ?? null, leaseUntil: null }
				: { status: 'queued', attempts, nextAttemptAt: now + backoffMs(attempts), lastError: reason, leaseUntil: null }
		)
		.where(and(eq(outboxMessage.id, m.id), eq(outboxMessage.status, 'sending'), eq(outboxMessage.claimedBy, workerId)))
		.run();
	log.warn('mail delivery failed', { id: m.id, kind: m.kind, attempts, permanent: giveUp, error: reason });
	if (giveUp) return 'failed';
	return isUnreachable(err) ? 'unreachable' : 'retry';
}

type Attempt = { ok: true; info: { messageId: string; response: string } } | { ok: false; err: unknown };

/** Hands one claimed message to the transport, giving up at the deadline; what the server said. */
async function attempt(transport: MailTransport, m: OutboxMessage): Promise<Attempt> {
	const deadline = new AbortController();
	const timer = setTimeout(() => deadline.abort(new Error('The send took too long and was given up')), sendDeadlineMs());
	try {
		return { ok: true, info: await transport.send(toMailOptions(m), { signal: deadline.signal }) };
	} catch (err) {
		return { ok: false, err };
	} finally {
		clearTimeout(timer);
	}
}

/** Records what happened to a message the server was offered. */
function settle(m: OutboxMessage, a: Attempt, workerId: string, now: number): Outcome {
	if (!a.ok) return markFailure(m, a.err, workerId, now);
	markSent(m, a.info, now);
	return 'sent';
}

/** Sends one claimed message and records the outcome. */
export async function deliver(transport: MailTransport, m: OutboxMessage, workerId: string, clock: () => number = Date.now): Promise<Outcome> {
	const a = await attempt(transport, m);
	return settle(m, a, workerId, clock());
}

/** When the server was last unreachable, per transport: runs wait until `until`. */
const pause = new WeakMap<MailTransport, { until: number; failures: number }>();

/** How long to wait after the n-th unreachable run in a row: 10 s, 20 s, 40 s … at most 5 minutes. */
function pauseMs(failures: number): number {
	return Math.min(5 * 60_000, 10_000 * 2 ** Math.max(0, failures - 1));
}

/** Whether runs are paused because the server could not be reached, and until when. */
export function pausedUntil(transport: MailTransport): number | null {
	return pause.get(transport)?.until ?? null;
}

export type DrainOptions = {
	workerId?: string;
	/** Messages in flight at once (default MAIL_CONNECTIONS, 1 for the local mailbox). */
	concurrency?: number;
	/** Stop after this many messages. */
	limit?: number;
	/** Ignore the pause after an unreachable server (the command line, tests). */
	force?: boolean;
	/** The clock (tests). */
	clock?: () => number;
};

export type DrainResult = { sent: number; failed: number; retry: number; uncertain: number; unreachable: boolean; paused: boolean };

/**
 * Sends everything due, one message per lane at a time, until nothing is due, `limit` is
 * reached, or the server cannot be reached (then it stops and pauses further runs a little).
 */
export async function drain(transport: MailTransport, opts: DrainOptions = {}): Promise<DrainResult> {
	const clock = opts.clock ?? Date.now;
	const workerId = opts.workerId ?? `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
	const result: DrainResult = { sent: 0, failed: 0, retry: 0, uncertain: 0, unreachable: false, paused: false };
	const paused = pause.get(transport);
	if (paused && !opts.force && clock() < paused.until) return { ...result, paused: true };
	const lanes = transport.kind === 'smtp' ? (opts.concurrency ?? connections()) : 1;
	let taken = 0;
	let stop = false;
	/** The lane's next message, unless the run is over. */
	const take = (now: number): OutboxMessage | null => {
		if (stop || taken >= (opts.limit ?? Infinity)) return null;
		const m = claimNext(workerId, now);
		if (m) taken++;
		return m;
	};
	const lane = async () => {
		let m = take(clock());
		while (m) {
			const current = m;
			const a = await attempt(transport, current);
			// The outcome and the lane's next claim in one transaction (one commit per message, not
			// two): a lane still holds at most one message in `sending` at any moment.
			const step = immediate(() => {
				const now = clock();
				const outcome = settle(current, a, workerId, now);
				return { outcome, next: outcome === 'unreachable' || outcome === 'uncertain' ? null : take(now) };
			});
			if (step.outcome === 'unreachable') {
				result.retry++;
				result.unreachable = true;
				stop = true;
			} else if (step.outcome === 'uncertain') {
				// The server is too slow to answer: the next messages would fare no better now.
				result.uncertain++;
				stop = true;
			} else result[step.outcome]++;
			m = step.next;
		}
	};
	await Promise.all(Array.from({ length: lanes }, lane));
	if (result.unreachable || result.uncertain > 0) {
		const failures = (paused?.failures ?? 0) + 1;
		pause.set(transport, { until: clock() + pauseMs(failures), failures });
	} else if (result.sent > 0) pause.delete(transport);
	return result;
}
