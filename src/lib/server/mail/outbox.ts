/**
 * The outbox: the only way to send an email (ARCHITECTURE rule 4). It knows no area.
 * Enqueuing is idempotent on `key`: the same key twice makes one email.
 */
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { db, param, prepared } from '../db/client';
import { outboxMessage, type OutboxMessage } from '../db/schema';

export type NewEmail = {
	/** Unique per (kind, recipient, period or object), e.g. `digest:weekly:2026-W48:member:12`. */
	key: string;
	kind: string;
	to: string;
	recipientId?: number | null;
	subject: string;
	text: string;
	html: string;
	headers?: Record<string, string>;
	icalEvent?: { method: string; content: string; filename?: string };
	batchKey?: string;
	/** Don't send before this instant (scheduled sends). */
	sendAfter?: number;
	/** The Message-ID to send it with (e.g. one per post, for threading); otherwise the worker makes one. */
	messageId?: string;
};

/** Queues an email; returns its id and whether this call created it. */
export function enqueue(email: NewEmail, now = Date.now()): { id: number; created: boolean } {
	const inserted = insertQuery().get({
		key: email.key,
		kind: email.kind,
		recipientId: email.recipientId ?? null,
		to: email.to,
		subject: email.subject,
		text: email.text,
		html: email.html,
		// JSON columns: written as their JSON text here (null stays SQL NULL).
		headers: email.headers ? JSON.stringify(email.headers) : null,
		icalEvent: email.icalEvent ? JSON.stringify(email.icalEvent) : null,
		batchKey: email.batchKey ?? null,
		messageId: email.messageId ?? null,
		nextAttemptAt: email.sendAfter ?? now,
		createdAt: now
	});
	if (inserted) return { id: inserted.id, created: true };
	const existing = byKeyQuery().get({ key: email.key })!;
	return { id: existing.id, created: false };
}

// Prepared once per connection: a digest run queues 20,000 emails.
const insertQuery = prepared(() =>
	db
		.insert(outboxMessage)
		.values({
			idempotencyKey: param('key'),
			kind: param('kind'),
			recipientId: param('recipientId'),
			toAddress: param('to'),
			subject: param('subject'),
			text: param('text'),
			html: param('html'),
			headers: param('headers'),
			icalEvent: param('icalEvent'),
			batchKey: param('batchKey'),
			messageId: param('messageId'),
			nextAttemptAt: param('nextAttemptAt'),
			createdAt: param('createdAt')
		})
		.onConflictDoNothing({ target: outboxMessage.idempotencyKey })
		.returning({ id: outboxMessage.id })
		.prepare()
);
const byKeyQuery = prepared(() =>
	db.select({ id: outboxMessage.id }).from(outboxMessage).where(eq(outboxMessage.idempotencyKey, sql.placeholder('key'))).prepare()
);

export type StatusCounts = Record<OutboxMessage['status'], number>;

const zero = (): StatusCounts => ({ queued: 0, sending: 0, sent: 0, failed: 0, uncertain: 0 });

/** How far back "sent" is counted on the admin page and in /healthz (all-time would read every row ever sent). */
export const SENT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** Messages queued, being sent, failed and uncertain, and those sent in the last SENT_WINDOW_MS; each count from an index. */
export function counts(now = Date.now()): StatusCounts {
	const rows = db
		.select({ status: outboxMessage.status, n: count() })
		.from(outboxMessage)
		.where(inArray(outboxMessage.status, ['queued', 'sending', 'failed', 'uncertain']))
		.groupBy(outboxMessage.status)
		.all();
	const out = zero();
	for (const r of rows) out[r.status] = r.n;
	out.sent = db.select({ n: count() }).from(outboxMessage).where(and(eq(outboxMessage.status, 'sent'), gt(outboxMessage.sentAt, now - SENT_WINDOW_MS))).get()?.n ?? 0;
	return out;
}

/** Counts by status for one batch (e.g. one regional digest). */
export function batchCounts(batchKey: string): StatusCounts {
	return batchCountsMany([batchKey]).get(batchKey) ?? zero();
}

/** Counts by status for several batches at once (a list of digests). */
export function batchCountsMany(batchKeys: string[]): Map<string, StatusCounts> {
	const out = new Map(batchKeys.map((k) => [k, zero()]));
	if (batchKeys.length === 0) return out;
	const rows = db
		.select({ batchKey: outboxMessage.batchKey, status: outboxMessage.status, n: count() })
		.from(outboxMessage)
		.where(inArray(outboxMessage.batchKey, batchKeys))
		.groupBy(outboxMessage.batchKey, outboxMessage.status)
		.all();
	for (const r of rows) if (r.batchKey) out.get(r.batchKey)![r.status] = r.n;
	return out;
}

const failureColumns = {
	id: outboxMessage.id,
	to: outboxMessage.toAddress,
	subject: outboxMessage.subject,
	kind: outboxMessage.kind,
	attempts: outboxMessage.attempts,
	lastError: outboxMessage.lastError,
	failedAt: outboxMessage.failedAt,
	createdAt: outboxMessage.createdAt
};

/** The most recent failures with their reasons (optionally of one batch). */
export function recentFailures(limit = 50, batchKey?: string) {
	return db
		.select(failureColumns)
		.from(outboxMessage)
		.where(and(eq(outboxMessage.status, 'failed'), batchKey ? eq(outboxMessage.batchKey, batchKey) : undefined))
		.orderBy(desc(outboxMessage.failedAt))
		.limit(limit)
		.all();
}

