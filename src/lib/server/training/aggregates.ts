/**
 * Training across a region, for its coordinator (and admins, for every region): how many
 * members logged learning, hours by kind, how many covered each core topic, and the same by
 * authority. Counts and totals only — never an entry, a title or a reflection.
 */
import { and, gte, inArray, lte, sql } from 'drizzle-orm';
import { db } from '../db/client';
import { trainingEntry } from '../db/schema';
import { authorize, type Actor } from '../auth/policy';
import { authorities, regionById, regions } from '../network/authorities';
import * as members from '../network/members';
import { CORE_TOPICS, TOPICS, TRAINING_KINDS, label } from '../../vocab';
import { addMonths, minutesToHours } from './rules';
import { COVERAGE_MONTHS, SUMMARY_MONTHS } from './summary';
import { today } from './entries';

function inWindow(from: string, to: string) {
	return and(gte(trainingEntry.endDate, from), lte(trainingEntry.startDate, to));
}

/** Ids per statement: well under SQLite's limit on variables in one statement. */
const IDS_PER_QUERY = 500;

/** `query` run over `memberIds` a slice at a time, its rows together. */
function forMembers<T>(memberIds: number[], query: (ids: number[]) => T[]): T[] {
	const out: T[] = [];
	for (let i = 0; i < memberIds.length; i += IDS_PER_QUERY) out.push(...query(memberIds.slice(i, i + IDS_PER_QUERY)));
	return out;
}

const entryCount = sql<number>`count(*)`;
const minuteSum = sql<number>`coalesce(sum(${trainingEntry.minutes}), 0)`;

/** Entries and minutes per member in a date window: of these members, or (null) of everyone. */
function loggedBy(memberIds: number[] | null, from: string, to: string) {
	const query = (ids: number[] | null) =>
		db
			.select({ memberId: trainingEntry.memberId, entries: entryCount, minutes: minuteSum })
			.from(trainingEntry)
			.where(and(ids ? inArray(trainingEntry.memberId, ids) : undefined, inWindow(from, to)))
			// For everyone: `+member_id` so SQLite reads the window through the end-date index and
			// groups in a temporary b-tree, instead of walking a member-ordered index over every entry.
			.groupBy(ids ? trainingEntry.memberId : sql`+${trainingEntry.memberId}`)
			.all();
	return memberIds ? forMembers(memberIds, query) : query(null);
}

/** Entries and minutes per kind of these members' learning in a date window. */
function kindsLoggedBy(memberIds: number[], from: string, to: string): Map<string, { entries: number; minutes: number }> {
	const out = new Map<string, { entries: number; minutes: number }>();
	const rows = forMembers(memberIds, (ids) =>
		db
			.select({ kind: trainingEntry.kind, entries: entryCount, minutes: minuteSum })
			.from(trainingEntry)
			.where(and(inArray(trainingEntry.memberId, ids), inWindow(from, to)))
			.groupBy(trainingEntry.kind)
			.all()
	);
	for (const r of rows) {
		const t = out.get(r.kind) ?? { entries: 0, minutes: 0 };
		out.set(r.kind, { entries: t.entries + Number(r.entries), minutes: t.minutes + Number(r.minutes) });
	}
	return out;
}

/** Distinct (member, core topic) pairs these members covered in a date window. */
function coreTopicsCovered(memberIds: number[], from: string, to: string) {
	const core = sql.join(CORE_TOPICS.map((c) => sql`${c}`), sql`, `);
	return forMembers(memberIds, (ids) =>
		db.all<{ memberId: number; topic: string }>(sql`
			select distinct ${trainingEntry.memberId} as memberId, j.value as topic
			from ${trainingEntry}
			join json_each(${trainingEntry.topics}) j
			where ${and(inArray(trainingEntry.memberId, ids), inWindow(from, to))}
				and j.value in (${core})`)
	);
}

type Logged = ReturnType<typeof loggedBy>[number];

/** Members logging, entries and minutes added up per group (authority, region); members of no group are left out. */
function tally<K>(rows: Logged[], groupOf: (memberId: number) => K | undefined) {
	const out = new Map<K, { members: number; entries: number; minutes: number }>();
	for (const r of rows) {
		const g = groupOf(r.memberId);
		if (g === undefined) continue;
		const t = out.get(g) ?? { members: 0, entries: 0, minutes: 0 };
		out.set(g, { members: t.members + 1, entries: t.entries + Number(r.entries), minutes: t.minutes + Number(r.minutes) });
	}
	return out;
}

