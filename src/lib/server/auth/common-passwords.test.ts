import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS, isCommonPassword } from './common-passwords';

describe('common passwords', () => {
	it('holds exactly 1,000 distinct lower-case entries', () => {
		expect(COMMON_PASSWORDS.size).toBe(1000);
		for (const pw of COMMON_PASSWORDS) {
			expect(pw).toBe(pw.trim().toLowerCase());
			expect(pw.length).toBeGreaterThan(0);
		}
	});

	it('knows the usual suspects', () => {
		for (const pw of ['password', '123456', 'qwerty', 'iloveyou', 'letmein', 'monkey']) {
			expect(isCommonPassword(pw)).toBe(true);
		}
	});

	it('ignores case and surrounding spaces', () => {
		expect(isCommonPassword('PASSWORD')).toBe(true);
		expect(isCommonPassword('QwErTy')).toBe(true);
		expect(isCommonPassword('  iloveyou\n')).toBe(true);
	});

	it('lets a long passphrase through', () => {
		expect(isCommonPassword('corporate parenting panel on thursday evening')).toBe(false);
		expect(isCommonPassword('t7#Lq-vR9m!zWpa2')).toBe(false);
		expect(isCommonPassword('')).toBe(false);
	});
});
