/**
 * Where each of a set of members stands in mentoring, as dates: when they first asked for a
 * mentor, since when a live request has been waiting, their active mentor and since when, and
 * their first logged meeting as a mentee. One query each, for any number of members (a
 * coordinator's list of new members asks for a whole region at once).
 */
import { and, asc, eq, min } from 'drizzle-orm';
import { db, inJson, jsonList, prepared } from '../db/client';
import { mentorRequest, pairing, pairingMeeting } from '../db/schema';

export type Milestones = {
	/** The first request for a mentor (any status), epoch ms. */
	requestedAt: number | null;
	/** The live request (open, or a proposal waiting for answers) has waited since. */
	waitingSince: number | null;
	/** The active pairing as a mentee. */
	pairingId: number | null;
	mentorId: number | null;
	pairedAt: number | null;
	/** The first meeting logged in a pairing where the member is the mentee. */
	firstMeetingAt: number | null;
};

const none = (): Milestones => ({ requestedAt: null, waitingSince: null, pairingId: null, mentorId: null, pairedAt: null, firstMeetingAt: null });

// Prepared once: the list of ids is bound as one JSON array, so building the statement (which
// cost more than running it for a region's 600 new members) happens once per connection.
const requestsQuery = prepared(() =>
	db
		.select({ memberId: mentorRequest.memberId, status: mentorRequest.status, createdAt: mentorRequest.createdAt })
		.from(mentorRequest)
		.where(inJson(mentorRequest.memberId, 'ids'))
		.orderBy(asc(mentorRequest.createdAt))
		.prepare()
);
const activeQuery = prepared(() =>
	db
		.select({ id: pairing.id, menteeId: pairing.menteeId, mentorId: pairing.mentorId, createdAt: pairing.createdAt })
		.from(pairing)
		.where(and(inJson(pairing.menteeId, 'ids'), eq(pairing.status, 'active')))
		.prepare()
);
const meetingsQuery = prepared(() =>
	db
		.select({ menteeId: pairing.menteeId, at: min(pairingMeeting.createdAt) })
		.from(pairingMeeting)
		.innerJoin(pairing, eq(pairing.id, pairingMeeting.pairingId))
		.where(inJson(pairing.menteeId, 'ids'))
		.groupBy(pairing.menteeId)
		.prepare()
);

export function milestones(memberIds: number[]): Map<number, Milestones> {
	const out = new Map<number, Milestones>(memberIds.map((id) => [id, none()]));
	if (memberIds.length === 0) return out;
	const ids = jsonList(memberIds);
	for (const r of requestsQuery().all({ ids })) {
		const m = out.get(r.memberId)!;
		m.requestedAt ??= r.createdAt;
		if (r.status === 'open' || r.status === 'proposed') m.waitingSince = r.createdAt;
	}
	for (const p of activeQuery().all({ ids })) {
		const m = out.get(p.menteeId!)!;
		Object.assign(m, { pairingId: p.id, mentorId: p.mentorId, pairedAt: p.createdAt, waitingSince: null });
	}
	for (const r of meetingsQuery().all({ ids })) if (r.menteeId != null && r.at != null) out.get(r.menteeId)!.firstMeetingAt = r.at;
	return out;
}

/** The mentees this member mentors in an active pairing now. */
export function activeMenteesOf(mentorId: number): number[] {
	return db
		.select({ menteeId: pairing.menteeId })
		.from(pairing)
		.where(and(eq(pairing.mentorId, mentorId), eq(pairing.status, 'active')))
		.all()
		.flatMap((r) => (r.menteeId == null ? [] : [r.menteeId]));
}
