/** Small helpers for routes: the acting member, the client address. */
import { error, type RequestEvent } from '@sveltejs/kit';
import type { Actor } from './auth/policy';

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

/** A same-site path to go back to after signing in; anything else becomes "/". */
export function safeNext(next: string | null | undefined): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
	return next;
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
