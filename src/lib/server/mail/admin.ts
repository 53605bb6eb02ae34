/** Mail delivery health for admins: counts, what is waiting to be retried, failures with reasons, retrying. */
import { authorize, type Actor } from '../auth/policy';
import * as audit from '../auth/audit';
import { config } from '../config';
import * as outbox from './outbox';
import { RETRY_FOR_MS, UNCERTAIN_RETRY_MS } from './worker';

/** The mail delivery page: counts by status, messages waiting for a retry, recent failures. */
export function overview(actor: Actor) {
	authorize(actor, 'mail.manage', {});
	return {
		counts: outbox.counts(),
		retrying: outbox.retrying(50),
		uncertain: outbox.uncertain(50),
		uncertainCount: outbox.uncertainCount(),
		failures: outbox.recentFailures(50),
		oldestWaiting: outbox.oldestWaiting(),
		transport: config().smtpUrl ? ('smtp' as const) : ('mailbox' as const),
		retryForHours: RETRY_FOR_MS / 3_600_000,
		uncertainRetryMinutes: UNCERTAIN_RETRY_MS / 60_000
	};
}

/** One message with its delivery record (no body: admins see what happened, not what it said). */
export function message(actor: Actor, id: number) {
	authorize(actor, 'mail.manage', {});
	const m = Number.isInteger(id) && id > 0 ? outbox.byId(id) : null;
	if (!m) return null;
	return {
		id: m.id,
		kind: m.kind,
		to: m.toAddress,
		subject: m.subject,
		status: m.status,
		attempts: m.attempts,
		createdAt: m.createdAt,
		nextAttemptAt: m.nextAttemptAt,
		sentAt: m.sentAt,
		failedAt: m.failedAt,
		lastError: m.lastError,
		uncertainAt: m.uncertainAt,
		smtpResponse: m.smtpResponse,
		messageId: m.messageId,
		batchKey: m.batchKey,
		headers: m.headers ?? {}
	};
}

/** Puts one failed message back in the queue (audited). False when it is not a failed message. */
export function retry(actor: Actor, id: number, meta: { ip?: string } = {}, now = Date.now()): boolean {
	authorize(actor, 'mail.manage', {});
	const ok = outbox.retry(id, now);
	if (ok) audit.record({ actorId: actor.id, action: 'mail.retried', subjectType: 'outbox-message', subjectId: id, ipAddress: meta.ip }, now);
	return ok;
}

/** Puts every failed message back in the queue (audited); returns how many. */
export function retryAll(actor: Actor, meta: { ip?: string } = {}, now = Date.now()): number {
	authorize(actor, 'mail.manage', {});
	const n = outbox.retryAll(now);
	if (n > 0) audit.record({ actorId: actor.id, action: 'mail.retried', subjectType: 'outbox-message', ipAddress: meta.ip, detail: { all: true, count: n } }, now);
	return n;
}
