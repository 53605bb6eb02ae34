/**
 * Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a browser in
 * which a member has signed in with their password gets a signed cookie naming them. Wrong
 * passwords from that browser are counted against the cookie alone, so somebody guessing from
 * elsewhere cannot lock the owner out of their own browser; guesses from browsers without one
 * are limited per account and per address (see accounts.signIn).
 *
 * The cookie is `v1.<memberId>.<random id>.<HMAC>` signed with the app secret: nothing is stored.
 */
import type { Cookies } from '@sveltejs/kit';
import { timingSafeEqual } from 'node:crypto';
import { config } from '../config';
import { hmac } from '../mail/secret';
import { randomToken } from '../auth/crypto';

export const KNOWN_BROWSER_COOKIE = 'known_browser';
export const KNOWN_BROWSER_TTL_MS = 365 * 24 * 60 * 60 * 1000;

const sign = (memberId: number, id: string) => hmac(`known-browser:v1:${memberId}:${id}`).toString('base64url');

/** A new cookie value for a member's browser. */
export function issue(memberId: number): string {
	const id = randomToken(15);
	return `v1.${memberId}.${id}.${sign(memberId, id)}`;
}

/** The cookie's own id when it is a genuine cookie for this member; null otherwise. */
export function verify(value: string | undefined, memberId: number | null | undefined): string | null {
	if (!value || memberId == null || value.length > 200) return null;
	const parts = value.split('.');
	if (parts.length !== 4 || parts[0] !== 'v1' || parts[1] !== String(memberId) || !/^[a-z0-9]{1,64}$/.test(parts[2])) return null;
	const expected = Buffer.from(sign(memberId, parts[2]));
	const given = Buffer.from(parts[3]);
	return given.length === expected.length && timingSafeEqual(given, expected) ? parts[2] : null;
}

/** Sets the cookie: HttpOnly, SameSite=Lax, Secure on https, for a year. */
export function setCookie(cookies: Pick<Cookies, 'set'>, value: string, now = Date.now()) {
	cookies.set(KNOWN_BROWSER_COOKIE, value, { httpOnly: true, sameSite: 'lax', path: '/', secure: config().secureCookies, expires: new Date(now + KNOWN_BROWSER_TTL_MS) });
}
