/**
 * Single-use emailed tokens (password reset, sign-in link, email change): at least 128 bits of
 * randomness, stored as SHA-256, expiring, used once.
 */
import { and, eq, isNull, lt, or, isNotNull } from 'drizzle-orm';
import { db } from '../db/client';
import { emailToken, type EmailToken } from '../db/schema';
import { hashToken, randomToken } from './crypto';

export const TOKEN_TTL = {
	reset: 60 * 60 * 1000,
	'sign-in': 15 * 60 * 1000,
	'email-change': 24 * 60 * 60 * 1000
} as const;

export type TokenKind = keyof typeof TOKEN_TTL;

/** Issues a token; returns the secret to put in the link (never stored). */
export function issue(kind: TokenKind, memberId: number, opts: { email?: string } = {}, now = Date.now()): string {
	const token = randomToken(20); // 160 bits
	db.insert(emailToken)
		.values({ kind, memberId, tokenHash: hashToken(token), email: opts.email ?? null, expiresAt: now + TOKEN_TTL[kind], createdAt: now })
		.run();
	return token;
}

export type TokenState = { ok: true; token: EmailToken } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

/** Looks a token up without using it. */
export function inspect(kind: TokenKind, token: string, now = Date.now()): TokenState {
	if (!token || token.length > 200) return { ok: false, reason: 'unknown' };
	const row = db.select().from(emailToken).where(and(eq(emailToken.tokenHash, hashToken(token)), eq(emailToken.kind, kind))).get();
	if (!row) return { ok: false, reason: 'unknown' };
	if (row.usedAt != null) return { ok: false, reason: 'used' };
	if (now >= row.expiresAt) return { ok: false, reason: 'expired' };
	return { ok: true, token: row };
}

/** Uses a token once: the first caller wins, any later one gets `used`. */
export function consume(kind: TokenKind, token: string, now = Date.now()): TokenState {
	const state = inspect(kind, token, now);
	if (!state.ok) return state;
	const changed = db
		.update(emailToken)
		.set({ usedAt: now })
		.where(and(eq(emailToken.id, state.token.id), isNull(emailToken.usedAt)))
		.run().changes;
	return changed === 1 ? { ok: true, token: { ...state.token, usedAt: now } } : { ok: false, reason: 'used' };
}

/** Deletes used and expired tokens (housekeeping). */
export function purge(now = Date.now()): number {
	return db
		.delete(emailToken)
		.where(or(isNotNull(emailToken.usedAt), lt(emailToken.expiresAt, now)))
		.run().changes;
}

/** Words for a token that cannot be used, for the page that says so. */
export function explain(reason: 'unknown' | 'used' | 'expired', what: string): string {
	if (reason === 'used') return `This ${what} link has already been used. Links work once.`;
	if (reason === 'expired') return `This ${what} link has expired.`;
	return `This ${what} link is not valid. Check you copied the whole link from the email.`;
}
