/**
 * Remembered browsers: after a correct code a member may tick "do not ask for a code on this
 * browser for 30 days". The browser gets a cookie `${id}.${secret}`; the database keeps only
 * SHA-256(secret), compared in constant time. Turning two-factor off or moving to a new app
 * forgets every browser; so does an admin ending all of a member's sessions.
 */
import type { Cookies } from '@sveltejs/kit';
import { and, count, desc, eq, gt, lt } from 'drizzle-orm';
import { config } from '../config';
import { db } from '../db/client';
import { trustedDevice } from '../db/schema';
import { hashBytes, randomToken, sameBytes } from './crypto';

export const DEVICE_COOKIE = 'device';
export const DEVICE_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** Remembers this browser for a member; returns the cookie value (never stored) and its expiry. */
export function remember(memberId: number, userAgent: string, now = Date.now()): { token: string; expiresAt: number } {
	const id = randomToken(15);
	const secret = randomToken(32);
	const expiresAt = now + DEVICE_TTL_MS;
	db.insert(trustedDevice)
		.values({ id, secretHash: Buffer.from(hashBytes(secret)), memberId, userAgent: userAgent.slice(0, 300), createdAt: now, lastUsedAt: now, expiresAt })
		.run();
	return { token: `${id}.${secret}`, expiresAt };
}

/** Whether the cookie value is a live remembered browser of this member (and notes its use). */
export function check(memberId: number, token: string | undefined, now = Date.now()): boolean {
	if (!token || token.length > 200) return false;
	const dot = token.indexOf('.');
	if (dot < 1) return false;
	const row = db.select().from(trustedDevice).where(eq(trustedDevice.id, token.slice(0, dot))).get();
	if (!row || row.memberId !== memberId || now >= row.expiresAt) return false;
	if (!sameBytes(new Uint8Array(row.secretHash), hashBytes(token.slice(dot + 1)))) return false;
	db.update(trustedDevice).set({ lastUsedAt: now }).where(eq(trustedDevice.id, row.id)).run();
	return true;
}

/** Forgets every remembered browser of a member; returns how many. */
export function forgetAll(memberId: number): number {
	return db.delete(trustedDevice).where(eq(trustedDevice.memberId, memberId)).run().changes;
}

/** How many browsers a member has remembered now. */
export function countFor(memberId: number, now = Date.now()): number {
	return db
		.select({ n: count() })
		.from(trustedDevice)
		.where(and(eq(trustedDevice.memberId, memberId), gt(trustedDevice.expiresAt, now)))
		.get()!.n;
}

/** A member's remembered browsers, most recently used first (for the data export). */
export function listFor(memberId: number, now = Date.now()) {
	return db
		.select({ createdAt: trustedDevice.createdAt, lastUsedAt: trustedDevice.lastUsedAt, expiresAt: trustedDevice.expiresAt, userAgent: trustedDevice.userAgent })
		.from(trustedDevice)
		.where(and(eq(trustedDevice.memberId, memberId), gt(trustedDevice.expiresAt, now)))
		.orderBy(desc(trustedDevice.lastUsedAt))
		.all();
}

/** Deletes expired remembered browsers (housekeeping). */
export function purgeExpired(now = Date.now()): number {
	return db.delete(trustedDevice).where(lt(trustedDevice.expiresAt, now)).run().changes;
}

/** Sets the remembered-browser cookie: HttpOnly, SameSite=Lax, Secure on https. */
export function setDeviceCookie(cookies: Pick<Cookies, 'set'>, token: string, expiresAt: number) {
	cookies.set(DEVICE_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', secure: config().secureCookies, expires: new Date(expiresAt) });
}

/** Removes the remembered-browser cookie. */
export function clearDeviceCookie(cookies: Pick<Cookies, 'delete'>) {
	cookies.delete(DEVICE_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: config().secureCookies });
}
