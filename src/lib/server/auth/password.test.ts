import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX, PASSWORD_MIN, hashPassword, passwordProblem, verifyPassword } from './password';

describe('password rules', () => {
	it('needs at least 12 and at most 256 characters', () => {
		expect(PASSWORD_MIN).toBe(12);
		expect(PASSWORD_MAX).toBe(256);
		expect(passwordProblem('')).toMatch(/at least 12 characters/);
		expect(passwordProblem('eleven char')).toMatch(/at least 12 characters/);
		expect(passwordProblem('twelve chars')).toBeNull();
		expect(passwordProblem('x'.repeat(255) + 'y')).toBeNull();
		expect(passwordProblem('x'.repeat(256) + 'y')).toMatch(/at most 256 characters/);
	});

	it('has no composition rules: a passphrase of plain lower-case words is fine', () => {
		expect(passwordProblem('gravel teapot orchard lantern')).toBeNull();
		expect(passwordProblem('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa sunflower')).toBeNull();
	});

	it('refuses the most common passwords and their usual stretches', () => {
		for (const pw of ['Password2026!', 'password1234', 'qwertyqwerty', '123456123456', 'iloveyou iloveyou', '!!football!!', 'LETMEIN12345', 'monkey-monkey-monkey']) {
			expect(passwordProblem(pw), pw).toMatch(/most common/);
		}
	});

	it('counts characters, not bytes', () => {
		expect(passwordProblem('ééééééééééé')).toMatch(/at least 12/); // 11 characters, 22 bytes
	});
});

describe('password hashing', () => {
	it('hashes with argon2id and a random salt', async () => {
		const a = await hashPassword('gravel teapot orchard lantern');
		const b = await hashPassword('gravel teapot orchard lantern');
		expect(a.startsWith('$argon2id$')).toBe(true);
		expect(a).toMatch(/\$m=19456,t=2,p=1\$/);
		expect(a).not.toBe(b);
		expect(a).not.toContain('gravel');
	});

	it('verifies the right password and refuses a wrong one', async () => {
		const h = await hashPassword('gravel teapot orchard lantern');
		expect(await verifyPassword(h, 'gravel teapot orchard lantern')).toBe(true);
		expect(await verifyPassword(h, 'gravel teapot orchard lanterN')).toBe(false);
		expect(await verifyPassword(h, '')).toBe(false);
	});

	it('refuses when there is no hash (no account, or never set) or the hash is corrupt', async () => {
		expect(await verifyPassword(null, 'anything at all here')).toBe(false);
		expect(await verifyPassword('not a hash', 'anything at all here')).toBe(false);
	});
});
