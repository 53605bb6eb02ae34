/**
 * Events: network meetings, courses, webinars and conferences. Coordinators publish them for
 * their region, admins nationally (or for any region). Members see their region's and the
 * national ones, download a calendar file, say "I'm going", and after an event add it to
 * their training log in one click.
 */
import { error } from '@sveltejs/kit';
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { convert } from 'html-to-text';
import { db, inJson, jsonList, prepared } from '../db/client';
import { trainingEvent, trainingEventAttendance, type TrainingEvent } from '../db/schema';
import { authorize, can, type Actor } from '../auth/policy';
import * as audit from '../auth/audit';
import { regionName, regions } from '../network/authorities';
import { renderMarkdown } from '../markdown';
import { eventFile } from '../calendar';
import { londonDateTimeToUtc, isoDate, londonParts } from '../../time';
import { EVENT_KINDS, REGIONS, label } from '../../vocab';
import { checkEvent, daysInclusive, hoursForEvent, trainingKindForEvent, type FieldErrors, type RawEvent } from './rules';
import { addSystemEntry, entryForEvent, today, type Entry } from './entries';

const DAY = 86_400_000;

/** An event as pages see it. */
export type EventView = Omit<TrainingEvent, 'description' | 'createdById'> & {
	regionName: string;
	kindLabel: string;
	cancelled: boolean;
	past: boolean;
	going: boolean;
	goingCount: number;
};

function view(row: TrainingEvent, actor: Actor | null, now: number, goingCounts?: Map<number, number>, mine?: Set<number>): EventView {
	const { description: _d, createdById: _c, ...rest } = row;
	return {
		...rest,
		regionName: regionName(row.regionId),
		kindLabel: label(EVENT_KINDS, row.kind),
		cancelled: row.cancelledAt != null,
		past: row.endsAt <= now,
		going: actor ? (mine?.has(row.id) ?? false) : false,
		goingCount: goingCounts?.get(row.id) ?? 0
	};
}

function attendance(eventIds: number[], actor: Actor | null) {
	const counts = new Map<number, number>();
	const mine = new Set<number>();
	if (eventIds.length === 0) return { counts, mine };
	for (const r of db
		.select({ eventId: trainingEventAttendance.eventId, n: sql<number>`count(*)` })
		.from(trainingEventAttendance)
		.where(inArray(trainingEventAttendance.eventId, eventIds))
		.groupBy(trainingEventAttendance.eventId)
		.all()) {
		counts.set(r.eventId, Number(r.n));
	}
	if (actor) {
		for (const r of db
			.select({ eventId: trainingEventAttendance.eventId })
			.from(trainingEventAttendance)
			.where(and(eq(trainingEventAttendance.memberId, actor.id), inArray(trainingEventAttendance.eventId, eventIds)))
			.all()) {
			mine.add(r.eventId);
		}
	}
	return { counts, mine };
}

/** The regions whose events an actor sees besides the national ones (null = every region). */
function visibleRegions(actor: Actor): string[] | null {
	if (actor.role === 'admin') return null;
	const own = [actor.regionId];
	if (actor.role === 'coordinator' && actor.coordinatorRegionId && actor.coordinatorRegionId !== actor.regionId) own.push(actor.coordinatorRegionId);
	return own;
}

function scopeCondition(actor: Actor, regionFilter: string | null): SQL | undefined {
	const visible = visibleRegions(actor);
	const national = isNull(trainingEvent.regionId);
	if (regionFilter === 'national') return national;
	if (regionFilter) {
		if (visible && !visible.includes(regionFilter)) return sql`0`;
		return eq(trainingEvent.regionId, regionFilter);
	}
	return visible ? or(national, inArray(trainingEvent.regionId, visible)) : undefined;
}

/** The region filter choices for an actor: admins pick any region; others see theirs and national. */
export function regionChoices(actor: Actor): [string, string][] {
	const visible = visibleRegions(actor);
	const rs = regions().filter((r) => visible == null || visible.includes(r.id));
	return [['national', 'National'], ...rs.map((r) => [r.id, r.name] as [string, string])];
}

export type EventListFilter = { when: 'upcoming' | 'past'; region: string | null; after: string | null };

