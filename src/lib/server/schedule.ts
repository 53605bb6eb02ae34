/**
 * Personal digest schedules, computed in Europe/London (ARCHITECTURE rule 6) so "Monday 07:00"
 * stays 07:00 on the wall clock when the clocks change.
 *
 * Clock-change days follow `londonWallClockToUtc`: an hour that doesn't exist in March
 * (01:00) is sent at 02:00 BST; an hour that happens twice in October (01:00) is sent at its
 * first, BST, occurrence. Either way there is exactly one scheduled instant per London day
 * (daily) or per ISO week (weekly).
 */
import { londonParts, londonWallClockToUtc } from '../time';

/** How often, on which ISO weekday (1 = Monday … 7 = Sunday, weekly only) and at what London hour. */
export type DigestSchedule = {
	frequency: 'daily' | 'weekly' | 'never';
	weekday: number;
	hour: number;
};

/** A digest whose time has come, with the idempotency key of the period it covers. */
export type DueDigest = { dueAt: number; periodKey: string };

const DAY = 24 * 60 * 60 * 1000;
/** Far enough to reach the same weekday again from either side of a week. */
const SEARCH_DAYS = 8;

type CalendarDate = { year: number; month: number; day: number; weekday: number };

function assertValid(schedule: DigestSchedule): void {
	const { hour, weekday } = schedule;
	if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
		throw new RangeError(`Digest hour must be a whole number from 0 to 23, got ${hour}`);
	}
	if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
		throw new RangeError(`Digest weekday must be a whole number from 1 to 7, got ${weekday}`);
	}
}

/** The calendar date `offsetDays` after (or before, if negative) a London date. */
function shiftDate(date: { year: number; month: number; day: number }, offsetDays: number): CalendarDate {
	const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + offsetDays));
	const sunday0 = shifted.getUTCDay();
	return {
		year: shifted.getUTCFullYear(),
		month: shifted.getUTCMonth() + 1,
		day: shifted.getUTCDate(),
		weekday: sunday0 === 0 ? 7 : sunday0
	};
}

/** The scheduled instant on a London date, or null if the schedule doesn't send that day. */
function instantOn(schedule: DigestSchedule, date: CalendarDate): number | null {
	if (schedule.frequency === 'never') return null;
	if (schedule.frequency === 'weekly' && date.weekday !== schedule.weekday) return null;
	return londonWallClockToUtc(date.year, date.month, date.day, schedule.hour, 0);
}

/** The first scheduled instant strictly after `after`, or null for a schedule that never sends. */
export function nextDigestAt(schedule: DigestSchedule, after: number): number | null {
	assertValid(schedule);
	if (schedule.frequency === 'never') return null;
	const today = londonParts(after);
	for (let offset = 0; offset <= SEARCH_DAYS; offset++) {
		const at = instantOn(schedule, shiftDate(today, offset));
		if (at !== null && at > after) return at;
	}
	return null; // unreachable for a valid schedule
}

/** The latest scheduled instant at or before `atOrBefore`, or null for a schedule that never sends. */
export function previousDigestAt(schedule: DigestSchedule, atOrBefore: number): number | null {
	assertValid(schedule);
	if (schedule.frequency === 'never') return null;
	const today = londonParts(atOrBefore);
	for (let offset = 0; offset <= SEARCH_DAYS; offset++) {
		const at = instantOn(schedule, shiftDate(today, -offset));
		if (at !== null && at <= atOrBefore) return at;
	}
	return null; // unreachable for a valid schedule
}

/** ISO 8601 week-numbering year and week (1–53) of a calendar date. */
export function isoWeek(year: number, month: number, day: number): { year: number; week: number } {
	const date = Date.UTC(year, month - 1, day);
	const sunday0 = new Date(date).getUTCDay();
	const weekday = sunday0 === 0 ? 7 : sunday0;
	// The Thursday of this ISO week decides which year the week belongs to.
	const thursday = new Date(date + (4 - weekday) * DAY);
	const weekYear = thursday.getUTCFullYear();
	const dayOfYear = Math.round((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / DAY);
	return { year: weekYear, week: Math.floor(dayOfYear / 7) + 1 };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A stable key for the period a digest due at `dueAt` covers: "daily:2026-03-29" (London
 * date) or "weekly:2026-W13" (ISO week of the London date). Store it with each send and
 * refuse a second send with the same key, so a period is never sent twice — not even when
 * the member moves their hour after today's digest has gone.
 */
export function digestPeriodKey(schedule: DigestSchedule, dueAt: number): string {
	const p = londonParts(dueAt);
	switch (schedule.frequency) {
		case 'daily':
			return `daily:${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
		case 'weekly': {
			const w = isoWeek(p.year, p.month, p.day);
			return `weekly:${pad(w.year, 4)}-W${pad(w.week)}`;
		}
		case 'never':
			throw new RangeError('A schedule that never sends has no digest periods');
	}
}

/**
 * The digest to send now, if any: the most recent scheduled instant at or before `now` that
 * is later than `lastSentAt` (null = never sent). If several were missed (the server was
 * down), only the latest counts — a backlog is never sent. Null when nothing is due.
 */
export function dueDigest(
	schedule: DigestSchedule,
	lastSentAt: number | null,
	now: number
): DueDigest | null {
	const dueAt = previousDigestAt(schedule, now);
	if (dueAt === null) return null;
	if (lastSentAt !== null && dueAt <= lastSentAt) return null;
	return { dueAt, periodKey: digestPeriodKey(schedule, dueAt) };
}
