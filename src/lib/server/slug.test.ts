import { describe, expect, it } from 'vitest';
import { firstFree, slugify } from './slug';

describe('slugify', () => {
	it('keeps plain lower-case words joined by hyphens', () => {
		expect(slugify('Siân O’Brien', 36)).toBe('sian-obrien');
		expect(slugify("Jane O'Neill", 36)).toBe('jane-oneill');
		expect(slugify('  Ofsted: the  inspection!! ', 50)).toBe('ofsted-the-inspection');
		expect(slugify('Ärger über Café', 50)).toBe('arger-uber-cafe');
	});

	it('cuts at the length given and is empty when nothing is left', () => {
		expect(slugify('abcdefghij', 4)).toBe('abcd');
		expect(slugify('ab cd', 3)).toBe('ab-');
		expect(slugify('!!! ’’’', 10)).toBe('');
	});
});

describe('firstFree', () => {
	it('takes the base when free, else the first free number from 2', () => {
		expect(firstFree('jane', new Set())).toBe('jane');
		expect(firstFree('jane', new Set(['jane']))).toBe('jane-2');
		expect(firstFree('jane', new Set(['jane', 'jane-2', 'jane-4']))).toBe('jane-3');
	});
});
