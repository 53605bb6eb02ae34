/**
 * How long things are kept, in one place: the privacy page shows these numbers and the
 * scheduled housekeeping applies them.
 */
import { and, isNull, lt, sql } from 'drizzle-orm';
import { db } from '../db/client';
import { auditEvent, session, twoFactor } from '../db/schema';
import * as outbox from '../mail/outbox';
import * as devices from '../auth/trusted-devices';
import { PENDING_SESSION_TTL_MS } from '../network/two-factor';
import { backupSettings, DEFAULT_KEEP } from '../backup';

/** Email bodies are emptied this many days after sending (address, subject and status stay). */
export const EMAIL_BODY_DAYS = 90;
/** The data export includes emails from this many days. */
export const EMAILS_KEPT_DAYS = 90;
/** Audit entries are deleted after this many days (two years). */
export const AUDIT_DAYS = 730;
/** A session ends after this many days without use (see auth/session.ts). */
export const SESSION_IDLE_DAYS = 30;
/** How many daily backups are kept (BACKUP_KEEP, 14 by default). */
export function backupsKept(): number {
	try {
		return backupSettings().keep;
	} catch {
		return DEFAULT_KEEP;
	}
}

const DAY = 86_400_000;

/** Ends sessions that waited too long for a two-factor code. */
export function purgePendingSessions(now = Date.now()): number {
	return db
		.delete(session)
		.where(
			and(
				isNull(session.mfaVerifiedAt),
				lt(session.createdAt, now - PENDING_SESSION_TTL_MS),
				sql`${session.memberId} in (select ${twoFactor.memberId} from ${twoFactor} where ${twoFactor.enabledAt} is not null)`
			)
		)
		.run().changes;
}

/** Deletes audit entries older than AUDIT_DAYS. */
export function purgeOldAudit(now = Date.now()): number {
	return db.delete(auditEvent).where(lt(auditEvent.at, now - AUDIT_DAYS * DAY)).run().changes;
}

/**
 * The trust area's scheduled housekeeping (hourly): empties old email bodies, ends sessions
 * left waiting for a code, forgets expired remembered browsers, deletes old audit entries.
 * (Expired sessions, used tokens and old rate-limit counters are purged by the foundation's
 * own housekeeping task in jobs.ts.)
 */
export function runRetention(now = Date.now()) {
	return {
		emailBodies: outbox.emptyOldBodies(EMAIL_BODY_DAYS, now),
		pendingSessions: purgePendingSessions(now),
		rememberedBrowsers: devices.purgeExpired(now),
		audit: purgeOldAudit(now)
	};
}
