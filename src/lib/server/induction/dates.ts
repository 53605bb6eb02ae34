/** The induction path's calendar: who counts as new, days in the role, when a path folds or stalls. */
import { formatDate, isoDate, londonDateTimeToUtc } from '../../time';

/** A member whose role started within this many months is new (unless a coordinator marks them new). */
export const NEW_FOR_MONTHS = 6;
/** The path's length; after it the path folds into a one-line link. */
export const PATH_DAYS = 100;
/** Nothing done for this many days: the coordinator's list flags it, and the regional digest suggests a nudge. */
export const STALLED_DAYS = 21;

const DAY = 86_400_000;

/** `isoDate(now)`, remembered for the last `now` asked: a list of 600 new members asks it twice a member with the same `now`, and each is an Intl format. */
let today = { now: Number.NaN, iso: '' };
function isoToday(now: number): string {
	if (today.now !== now) today = { now, iso: isoDate(now) };
	return today.iso;
}

/** The first role start date ('YYYY-MM-DD') that is still new at `now`: six months back, in London. */
export function newSince(now: number): string {
	const [y, m, d] = isoToday(now).split('-').map(Number);
	const back = new Date(Date.UTC(y, m - 1 - NEW_FOR_MONTHS, 1));
	const last = new Date(Date.UTC(back.getUTCFullYear(), back.getUTCMonth() + 1, 0)).getUTCDate();
	return `${back.getUTCFullYear()}-${String(back.getUTCMonth() + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Whole London days from a 'YYYY-MM-DD' date to `now` (0 on the day itself). */
export function daysSinceDay(day: string, now: number): number {
	const [y, m, d] = day.split('-').map(Number);
	const [ty, tm, td] = isoToday(now).split('-').map(Number);
	return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(y, m - 1, d)) / DAY);
}

/** "6 May 2027" for '2027-05-06'; '' for null or a malformed date. */
export function formatDay(day: string | null | undefined): string {
	if (!day) return '';
	const ms = londonDateTimeToUtc(day, '12:00');
	return ms == null ? '' : formatDate(ms);
}
