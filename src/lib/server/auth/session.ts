/**
 * Sessions as the Lucia guide teaches, written with @oslojs: the token is `${id}.${secret}`,
 * the database keeps only SHA-256(secret) and compares it in constant time. Sessions last
 * 30 days from last use (sliding); a new token at every sign-in.
 */
import { and, desc, eq, gt, lt, ne, sql } from 'drizzle-orm';
import { db, prepared } from '../db/client';
import { auditEvent, authority, member, session, type Member, type Session } from '../db/schema';
import { hashBytes, randomToken, sameBytes } from './crypto';
import * as audit from './audit';

export const SESSION_COOKIE = 'session';
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** Write `lastUsedAt`/`expiresAt` back at most this often, to keep reads cheap. */
const RENEW_EVERY_MS = 60 * 60 * 1000;

export type SessionMember = Pick<
	Member,
	'id' | 'name' | 'email' | 'handle' | 'role' | 'authorityId' | 'coordinatorRegionId' | 'position' | 'inRoleSince' | 'lastSignInAt'
> & { regionId: string };

export type ValidatedSession = { session: Session; member: SessionMember; renewed: boolean };

/** Creates a session and returns the token for the cookie (never stored). */
export function createSession(memberId: number, meta: { userAgent?: string; ipAddress?: string } = {}, now = Date.now()) {
	const id = randomToken(15); // 120 bits: the lookup key
	const secret = randomToken(32); // 256 bits: the secret
	const row = {
		id,
		secretHash: Buffer.from(hashBytes(secret)),
		memberId,
		createdAt: now,
		lastUsedAt: now,
		expiresAt: now + SESSION_TTL_MS,
		userAgent: (meta.userAgent ?? '').slice(0, 300),
		ipAddress: meta.ipAddress ?? ''
	};
	recordIfNewBrowser(memberId, row.userAgent, row.ipAddress, now);
	db.insert(session).values(row).run();
	return { token: `${id}.${secret}`, session: { ...row, mfaVerifiedAt: null } as Session };
}

/**
 * Puts "signed in from a browser not used before" in the audit trail when no session of the
 * member, now or earlier, came from this browser (its user-agent string: a browser that says
 * exactly the same as one seen before counts as seen). Only a short hash of the string is kept.
 */
function recordIfNewBrowser(memberId: number, userAgent: string, ipAddress: string, now: number) {
	const ua = Buffer.from(hashBytes(userAgent)).toString('hex').slice(0, 16);
	const seen =
		db.select({ id: session.id }).from(session).where(and(eq(session.memberId, memberId), eq(session.userAgent, userAgent))).get() ??
		db
			.select({ id: auditEvent.id })
			.from(auditEvent)
			.where(and(eq(auditEvent.action, 'sign-in.new-browser'), eq(auditEvent.subjectType, 'member'), eq(auditEvent.subjectId, String(memberId)), sql`json_extract(${auditEvent.detail}, '$.ua') = ${ua}`))
			.get();
	if (seen) return;
	audit.record({ actorId: memberId, action: 'sign-in.new-browser', subjectType: 'member', subjectId: memberId, ipAddress, detail: { browser: describeUserAgent(userAgent), ua } }, now);
}

const sessionLookup = prepared(() =>
	db
		.select({
			session,
			member: {
				id: member.id,
				name: member.name,
				email: member.email,
				handle: member.handle,
				role: member.role,
				authorityId: member.authorityId,
				coordinatorRegionId: member.coordinatorRegionId,
				position: member.position,
				inRoleSince: member.inRoleSince,
				lastSignInAt: member.lastSignInAt,
				deactivatedAt: member.deactivatedAt,
				regionId: authority.regionId
			}
		})
		.from(session)
		.innerJoin(member, eq(member.id, session.memberId))
		.innerJoin(authority, eq(authority.id, member.authorityId))
		.where(eq(session.id, sql.placeholder('id')))
		.prepare()
);

/** Checks a cookie token; renews the expiry on use; ends expired sessions. */
export function validateSessionToken(token: string | undefined, now = Date.now()): ValidatedSession | null {
	if (!token) return null;
	const dot = token.indexOf('.');
	if (dot < 1) return null;
	const id = token.slice(0, dot);
	const secret = token.slice(dot + 1);
	const row = sessionLookup().get({ id });
	if (!row) return null;
	if (!sameBytes(new Uint8Array(row.session.secretHash), hashBytes(secret))) return null;
	if (row.member.deactivatedAt != null || now >= row.session.expiresAt) {
		db.delete(session).where(eq(session.id, id)).run();
		return null;
	}
	let renewed = false;
	if (now - row.session.lastUsedAt >= RENEW_EVERY_MS) {
		row.session.lastUsedAt = now;
		row.session.expiresAt = now + SESSION_TTL_MS;
		db.update(session).set({ lastUsedAt: now, expiresAt: row.session.expiresAt }).where(eq(session.id, id)).run();
		renewed = true;
	}
	const { deactivatedAt: _d, ...m } = row.member;
	return { session: row.session, member: m, renewed };
}

/** Ends one session. */
export function endSession(id: string) {
	db.delete(session).where(eq(session.id, id)).run();
}

/** Ends one of a member's sessions (only if it is theirs). */
export function endOwnSession(memberId: number, id: string): boolean {
	return db.delete(session).where(and(eq(session.id, id), eq(session.memberId, memberId))).run().changes > 0;
}

/** Ends all of a member's sessions, optionally keeping one (the current). */
export function endAllSessions(memberId: number, exceptId?: string): number {
	const where = exceptId ? and(eq(session.memberId, memberId), ne(session.id, exceptId)) : eq(session.memberId, memberId);
	return db.delete(session).where(where).run().changes;
}

/** A member's active sessions, most recently used first. */
export function listSessions(memberId: number, now = Date.now()) {
	return db
		.select({ id: session.id, createdAt: session.createdAt, lastUsedAt: session.lastUsedAt, userAgent: session.userAgent, ipAddress: session.ipAddress })
		.from(session)
		.where(and(eq(session.memberId, memberId), gt(session.expiresAt, now)))
		.orderBy(desc(session.lastUsedAt))
		.all();
}

/** Marks that a second factor was proved in this session. */
export function markMfaVerified(id: string, now = Date.now()) {
	db.update(session).set({ mfaVerifiedAt: now }).where(eq(session.id, id)).run();
}

/** Deletes expired sessions (housekeeping). */
export function purgeExpiredSessions(now = Date.now()): number {
	return db.delete(session).where(lt(session.expiresAt, now)).run().changes;
}

/** A short readable name for a user-agent string: "Chrome on Windows". */
export function describeUserAgent(ua: string): string {
	if (!ua) return 'Unknown browser';
	const browser = /Edg\//.test(ua)
		? 'Edge'
		: /Firefox\//.test(ua)
			? 'Firefox'
			: /Chrome\//.test(ua)
				? 'Chrome'
				: /Safari\//.test(ua)
					? 'Safari'
					: 'A browser';
	const os = /Windows/.test(ua)
		? 'Windows'
		: /iPhone|iPad/.test(ua)
			? 'iOS'
			: /Android/.test(ua)
				? 'Android'
				: /Mac OS X|Macintosh/.test(ua)
					? 'macOS'
					: /Linux/.test(ua)
						? 'Linux'
						: 'an unknown system';
	return `${browser} on ${os}`;
}
