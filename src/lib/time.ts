/**
 * Time helpers shared by the browser and the server (no Node APIs).
 *
 * ARCHITECTURE rule 6: every instant is stored as UTC epoch milliseconds and shown in
 * Europe/London. One `Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London' })` formatter,
 * created once, turns an instant into London wall-clock numbers; the words (month names,
 * am/pm) come from the fixed tables below rather than from Intl, so the server and every
 * browser print exactly the same text (ICU versions differ: "Sep" vs "Sept", "0:30 pm" vs
 * "12:30pm"), which also keeps server-rendered pages and hydration in step.
 */

/** The one time zone the network lives in. */
export const LONDON = 'Europe/London';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
] as const;
const SHORT_MONTHS = [
	'Jan',
	'Feb',
	'Mar',
	'Apr',
	'May',
	'Jun',
	'Jul',
	'Aug',
	'Sep',
	'Oct',
	'Nov',
	'Dec'
] as const;

const partsFormatter = new Intl.DateTimeFormat('en-GB', {
	timeZone: LONDON,
	year: 'numeric',
	month: 'numeric',
	day: 'numeric',
	hour: 'numeric',
	minute: 'numeric',
	hourCycle: 'h23'
});

/** A London wall-clock reading. `weekday` is ISO: 1 = Monday … 7 = Sunday. */
export type LondonParts = {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	weekday: number;
};

/** London's offset from UTC for each UTC hour asked about (the offset never changes within one). */
const offsets = new Map<number, number>();

/** London minus UTC at an instant, in ms. Clock changes happen on the hour (01:00 UTC), so one Intl call per UTC hour. */
function offsetMsAt(ms: number): number {
	const hour = Math.floor(ms / HOUR);
	let offset = offsets.get(hour);
	if (offset === undefined) {
		const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0 };
		for (const part of partsFormatter.formatToParts(hour * HOUR)) {
			if (part.type in out) out[part.type as keyof typeof out] = Number(part.value);
		}
		// Some engines print midnight as 24 even with h23; normalise defensively.
		if (out.hour === 24) out.hour = 0;
		offset = Date.UTC(out.year, out.month - 1, out.day, out.hour, out.minute) - hour * HOUR;
		if (offsets.size > 10_000) offsets.clear();
		offsets.set(hour, offset);
	}
	return offset;
}

/** Break an instant into its Europe/London calendar date, time and ISO weekday. */
export function londonParts(ms: number): LondonParts {
	const d = new Date(ms + offsetMsAt(ms));
	const sunday0 = d.getUTCDay();
	return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), weekday: sunday0 === 0 ? 7 : sunday0 };
}

function pad(n: number, width = 2): string {
	return String(n).padStart(width, '0');
}

/** "23 November 2026" (London date). */
export function formatDate(ms: number): string {
	const p = londonParts(ms);
	return `${p.day} ${MONTHS[p.month - 1]} ${p.year}`;
}

/** "23 Nov 2026" (London date). */
export function formatShortDate(ms: number): string {
	const p = londonParts(ms);
	return `${p.day} ${SHORT_MONTHS[p.month - 1]} ${p.year}`;
}

/** "7:00am", "12:30pm", "12:05am" (London time, 12-hour clock, no leading zero). */
export function formatTime(ms: number): string {
	const p = londonParts(ms);
	const hour12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
	return `${hour12}:${pad(p.minute)}${p.hour < 12 ? 'am' : 'pm'}`;
}

/** "23 November 2026, 7:00am" (London). */
export function formatDateTime(ms: number): string {
	return `${formatDate(ms)}, ${formatTime(ms)}`;
}

