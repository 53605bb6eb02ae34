/**
 * Signed unsubscribe links (no sign-in needed) and the RFC 8058 headers.
 * A token names a member and a list ('digest', 'regional-digest', or a notification kind);
 * an HMAC-SHA256 with the app secret proves we made it.
 */
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';
import { config } from '../config';
import { absoluteUrl } from './layout';
import * as preferences from './preferences';
import { NOTIFICATION_KINDS, type NotificationKind } from './preferences';
import { hmac as sign } from './secret';

/** The last token made: an email asks for the same one twice (its footer link and its List-Unsubscribe header). */
let lastToken: { payload: string; token: string } | null = null;

/** A token for "member M leaves list L". */
export function createToken(memberId: number, list: string): string {
	const payload = `${memberId}:${list}`;
	if (lastToken?.payload !== payload) lastToken = { payload, token: `${encodeBase64urlNoPadding(new TextEncoder().encode(payload))}.${encodeBase64urlNoPadding(sign(payload))}` };
	return lastToken.token;
}

/** Checks a token; null when unknown or tampered with. */
export function readToken(token: string): { memberId: number; list: string } | null {
	try {
		const [p, s] = token.split('.');
		if (!p || !s || token.length > 300) return null;
		const payload = new TextDecoder().decode(decodeBase64urlIgnorePadding(p));
		const m = /^(\d+):([a-z-]{1,40})$/.exec(payload);
		if (!m) return null;
		const given = decodeBase64urlIgnorePadding(s);
		const expected = sign(payload);
		if (given.length !== expected.length || !constantTimeEqual(given, expected)) return null;
		return { memberId: Number(m[1]), list: m[2] };
	} catch {
		return null;
	}
}

/** The page that confirms an unsubscribe (a GET never unsubscribes by itself). */
export function unsubscribeUrl(memberId: number, list: string): string {
	return absoluteUrl(`/unsubscribe/${createToken(memberId, list)}`);
}

/** The token of the unsubscribe link in an email shown on the site as a preview: it unsubscribes no one. */
export const PREVIEW_TOKEN = 'preview';

/** The unsubscribe link of a preview: its page says it is a preview and changes nothing. */
export function previewUnsubscribeUrl(): string {
	return absoluteUrl(`/unsubscribe/${PREVIEW_TOKEN}`);
}

/** List-Unsubscribe (https, one-click POST target) and List-Id headers for a list. */
export function listHeaders(memberId: number, list: string, listName: string): Record<string, string> {
	const host = new URL(config().origin).hostname;
	return {
		'List-Unsubscribe': `<${absoluteUrl(`/unsubscribe/${createToken(memberId, list)}/one-click`)}>`,
		'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
		'List-Id': `${listName} <${list}.${host}>`
	};
}

/** The personal digest's list name, and the regional digests'. */
export const DIGEST_LIST = 'digest';
export const REGIONAL_DIGEST_LIST = 'regional-digest';

/** Words for what leaving a list stops: "your personal digest", "regional digests", "emails when someone mentions you" … */
export function listDescription(list: string): string | null {
	if (list === DIGEST_LIST) return 'your personal digest email';
	if (list === REGIONAL_DIGEST_LIST) return 'regional digests from your network coordinator';
	if (list in NOTIFICATION_KINDS) return `emails when this happens: “${NOTIFICATION_KINDS[list as NotificationKind].label.toLowerCase()}”`;
	return null;
}

/** Whether the member is still on the list (so the page can say "already unsubscribed"). */
export function isSubscribed(memberId: number, list: string): boolean {
	const p = preferences.get(memberId);
	if (list === DIGEST_LIST) return p.digestFrequency !== 'never';
	if (list === REGIONAL_DIGEST_LIST) return p.regionalDigest;
	if (list in NOTIFICATION_KINDS) return p.notifications[list as NotificationKind] !== 'off';
	return false;
}
