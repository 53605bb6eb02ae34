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
			ipAddress: e.ipAddress ?? '',
			detail: e.detail ?? null
		})
		.run();
}
