/**
 * Dates other parts of the network ask of a set of members' training: when each first logged an
 * entry of a kind (an authority induction), and when each first said "I'm going" to an event.
 * One query each, for any number of members.
 */
import { and, eq, inArray, min } from 'drizzle-orm';
import { db } from '../db/client';
import { trainingEntry, trainingEventAttendance } from '../db/schema';
import type { TrainingKind } from '../../vocab';

/** When each member first added an entry of this kind to their log (members with none are left out). */
export function firstEntryOfKind(memberIds: number[], kind: TrainingKind): Map<number, number> {
	if (memberIds.length === 0) return new Map();
	const rows = db
		.select({ memberId: trainingEntry.memberId, at: min(trainingEntry.createdAt) })
		.from(trainingEntry)
		.where(and(inArray(trainingEntry.memberId, memberIds), eq(trainingEntry.kind, kind)))
		.groupBy(trainingEntry.memberId)
		.all();
	return new Map(rows.flatMap((r) => (r.at == null ? [] : [[r.memberId, r.at] as const])));
}

/** When each member first marked an event "I'm going" (members who never did are left out). */
export function firstGoing(memberIds: number[]): Map<number, number> {
	if (memberIds.length === 0) return new Map();
	const rows = db
		.select({ memberId: trainingEventAttendance.memberId, at: min(trainingEventAttendance.createdAt) })
		.from(trainingEventAttendance)
		.where(inArray(trainingEventAttendance.memberId, memberIds))
		.groupBy(trainingEventAttendance.memberId)
		.all();
	return new Map(rows.flatMap((r) => (r.at == null ? [] : [[r.memberId, r.at] as const])));
}
