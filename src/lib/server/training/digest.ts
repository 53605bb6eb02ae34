/**
 * The training area's part of digests and the home page "your week": upcoming events for the
 * member's region and national ones, a nudge when nothing has been logged for 90 days, and
 * the core topics not yet covered. For regional digests: the region's upcoming events.
 */
import { eq, sql } from 'drizzle-orm';
import { db, prepared } from '../db/client';
import { trainingEntry } from '../db/schema';
import type { DigestGroup, DigestItem, DigestRecipient, DigestSection } from '../digest-items';
import * as members from '../network/members';
import { regionName } from '../network/authorities';
import { formatDate, formatTime, isoDate } from '../../time';
import type { TrainingEvent } from '../db/schema';
import { addDays, addMonths } from './rules';
import { COVERAGE_MONTHS, coverage } from './summary';
import { today } from './entries';
import { goingAmong, upcomingIn } from './events';
import { perInstant } from '../per-instant';

/** A region's upcoming events, once per digest run (every member there sees the same list). */
const sameRun = perInstant<ReturnType<typeof upcomingIn>>();
/** An event's line (its date and time in words), once per digest run. */
const lineOnce = perInstant<string>();

const DAY = 86_400_000;
// Every member's digest asks this (20,000 in a run): prepared once per connection.

/** What the nudge and the coverage line need of a member's log: every entry, a few columns. */
const logQuery = prepared(() =>
	db
		.select({ startDate: trainingEntry.startDate, endDate: trainingEntry.endDate, kind: trainingEntry.kind, topics: trainingEntry.topics, minutes: trainingEntry.minutes })
		.from(trainingEntry)
		.where(eq(trainingEntry.memberId, sql.placeholder('memberId')))
		.prepare()
);

/** How far ahead digests look for events. */
export const EVENTS_AHEAD_DAYS = 60;
/** Nothing logged for this many days brings a nudge. */
export const NUDGE_AFTER_DAYS = 90;

function eventLine(e: TrainingEvent, withRegion: boolean): string {
	const when = `${formatDate(e.startsAt)}, ${formatTime(e.startsAt)}`;
	return `${e.title} – ${when}${withRegion ? ` (${e.regionId ? regionName(e.regionId) : 'national'})` : ''}`;
}

function eventItems(rows: TrainingEvent[], since: number, going: Set<number>, withRegion: boolean, line: (e: TrainingEvent) => string = (e) => eventLine(e, withRegion)): DigestItem[] {
	return rows.map((e) => {
		const notes = [e.createdAt > since ? 'New' : '', going.has(e.id) ? 'You’re going' : ''].filter(Boolean);
		return { text: line(e), href: `/training/events/${e.id}`, ...(notes.length ? { note: notes.join(' · ') } : {}) };
	});
}

/**
 * The nudge, when the member has logged nothing for 90 days: the item, and whether it became due
 * since `since`. `last` is the latest day they logged anything (null: nothing yet); `joined` when they joined.
 */
function nudge(last: string | null, joined: number | null | undefined, since: number, now: number): { item: DigestItem; isNew: boolean } | null {
	const t = today(now);
	const base = last ?? (joined != null ? isoDate(joined) : null);
	if (base == null) return null;
	const due = addDays(base, NUDGE_AFTER_DAYS);
	if (due > t) return null;
	const text = last ? `You haven’t logged any learning since ${formatDate(Date.parse(`${last}T12:00:00Z`))}` : 'You haven’t logged any learning yet';
	return { item: { text, href: '/training/new', note: 'Network meetings, courses, e-learning and visits all count' }, isNew: due > isoDate(since) && due <= t };
}

/** What is new in training for this member since `since` (null when there is nothing to say). */
export function digestSection(recipient: DigestRecipient, since: number, now: number): DigestSection | null {
	const groups: DigestGroup[] = [];
	let hasNew = false;

	const regionsSeen = [recipient.regionId, ...(recipient.coordinatorRegionId && recipient.coordinatorRegionId !== recipient.regionId ? [recipient.coordinatorRegionId] : [])];
	const upcoming = sameRun(now, `upcoming:${regionsSeen.join(',')}`, () => upcomingIn(regionsSeen, true, now, now + EVENTS_AHEAD_DAYS * DAY, 5));
	if (upcoming.events.length > 0) {
		const going = goingAmong(recipient.id, upcoming.events.map((e) => e.id));
		hasNew ||= upcoming.events.some((e) => e.createdAt > since);
		groups.push({
			title: 'Upcoming events',
			items: eventItems(upcoming.events, since, going, true, (e) => lineOnce(now, `${e.id}:${e.updatedAt}`, () => eventLine(e, true))),
			...(upcoming.total > upcoming.events.length ? { more: upcoming.total - upcoming.events.length, moreHref: '/training/events' } : {})
		});
	}

	// One read of the member's log for both the nudge (the latest day logged) and the coverage line.
	const log = logQuery().all({ memberId: recipient.id });
	let last: string | null = null;
	for (const e of log) if (last == null || e.endDate > last) last = e.endDate;
	const joined = recipient.createdAt !== undefined ? recipient.createdAt : members.byId(recipient.id)?.createdAt;
	const n = nudge(last, joined, since, now);
	const items: DigestItem[] = [];
	if (n) {
		items.push(n.item);
		hasNew ||= n.isNew;
	}
	const t = today(now);
	const from = addMonths(t, -COVERAGE_MONTHS);
	const recent = log.filter((e) => e.endDate >= from);
	const cover = coverage(recent, t);
	if (cover.gaps > 0) {
		items.push({ text: `${cover.gaps} of ${cover.topics.length} core topics not covered in the last 24 months`, href: '/training/gaps', note: cover.topics.filter((c) => !c.covered).slice(0, 3).map((c) => c.label).join(', ') + (cover.gaps > 3 ? ' …' : '') });
	}
	if (items.length > 0) groups.push({ title: 'Your training log', items });

	if (groups.length === 0) return null;
	return { area: 'training', title: 'Training and events', groups, hasNew };
}

/** Suggestions for a regional digest (regionId null = national): the upcoming events, new ones marked. */
export function regionalDigestGroups(regionId: string | null, since: number, now: number): DigestGroup[] {
	const upcoming = upcomingIn(regionId ? [regionId] : [], regionId == null, now, now + EVENTS_AHEAD_DAYS * DAY, 8);
	if (upcoming.events.length === 0) return [];
	return [
		{
			title: regionId ? `Upcoming events in ${regionName(regionId)}` : 'Upcoming national events',
			items: eventItems(upcoming.events, since, new Set(), false),
			...(upcoming.total > upcoming.events.length ? { more: upcoming.total - upcoming.events.length, moreHref: `/training/events?region=${regionId ?? 'national'}` } : {})
		}
	];
}