/** How many times each value occurs. */
function countOf<K>(values: Iterable<K>): Map<K, number> {
	const out = new Map<K, number>();
	for (const v of values) out.set(v, (out.get(v) ?? 0) + 1);
	return out;
}

/**
 * A region's training picture as of `now`: members and how many logged anything in the last
 * 12 months, hours and entries by kind (12 months), members who covered each core topic
 * (24 months), and per authority. 404 unless the actor coordinates the region or is an admin.
 * Counts active members only.
 */
export function regionAggregates(actor: Actor, regionId: string, now = Date.now()) {
	const region = regionById(regionId);
	authorize(actor, 'training.viewAggregates', { regionId: region ? region.id : null }, { hide: true });
	if (!region) throw new Error('unreachable');
	const t = today(now);
	const from12 = addMonths(t, -SUMMARY_MONTHS);
	const from24 = addMonths(t, -COVERAGE_MONTHS);

	const authorityOf = new Map(members.activeMemberPlaces(region.id).map((m) => [m.id, m.authorityId]));
	const ids = [...authorityOf.keys()];
	const logged = loggedBy(ids, from12, t);
	const byAuthority = tally(logged, (id) => authorityOf.get(id));
	const byKind = kindsLoggedBy(ids, from12, t);
	const covered = coreTopicsCovered(ids, from24, t);

	const memberCounts = countOf(authorityOf.values());
	const topicMembers = new Map<string, Set<number>>();
	const authorityTopics = new Map<number, Set<string>>();
	for (const r of covered) {
		const authorityId = authorityOf.get(r.memberId)!;
		if (!topicMembers.has(r.topic)) topicMembers.set(r.topic, new Set());
		topicMembers.get(r.topic)!.add(r.memberId);
		if (!authorityTopics.has(authorityId)) authorityTopics.set(authorityId, new Set());
		authorityTopics.get(authorityId)!.add(r.topic);
	}
	const totalMinutes = logged.reduce((a, r) => a + Number(r.minutes), 0);

	return {
		region: { id: region.id, name: region.name },
		from12,
		from24,
		to: t,
		members: authorityOf.size,
		membersLogging: logged.length,
		entries: logged.reduce((a, r) => a + Number(r.entries), 0),
		hours: minutesToHours(totalMinutes),
		byKind: TRAINING_KINDS.map(([k, l]) => {
			const r = byKind.get(k);
			const minutes = r?.minutes ?? 0;
			return { key: k as string, label: l as string, entries: r?.entries ?? 0, minutes, hours: minutesToHours(minutes) };
		}),
		coreTopics: CORE_TOPICS.map((topic) => ({ topic: topic as string, label: label(TOPICS, topic), members: topicMembers.get(topic)?.size ?? 0 })),
		authorities: authorities()
			.filter((a) => a.regionId === region.id)
			.map((a) => {
				const r = byAuthority.get(a.id);
				return {
					id: a.id,
					name: a.name,
					members: memberCounts.get(a.id) ?? 0,
					membersLogging: r?.members ?? 0,
					hours: minutesToHours(r?.minutes ?? 0),
					coreTopicsCovered: authorityTopics.get(a.id)?.size ?? 0
				};
			})
	};
}

/** Every region in one table, for admins: members, members logging in 12 months, hours, entries. */
export function nationalOverview(actor: Actor, now = Date.now()) {
	authorize(actor, 'training.viewAggregates', { regionId: null }, { hide: true });
	const t = today(now);
	const from12 = addMonths(t, -SUMMARY_MONTHS);
	const regionOf = new Map(members.activeMemberPlaces().map((m) => [m.id, m.regionId]));
	// Everyone's entries in the window (one statement), kept for active members only.
	const byRegion = tally(loggedBy(null, from12, t), (id) => regionOf.get(id));
	const membersBy = countOf(regionOf.values());
	return {
		from12,
		to: t,
		regions: regions().map((r) => {
			const row = byRegion.get(r.id);
			return {
				id: r.id,
				name: r.name,
				members: membersBy.get(r.id) ?? 0,
				membersLogging: row?.members ?? 0,
				entries: row?.entries ?? 0,
				hours: minutesToHours(row?.minutes ?? 0)
			};
		})
	};
}

/** The region a coordinator sees by default (their own), or null for admins (the national table). */
export function defaultRegion(actor: Actor): string | null {
	return actor.role === 'coordinator' ? actor.coordinatorRegionId : null;
}
