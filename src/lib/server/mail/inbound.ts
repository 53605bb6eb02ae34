/**
 * The inbound_message table (issue 14): what the receivers (SMTP, IMAP, webhook) store, and what
 * inbound/ reads from the scheduler. Receivers only `store` the raw message and answer; nothing
 * here knows an area. A message is stored once per Message-ID (a message delivered twice — a
 * retrying server, an IMAP message seen again after a crash — is one row).
 */
import { createHash } from 'node:crypto';
import { and, desc, eq, isNotNull, lt, or, sql } from 'drizzle-orm';
import { db } from '../db/client';
import { inboundMessage, INBOUND_OUTCOMES, type InboundMessage, type InboundOutcome } from '../db/schema';

export { INBOUND_OUTCOMES, type InboundOutcome, type InboundMessage };

export type Via = InboundMessage['via'];

/** The header block of a raw message (up to the first empty line; at most 256 KB read). */
export function headerBlock(raw: Buffer): string {
	const head = raw.subarray(0, 256 * 1024).toString('latin1');
	const end = head.search(/\r?\n\r?\n/);
	return end < 0 ? head : head.slice(0, end);
}

/** One header's first value from a raw message, unfolded; null when absent. */
export function rawHeader(raw: Buffer, name: string): string | null {
	const unfolded = headerBlock(raw).replace(/\r?\n[ \t]+/g, ' ');
	const re = new RegExp(`^${name.replace(/[-]/g, '\\-')}:[ \\t]*(.*)$`, 'im');
	const m = re.exec(unfolded);
	return m ? m[1].trim() : null;
}

/** The Message-ID to store a message under: its own (up to 500 characters), else a hash of the whole message. */
export function messageIdOf(raw: Buffer): string {
	const own = rawHeader(raw, 'Message-ID');
	const m = own ? /<[^<>\s]{1,500}>/.exec(own) : null;
	if (m) return m[0];
	return `<sha256-${createHash('sha256').update(raw).digest('hex')}@no-message-id>`;
}

export type StoreInput = { raw: Buffer; via: Via; envelopeFrom?: string | null; recipients?: string[] };

/**
 * Stores a raw message durably (one insert, committed before the caller answers the sender).
 * `duplicate` when a message with the same Message-ID is already stored: the caller still
 * answers "accepted", as the message is safe here.
 */
export function store(input: StoreInput, now = Date.now()): { id: number; duplicate: boolean } {
	const messageId = messageIdOf(input.raw);
	const inserted = db
		.insert(inboundMessage)
		.values({
			messageId,
			via: input.via,
			receivedAt: now,
			envelopeFrom: input.envelopeFrom?.slice(0, 320) || null,
			recipients: (input.recipients ?? []).slice(0, 50).map((r) => r.slice(0, 320)),
			size: input.raw.length,
			raw: input.raw
		})
		.onConflictDoNothing({ target: inboundMessage.messageId })
		.returning({ id: inboundMessage.id })
		.get();
	if (inserted) {
		queueMicrotask(stored);
		return { id: inserted.id, duplicate: false };
	}
	const existing = db.select({ id: inboundMessage.id }).from(inboundMessage).where(eq(inboundMessage.messageId, messageId)).get()!;
	return { id: existing.id, duplicate: true };
}

/** Listeners told when a message is stored (the scheduler processes it at once). */
const listeners = new Set<() => void>();

/** Calls `fn` after each newly stored message; returns a function that stops it. */
export function onStored(fn: () => void): () => void {
	listeners.add(fn);
	return () => listeners.delete(fn);
}

function stored() {
	for (const fn of listeners) {
		try {
			fn();
		} catch {
			// A listener's failure is not the sender's problem: the message is stored.
		}
	}
}

/** The ids of messages waiting to be processed, oldest first. */
export function pendingIds(limit = 50): number[] {
	return db
		.select({ id: inboundMessage.id })
		.from(inboundMessage)
		.where(eq(inboundMessage.outcome, 'pending'))
		.orderBy(inboundMessage.receivedAt, inboundMessage.id)
		.limit(limit)
		.all()
		.map((r) => r.id);
}

