/**
 * Re-authentication for sensitive changes (email, password, two-factor settings): when the
 * member last proved it was them more than 10 minutes ago — signing in, giving a code, or
 * re-entering their password — they are asked again, on /settings/reauth?next=….
 */
import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { sessionReauth, type Session } from '../db/schema';
import * as audit from '../auth/audit';
import * as limits from '../auth/rate-limit';
import * as members from './members';
import { verifyPassword } from '../auth/password';
import { markMfaVerified } from '../auth/session';
import * as twoFactor from './two-factor';
import { FAILURES_PER_ACCOUNT, FAILURE_WINDOW_MS } from './accounts';

export const REAUTH_WINDOW_MS = 10 * 60 * 1000;

type SessionTimes = Pick<Session, 'id' | 'createdAt' | 'mfaVerifiedAt'>;

/** The last time the member proved it was them in this session. */
export function lastAuthenticatedAt(s: SessionTimes): number {
	const reauth = db.select({ at: sessionReauth.at }).from(sessionReauth).where(eq(sessionReauth.sessionId, s.id)).get()?.at ?? 0;
	return Math.max(s.createdAt, s.mfaVerifiedAt ?? 0, reauth);
}

/** True when a sensitive change must first ask for the password (or a code) again. */
export function needsReauth(s: SessionTimes, now = Date.now()): boolean {
	return now - lastAuthenticatedAt(s) > REAUTH_WINDOW_MS;
}

/** The re-authentication page that comes back to `next` (a same-site path) afterwards. */
export function reauthPath(next: string): string {
	return `/settings/reauth?next=${encodeURIComponent(next)}`;
}

/** Notes that the member proved it was them now in this session. */
export function markReauthenticated(sessionId: string, now = Date.now()) {
	db.insert(sessionReauth).values({ sessionId, at: now }).onConflictDoUpdate({ target: sessionReauth.sessionId, set: { at: now } }).run();
}

export type ReauthResult = { ok: true } | { ok: false; field: 'password' | 'code'; message: string };

const failKey = (memberId: number) => `reauth-fail:${memberId}`;

/**
 * Checks the password or a two-factor code of the signed-in member and, when right, records
 * the re-authentication for this session. Wrong passwords are counted like failed sign-ins.
 */
export async function reauthenticate(memberId: number, sessionId: string, input: { password?: string; code?: string }, meta: { ip: string }, now = Date.now()): Promise<ReauthResult> {
	const regionId = members.actorById(memberId)?.regionId ?? null;
	if (input.code != null) {
		const result = twoFactor.verifyCode(memberId, input.code, { ip: meta.ip, purpose: 'reauth' }, now);
		if (!result.ok) return { ok: false, field: 'code', message: result.message };
		markMfaVerified(sessionId, now);
	} else {
		if (limits.isLimited(failKey(memberId), FAILURES_PER_ACCOUNT, FAILURE_WINDOW_MS, now)) {
			return { ok: false, field: 'password', message: 'There have been too many wrong passwords. Wait 15 minutes and try again.' };
		}
		const m = members.byId(memberId);
		if (!m || !(await verifyPassword(m.passwordHash, input.password ?? ''))) {
			limits.record(failKey(memberId), now);
			audit.record({ actorId: memberId, action: 'reauth.failed', subjectType: 'member', subjectId: memberId, regionId, ipAddress: meta.ip }, now);
			return { ok: false, field: 'password', message: 'Your password is not right' };
		}
		limits.clear(failKey(memberId));
	}
	markReauthenticated(sessionId, now);
	audit.record({ actorId: memberId, action: 'reauth', subjectType: 'member', subjectId: memberId, regionId, ipAddress: meta.ip, detail: { method: input.code != null ? 'code' : 'password' } }, now);
	return { ok: true };
}
