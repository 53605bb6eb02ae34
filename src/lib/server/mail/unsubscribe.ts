/**
 * Signed unsubscribe links (no sign-in needed) and the RFC 8058 headers.
 * A token names a member and a list ('digest', 'regional-digest', or a notification kind);
 * an HMAC-SHA256 with the app secret proves we made it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';
import { config } from '../config';
import { absoluteUrl } from './layout';
import { randomToken } from '../auth/crypto';

let secret: Uint8Array | null = null;

/** The app secret: APP_SECRET, or one generated once and kept under DATA_DIR. */
function appSecret(): Uint8Array {
	if (secret) return secret;
	let value = config().secret;
	if (!value) {
		const file = join(config().dataDir, 'app-secret');
		if (existsSync(file)) value = readFileSync(file, 'utf8').trim();
		else {
			value = randomToken(32);
			mkdirSync(config().dataDir, { recursive: true });
			writeFileSync(file, value, { mode: 0o600 });
		}
	}
	secret = new TextEncoder().encode(value);
	return secret;
}

function sign(payload: string): Uint8Array {
	return hmac(SHA256, appSecret(), new TextEncoder().encode(payload));
}

/** A token for "member M leaves list L". */
export function createToken(memberId: number, list: string): string {
	const payload = `${memberId}:${list}`;
	return `${encodeBase64urlNoPadding(new TextEncoder().encode(payload))}.${encodeBase64urlNoPadding(sign(payload))}`;
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

/** List-Unsubscribe (https, one-click POST target) and List-Id headers for a list. */
export function listHeaders(memberId: number, list: string, listName: string): Record<string, string> {
	const host = new URL(config().origin).hostname;
	return {
		'List-Unsubscribe': `<${absoluteUrl(`/unsubscribe/${createToken(memberId, list)}/one-click`)}>`,
		'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
		'List-Id': `${listName} <${list}.${host}>`
	};
}