/** Reads the list filter from a query string; unknown values fall back to the defaults. */
export function parseListFilter(params: URLSearchParams): EventListFilter {
	const when = params.get('when') === 'past' ? 'past' : 'upcoming';
	const region = params.get('region') ?? '';
	const after = params.get('after') ?? '';
	return {
		when,
		region: region === 'national' || regions().some((r) => r.id === region) ? region : null,
		after: /^\d{1,15}\.\d{1,12}$/.test(after) ? after : null
	};
}

/** Events to show on one page of the list. */
export const EVENTS_PAGE_SIZE = 30;

/**
 * Events the actor may see: upcoming (not yet ended, soonest first) or past (ended in the
 * last two years, latest first), with whether they are going and whether they have added it
 * to their log.
 */
export function list(actor: Actor, filter: EventListFilter, now = Date.now()) {
	const where: SQL[] = [];
	const scope = scopeCondition(actor, filter.region);
	if (scope) where.push(scope);
	const upcoming = filter.when === 'upcoming';
	if (upcoming) where.push(gt(trainingEvent.endsAt, now));
	else where.push(lte(trainingEvent.endsAt, now), gte(trainingEvent.endsAt, now - 730 * DAY));
	if (filter.after) {
		const [at, id] = filter.after.split('.').map(Number);
		where.push(
			upcoming
				? or(gt(trainingEvent.startsAt, at), and(eq(trainingEvent.startsAt, at), gt(trainingEvent.id, id)))!
				: or(lt(trainingEvent.startsAt, at), and(eq(trainingEvent.startsAt, at), lt(trainingEvent.id, id)))!
		);
	}
	const dir = upcoming ? asc : desc;
	const rows = db
		.select()
		.from(trainingEvent)
		.where(and(...where))
		.orderBy(dir(trainingEvent.startsAt), dir(trainingEvent.id))
		.limit(EVENTS_PAGE_SIZE + 1)
		.all();
	const more = rows.length > EVENTS_PAGE_SIZE;
	const shown = rows.slice(0, EVENTS_PAGE_SIZE);
	const { counts, mine } = attendance(shown.map((r) => r.id), actor);
	const logged = new Set<number>();
	if (!upcoming) for (const r of shown) if (entryForEvent(actor.id, r.id)) logged.add(r.id);
	const last = shown.at(-1);
	return {
		events: shown.map((r) => ({ ...view(r, actor, now, counts, mine), logged: logged.has(r.id) })),
		next: more && last ? `${last.startsAt}.${last.id}` : null,
		filter,
		regionChoices: regionChoices(actor),
		canPublish: publishRegions(actor).length > 0
	};
}

function load(actor: Actor, id: number): TrainingEvent {
	const row = Number.isSafeInteger(id) ? db.select().from(trainingEvent).where(eq(trainingEvent.id, id)).get() : undefined;
	if (!row) error(404, 'Page not found');
	authorize(actor, 'event.view', { regionId: row.regionId }, { hide: true });
	return row;
}

/** One event for its page: details, the sanitized description, going, and the actor's log entry from it; 404 if not theirs to see. */
export function get(actor: Actor, id: number, now = Date.now()) {
	const row = load(actor, id);
	const { counts, mine } = attendance([row.id], actor);
	const entry = entryForEvent(actor.id, row.id);
	return {
		event: view(row, actor, now, counts, mine),
		entry: entry ? { id: entry.id } : null,
		canEdit: can(actor, 'event.publish', { regionId: row.regionId }),
		canAddToLog: row.endsAt <= now && row.cancelledAt == null && entry == null
	};
}

/** The regions (null = national) an actor may publish events for, as choices for a form. */
export function publishRegions(actor: Actor): [string, string][] {
	const out: [string, string][] = [];
	if (can(actor, 'event.publish', { regionId: null })) out.push(['national', 'National – every region']);
	for (const r of regions()) if (can(actor, 'event.publish', { regionId: r.id })) out.push([r.id, r.name]);
	return out;
}

function regionFromForm(value: string | null | undefined): string | null {
	return !value || value === 'national' ? null : value;
}

export type EventSaved = { ok: true; id: number } | { ok: false; errors: FieldErrors };

