import { describe, expect, it } from 'vitest';
import { sha256 } from '@oslojs/crypto/sha2';
import { hashBytes, hashToken, sameBytes } from './crypto';

describe('hashBytes', () => {
	it('is SHA-256 of the UTF-8 bytes (the FIPS 180-2 test vector)', () => {
		expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
	});

	it('gives the bytes the sessions and tokens already stored were hashed to (@oslojs, as before)', () => {
		for (const value of ['', 'zej3ik7jixnd3dc4hncxorpl', 'Children’s services – “quoted” 👋', 'x'.repeat(10_000)]) {
			const mine = hashBytes(value);
			expect(mine).toBeInstanceOf(Uint8Array);
			expect(sameBytes(mine, sha256(new TextEncoder().encode(value)))).toBe(true);
		}
	});

	it('tells different values apart', () => {
		expect(sameBytes(hashBytes('a'), hashBytes('b'))).toBe(false);
	});
});
