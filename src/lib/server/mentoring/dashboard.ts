/**
 * The member's mentoring page: proposals to answer, their mentees (as a mentor), their mentor
 * (as a mentee), their request and their offer — one function for the route.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { db, inJson, jsonList, prepared } from '../db/client';
import { pairingGoal, pairingMeeting, type Pairing } from '../db/schema';
import { authorize, type Actor } from '../auth/policy';
import { pairingHealth, type PairingState } from './health';
import { FORMER_MEMBER, bookings, feedbackGiven, lastMeetings, people, today } from './store';
import * as proposals from './proposals';
import * as requests from './requests';
import * as offers from './offers';
import { canCoordinate } from './coordination';
import { ofMember } from './pairings';
import * as actions from './actions';

const goalCountsQuery = prepared(() =>
	db
		.select({ id: pairingGoal.pairingId, total: sql<number>`count(*)`, done: sql<number>`sum(case when ${pairingGoal.status} = 'done' then 1 else 0 end)` })
		.from(pairingGoal)
		.where(inJson(pairingGoal.pairingId, 'ids'))
		.groupBy(pairingGoal.pairingId)
		.prepare()
);

/** Done and total goals per pairing. */
function goalCounts(ids: number[]): Map<number, { done: number; total: number }> {
	const out = new Map<number, { done: number; total: number }>();
	if (ids.length === 0) return out;
	for (const r of goalCountsQuery().all({ ids: jsonList(ids) })) out.set(r.id, { done: Number(r.done ?? 0), total: Number(r.total) });
	return out;
}

const goalListQuery = prepared(() =>
	db
		.select({ id: pairingGoal.id, text: pairingGoal.text, status: pairingGoal.status })
		.from(pairingGoal)
		.where(eq(pairingGoal.pairingId, sql.placeholder('pairingId')))
		.orderBy(asc(pairingGoal.id))
		.prepare()
);

const meetingCountQuery = prepared(() =>
	db
		.select({ n: sql<number>`count(*)` })
		.from(pairingMeeting)
		.where(eq(pairingMeeting.pairingId, sql.placeholder('pairingId')))
		.prepare()
);

/** Everything the member's mentoring page shows. */
export function forMember(actor: Actor, now = Date.now()) {
	authorize(actor, 'mentoring.request', {});
	const all = ofMember(actor.id);
	const active = all.filter((p) => p.status === 'active');
	const ids = active.map((p) => p.id);
	const last = lastMeetings(ids);
	const next = bookings(ids);
	const goals = goalCounts(ids);
	const openActions = actions.openOf(active, now);
	const who = people(all.flatMap((p) => [p.mentorId, p.menteeId]));
	const day = today(now);

	const row = (p: Pairing, otherId: number | null) => {
		const other = otherId != null ? who.get(otherId) : undefined;
		const lastMeetingOn = last.get(p.id) ?? null;
		const health = pairingHealth({ ...p, lastMeetingOn }, day);
		const booking = next.get(p.id);
		return {
			id: p.id,
			other: { name: other?.name ?? FORMER_MEMBER, authorityName: other?.authorityName ?? '', regionName: other?.regionName ?? '', position: other?.position ?? '' },
			startsOn: p.startsOn,
			endsOn: p.endsOn,
			rhythmWeeks: p.rhythmWeeks,
			lastMeetingOn,
			nextMeeting: booking && booking.startsAt > now ? { startsAt: booking.startsAt, mode: booking.mode } : null,
			goals: goals.get(p.id) ?? { done: 0, total: 0 },
			/** Open agreed actions, earliest due first. */
			openActions: openActions.get(p.id) ?? [],
			state: health.state as PairingState,
			dueBy: health.dueBy
		};
	};

	const mentees = active.filter((p) => p.mentorId === actor.id).map((p) => row(p, p.menteeId));
	const asMentee = active.find((p) => p.menteeId === actor.id);
	let mentor = null;
	if (asMentee) {
		const base = row(asMentee, asMentee.mentorId);
		const goalList = goalListQuery().all({ pairingId: asMentee.id });
		const meetingCount = Number(meetingCountQuery().get({ pairingId: asMentee.id })?.n ?? 0);
		mentor = { ...base, goalList, meetingCount };
	}

	const closed = all.filter((p) => p.status !== 'active');
	const given = feedbackGiven(actor.id, closed.map((p) => p.id));
	const past = closed.map((p) => {
		const asMentor = p.mentorId === actor.id;
		const other = who.get((asMentor ? p.menteeId : p.mentorId) ?? -1);
		return { id: p.id, asMentor, otherName: other?.name ?? FORMER_MEMBER, startsOn: p.startsOn, closedAt: p.closedAt, status: p.status, feedbackWanted: !given.has(p.id) };
	});

	const offer = offers.mine(actor);
	const open = proposals.openOf(actor.id);
	return {
		awaiting: open.awaiting,
		waitingOnOther: open.waitingOnOther,
		mentees,
		mentor,
		past,
		request: requests.current(actor),
		hasMentor: !!asMentee,
		offer: offer ? { capacity: offer.capacity, load: offer.load, open: offer.open, availability: offer.availability, regionScope: offer.regionScope, expertise: offer.expertise } : null,
		canCoordinate: canCoordinate(actor)
	};
}
