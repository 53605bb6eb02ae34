/**
 * The outbox worker: claims due messages atomically with a lease, sends them, records the
 * server's answer. Temporary failures (connection errors, 4xx) are retried with exponential
 * backoff for up to 24 hours; permanent failures (5xx) fail at once.
 *
 * What is promised after a crash: a message is marked sent only after the SMTP server accepted
 * it. A process killed mid-send leaves its claimed messages in `sending`; when their lease runs
 * out another run claims them again, so only a message whose SMTP exchange was cut may be sent
 * once more. Nothing is lost; nothing already marked sent is sent again.
 */
import { and, asc, eq, lte, or, sql } from 'drizzle-orm';
import { db } from '../db/client';
import { outboxMessage, type OutboxMessage } from '../db/schema';
import { config } from '../config';
import { log } from '../log';
import type { MailTransport } from './transport';

export const RETRY_FOR_MS = 24 * 60 * 60 * 1000;

/** How long a claim lasts; longer than any single send can take (socket timeout 30s). */
export function leaseMs(): number {
	return Number(process.env.MAIL_LEASE_MS) || 5 * 60 * 1000;
}

/** Delay before attempt n+1: 1, 2, 4, 8 … minutes, capped at an hour. */
export function backoffMs(attempts: number): number {
	return Math.min(60 * 60 * 1000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/** Claims up to `limit` due messages for this worker in one statement. */
export function claim(workerId: string, limit: number, now = Date.now()): OutboxMessage[] {
	const due = or(
		and(eq(outboxMessage.status, 'queued'), lte(outboxMessage.nextAttemptAt, now)),
		and(eq(outboxMessage.status, 'sending'), lte(outboxMessage.leaseUntil, now))
	);
	const ids = db.select({ id: outboxMessage.id }).from(outboxMessage).where(due).orderBy(asc(outboxMessage.nextAttemptAt)).limit(limit);
	return db
		.update(outboxMessage)
		.set({ status: 'sending', claimedBy: workerId, leaseUntil: now + leaseMs() })
		.where(and(sql`${outboxMessage.id} in ${ids}`, due))
		.returning()
		.all();
}

function isPermanent(err: unknown): boolean {
	const code = (err as { responseCode?: number }).responseCode;
	return typeof code === 'number' && code >= 500 && code < 600;
}

function describe(err: unknown): string {
	const e = err as { response?: string; message?: string; code?: string };
	return (e.response || e.message || String(err)).slice(0, 500);
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
		messageId: `<outbox-${m.id}-${m.idempotencyKey.replace(/[^A-Za-z0-9.-]/g, '.').slice(0, 80)}@${new URL(config().origin).hostname}>`
	};
}

/** Sends one claimed message and records the outcome. */
async function deliver(transport: MailTransport, m: OutboxMessage, workerId: string) {
	try {
		const info = await transport.send(toMailOptions(m));
		db.update(outboxMessage)
			.set({ status: 'sent', sentAt: Date.now(), smtpResponse: info.response.slice(0, 500), messageId: info.messageId, attempts: m.attempts + 1, leaseUntil: null, lastError: null })
			.where(and(eq(outboxMessage.id, m.id), eq(outboxMessage.claimedBy, workerId)))
			.run();
		return 'sent' as const;
	} catch (err) {
		const now = Date.now();
		const attempts = m.attempts + 1;
		const giveUp = isPermanent(err) || now - m.createdAt + backoffMs(attempts) > RETRY_FOR_MS;
		db.update(outboxMessage)
			.set(
				giveUp
					? { status: 'failed', failedAt: now, attempts, lastError: describe(err), leaseUntil: null }
					: { status: 'queued', attempts, nextAttemptAt: now + backoffMs(attempts), lastError: describe(err), leaseUntil: null }
			)
			.where(and(eq(outboxMessage.id, m.id), eq(outboxMessage.claimedBy, workerId)))
			.run();
		log.warn('mail delivery failed', { id: m.id, attempts, permanent: giveUp, error: describe(err) });
		return giveUp ? ('failed' as const) : ('retry' as const);
	}
}

/**
 * Sends everything due, in batches, until nothing is left or the server refuses connections.
 * Returns counts of what happened.
 */
export async function drain(transport: MailTransport, opts: { workerId?: string; batch?: number; concurrency?: number; maxBatches?: number } = {}) {
	const workerId = opts.workerId ?? `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
	const result = { sent: 0, failed: 0, retry: 0 };
	for (let i = 0; i < (opts.maxBatches ?? Infinity); i++) {
		const batch = claim(workerId, opts.batch ?? 50);
		if (batch.length === 0) break;
		const concurrency = opts.concurrency ?? (transport.kind === 'smtp' ? 4 : 1);
		let next = 0;
		await Promise.all(
			Array.from({ length: Math.min(concurrency, batch.length) }, async () => {
				while (next < batch.length) {
					const m = batch[next++];
					result[await deliver(transport, m, workerId)]++;
				}
			})
		);
		// If everything in the batch needs a retry the server is probably down: stop for now.
		if (result.retry > 0 && result.sent === 0 && result.failed === 0) break;
	}
	return result;
}
