/**
 * The rules for how a pairing is doing, as pure functions over London calendar dates
 * ('YYYY-MM-DD'), so they are easy to test and the same on every page and in every email.
 *
 * - Overdue: no meeting logged within the rhythm plus 7 days of the last meeting (or of the
 *   start, before the first meeting).
 * - Ending soon: the end date is within 28 days; past end: the end date has gone and the
 *   pairing is still open.
 */

/** Days of grace after the rhythm before a check-in counts as overdue. */
export const OVERDUE_GRACE_DAYS = 7;
/** A pairing is "ending soon" this many days before its end date. */
export const ENDING_SOON_DAYS = 28;
/** The default length of a pairing. */
export const DEFAULT_LENGTH_MONTHS = 6;
/** How far past the start an end date may be set. */
export const MAX_LENGTH_MONTHS = 24;
/** The meeting rhythms on offer, in weeks. */
export const RHYTHMS = [2, 4, 6] as const;
export type Rhythm = (typeof RHYTHMS)[number];

export type PairingState = 'on-track' | 'overdue' | 'ending-soon' | 'past-end' | 'completed' | 'ended-early';

/** Words and tag colour for each state (colour is never the only signal: the words go with it). */
export const STATE_LABELS: Record<PairingState, { label: string; tag: 'green' | 'amber' | 'red' | 'grey' }> = {
	'on-track': { label: 'On track', tag: 'green' },
	overdue: { label: 'Overdue', tag: 'red' },
	'ending-soon': { label: 'Ending soon', tag: 'amber' },
	'past-end': { label: 'Past its end date', tag: 'amber' },
	completed: { label: 'Completed', tag: 'grey' },
	'ended-early': { label: 'Ended early', tag: 'grey' }
};

const DAY = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toDay(date: string): number {
	const m = DATE_RE.exec(date);
	if (!m) throw new RangeError(`Not a date: ${date}`);
	return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY);
}

function fromDay(day: number): string {
	return new Date(day * DAY).toISOString().slice(0, 10);
}

/** The date `days` after `date` (negative for before). */
export function addDays(date: string, days: number): string {
	return fromDay(toDay(date) + days);
}

/** The same day `months` later; the last day of the month when that day does not exist (31 Aug + 6 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
	const m = DATE_RE.exec(date);
	if (!m) throw new RangeError(`Not a date: ${date}`);
	const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
	const year = Math.floor(total / 12);
	const month = total - year * 12;
	const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
	const day = Math.min(Number(m[3]), last);
	return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysFrom(a: string, b: string): number {
	return toDay(b) - toDay(a);
}

/** What the rules need to know about a pairing. */
export type HealthInput = {
	status: 'active' | 'completed' | 'ended-early';
	startsOn: string;
	endsOn: string;
	rhythmWeeks: number;
	/** The date of the latest logged meeting, if any. */
	lastMeetingOn: string | null;
};

/** The last day a meeting can be logged before the pairing is overdue. */
export function checkInDueBy(p: Pick<HealthInput, 'startsOn' | 'rhythmWeeks' | 'lastMeetingOn'>): string {
	const from = p.lastMeetingOn && p.lastMeetingOn > p.startsOn ? p.lastMeetingOn : p.startsOn;
	return addDays(from, p.rhythmWeeks * 7 + OVERDUE_GRACE_DAYS);
}

export type Health = {
	state: PairingState;
	/** The last day to log a meeting before it is overdue (active pairings). */
	dueBy: string | null;
	/** The first overdue day, when overdue. */
	overdueSince: string | null;
	/** Days until the end date (negative once past). */
	daysToEnd: number;
};

/** How a pairing is doing on `today` (a London date). Overdue wins over ending soon. */
export function pairingHealth(p: HealthInput, today: string): Health {
	const daysToEnd = daysFrom(today, p.endsOn);
	if (p.status !== 'active') return { state: p.status, dueBy: null, overdueSince: null, daysToEnd };
	const dueBy = checkInDueBy(p);
	if (today > dueBy) return { state: 'overdue', dueBy, overdueSince: addDays(dueBy, 1), daysToEnd };
	if (daysToEnd < 0) return { state: 'past-end', dueBy, overdueSince: null, daysToEnd };
	if (daysToEnd <= ENDING_SOON_DAYS) return { state: 'ending-soon', dueBy, overdueSince: null, daysToEnd };
	return { state: 'on-track', dueBy, overdueSince: null, daysToEnd };
}

/** The median of some numbers, or null for none. */
export function median(values: number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Most urgent first: the states wanting a coordinator's attention, then on track (closed ones last). */
const ATTENTION_RANK: Record<PairingState, number> = { overdue: 0, 'past-end': 1, 'ending-soon': 2, 'on-track': 3, completed: 4, 'ended-early': 4 };

/** What `inAttentionOrder` needs about an active pairing. */
export type AttentionKey = { id: number; state: PairingState; endsOn: string; dueBy: string | null };

/**
 * Active pairings in the order a coordinator reads them: overdue first (the longest overdue
 * first), then past their end date (the longest past first), then ending soon (the soonest
 * first), then on track (the next check-in due first); the pairing's id breaks ties. A new array.
 */
export function inAttentionOrder<T extends AttentionKey>(pairings: T[]): T[] {
	return pairings
		.map((p) => ({ p, rank: ATTENTION_RANK[p.state], date: p.state === 'past-end' || p.state === 'ending-soon' ? p.endsOn : (p.dueBy ?? p.endsOn) }))
		.sort((a, b) => a.rank - b.rank || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) || a.p.id - b.p.id)
		.map((k) => k.p);
}
