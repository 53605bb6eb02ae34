/** The audit trail of sensitive actions. Append-only: nothing in the app edits or deletes it. */
import { db } from '../db/client';
import { auditEvent } from '../db/schema';

export type AuditInput = {
	actorId: number | null;
	action: string;
	subjectType?: string;
	subjectId?: string | number;
	regionId?: string | null;
	ipAddress?: string;
	detail?: Record<string, unknown>;
};

/** How the actions being recorded were made, when not through the web (e.g. "by email"). */
let channel: string | null = null;

/**
 * Runs `fn` (synchronous, like every area function) with its audit entries marked as made
 * through `via` — shown where the internet address would be. Mail in uses "by email".
 */
export function via<T>(how: string, fn: () => T): T {
	const before = channel;
	channel = how;
	try {
		return fn();
	} finally {
		channel = before;
	}
}

/** Records one sensitive action. */
export function record(e: AuditInput, now = Date.now()) {
	db.insert(auditEvent)
		.values({
			at: now,
			actorId: e.actorId,
			action: e.action,
			subjectType: e.subjectType ?? null,
			subjectId: e.subjectId == null ? null : String(e.subjectId),
			regionId: e.regionId ?? null,
			ipAddress: e.ipAddress ?? channel ?? '',
			detail: e.detail ?? null
		})
		.run();
}
