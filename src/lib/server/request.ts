/** Small helpers for routes: the acting member, the client address. */
import { error, type RequestEvent } from '@sveltejs/kit';
import type { Actor } from './auth/policy';
import { config } from './config';

/** The signed-in member as the policy sees them; 401 when signed out. */
export function actorOf(locals: App.Locals): Actor {
	const u = locals.user;
	if (!u) error(401, 'Sign in to continue');
	return { id: u.id, role: u.role, authorityId: u.authorityId, regionId: u.regionId, coordinatorRegionId: u.coordinatorRegionId };
}

/** The client's address (for rate limits and the audit trail). */
export function clientIp(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

/** Browsers remove these from anywhere in an address before reading it (WHATWG URL: "ASCII tab or newline"). */
const TAB_OR_NEWLINE = /[\t\n\r]/g;
/** Control characters (NUL … US, DEL): no address we make has one. */
const CONTROL = /[\u0000-\u001f\u007f]/;

export const INVALID_NEXT = 'The address in this link is not one this site can go back to. Go to the home page, or sign in again from there.';

/**
 * Where `next` leads, read as a browser reads it: tabs and newlines dropped, then parsed as a URL
 * against ORIGIN. The path (with query and fragment) when it stays on this site; null otherwise.
 */
export function sameSiteTarget(next: string, origin = config().origin): string | null {
	const base = new URL(origin);
	let target: URL;
	try {
		target = new URL(next.replace(TAB_OR_NEWLINE, ''), base);
	} catch {
		return null;
	}
	if (target.origin !== base.origin) return null;
	const path = target.pathname + target.search + target.hash;
	// A path that itself starts "//" (from "/.//host", say) would be read as another site.
	return path.startsWith('//') || path.startsWith('/\\') ? null : path;
}

/**
 * The same-site path to go back to after signing in (or confirming it's you); "/" when `next`
 * is empty or leads to another site. A `next` with control characters (a tab, CR or LF …) is
 * refused with a 400: no link of ours has one.
 */
export function safeNext(next: string | null | undefined): string {
	if (!next) return '/';
	if (CONTROL.test(next)) error(400, INVALID_NEXT);
	return sameSiteTarget(next) ?? '/';
}

/** The id in a URL (`[id]`): a positive whole number, or 404. */
export function idParam(raw: string): number {
	const id = Number(raw);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, 'Page not found');
	return id;
}

/** What a page is about, read by the id in its URL: 404 when the id is not one or `read` finds nothing. */
export function loadById<T>(raw: string, read: (id: number) => T | null | undefined): T {
	const found = read(idParam(raw));
	if (found == null) error(404, 'Page not found');
	return found;
}