/** Messages waiting to be processed, oldest first (with their raw bytes). */
export function pending(limit = 50): InboundMessage[] {
	return db
		.select()
		.from(inboundMessage)
		.where(eq(inboundMessage.outcome, 'pending'))
		.orderBy(inboundMessage.receivedAt, inboundMessage.id)
		.limit(limit)
		.all();
}

export type Finish = {
	outcome: Exclude<InboundOutcome, 'pending'>;
	fromAddress?: string | null;
	subject?: string | null;
	toKey?: string | null;
	memberId?: number | null;
	action?: string | null;
	reason?: string | null;
	resultPath?: string | null;
	notifiedAt?: number | null;
};

/**
 * Records the outcome of a pending message. Call it inside the transaction that makes the post,
 * so the post and "processed" commit together. False when it was no longer pending (another
 * process got there first): the caller's transaction must then be rolled back.
 */
export function finish(id: number, f: Finish, now = Date.now()): boolean {
	return (
		db
			.update(inboundMessage)
			.set({
				outcome: f.outcome,
				fromAddress: f.fromAddress?.slice(0, 320) ?? null,
				subject: f.subject?.slice(0, 300) ?? null,
				toKey: f.toKey?.slice(0, 120) ?? null,
				memberId: f.memberId ?? null,
				action: f.action ?? null,
				reason: f.reason?.slice(0, 500) ?? null,
				resultPath: f.resultPath ?? null,
				notifiedAt: f.notifiedAt ?? null,
				processedAt: now,
				attempts: sql`${inboundMessage.attempts} + 1`
			})
			.where(and(eq(inboundMessage.id, id), eq(inboundMessage.outcome, 'pending')))
			.run().changes > 0
	);
}

/**
 * Closes a message the child-safety check held, once the member has answered it by email: posted
 * (they confirmed it, or a new version went up) or replaced by a new version held in its turn.
 * Call it inside the transaction that makes the post. False when it is no longer held (answered
 * already) or is not that member's.
 */
export function closeHeld(id: number, memberId: number, f: { outcome: 'posted' | 'refused'; reason: string; resultPath?: string | null }): boolean {
	return (
		db
			.update(inboundMessage)
			.set({ outcome: f.outcome, reason: f.reason.slice(0, 500), resultPath: f.resultPath ?? null })
			.where(and(eq(inboundMessage.id, id), eq(inboundMessage.memberId, memberId), eq(inboundMessage.outcome, 'held')))
			.run().changes > 0
	);
}

/** Counts a failed attempt at a pending message (it stays pending until `maxAttempts`, then is marked failed). */
export function attemptFailed(id: number, reason: string, maxAttempts = 3, now = Date.now()): void {
	const row = db.select({ attempts: inboundMessage.attempts }).from(inboundMessage).where(eq(inboundMessage.id, id)).get();
	if (!row) return;
	if (row.attempts + 1 >= maxAttempts) finish(id, { outcome: 'failed', reason }, now);
	else db.update(inboundMessage).set({ attempts: row.attempts + 1, reason: reason.slice(0, 500) }).where(eq(inboundMessage.id, id)).run();
}

/** Whether a rejection email went to this sender within the last `withinMs`. */
export function notifiedRecently(fromAddress: string, now = Date.now(), withinMs = 60 * 60 * 1000): boolean {
	return (
		db
			.select({ id: inboundMessage.id })
			.from(inboundMessage)
			.where(and(eq(inboundMessage.fromAddress, fromAddress.toLowerCase()), isNotNull(inboundMessage.notifiedAt), sql`${inboundMessage.notifiedAt} > ${now - withinMs}`))
			.limit(1)
			.get() != null
	);
}