/** "2026-11-23": the London calendar date, as used by `<input type="date">`. */
export function isoDate(ms: number): string {
	const p = londonParts(ms);
	return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** Day number (days since 1970-01-01) of the London calendar date of an instant. */
function londonDayNumber(ms: number): number {
	const p = londonParts(ms);
	return Math.round(Date.UTC(p.year, p.month - 1, p.day) / DAY);
}

/**
 * Whole London calendar days from `a` to `b`: positive when `b` is on a later London date,
 * 0 on the same date (23:59 and 00:01 the next morning are 1 day apart). Clock changes don't
 * matter because it counts dates, not 24-hour spans.
 */
export function daysBetween(a: number, b: number): number {
	return londonDayNumber(b) - londonDayNumber(a);
}

function plural(n: number, unit: string): string {
	return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * Coarse British relative time of `ms` as seen at `now`: "just now", "5 minutes ago",
 * "3 hours ago", "yesterday", "3 days ago", "2 weeks ago", "4 months ago", "2 years ago",
 * and the future forms "in 10 minutes", "tomorrow", "in 2 days" …. Under a day it counts
 * elapsed time; from a day on it counts London calendar days.
 */
export function relativeTime(ms: number, now: number): string {
	const diff = now - ms;
	const past = diff >= 0;
	const abs = Math.abs(diff);
	const say = (text: string) => (past ? `${text} ago` : `in ${text}`);
	if (abs < MINUTE) return 'just now';
	if (abs < HOUR) return say(plural(Math.floor(abs / MINUTE), 'minute'));
	if (abs < DAY) return say(plural(Math.floor(abs / HOUR), 'hour'));
	const days = Math.max(1, Math.abs(daysBetween(ms, now)));
	if (days === 1) return past ? 'yesterday' : 'tomorrow';
	if (days < 7) return say(plural(days, 'day'));
	if (days < 30) return say(plural(Math.floor(days / 7), 'week'));
	if (days < 365) return say(plural(Math.max(1, Math.floor(days / 30)), 'month'));
	return say(plural(Math.floor(days / 365), 'year'));
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** London UTC offset in minutes at an instant (0 in GMT, 60 in BST). */
function londonOffset(ms: number): number {
	return offsetMsAt(ms) / MINUTE;
}

/**
 * The instant of a London wall-clock reading (month 1–12), resolving clock changes like
 * Temporal's "compatible" rule:
 * - a time that doesn't exist (01:00–01:59 on the last Sunday of March) moves forward by the
 *   size of the gap: 01:30 becomes 02:30 BST (01:30 UTC);
 * - a time that happens twice (01:00–01:59 on the last Sunday of October) takes the first,
 *   BST, occurrence: 01:30 is 00:30 UTC.
 * Inputs are assumed valid; see `londonDateTimeToUtc` for the checked version.
 */
export function londonWallClockToUtc(
	year: number,
	month: number,
	day: number,
	hour = 0,
	minute = 0
): number {
	const asUtc = Date.UTC(year, month - 1, day, hour, minute);
	// London changes its offset at most once in any 48 hours, so the offsets a day either
	// side are the only ones this wall-clock reading can be in.
	const before = londonOffset(asUtc - DAY);
	const after = londonOffset(asUtc + DAY);
	const matches = [...new Set([before, after])]
		.map((offset) => asUtc - offset * MINUTE)
		.filter((ms) => ms + londonOffset(ms) * MINUTE === asUtc)
		.sort((a, b) => a - b);
	if (matches.length > 0) return matches[0]; // earliest = first occurrence when ambiguous
	return asUtc - before * MINUTE; // in the spring gap: read it with the pre-change offset
}

/**
 * Interpret a wall-clock date ("YYYY-MM-DD") and optional time ("HH:MM", default midnight)
 * in Europe/London and return epoch milliseconds, or null if either is not a real date or
 * time (2026-02-30, 25:00). Clock changes: the missing March hour moves forward one hour
 * (01:30 → 02:30 BST); the repeated October hour takes its first, BST, occurrence.
 */
export function londonDateTimeToUtc(date: string, time = '00:00'): number | null {
	const d = DATE_RE.exec(date);
	const t = TIME_RE.exec(time);
	if (!d || !t) return null;
	const [year, month, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
	const [hour, minute, second] = [Number(t[1]), Number(t[2]), Number(t[3] ?? 0)];
	if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
		return null;
	}
	if (hour > 23 || minute > 59 || second > 59) return null;
	return londonWallClockToUtc(year, month, day, hour, minute) + second * 1000;
}