/** Publishes an event for a region ('national' or a region id) if the actor may. */
export function create(actor: Actor, raw: RawEvent & { region?: string | null }, now = Date.now(), meta: { ipAddress?: string } = {}): EventSaved {
	const choices = publishRegions(actor);
	if (choices.length === 0) error(403, 'You do not have permission to do that');
	const regionValue = raw.region || (choices.length === 1 ? choices[0][0] : '');
	if (!choices.some(([v]) => v === regionValue)) return { ok: false, errors: { region: 'Choose who the event is for from the list' } };
	const regionId = regionFromForm(regionValue);
	authorize(actor, 'event.publish', { regionId });
	const checked = checkEvent(raw, today(now), londonDateTimeToUtc);
	if (!checked.ok) return checked;
	const e = checked.event;
	const row = db
		.insert(trainingEvent)
		.values({ ...e, regionId, descriptionHtml: renderMarkdown(e.description), createdById: actor.id, createdAt: now, updatedAt: now })
		.returning({ id: trainingEvent.id })
		.get();
	audit.record({ actorId: actor.id, action: 'event.publish', subjectType: 'event', subjectId: row.id, regionId, ipAddress: meta.ipAddress, detail: { title: e.title } }, now);
	return { ok: true, id: row.id };
}

/** An event's stored values as the form shows them (London dates and times). */
export function forEdit(actor: Actor, id: number) {
	const row = load(actor, id);
	authorize(actor, 'event.publish', { regionId: row.regionId });
	return {
		id: row.id,
		title: row.title,
		cancelled: row.cancelledAt != null,
		regionName: regionName(row.regionId),
		values: {
			region: row.regionId ?? 'national',
			title: row.title,
			kind: row.kind,
			startDate: isoDate(row.startsAt),
			startTime: hhmm(row.startsAt),
			endDate: isoDate(row.endsAt) === isoDate(row.startsAt) ? '' : isoDate(row.endsAt),
			endTime: hhmm(row.endsAt),
			location: row.location,
			onlineUrl: row.onlineUrl,
			provider: row.provider,
			topics: [...row.topics],
			description: row.description
		} as Record<string, string | string[]>
	};
}

