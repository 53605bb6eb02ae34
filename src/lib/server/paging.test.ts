import { describe, expect, it } from 'vitest';
import { pageNumber, pageOf } from './paging';

describe('pageNumber', () => {
	it('reads a whole number from 1 and takes anything else as page 1', () => {
		expect(pageNumber('3')).toBe(3);
		for (const v of [null, '', '0', '-2', '1.5', 'two', '1e3', '9999999', ' 2']) expect(pageNumber(v)).toBe(1);
	});
});

describe('pageOf', () => {
	const items = Array.from({ length: 7 }, (_, i) => i + 1);

	it('gives the page asked for with its first and last row numbers', () => {
		expect(pageOf(items, 2, 3)).toEqual({ items: [4, 5, 6], paging: { page: 2, pages: 3, perPage: 3, from: 4, to: 6 } });
		expect(pageOf(items, 3, 3).items).toEqual([7]);
	});

	it('shows the last page for a page past the end, and the first for none or nonsense', () => {
		expect(pageOf(items, 9, 3).paging).toMatchObject({ page: 3, from: 7, to: 7 });
		expect(pageOf(items, undefined, 3).paging.page).toBe(1);
		expect(pageOf(items, Number.NaN, 3).paging.page).toBe(1);
	});

	it('has one empty page for an empty list', () => {
		expect(pageOf([], 4, 3)).toEqual({ items: [], paging: { page: 1, pages: 1, perPage: 3, from: 0, to: 0 } });
	});
});
