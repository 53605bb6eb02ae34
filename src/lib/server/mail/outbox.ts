/**
 * The outbox: the only way to send an email (ARCHITECTURE rule 4). It knows no area.
 * Enqueuing is idempotent on `key`: the same key twice makes one email.
 */
import { and, count, desc, eq, lt, sql } from 'drizzle-orm';
import { db } from '../db/client';
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
};

/** Queues an email; returns its id and whether this call created it. */
export function enqueue(email: NewEmail, now = Date.now()): { id: number; created: boolean } {
	const inserted = db
		.insert(outboxMessage)
		.values({
			idempotencyKey: email.key,
			kind: email.kind,
			recipientId: email.recipientId ?? null,
			toAddress: email.to,
			subject: email.subject,
			text: email.text,
			html: email.html,
			headers: email.headers ?? null,
			icalEvent: email.icalEvent ?? null,
			batchKey: email.batchKey ?? null,
			nextAttemptAt: email.sendAfter ?? now,
			createdAt: now
		})
		.onConflictDoNothing({ target: outboxMessage.idempotencyKey })
		.returning({ id: outboxMessage.id })
		.get();
	if (inserted) return { id: inserted.id, created: true };
	const existing = db.select({ id: outboxMessage.id }).from(outboxMessage).where(eq(outboxMessage.idempotencyKey, email.key)).get()!;
	return { id: existing.id, created: false };
}

/** Queued, sending, sent and failed counts. */
export function counts(): Record<OutboxMessage['status'], number> {
	const rows = db.select({ status: outboxMessage.status, n: count() }).from(outboxMessage).groupBy(outboxMessage.status).all();
	const out = { queued: 0, sending: 0, sent: 0, failed: 0 };
	for (const r of rows) out[r.status] = r.n;
	return out;
}

/** Counts by status for one batch (e.g. one regional digest). */
export function batchCounts(batchKey: string): Record<OutboxMessage['status'], number> {
	const rows = db
		.select({ status: outboxMessage.status, n: count() })
		.from(outboxMessage)
		.where(eq(outboxMessage.batchKey, batchKey))
		.groupBy(outboxMessage.status)
		.all();
	const out = { queued: 0, sending: 0, sent: 0, failed: 0 };
	for (const r of rows) out[r.status] = r.n;
	return out;
}

/** The most recent failures with their reasons. */
export function recentFailures(limit = 50) {
	return db
		.select({
			id: outboxMessage.id,
			to: outboxMessage.toAddress,
			subject: outboxMessage.subject,
			kind: outboxMessage.kind,
			attempts: outboxMessage.attempts,
			lastError: outboxMessage.lastError,
			failedAt: outboxMessage.failedAt
		})
		.from(outboxMessage)
		.where(eq(outboxMessage.status, 'failed'))
		.orderBy(desc(outboxMessage.failedAt))
		.limit(limit)
		.all();
}

/** Puts a failed message back in the queue. */
export function retry(id: number, now = Date.now()): boolean {
	return (
		db
			.update(outboxMessage)
			.set({ status: 'queued', nextAttemptAt: now, failedAt: null, attempts: 0, createdAt: now })
			.where(and(eq(outboxMessage.id, id), eq(outboxMessage.status, 'failed')))
			.run().changes > 0
	);
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

