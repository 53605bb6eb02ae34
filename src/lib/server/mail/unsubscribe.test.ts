import { describe, expect, it } from 'vitest';
import { createToken, DIGEST_LIST, listHeaders, readToken, unsubscribeUrl } from './unsubscribe';
import { config } from '../config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { encodeBase64urlNoPadding } from '@oslojs/encoding';

describe('unsubscribe tokens', () => {
	it('round-trips and refuses tampering', () => {
		const t = createToken(42, 'digest');
		expect(readToken(t)).toEqual({ memberId: 42, list: 'digest' });
		const [p, s] = t.split('.');
		expect(readToken(`${p}.${s.slice(0, -2)}AA`)).toBeNull();
		const other = createToken(43, 'digest').split('.')[0];
		expect(readToken(`${other}.${s}`)).toBeNull();
		expect(readToken('nonsense')).toBeNull();
		expect(readToken('')).toBeNull();
		expect(readToken('a.b.c')).toBeNull();
	});

	it('signs as before (HMAC-SHA256 of "member:list" with the app secret): links in emails already sent keep working', () => {
		const token = createToken(42, 'digest');
		const secret = new TextEncoder().encode(config().secret ?? readFileSync(join(config().dataDir, 'app-secret'), 'utf8').trim());
		const payload = new TextEncoder().encode('42:digest');
		expect(token).toBe(`${encodeBase64urlNoPadding(payload)}.${encodeBase64urlNoPadding(hmac(SHA256, secret, payload))}`);
		// Asked again, for another member and back: each its own token.
		expect(createToken(43, 'digest')).not.toBe(token);
		expect(createToken(42, 'digest')).toBe(token);
		expect(createToken(42, 'regional-digest')).not.toBe(token);
	});

	it('puts RFC 8058 headers on every list with an https-able absolute URL to ORIGIN', () => {
		const h = listHeaders(7, DIGEST_LIST, 'Personal digest');
		expect(h['List-Unsubscribe']).toMatch(new RegExp(`^<${config().origin}/unsubscribe/[^>]+/one-click>$`));
		expect(h['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
		expect(h['List-Id']).toMatch(/^Personal digest <digest\.[^>]+>$/);
		expect(unsubscribeUrl(7, DIGEST_LIST).startsWith(`${config().origin}/unsubscribe/`)).toBe(true);
	});
});
