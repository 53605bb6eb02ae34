/** Words for the training pages (browser-safe: no server imports). */
import { formatDate } from '$lib/time';

/** "14 October 2026" for a London calendar date 'YYYY-MM-DD'. */
export function day(date: string): string {
	return formatDate(Date.parse(`${date}T12:00:00Z`));
}

/** "14 October 2026" or "12 to 14 October 2026 (3 days)". */
export function dayRange(start: string, end: string): string {
	if (!end || end === start) return day(start);
	const days = Math.round((Date.parse(`${end}T12:00:00Z`) - Date.parse(`${start}T12:00:00Z`)) / 86_400_000) + 1;
	return `${day(start)} to ${day(end)} (${days} days)`;
}

/** "1 hour", "2.5 hours". */
export function hours(h: number): string {
	return `${h.toLocaleString('en-GB', { maximumFractionDigits: 2 })} ${h === 1 ? 'hour' : 'hours'}`;
}

/** "1 entry", "3 entries". */
export function entries(n: number): string {
	return `${n} ${n === 1 ? 'entry' : 'entries'}`;
}

/** A number for a table cell: "2.5", "0". */
export function num(h: number): string {
	return h.toLocaleString('en-GB', { maximumFractionDigits: 2 });
}
