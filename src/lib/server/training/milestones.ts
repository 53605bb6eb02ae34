/**
 * Dates other parts of the network ask of a set of members' training: when each first logged an
 * entry of a kind (an authority induction), and when each first said "I'm going" to an event.
 * One query each, for any number of members.
 */
import { and, eq, min, sql } from 'drizzle-orm';
import { db, inJson, jsonList, prepared } from '../db/client';
import { trainingEntry, trainingEventAttendance } from '../db/schema';
import type { TrainingKind } from '../../vocab';

// Prepared once, the ids bound as one JSON array (a region's new members are hundreds of them).
const firstEntryQuery = prepared(() =>
	db
		.select({ memberId: trainingEntry.memberId, at: min(trainingEntry.createdAt) })
		.from(trainingEntry)
		.where(and(inJson(trainingEntry.memberId, 'ids'), eq(trainingEntry.kind, sql.placeholder('kind'))))
		.groupBy(trainingEntry.memberId)
		.prepare()
);
const firstGoingQuery = prepared(() =>
	db
		.select({ memberId: trainingEventAttendance.memberId, at: min(trainingEventAttendance.createdAt) })
		.from(trainingEventAttendance)
		.where(inJson(trainingEventAttendance.memberId, 'ids'))
		.groupBy(trainingEventAttendance.memberId)
		.prepare()
);

/** When each member first added an entry of this kind to their log (members with none are left out). */
export function firstEntryOfKind(memberIds: number[], kind: TrainingKind): Map<number, number> {
	if (memberIds.length === 0) return new Map();
	const rows = firstEntryQuery().all({ ids: jsonList(memberIds), kind });
	return new Map(rows.flatMap((r) => (r.at == null ? [] : [[r.memberId, r.at] as const])));
}

/** When each member first marked an event "I'm going" (members who never did are left out). */
export function firstGoing(memberIds: number[]): Map<number, number> {
	if (memberIds.length === 0) return new Map();
	const rows = firstGoingQuery().all({ ids: jsonList(memberIds) });
	return new Map(rows.flatMap((r) => (r.at == null ? [] : [[r.memberId, r.at] as const])));
}