/** How many refusals were emailed to a member since `since` (refusals are capped per hour too). */
export function refusalsNotifiedSince(memberId: number, since: number): number {
	return (
		db
			.select({ n: sql<number>`count(*)` })
			.from(inboundMessage)
			.where(and(eq(inboundMessage.memberId, memberId), eq(inboundMessage.outcome, 'refused'), sql`${inboundMessage.notifiedAt} > ${since}`))
			.get()?.n ?? 0
	);
}

/** One message (admin), or null. */
export function byId(id: number): InboundMessage | null {
	return db.select().from(inboundMessage).where(eq(inboundMessage.id, id)).get() ?? null;
}

export type InboundRow = Omit<InboundMessage, 'raw'> & { hasRaw: boolean };

/** The most recent messages, newest first, optionally of one outcome; keyset-paginated by id. */
export function recent(opts: { outcome?: InboundOutcome; before?: number; limit?: number } = {}): InboundRow[] {
	const rows = db
		.select({
			id: inboundMessage.id,
			messageId: inboundMessage.messageId,
			via: inboundMessage.via,
			receivedAt: inboundMessage.receivedAt,
			envelopeFrom: inboundMessage.envelopeFrom,
			recipients: inboundMessage.recipients,
			size: inboundMessage.size,
			fromAddress: inboundMessage.fromAddress,
			subject: inboundMessage.subject,
			toKey: inboundMessage.toKey,
			memberId: inboundMessage.memberId,
			outcome: inboundMessage.outcome,
			action: inboundMessage.action,
			reason: inboundMessage.reason,
			resultPath: inboundMessage.resultPath,
			attempts: inboundMessage.attempts,
			processedAt: inboundMessage.processedAt,
			notifiedAt: inboundMessage.notifiedAt,
			hasRaw: sql<number>`${inboundMessage.raw} is not null`
		})
		.from(inboundMessage)
		.where(and(opts.outcome ? eq(inboundMessage.outcome, opts.outcome) : undefined, opts.before ? lt(inboundMessage.id, opts.before) : undefined))
		.orderBy(desc(inboundMessage.id))
		.limit(opts.limit ?? 50)
		.all();
	return rows.map((r) => ({ ...r, hasRaw: Boolean(r.hasRaw) }));
}

/** Counts by outcome (admin page filter). */
export function outcomeCounts(): Record<InboundOutcome, number> {
	const out = Object.fromEntries(INBOUND_OUTCOMES.map((o) => [o, 0])) as Record<InboundOutcome, number>;
	for (const r of db.select({ outcome: inboundMessage.outcome, n: sql<number>`count(*)` }).from(inboundMessage).groupBy(inboundMessage.outcome).all()) out[r.outcome] = r.n;
	return out;
}

/** A member's own messages: those that named them (by reply address or bounce) or came from their address, oldest first, without the raw bytes (data export). */
export function forMember(memberId: number, email: string): InboundRow[] {
	const rows = db
		.select()
		.from(inboundMessage)
		.where(or(eq(inboundMessage.memberId, memberId), eq(inboundMessage.fromAddress, email.toLowerCase())))
		.orderBy(inboundMessage.id)
		.all();
	return rows.map(({ raw, ...r }) => ({ ...r, hasRaw: raw != null }));
}

/** Deletes a member's messages (account deletion): the same ones `forMember` lists. */
export function eraseFor(memberId: number, email: string): number {
	return db
		.delete(inboundMessage)
		.where(or(eq(inboundMessage.memberId, memberId), eq(inboundMessage.fromAddress, email.toLowerCase()), sql`instr(lower(${inboundMessage.envelopeFrom}), ${email.toLowerCase()}) > 0`))
		.run().changes;
}

/** Empties the raw bytes of messages received more than `days` ago (retention); returns how many. */
export function purgeRaw(days: number, now = Date.now()): number {
	return db
		.update(inboundMessage)
		.set({ raw: null })
		.where(and(lt(inboundMessage.receivedAt, now - days * 86_400_000), isNotNull(inboundMessage.raw)))
		.run().changes;
}
