/**
 * Leaving a mailing list from a signed link in an email (no sign-in needed): the member named by
 * the token must still be an active member. The tokens, the list names and the preferences
 * themselves are mail's (`mail/unsubscribe.ts`, `mail/preferences.ts`); whether the member is
 * still here is the network's.
 */
import * as members from './members';
import * as preferences from '../mail/preferences';
import { DIGEST_LIST, PREVIEW_TOKEN, REGIONAL_DIGEST_LIST, isSubscribed, listDescription, readToken } from '../mail/unsubscribe';
import type { NotificationKind } from '../mail/preferences';

export type UnsubscribeResult = { ok: true; memberId: number; list: string; description: string; changed: boolean } | { ok: false };

/**
 * Takes a member off the list a token names (personal digest → never; regional digests → off;
 * a notification → off). Idempotent. `{ ok: false }` for an unknown or tampered token, or a
 * member who no longer exists.
 */
export function unsubscribe(token: string, now = Date.now()): UnsubscribeResult {
	const t = readToken(token);
	if (!t) return { ok: false };
	const description = listDescription(t.list);
	if (!description || !members.actorById(t.memberId)) return { ok: false };
	const changed = isSubscribed(t.memberId, t.list);
	if (changed) {
		if (t.list === DIGEST_LIST) preferences.update(t.memberId, { digestFrequency: 'never' }, now);
		else if (t.list === REGIONAL_DIGEST_LIST) preferences.update(t.memberId, { regionalDigest: false }, now);
		else {
			const current = preferences.get(t.memberId).notifications;
			preferences.update(t.memberId, { notifications: { ...current, [t.list]: 'off' } }, now);
		}
	}
	return { ok: true, memberId: t.memberId, list: t.list, description, changed };
}

/** Whether the link is the one in an email shown as a preview on the site (it unsubscribes no one). */
export function isPreview(token: string): boolean {
	return token === PREVIEW_TOKEN;
}

/** What a token is for, without changing anything (the confirm page); null when unusable. */
export function inspect(token: string): { memberId: number; list: string; description: string; subscribed: boolean } | null {
	const t = readToken(token);
	if (!t) return null;
	const description = listDescription(t.list);
	if (!description || !members.actorById(t.memberId)) return null;
	return { ...t, description, subscribed: isSubscribed(t.memberId, t.list) };
}
