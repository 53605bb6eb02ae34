import { createHash } from 'node:crypto';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** A random string of `bytes` random bytes, base32 (lower case, no padding). */
export function randomToken(bytes = 32): string {
	const b = new Uint8Array(bytes);
	crypto.getRandomValues(b);
	return encodeBase32LowerCaseNoPadding(b);
}

/** SHA-256 of a string (as UTF-8) as raw bytes. Node's own, not a JavaScript one: every signed-in request hashes its session secret. */
export function hashBytes(value: string): Uint8Array {
	return createHash('sha256').update(value, 'utf8').digest();
}

/** SHA-256 of a string as hex: how emailed tokens are stored. */
export function hashToken(value: string): string {
	return encodeHexLowerCase(hashBytes(value));
}

/** Constant-time comparison of two byte arrays. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	return a.length === b.length && constantTimeEqual(a, b);
}
