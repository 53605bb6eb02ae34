/**
 * The training log's rules, as pure functions: calendar-date arithmetic, hours, and the
 * checks every entry and event must pass (one set of messages for forms and for other areas
 * calling in). Nothing here touches the database.
 */
import { EVENT_KINDS, TOPICS, TRAINING_KINDS, values, type EventKind, type Topic, type TrainingKind } from '../../vocab';

/** At most this many hours of learning may be logged for one day. */
export const MAX_HOURS_PER_DAY = 12;
/** Completed learning may be logged this many years back. */
export const MAX_YEARS_BACK = 10;
export const TITLE_MAX = 200;
export const PROVIDER_MAX = 200;
export const REFLECTION_MAX = 10_000;
export const LINK_MAX = 2_000;
export const PLACE_MAX = 300;
export const DESCRIPTION_MAX = 20_000;

const KIND_VALUES = new Set<string>(values(TRAINING_KINDS));
const TOPIC_VALUES = new Set<string>(values(TOPICS));
const EVENT_KIND_VALUES = new Set<string>(values(EVENT_KINDS));
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export type FieldErrors = Record<string, string>;

/** Whether a string is a real calendar date written 'YYYY-MM-DD'. */
export function isRealDate(value: string): boolean {
	const m = DATE_RE.exec(value);
	if (!m) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (y < 1000 || mo < 1 || mo > 12 || d < 1) return false;
	return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function toUtcDay(date: string): number {
	const [y, m, d] = date.split('-').map(Number);
	return Date.UTC(y, m - 1, d);
}

function fromUtcDay(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

/** A calendar date `n` days after (or before, when negative) `date`. */
export function addDays(date: string, n: number): string {
	return fromUtcDay(toUtcDay(date) + n * DAY_MS);
}

/** A calendar date `n` months after (or before) `date`; the day is clamped to the month's end (31 March − 1 month = 28/29 February). */
export function addMonths(date: string, n: number): string {
	const [y, m, d] = date.split('-').map(Number);
	const index = y * 12 + (m - 1) + n;
	const year = Math.floor(index / 12);
	const month = (index % 12) + 1;
	const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Calendar days from `start` to `end`, both counted (the same day is 1). */
export function daysInclusive(start: string, end: string): number {
	return Math.round((toUtcDay(end) - toUtcDay(start)) / DAY_MS) + 1;
}

/** Hours shown to people: whole minutes as hours rounded to two decimal places (90 → 1.5). */
export function minutesToHours(minutes: number): number {
	return Math.round((minutes / 60) * 100) / 100;
}

/** "1 hour", "1.5 hours", "0.25 hours". */
export function formatHours(minutes: number): string {
	const h = minutesToHours(minutes);
	return `${h.toLocaleString('en-GB', { maximumFractionDigits: 2 })} ${h === 1 ? 'hour' : 'hours'}`;
}

/** Whether a string is an absolute http(s) URL with a host. */
export function isHttpUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
	} catch {
		return false;
	}
}

/** Parses hours typed by a person ("1.5", "2", ".75") for a span of `days`: minutes, or the message to show. */
export function parseHours(raw: string | number | null | undefined, days = 1): { minutes: number } | { error: string } {
	const text = typeof raw === 'number' ? String(raw) : (raw ?? '').trim();
	if (text === '') return { error: 'Enter the number of hours, like 1.5' };
	const n = typeof raw === 'number' ? raw : /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : NaN;
	if (!Number.isFinite(n)) return { error: 'Enter hours as a number, like 1.5' };
	if (n <= 0) return { error: 'Enter hours of more than 0' };
	if (Math.abs(Math.round(n * 100) - n * 100) > 1e-6) return { error: 'Enter hours to no more than 2 decimal places, like 1.25' };
	const limit = MAX_HOURS_PER_DAY * Math.max(1, days);
	if (n > limit) {
		return {
			error: days > 1 ? `Enter at most ${limit} hours for ${days} days (${MAX_HOURS_PER_DAY} hours a day)` : `Enter at most ${MAX_HOURS_PER_DAY} hours for one day`
		};
	}
	return { minutes: Math.round(n * 60) };
}

/** An entry as typed into the form, or passed in by another area. */
export type RawEntry = {
	startDate?: string | null;
	endDate?: string | null;
	title?: string | null;
	provider?: string | null;
	kind?: string | null;
	topics?: readonly string[] | null;
	hours?: string | number | null;
	reflection?: string | null;
	link?: string | null;
};

/** A checked entry, ready to store. */
export type EntryInput = {
	startDate: string;
	endDate: string;
	title: string;
	provider: string;
	kind: TrainingKind;
	topics: Topic[];
	minutes: number;
	reflection: string;
	link: string;
};

const trim = (v: string | null | undefined) => (v ?? '').trim();

/**
 * Checks an entry of completed learning against the rules, as of the London date `today`:
 * real dates, no later than today and no more than ten years back, the last day on or after
 * the first, 0 < hours ≤ 12 a day, a title of at most 200 characters, known kinds and topics,
 * an http(s) link. Returns the normalised entry or a message for each field in error.
 */
export function checkEntry(raw: RawEntry, today: string): { ok: true; entry: EntryInput } | { ok: false; errors: FieldErrors } {
	const errors: FieldErrors = {};
	const startDate = trim(raw.startDate);
	const endRaw = trim(raw.endDate);
	const earliest = addMonths(today, -12 * MAX_YEARS_BACK);

	if (startDate === '') errors.startDate = 'Enter the date of the learning';
	else if (!isRealDate(startDate)) errors.startDate = 'Enter the date as a real date, like 2026-11-23';
	else if (startDate > today) errors.startDate = 'The date must be today or in the past – log learning once it has happened';
	else if (startDate < earliest) errors.startDate = `The date must be within the last ${MAX_YEARS_BACK} years`;

	const endDate = endRaw === '' ? startDate : endRaw;
	if (endRaw !== '') {
		if (!isRealDate(endRaw)) errors.endDate = 'Enter the last day as a real date, like 2026-11-23';
		else if (!errors.startDate && endRaw < startDate) errors.endDate = 'The last day must be the same as or after the first day';
		else if (endRaw > today) errors.endDate = 'The last day must be today or in the past';
	}

	const title = trim(raw.title);
	if (title === '') errors.title = 'Enter a title';
	else if (title.length > TITLE_MAX) errors.title = `Enter a title of at most ${TITLE_MAX} characters`;

	const provider = trim(raw.provider);
	if (provider.length > PROVIDER_MAX) errors.provider = `Enter a provider of at most ${PROVIDER_MAX} characters`;

	const kind = trim(raw.kind);
	if (kind === '') errors.kind = 'Choose the kind of learning';
	else if (!KIND_VALUES.has(kind)) errors.kind = 'Choose the kind of learning from the list';

	const topics = [...new Set(raw.topics ?? [])];
	if (topics.some((t) => !TOPIC_VALUES.has(t))) errors.topics = 'Choose topics from the list';

	const datesOk = !errors.startDate && !errors.endDate;
	const days = datesOk ? daysInclusive(startDate, endDate) : 1;
	const hours = parseHours(raw.hours, days);
	if ('error' in hours) errors.hours = hours.error;

	const reflection = trim(raw.reflection);
	if (reflection.length > REFLECTION_MAX) errors.reflection = `Enter a reflection of at most ${REFLECTION_MAX.toLocaleString('en-GB')} characters`;

	const link = trim(raw.link);
	if (link.length > LINK_MAX) errors.link = `Enter a link of at most ${LINK_MAX.toLocaleString('en-GB')} characters`;
	else if (link !== '' && !isHttpUrl(link)) errors.link = 'Enter a link starting with https://, like https://www.local.gov.uk';

	if (Object.keys(errors).length > 0 || 'error' in hours) return { ok: false, errors };
	return {
		ok: true,
		entry: { startDate, endDate, title, provider, kind: kind as TrainingKind, topics: topics as Topic[], minutes: hours.minutes, reflection, link }
	};
}

/** An event as typed into the publishing form (London dates and times). */
export type RawEvent = {
	title?: string | null;
	kind?: string | null;
	startDate?: string | null;
	startTime?: string | null;
	endDate?: string | null;
	endTime?: string | null;
	location?: string | null;
	onlineUrl?: string | null;
	provider?: string | null;
	topics?: readonly string[] | null;
	description?: string | null;
};

/** A checked event, ready to store (instants in UTC epoch ms). */
export type EventInput = {
	title: string;
	kind: EventKind;
	startsAt: number;
	endsAt: number;
	location: string;
	onlineUrl: string;
	provider: string;
	topics: Topic[];
	description: string;
};

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Checks an event: a title, a known kind, a start date and time in London no more than a year
 * ago and no more than three years ahead, an end after the start, a place or an online link
 * (http or https), a description of at most 20,000 characters. `toUtc` turns a London date
 * and time into an instant (see $lib/time londonDateTimeToUtc).
 */
export function checkEvent(
	raw: RawEvent,
	today: string,
	toUtc: (date: string, time: string) => number | null
): { ok: true; event: EventInput } | { ok: false; errors: FieldErrors } {
	const errors: FieldErrors = {};
	const title = trim(raw.title);
	if (title === '') errors.title = 'Enter a title';
	else if (title.length > TITLE_MAX) errors.title = `Enter a title of at most ${TITLE_MAX} characters`;

	const kind = trim(raw.kind);
	if (kind === '') errors.kind = 'Choose the kind of event';
	else if (!EVENT_KIND_VALUES.has(kind)) errors.kind = 'Choose the kind of event from the list';

	const startDate = trim(raw.startDate);
	const startTime = trim(raw.startTime);
	const endDate = trim(raw.endDate) || startDate;
	const endTime = trim(raw.endTime);
	let startsAt: number | null = null;
	let endsAt: number | null = null;
	if (startDate === '') errors.startDate = 'Enter the date the event starts';
	else if (!isRealDate(startDate)) errors.startDate = 'Enter the start date as a real date, like 2027-01-20';
	else if (startDate < addMonths(today, -12)) errors.startDate = 'The event must start within the last year';
	else if (startDate > addMonths(today, 36)) errors.startDate = 'The event must start within the next three years';
	if (startTime === '') errors.startTime = 'Enter the time the event starts, like 10:00';
	else if (!TIME_RE.test(startTime)) errors.startTime = 'Enter the start time as hours and minutes, like 10:00';
	if (trim(raw.endDate) !== '' && !isRealDate(endDate)) errors.endDate = 'Enter the end date as a real date, like 2027-01-20';
	if (endTime === '') errors.endTime = 'Enter the time the event ends, like 16:00';
	else if (!TIME_RE.test(endTime)) errors.endTime = 'Enter the end time as hours and minutes, like 16:00';
	if (!errors.startDate && !errors.startTime) startsAt = toUtc(startDate, startTime);
	if (!errors.startDate && !errors.endDate && !errors.endTime) endsAt = toUtc(endDate, endTime);
	if (startsAt != null && endsAt != null && endsAt <= startsAt) {
		if (endDate < startDate) errors.endDate = 'The end date must be the same as or after the start date';
		else errors.endTime = 'The event must end after it starts';
	} else if (startsAt != null && endsAt != null && endsAt - startsAt > 14 * DAY_MS) {
		errors.endDate = 'The event must end within 14 days of its start';
	}

	const location = trim(raw.location);
	const onlineUrl = trim(raw.onlineUrl);
	if (location.length > PLACE_MAX) errors.location = `Enter a place of at most ${PLACE_MAX} characters`;
	if (onlineUrl.length > LINK_MAX) errors.onlineUrl = `Enter a link of at most ${LINK_MAX.toLocaleString('en-GB')} characters`;
	else if (onlineUrl !== '' && !isHttpUrl(onlineUrl)) errors.onlineUrl = 'Enter a link starting with https://, like https://meet.example.org/lead-members';
	if (location === '' && onlineUrl === '') errors.location = 'Enter where the event takes place, or a link to join online';

	const provider = trim(raw.provider);
	if (provider.length > PROVIDER_MAX) errors.provider = `Enter a provider of at most ${PROVIDER_MAX} characters`;

	const topics = [...new Set(raw.topics ?? [])];
	if (topics.some((t) => !TOPIC_VALUES.has(t))) errors.topics = 'Choose topics from the list';

	const description = trim(raw.description);
	if (description.length > DESCRIPTION_MAX) errors.description = `Enter a description of at most ${DESCRIPTION_MAX.toLocaleString('en-GB')} characters`;

	if (Object.keys(errors).length > 0 || startsAt == null || endsAt == null) return { ok: false, errors };
	return {
		ok: true,
		event: { title, kind: kind as EventKind, startsAt, endsAt, location, onlineUrl, provider, topics: topics as Topic[], description }
	};
}

/** The kind of log entry an event becomes: network meetings are regional or national by the event's scope. */
export function trainingKindForEvent(kind: string, regional: boolean): TrainingKind {
	switch (kind) {
		case 'network-meeting':
			return regional ? 'regional-network' : 'national-network';
		case 'conference':
			return 'national-network';
		case 'webinar':
			return 'e-learning';
		default:
			return 'subject-course';
	}
}

/** A typical day's learning at an event that runs over several days. */
export const EVENT_DAY_HOURS = 6;

/**
 * Hours to log for an event, in whole quarter hours (at least one quarter): its length when it
 * is on one day; for several days, six hours a day (the span includes the nights), never more
 * than its length. The member can change it.
 */
export function hoursForEvent(startsAt: number, endsAt: number, days: number): number {
	const quarters = Math.max(1, Math.round((endsAt - startsAt) / (15 * 60_000)));
	const span = quarters / 4;
	if (days <= 1) return Math.min(span, MAX_HOURS_PER_DAY);
	return Math.min(span, EVENT_DAY_HOURS * days);
}
