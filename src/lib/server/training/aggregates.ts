/**
 * Training across a region, for its coordinator (and admins, for every region): how many
 * members logged learning, hours by kind, how many covered each core topic, and the same by
 * authority. Counts and totals only — never an entry, a title or a reflection.
 */
import { and, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import { db } from '../db/client';
import { authority, member, trainingEntry } from '../db/schema';
import { authorize, type Actor } from '../auth/policy';
import { authorities, regionById, regions } from '../network/authorities';
import { CORE_TOPICS, TOPICS, TRAINING_KINDS, label } from '../../vocab';
import { addMonths, minutesToHours } from './rules';
import { COVERAGE_MONTHS, SUMMARY_MONTHS } from './summary';
import { today } from './entries';

const active = isNull(member.deactivatedAt);

function inWindow(from: string, to: string) {
	return and(gte(trainingEntry.endDate, from), lte(trainingEntry.startDate, to));
}

/** Members (active accounts) per authority of a region. */
function membersByAuthority(regionId: string): Map<number, number> {
	const rows = db
		.select({ authorityId: member.authorityId, n: sql<number>`count(*)` })
		.from(member)
		.innerJoin(authority, eq(authority.id, member.authorityId))
		.where(and(eq(authority.regionId, regionId), active))
		.groupBy(member.authorityId)
		.all();
	return new Map(rows.map((r) => [r.authorityId, Number(r.n)]));
}

/**
 * A region's training picture as of `now`: members and how many logged anything in the last
 * 12 months, hours and entries by kind (12 months), members who covered each core topic
 * (24 months), and per authority. 404 unless the actor coordinates the region or is an admin.
 */
export function regionAggregates(actor: Actor, regionId: string, now = Date.now()) {
	const region = regionById(regionId);
	authorize(actor, 'training.viewAggregates', { regionId: region ? region.id : null }, { hide: true });
	if (!region) throw new Error('unreachable');
	const t = today(now);
	const from12 = addMonths(t, -SUMMARY_MONTHS);
	const from24 = addMonths(t, -COVERAGE_MONTHS);
	const inRegion = and(eq(authority.regionId, region.id), active);

	const byAuthority12 = db
		.select({
			authorityId: member.authorityId,
			members: sql<number>`count(distinct ${trainingEntry.memberId})`,
			entries: sql<number>`count(*)`,
			minutes: sql<number>`coalesce(sum(${trainingEntry.minutes}), 0)`
		})
		.from(trainingEntry)
		.innerJoin(member, eq(member.id, trainingEntry.memberId))
		.innerJoin(authority, eq(authority.id, member.authorityId))
		.where(and(inRegion, inWindow(from12, t)))
		.groupBy(member.authorityId)
		.all();

	const byKind = db
		.select({ kind: trainingEntry.kind, entries: sql<number>`count(*)`, minutes: sql<number>`coalesce(sum(${trainingEntry.minutes}), 0)` })
		.from(trainingEntry)
		.innerJoin(member, eq(member.id, trainingEntry.memberId))
		.innerJoin(authority, eq(authority.id, member.authorityId))
		.where(and(inRegion, inWindow(from12, t)))
		.groupBy(trainingEntry.kind)
		.all();

	const activeMembers12 = Number(
		db
			.select({ n: sql<number>`count(distinct ${trainingEntry.memberId})` })
			.from(trainingEntry)
			.innerJoin(member, eq(member.id, trainingEntry.memberId))
			.innerJoin(authority, eq(authority.id, member.authorityId))
			.where(and(inRegion, inWindow(from12, t)))
			.get()?.n ?? 0
	);

	// Distinct (authority, member, topic) triples of core topics covered in 24 months.
	const core = sql.join(CORE_TOPICS.map((c) => sql`${c}`), sql`, `);
	const covered = db.all<{ authorityId: number; memberId: number; topic: string }>(sql`
		select distinct m.authority_id as authorityId, e.member_id as memberId, j.value as topic
		from training_entry e
		join member m on m.id = e.member_id
		join authority a on a.id = m.authority_id
		join json_each(e.topics) j
		where a.region_id = ${region.id} and m.deactivated_at is null
			and e.end_date >= ${from24} and e.start_date <= ${t}
			and j.value in (${core})`);

	const memberCounts = membersByAuthority(region.id);
	const totalMembers = [...memberCounts.values()].reduce((a, b) => a + b, 0);
	const kindRows = new Map(byKind.map((r) => [r.kind, r]));
	const topicMembers = new Map<string, Set<number>>();
	const authorityTopics = new Map<number, Set<string>>();
	for (const r of covered) {
		if (!topicMembers.has(r.topic)) topicMembers.set(r.topic, new Set());
		topicMembers.get(r.topic)!.add(r.memberId);
		if (!authorityTopics.has(r.authorityId)) authorityTopics.set(r.authorityId, new Set());
		authorityTopics.get(r.authorityId)!.add(r.topic);
	}
	const authorityRows = new Map(byAuthority12.map((r) => [r.authorityId, r]));
	const totalMinutes = byKind.reduce((a, r) => a + Number(r.minutes), 0);

	return {
		region: { id: region.id, name: region.name },
		from12,
		from24,
		to: t,
		members: totalMembers,
		membersLogging: activeMembers12,
		entries: byKind.reduce((a, r) => a + Number(r.entries), 0),
		hours: minutesToHours(totalMinutes),
		byKind: TRAINING_KINDS.map(([k, l]) => {
			const r = kindRows.get(k);
			const minutes = Number(r?.minutes ?? 0);
			return { key: k as string, label: l as string, entries: Number(r?.entries ?? 0), minutes, hours: minutesToHours(minutes) };
		}),
		coreTopics: CORE_TOPICS.map((topic) => ({ topic: topic as string, label: label(TOPICS, topic), members: topicMembers.get(topic)?.size ?? 0 })),
		authorities: authorities()
			.filter((a) => a.regionId === region.id)
			.map((a) => {
				const r = authorityRows.get(a.id);
				const minutes = Number(r?.minutes ?? 0);
				return {
					id: a.id,
					name: a.name,
					members: memberCounts.get(a.id) ?? 0,
					membersLogging: Number(r?.members ?? 0),
					hours: minutesToHours(minutes),
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
	const logging = db
		.select({
			regionId: authority.regionId,
			members: sql<number>`count(distinct ${trainingEntry.memberId})`,
			entries: sql<number>`count(*)`,
			minutes: sql<number>`coalesce(sum(${trainingEntry.minutes}), 0)`
		})
		.from(trainingEntry)
		.innerJoin(member, eq(member.id, trainingEntry.memberId))
		.innerJoin(authority, eq(authority.id, member.authorityId))
		.where(and(active, inWindow(from12, t)))
		.groupBy(authority.regionId)
		.all();
	const totals = db
		.select({ regionId: authority.regionId, n: sql<number>`count(*)` })
		.from(member)
		.innerJoin(authority, eq(authority.id, member.authorityId))
		.where(active)
		.groupBy(authority.regionId)
		.all();
	const byRegion = new Map(logging.map((r) => [r.regionId, r]));
	const membersBy = new Map(totals.map((r) => [r.regionId, Number(r.n)]));
	return {
		from12,
		to: t,
		regions: regions().map((r) => {
			const row = byRegion.get(r.id);
			return {
				id: r.id,
				name: r.name,
				members: membersBy.get(r.id) ?? 0,
				membersLogging: Number(row?.members ?? 0),
				entries: Number(row?.entries ?? 0),
				hours: minutesToHours(Number(row?.minutes ?? 0))
			};
		})
	};
}

/** The region a coordinator sees by default (their own), or null for admins (the national table). */
export function defaultRegion(actor: Actor): string | null {
	return actor.role === 'coordinator' ? actor.coordinatorRegionId : null;
}
