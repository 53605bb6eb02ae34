import { describe, expect, it } from 'vitest';
import { perInstant } from './per-instant';

describe('perInstant', () => {
	it('computes once per key for the same instant, and afresh for another instant', () => {
		const memo = perInstant<number>();
		let calls = 0;
		const compute = () => ++calls;
		expect(memo(1000, 'a', compute)).toBe(1);
		expect(memo(1000, 'a', compute)).toBe(1);
		expect(memo(1000, 'b', compute)).toBe(2);
		expect(memo(2000, 'a', compute)).toBe(3);
		expect(memo(1000, 'a', compute)).toBe(4);
	});
});
