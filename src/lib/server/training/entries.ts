/**
 * Training log entries: each member's own record of learning. Members read and change only
 * their own entries; a mentor reads (never changes) a mentee's log when the mentee shares it.
 * Anything else looks like "not found".
 */
import { error } from '@sveltejs/kit';
import { and, asc, desc, eq, gte, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { db } from '../db/client';
import { trainingEntry, trainingEvent, type TrainingEntry } from '../db/schema';
import { authorize, can, type Actor } from '../auth/policy';
import * as members from '../network/members';
import { TOPICS, TRAINING_KINDS, values, type Topic, type TrainingKind } from '../../vocab';
import { isoDate } from '../../time';
import { addMonths, checkEntry, minutesToHours, type EntryInput, type FieldErrors, type RawEntry } from './rules';
import { COVERAGE_MONTHS, SUMMARY_MONTHS, coverage, summarise } from './summary';
import { csvFilename, entriesCsv } from './export';
import * as sharing from './sharing';
import * as fromLibrary from './library';

/** An entry as pages and other areas see it. */
export type Entry = Omit<TrainingEntry, 'sourceKey' | 'libraryEntryId'> & { hours: number; source: 'member' | 'event' | 'mentoring' };

/** The linked library document is left out: pages ask `library.document` with the viewer, who may not see it. */
function toEntry(row: TrainingEntry): Entry {
	const { sourceKey, libraryEntryId: _doc, ...rest } = row;
	const source = sourceKey?.startsWith('mentoring:') ? 'mentoring' : row.eventId != null || sourceKey?.startsWith('event:') ? 'event' : 'member';
	return { ...rest, hours: minutesToHours(row.minutes), source };
}

/** The London date of an instant: "today" for the rules. */
export function today(now = Date.now()): string {
	return isoDate(now);
}

// ---------------------------------------------------------------------------------------------
// Filters

const KINDS = new Set<string>(values(TRAINING_KINDS));
const TOPIC_SET = new Set<string>(values(TOPICS));
const FIXED_PERIODS = [
	['all', 'All time'],
	['3m', 'Last 3 months'],
	['12m', 'Last 12 months'],
	['24m', 'Last 24 months']
] as const;

/** A filter on a log: kind, topic, period ('all', '3m', '12m', '24m' or a year '2025'), and the keyset cursor. */
export type LogFilter = { kind: TrainingKind | null; topic: Topic | null; period: string; after: string | null };

/** Reads a filter from a query string; unknown values are ignored rather than refused. */
export function parseFilter(params: URLSearchParams): LogFilter {
	const kind = params.get('kind') ?? '';
	const topic = params.get('topic') ?? '';
	const period = params.get('period') ?? 'all';
	const after = params.get('after') ?? '';
	return {
		kind: KINDS.has(kind) ? (kind as TrainingKind) : null,
		topic: TOPIC_SET.has(topic) ? (topic as Topic) : null,
		period: FIXED_PERIODS.some(([p]) => p === period) || /^\d{4}$/.test(period) ? period : 'all',
		after: /^\d{4}-\d{2}-\d{2}\.\d{1,12}$/.test(after) ? after : null
	};
}

/** The London dates a period covers (null = open-ended), and its words. */
export function periodRange(period: string, todayDate: string): { from: string | null; to: string | null; label: string } {
	const fixed = FIXED_PERIODS.find(([p]) => p === period);
	if (period === '3m') return { from: addMonths(todayDate, -3), to: todayDate, label: fixed![1] };
	if (period === '12m') return { from: addMonths(todayDate, -12), to: todayDate, label: fixed![1] };
	if (period === '24m') return { from: addMonths(todayDate, -24), to: todayDate, label: fixed![1] };
	if (/^\d{4}$/.test(period)) return { from: `${period}-01-01`, to: `${period}-12-31`, label: period };
	return { from: null, to: null, label: 'All time' };
}

/** The periods to offer: the fixed ones, then each year that has entries, newest first. */
function periodOptions(memberId: number): [string, string][] {
	const years = db
		.select({ year: sql<string>`distinct substr(${trainingEntry.startDate}, 1, 4)` })
		.from(trainingEntry)
		.where(eq(trainingEntry.memberId, memberId))
		.all()
		.map((r) => r.year)
		.sort()
		.reverse();
	return [...FIXED_PERIODS.map(([v, l]) => [v, l] as [string, string]), ...years.map((y) => [y, y] as [string, string])];
}

function conditions(memberId: number, filter: Pick<LogFilter, 'kind' | 'topic' | 'period'>, todayDate: string): SQL[] {
	const where: SQL[] = [eq(trainingEntry.memberId, memberId)];
	if (filter.kind) where.push(eq(trainingEntry.kind, filter.kind));
	if (filter.topic) where.push(sql`exists (select 1 from json_each(${trainingEntry.topics}) where json_each.value = ${filter.topic})`);
	const range = periodRange(filter.period, todayDate);
	if (range.from) where.push(gte(trainingEntry.endDate, range.from));
	if (range.to) where.push(lte(trainingEntry.startDate, range.to));
	return where;
}

/** Every entry of a member within a period (oldest first), for summaries, exports and records. */
function entriesOf(memberId: number, filter: Pick<LogFilter, 'kind' | 'topic' | 'period'>, todayDate: string, order: 'asc' | 'desc' = 'desc'): Entry[] {
	const dir = order === 'asc' ? asc : desc;
	return db
		.select()
		.from(trainingEntry)
		.where(and(...conditions(memberId, filter, todayDate)))
		.orderBy(dir(trainingEntry.startDate), dir(trainingEntry.id))
		.all()
		.map(toEntry);
}

/** Entries to show on one page of a log. */
export const PAGE_SIZE = 50;

function page(memberId: number, filter: LogFilter, todayDate: string) {
	const where = conditions(memberId, filter, todayDate);
	const totals = db
		.select({ entries: sql<number>`count(*)`, minutes: sql<number>`coalesce(sum(${trainingEntry.minutes}), 0)` })
		.from(trainingEntry)
		.where(and(...where))
		.get() ?? { entries: 0, minutes: 0 };
	if (filter.after) {
		const [date, id] = filter.after.split('.');
		where.push(or(lt(trainingEntry.startDate, date), and(eq(trainingEntry.startDate, date), lt(trainingEntry.id, Number(id))))!);
	}
	const rows = db
		.select()
		.from(trainingEntry)
		.where(and(...where))
		.orderBy(desc(trainingEntry.startDate), desc(trainingEntry.id))
		.limit(PAGE_SIZE + 1)
		.all();
	const more = rows.length > PAGE_SIZE;
	const shown = rows.slice(0, PAGE_SIZE).map(toEntry);
	const last = shown.at(-1);
	return {
		entries: shown,
		next: more && last ? `${last.startDate}.${last.id}` : null,
		totals: { entries: Number(totals.entries), minutes: Number(totals.minutes), hours: minutesToHours(Number(totals.minutes)) }
	};
}

// ---------------------------------------------------------------------------------------------
// Pages

/** The acting member's log page: filtered entries (paged), totals, the 12-month picture, sharing. */
export function logPage(actor: Actor, filter: LogFilter, now = Date.now()) {
	authorize(actor, 'training.view', { memberId: actor.id, sharedWithMentorId: null });
	const t = today(now);
	const recent = entriesOf(actor.id, { kind: null, topic: null, period: '24m' }, t);
	const year = summarise(recent, addMonths(t, -SUMMARY_MONTHS), t);
	const cover = coverage(recent, t);
	return {
		...page(actor.id, filter, t),
		filter,
		filtered: filter.kind != null || filter.topic != null || filter.period !== 'all',
		periods: periodOptions(actor.id),
		lastTwelveMonths: { entries: year.entries, hours: year.hours },
		gaps: cover.gaps,
		sharing: sharing.status(actor),
		sharedWithMe: sharing.sharedWithMe(actor),
		canViewAggregates: can(actor, 'training.viewAggregates', { regionId: actor.role === 'admin' ? null : actor.coordinatorRegionId })
	};
}

/** The acting member's summary of the last 12 months, by kind and by topic. */
export function summaryPage(actor: Actor, now = Date.now()) {
	authorize(actor, 'training.view', { memberId: actor.id, sharedWithMentorId: null });
	const t = today(now);
	const from = addMonths(t, -SUMMARY_MONTHS);
	return summarise(entriesOf(actor.id, { kind: null, topic: null, period: '12m' }, t), from, t);
}

/** The acting member's core topics over the last 24 months: which are covered and which are gaps. */
export function coverageFor(actor: Actor, now = Date.now()) {
	authorize(actor, 'training.view', { memberId: actor.id, sharedWithMentorId: null });
	const t = today(now);
	return coverage(entriesOf(actor.id, { kind: null, topic: null, period: '24m' }, t), t, COVERAGE_MONTHS);
}

/** One entry, for its owner or a mentor it is shared with; 404 for anyone else. */
export function get(actor: Actor, id: number) {
	const row = Number.isSafeInteger(id) ? db.select().from(trainingEntry).where(eq(trainingEntry.id, id)).get() : undefined;
	if (!row) error(404, 'Page not found');
	authorize(actor, 'training.view', sharing.viewFacts(row.memberId), { hide: true });
	const event = row.eventId != null ? db.select({ id: trainingEvent.id, title: trainingEvent.title }).from(trainingEvent).where(eq(trainingEvent.id, row.eventId)).get() : undefined;
	const owner = row.memberId === actor.id ? null : (members.profile(row.memberId) ?? null);
	return {
		entry: toEntry(row),
		event: event ?? null,
		document: fromLibrary.document(actor, row.libraryEntryId),
		owner: owner ? { id: owner.id, name: owner.name } : null,
		canEdit: can(actor, 'training.edit', { memberId: row.memberId })
	};
}

/** One of the acting member's own entries, to edit or delete; 404 for anyone else's. */
export function forEdit(actor: Actor, id: number): Entry {
	const row = Number.isSafeInteger(id) ? db.select().from(trainingEntry).where(eq(trainingEntry.id, id)).get() : undefined;
	if (!row) error(404, 'Page not found');
	authorize(actor, 'training.edit', { memberId: row.memberId }, { hide: true });
	return toEntry(row);
}

/** The values of an entry as a form shows them. */
export function formValues(e: Entry): Record<string, string | string[]> {
	return {
		startDate: e.startDate,
		endDate: e.endDate === e.startDate ? '' : e.endDate,
		title: e.title,
		provider: e.provider,
		kind: e.kind,
		topics: [...e.topics],
		hours: String(e.hours),
		reflection: e.reflection,
		link: e.link
	};
}

// ---------------------------------------------------------------------------------------------
// Changes

export type Saved = { ok: true; entry: Entry } | { ok: false; errors: FieldErrors };

function insert(memberId: number, input: EntryInput, now: number, extra: { eventId?: number | null; sourceKey?: string | null; libraryEntryId?: number | null } = {}): Entry {
	const row = db
		.insert(trainingEntry)
		.values({ memberId, ...input, eventId: extra.eventId ?? null, sourceKey: extra.sourceKey ?? null, libraryEntryId: extra.libraryEntryId ?? null, createdAt: now, updatedAt: now })
		.returning()
		.get();
	return toEntry(row);
}

/**
 * Adds an entry to the acting member's own log after checking it (see rules.checkEntry).
 * Other areas may call this; invalid input comes back as messages per field.
 */
export function addEntry(actor: Actor, input: RawEntry & { libraryEntryId?: number | null }, now = Date.now()): Saved {
	authorize(actor, 'training.edit', { memberId: actor.id });
	const checked = checkEntry(input, today(now));
	if (!checked.ok) return checked;
	// Learning from a library document links to it — only to one the member may see.
	const doc = input.libraryEntryId != null ? fromLibrary.document(actor, input.libraryEntryId) : null;
	if (input.libraryEntryId != null && !doc) return { ok: false, errors: { title: 'The library document this was about is no longer available to you – log the learning from your training log instead' } };
	return { ok: true, entry: insert(actor.id, checked.entry, now, { libraryEntryId: doc?.id ?? null }) };
}

/** Changes one of the acting member's own entries (404 for anyone else's). */
export function update(actor: Actor, id: number, input: RawEntry, now = Date.now()): Saved {
	const existing = forEdit(actor, id);
	const checked = checkEntry(input, today(now));
	if (!checked.ok) return checked;
	const row = db
		.update(trainingEntry)
		.set({ ...checked.entry, updatedAt: now })
		.where(and(eq(trainingEntry.id, existing.id), eq(trainingEntry.memberId, actor.id)))
		.returning()
		.get();
	return { ok: true, entry: toEntry(row) };
}

/** Deletes one of the acting member's own entries (404 for anyone else's). */
export function remove(actor: Actor, id: number): void {
	const existing = forEdit(actor, id);
	db.delete(trainingEntry).where(and(eq(trainingEntry.id, existing.id), eq(trainingEntry.memberId, actor.id))).run();
}

/**
 * Adds an entry on the system's behalf, once per `sourceKey` (adding the same key again
 * updates that entry instead). Used for events and by other areas. Returns the entry, or the
 * messages when the input breaks the rules (a future date, too many hours …).
 */
export function addSystemEntry(memberId: number, input: RawEntry, sourceKey: string, opts: { eventId?: number | null; now?: number } = {}): Saved & { created?: boolean } {
	const now = opts.now ?? Date.now();
	const checked = checkEntry(input, today(now));
	if (!checked.ok) return checked;
	const existing = db
		.select()
		.from(trainingEntry)
		.where(and(eq(trainingEntry.memberId, memberId), eq(trainingEntry.sourceKey, sourceKey)))
		.get();
	if (existing) {
		const row = db.update(trainingEntry).set({ ...checked.entry, updatedAt: now }).where(eq(trainingEntry.id, existing.id)).returning().get();
		return { ok: true, entry: toEntry(row), created: false };
	}
	return { ok: true, entry: insert(memberId, checked.entry, now, { eventId: opts.eventId, sourceKey }), created: true };
}

/**
 * For the mentoring area: logs a mentoring meeting in a member's training log as kind
 * "mentoring". Give a stable `sourceKey` (e.g. `mentoring:meeting:42`) so logging the same
 * meeting again updates its entry rather than adding another. `date` is 'YYYY-MM-DD' (London),
 * today or earlier; `hours` more than 0 and at most 12.
 */
export function addMentoringEntry(
	memberId: number,
	input: { date: string; hours: number; title: string; provider?: string; topics?: string[]; reflection?: string; sourceKey?: string },
	now = Date.now()
): Saved {
	const key = input.sourceKey ?? `mentoring:${input.date}:${input.title}`.slice(0, 300);
	return addSystemEntry(
		memberId,
		{ startDate: input.date, title: input.title, provider: input.provider ?? 'Lead Member Network mentoring', kind: 'mentoring', topics: input.topics ?? [], hours: input.hours, reflection: input.reflection ?? '' },
		key.startsWith('mentoring:') ? key : `mentoring:${key}`,
		{ now }
	);
}

/** For the mentoring area: removes the entry logged under `sourceKey` (e.g. when a meeting is deleted). */
export function removeMentoringEntry(memberId: number, sourceKey: string): void {
	const key = sourceKey.startsWith('mentoring:') ? sourceKey : `mentoring:${sourceKey}`;
	db.delete(trainingEntry).where(and(eq(trainingEntry.memberId, memberId), eq(trainingEntry.sourceKey, key))).run();
}

/** The entry a member made from an event, if any. */
export function entryForEvent(memberId: number, eventId: number): Entry | null {
	const row = db
		.select()
		.from(trainingEntry)
		.where(and(eq(trainingEntry.memberId, memberId), eq(trainingEntry.sourceKey, `event:${eventId}`)))
		.get();
	return row ? toEntry(row) : null;
}

// ---------------------------------------------------------------------------------------------
// Export, record and the mentor's view

/** The acting member's log (with the page's filters) as a CSV file. */
export function csv(actor: Actor, filter: LogFilter, now = Date.now()): { filename: string; body: string } {
	authorize(actor, 'training.view', { memberId: actor.id, sharedWithMentorId: null });
	const t = today(now);
	return { filename: csvFilename(t), body: entriesCsv(entriesOf(actor.id, filter, t, 'asc')) };
}

/** The printable record of the acting member's learning over a period: who, where, entries oldest first, totals. */
export function record(actor: Actor, period: string, now = Date.now()) {
	authorize(actor, 'training.view', { memberId: actor.id, sharedWithMentorId: null });
	const t = today(now);
	const range = periodRange(period, t);
	const entries = entriesOf(actor.id, { kind: null, topic: null, period }, t, 'asc');
	const first = entries[0]?.startDate ?? t;
	const totals = summarise(entries, range.from ?? first, range.to ?? t);
	const p = members.profile(actor.id);
	return {
		member: { name: p?.name ?? '', authorityName: p?.authorityName ?? '', regionName: p?.regionName ?? '', position: p?.position ?? '' },
		period: { value: period, from: range.from ?? (entries.length ? first : null), to: range.to ?? t, label: range.label },
		periods: periodOptions(actor.id),
		entries,
		totals,
		printedOn: t
	};
}

/** A member's log read by someone allowed to (their mentor, when shared): entries, summary and core topics; 404 otherwise. */
export function memberLog(actor: Actor, memberId: number, now = Date.now()) {
	if (!Number.isSafeInteger(memberId)) error(404, 'Page not found');
	authorize(actor, 'training.view', sharing.viewFacts(memberId), { hide: true });
	const p = members.profile(memberId);
	if (!p || p.deactivatedAt != null) error(404, 'Page not found');
	const t = today(now);
	const entries = entriesOf(memberId, { kind: null, topic: null, period: 'all' }, t);
	return {
		member: { id: p.id, name: p.name, authorityName: p.authorityName, regionName: p.regionName },
		entries,
		summary: summarise(entries, addMonths(t, -SUMMARY_MONTHS), t),
		coverage: coverage(entries, t),
		readOnly: !can(actor, 'training.edit', { memberId })
	};
}

/** Every entry of a member, oldest first (data export). */
export function allOf(memberId: number): Entry[] {
	return db.select().from(trainingEntry).where(eq(trainingEntry.memberId, memberId)).orderBy(asc(trainingEntry.startDate), asc(trainingEntry.id)).all().map(toEntry);
}
