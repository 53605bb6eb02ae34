import type { Cookies } from '@sveltejs/kit';
import { config } from '../config';
import { SESSION_COOKIE } from './session';

/** The session cookie: HttpOnly, SameSite=Lax, Path=/, Secure when the site is https. */
export function setSessionCookie(cookies: Cookies, token: string, expiresAt: number) {
	cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		path: '/',
		secure: config().secureCookies,
		expires: new Date(expiresAt)
	});
}

export function clearSessionCookie(cookies: Cookies) {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: config().secureCookies });
}
