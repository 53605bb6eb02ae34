/** Helpers for the training area's unit tests. */
import { expect } from 'vitest';

/** The HTTP status a SvelteKit `error()` thrown by `fn` carries (or fails the test). */
export function statusOf(fn: () => unknown): number {
	try {
		fn();
	} catch (e) {
		const status = (e as { status?: number }).status;
		if (typeof status === 'number') return status;
		throw e;
	}
	expect.fail('expected an HTTP error');
}

/** 23 November 2026, midday in London. */
export const NOW = Date.parse('2026-11-23T12:00:00Z');
export const DAY = 86_400_000;