function hhmm(ms: number): string {
	const p = londonParts(ms);
	return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** Changes an event (its region stays). */
export function update(actor: Actor, id: number, raw: RawEvent, now = Date.now(), meta: { ipAddress?: string } = {}): EventSaved {
	const row = load(actor, id);
	authorize(actor, 'event.publish', { regionId: row.regionId });
	const checked = checkEvent(raw, today(now), londonDateTimeToUtc);
	if (!checked.ok) return checked;
	const e = checked.event;
	db.update(trainingEvent)
		.set({ ...e, descriptionHtml: renderMarkdown(e.description), updatedAt: now })
		.where(eq(trainingEvent.id, row.id))
		.run();
	audit.record({ actorId: actor.id, action: 'event.update', subjectType: 'event', subjectId: row.id, regionId: row.regionId, ipAddress: meta.ipAddress }, now);
	return { ok: true, id: row.id };
}

/** Cancels an event (it stays listed as cancelled, so people who were going see it). */
export function cancel(actor: Actor, id: number, now = Date.now(), meta: { ipAddress?: string } = {}): void {
	const row = load(actor, id);
	authorize(actor, 'event.publish', { regionId: row.regionId });
	if (row.cancelledAt != null) return;
	db.update(trainingEvent).set({ cancelledAt: now, updatedAt: now }).where(eq(trainingEvent.id, row.id)).run();
	audit.record({ actorId: actor.id, action: 'event.cancel', subjectType: 'event', subjectId: row.id, regionId: row.regionId, ipAddress: meta.ipAddress }, now);
}

/** "I'm going" (or not) to an upcoming event. A cancelled or finished event says why it can't. */
export function setGoing(actor: Actor, id: number, going: boolean, now = Date.now()): { ok: true } | { ok: false; message: string } {
	const row = load(actor, id);
	if (going) {
		if (row.cancelledAt != null) return { ok: false, message: 'This event has been cancelled' };
		if (row.endsAt <= now) return { ok: false, message: 'This event has already happened' };
		db.insert(trainingEventAttendance).values({ eventId: row.id, memberId: actor.id, createdAt: now }).onConflictDoNothing().run();
	} else {
		db.delete(trainingEventAttendance).where(and(eq(trainingEventAttendance.eventId, row.id), eq(trainingEventAttendance.memberId, actor.id))).run();
	}
	return { ok: true };
}

/** The log entry an event becomes, before the member changes anything (pure: no database). */
export function prefill(row: Pick<TrainingEvent, 'title' | 'kind' | 'regionId' | 'provider' | 'startsAt' | 'endsAt' | 'topics'>) {
	const startDate = isoDate(row.startsAt);
	const endDate = isoDate(row.endsAt);
	const provider = row.provider || (row.regionId ? `${label(REGIONS, row.regionId)} Lead Member network` : 'Lead Member Network');
	return {
		startDate,
		endDate,
		title: row.title,
		provider,
		kind: trainingKindForEvent(row.kind, row.regionId != null),
		topics: [...row.topics],
		hours: hoursForEvent(row.startsAt, row.endsAt, daysInclusive(startDate, endDate)),
		reflection: ''
	};
}

/**
 * "Add to my training log": after an event has ended, makes a prefilled entry in the acting
 * member's log (once — a second click returns the same entry).
 */
export function addToLog(actor: Actor, id: number, now = Date.now()): { ok: true; entry: Entry; created: boolean } | { ok: false; message: string } {
	const row = load(actor, id);
	if (row.cancelledAt != null) return { ok: false, message: 'This event was cancelled, so it can’t be added to your log' };
	if (row.endsAt > now) return { ok: false, message: 'You can add this event to your log once it has finished' };
	const existing = entryForEvent(actor.id, row.id);
	if (existing) return { ok: true, entry: existing, created: false };
	authorize(actor, 'training.edit', { memberId: actor.id });
	const saved = addSystemEntry(actor.id, prefill(row), `event:${row.id}`, { eventId: row.id, now });
	if (!saved.ok) return { ok: false, message: Object.values(saved.errors)[0] ?? 'This event can’t be added to your log' };
	return { ok: true, entry: saved.entry, created: true };
}

/** The .ics file of an event the actor may see (METHOD:PUBLISH, times in UTC). */
export function calendar(actor: Actor, id: number, origin: string): { filename: string; body: string } {
	const row = load(actor, id);
	return { filename: `event-${row.id}.ics`, body: calendarFile(row, origin) };
}

/** The iCalendar text for an event: summary, times, place or link, plain-text description and the event's page. */
export function calendarFile(row: Pick<TrainingEvent, 'id' | 'title' | 'startsAt' | 'endsAt' | 'location' | 'onlineUrl' | 'descriptionHtml' | 'provider' | 'updatedAt'>, origin: string): string {
	const page = `${origin.replace(/\/+$/, '')}/training/events/${row.id}`;
	const text = row.descriptionHtml ? convert(row.descriptionHtml, { wordwrap: false }).trim() : '';
	const parts = [text, row.onlineUrl ? `Join online: ${row.onlineUrl}` : '', row.provider ? `Provider: ${row.provider}` : '', `Details: ${page}`].filter(Boolean);
	let host = 'lead-member-network';
	try {
		host = new URL(origin).hostname || host;
	} catch {
		/* keep the default */
	}
	return eventFile({
		uid: `training-event-${row.id}@${host}`,
		start: row.startsAt,
		end: row.endsAt,
		summary: row.title,
		description: parts.join('\n\n'),
		location: row.location || row.onlineUrl || undefined,
		url: page,
		stamp: row.updatedAt
	});
}

/** Upcoming (not cancelled) events the actor may see that cover any of these topics, soonest first. */
export function upcomingOnTopics(actor: Actor, topics: string[], now = Date.now(), limit = 20) {
	if (topics.length === 0) return [];
	const scope = scopeCondition(actor, null);
	const rows = db
		.select()
		.from(trainingEvent)
		.where(
			and(
				scope,
				gt(trainingEvent.startsAt, now),
				isNull(trainingEvent.cancelledAt),
				sql`exists (select 1 from json_each(${trainingEvent.topics}) where json_each.value in (${sql.join(topics.map((t) => sql`${t}`), sql`, `)}))`
			)
		)
		.orderBy(asc(trainingEvent.startsAt))
		.limit(limit)
		.all();
	return rows.map((r) => view(r, actor, now));
}

/**
 * Upcoming, not cancelled events of some regions (and the national ones when `national`),
 * starting between `from` and `to`, soonest first — for digests and the home page. Also says
 * how many there are in all.
 */
export function upcomingIn(regionIds: string[], national: boolean, from: number, to: number, limit = 10): { total: number; events: TrainingEvent[] } {
	if (regionIds.length === 0 && !national) return { total: 0, events: [] };
	const values = { regions: jsonList(regionIds), national: national ? 1 : 0, from, to };
	const total = upcomingCount().get(values)?.n ?? 0;
	const events = total > 0 ? upcomingRows().all({ ...values, limit }) : [];
	return { total, events };
}

/**
 * upcomingIn's statements, prepared once (every home page asks): the regions bound as one JSON
 * array, `national` as 1 or 0.
 */
function upcomingWhere() {
	return and(
		or(inJson(trainingEvent.regionId, 'regions'), and(sql`${sql.placeholder('national')} = 1`, isNull(trainingEvent.regionId))),
		gte(trainingEvent.startsAt, sql.placeholder('from')),
		lt(trainingEvent.startsAt, sql.placeholder('to')),
		isNull(trainingEvent.cancelledAt)
	);
}
const upcomingCount = prepared(() =>
	db
		.select({ n: sql<number>`count(*)`.mapWith(Number) })
		.from(trainingEvent)
		.where(upcomingWhere())
		.prepare()
);
const upcomingRows = prepared(() =>
	db
		.select()
		.from(trainingEvent)
		.where(upcomingWhere())
		.orderBy(asc(trainingEvent.startsAt), asc(trainingEvent.id))
		.limit(sql.placeholder('limit'))
		.prepare()
);

/** Ids of the events a member has said they are going to, among these. */
export function goingAmong(memberId: number, eventIds: number[]): Set<number> {
	if (eventIds.length === 0) return new Set();
	return new Set(goingQuery().all({ memberId, eventIds: JSON.stringify(eventIds) }).map((r) => r.id));
}

/** Every member's digest asks (20,000 in a run): prepared once per connection, the event ids bound as one JSON array. */
const goingQuery = prepared(() =>
	db
		.select({ id: trainingEventAttendance.eventId })
		.from(trainingEventAttendance)
		.where(and(eq(trainingEventAttendance.memberId, sql.placeholder('memberId')), sql`${trainingEventAttendance.eventId} in (select value from json_each(${sql.placeholder('eventIds')}))`))
		.prepare()
);

/** The events a member said they were going to (for their data export). */
export function goingOf(memberId: number) {
	return db
		.select({ eventId: trainingEvent.id, title: trainingEvent.title, startsAt: trainingEvent.startsAt, markedAt: trainingEventAttendance.createdAt })
		.from(trainingEventAttendance)
		.innerJoin(trainingEvent, eq(trainingEvent.id, trainingEventAttendance.eventId))
		.where(eq(trainingEventAttendance.memberId, memberId))
		.orderBy(asc(trainingEvent.startsAt))
		.all();
}

/** The events a member published (for their data export). */
export function publishedBy(memberId: number) {
	return db
		.select({ id: trainingEvent.id, title: trainingEvent.title, regionId: trainingEvent.regionId, startsAt: trainingEvent.startsAt, createdAt: trainingEvent.createdAt })
		.from(trainingEvent)
		.where(eq(trainingEvent.createdById, memberId))
		.orderBy(asc(trainingEvent.createdAt))
		.all();
}

/** Event titles by id (for the audit trail; unknown ids are left out). No visibility check: callers check. */
export function titlesOf(ids: number[]): Map<number, string> {
	if (ids.length === 0) return new Map();
	return new Map(db.select({ id: trainingEvent.id, title: trainingEvent.title }).from(trainingEvent).where(inArray(trainingEvent.id, ids)).all().map((r) => [r.id, r.title]));
}