/** Messages waiting for another attempt after a temporary failure, soonest first (not those that may have arrived: see `uncertain`). */
export function retrying(limit = 50) {
	return db
		.select({ ...failureColumns, nextAttemptAt: outboxMessage.nextAttemptAt })
		.from(outboxMessage)
		.where(and(eq(outboxMessage.status, 'queued'), gt(outboxMessage.attempts, 0), isNull(outboxMessage.uncertainAt)))
		.orderBy(asc(outboxMessage.nextAttemptAt))
		.limit(limit)
		.all();
}

/**
 * Messages that got no answer after they were sent in full, so may have arrived, newest first:
 * waiting for their one more try (`queued`, with the time), or given up (`uncertain`).
 */
export function uncertain(limit = 50) {
	return db
		.select({ ...failureColumns, status: outboxMessage.status, uncertainAt: outboxMessage.uncertainAt, nextAttemptAt: outboxMessage.nextAttemptAt })
		.from(outboxMessage)
		.where(and(isNotNull(outboxMessage.uncertainAt), inArray(outboxMessage.status, ['queued', 'sending', 'uncertain'])))
		.orderBy(desc(outboxMessage.uncertainAt))
		.limit(limit)
		.all();
}

/** How many messages may have arrived with no answer: waiting for their one more try, or given up. */
export function uncertainCount(): number {
	return (
		db
			.select({ n: count() })
			.from(outboxMessage)
			.where(and(isNotNull(outboxMessage.uncertainAt), inArray(outboxMessage.status, ['queued', 'sending', 'uncertain'])))
			.get()?.n ?? 0
	);
}

/** The oldest message still waiting to go (queued or being sent), or null. */
export function oldestWaiting(): number | null {
	const row = db
		.select({ at: sql<number>`min(${outboxMessage.createdAt})` })
		.from(outboxMessage)
		.where(inArray(outboxMessage.status, ['queued', 'sending']))
		.get();
	return row?.at ?? null;
}

/** One message (for the admin page), or null. */
export function byId(id: number): OutboxMessage | null {
	return db.select().from(outboxMessage).where(eq(outboxMessage.id, id)).get() ?? null;
}

/**
 * Puts a failed message back in the queue to go now. Its 24 hours of retries start again.
 * False when there is no failed message with that id.
 */
export function retry(id: number, now = Date.now()): boolean {
	return (
		db
			.update(outboxMessage)
			.set({ status: 'queued', nextAttemptAt: now, failedAt: null, attempts: 0, createdAt: now, claimedBy: null, leaseUntil: null })
			.where(and(eq(outboxMessage.id, id), eq(outboxMessage.status, 'failed')))
			.run().changes > 0
	);
}

/** Puts every failed message (optionally of one batch) back in the queue; returns how many. */
export function retryAll(now = Date.now(), batchKey?: string): number {
	return db
		.update(outboxMessage)
		.set({ status: 'queued', nextAttemptAt: now, failedAt: null, attempts: 0, createdAt: now, claimedBy: null, leaseUntil: null })
		.where(and(eq(outboxMessage.status, 'failed'), batchKey ? eq(outboxMessage.batchKey, batchKey) : undefined))
		.run().changes;
}

/**
 * Records an email as already sent without delivering it — only for seeding demo and
 * benchmark data (past regional digests). Idempotent on `key` like `enqueue`.
 */
export function recordSent(email: NewEmail, sentAt: number): { id: number; created: boolean } {
	const r = enqueue(email, sentAt);
	if (r.created) {
		db.update(outboxMessage)
			.set({ status: 'sent', sentAt, attempts: 1, smtpResponse: 'recorded as sent (seed data)' })
			.where(eq(outboxMessage.id, r.id))
			.run();
	}
	return r;
}

/**
 * Records an email as sent twice with no answer either time (`uncertain`) — only for seeding demo
 * data, so Admin → Mail delivery shows what such a message looks like. Idempotent on `key`.
 */
export function recordUncertain(email: NewEmail, firstAt: number): { id: number; created: boolean } {
	const r = enqueue(email, firstAt);
	if (r.created) {
		db.update(outboxMessage)
			.set({
				status: 'uncertain',
				attempts: 2,
				uncertainAt: firstAt + 60_000,
				lastError: 'No answer after the whole message was sent, so it may have arrived. It will not be sent again. (Timeout (ETIMEDOUT))'
			})
			.where(eq(outboxMessage.id, r.id))
			.run();
	}
	return r;
}

/** Messages sent to one address (newest first), e.g. for tests and data exports. */
export function messagesTo(address: string, limit = 50) {
	return db.select().from(outboxMessage).where(eq(outboxMessage.toAddress, address)).orderBy(desc(outboxMessage.id)).limit(limit).all();
}

/** Empties the bodies of messages sent more than `days` ago (retention), keeping headers and status. */
export function emptyOldBodies(days = 90, now = Date.now()): number {
	return db
		.update(outboxMessage)
		.set({ text: '', html: '', icalEvent: null })
		.where(and(eq(outboxMessage.status, 'sent'), lt(outboxMessage.sentAt, now - days * 86_400_000), sql`length(${outboxMessage.html}) > 0`))
		.run().changes;
}

