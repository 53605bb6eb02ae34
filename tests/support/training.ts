/** Helpers for the training area's unit tests. */
import { expect } from 'vitest';
import type { Actor } from '../../src/lib/server/auth/policy';
import * as events from '../../src/lib/server/training/events';

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

/**
 * The publishing form as a coordinator fills it in: a North West network meeting on
 * 9 December 2026, 10:00am to 1:30pm, its description Markdown with a script to be removed.
 */
export function eventForm(over: Record<string, unknown> = {}) {
	return {
		title: 'North West Lead Member network meeting',
		kind: 'network-meeting',
		startDate: '2026-12-09',
		startTime: '10:00',
		endTime: '13:30',
		location: 'County Hall, Preston',
		onlineUrl: '',
		provider: 'North West network',
		topics: ['send', 'participation'],
		description: 'Agenda: **SEND** sufficiency.\n\n<script>alert(1)</script>\n\n[Papers](https://example.org/papers)',
		...over
	};
}

/** Publishes `eventForm(over)` as `actor` (or fails the test); returns the event's id. */
export function publishEvent(actor: Actor, over: Record<string, unknown> = {}, now = NOW): number {
	const r = events.create(actor, eventForm(over), now);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.id;
}
