/**
 * A member's mentoring data: everything of theirs for "download my data", and erasure for
 * "delete my account". Erasing removes their offer, requests and proposals, and from every
 * pairing they were part of: the goals, the meeting notes and actions (and their earlier versions), the booked meeting and
 * their own feedback. The pairing itself stays (with the member shown as "Former member") so the
 * other member keeps the dates and the region keeps its figures.
 */
import { and, eq, inArray, or } from 'drizzle-orm';
import { db } from '../db/client';
import {
	matchAdjustment,
	mentorOffer,
	mentorRequest,
	mentoringProposal,
	pairing,
	pairingBooking,
	pairingFeedback,
	pairingGoal,
	pairingAction,
	pairingMeeting,
	pairingMeetingRevision
} from '../db/schema';
import { FORMER_MEMBER, people } from './store';

/** Everything in mentoring that is this member's, as plain data. */
export function exportMemberData(memberId: number): Record<string, unknown> {
	const offer = db.select().from(mentorOffer).where(eq(mentorOffer.memberId, memberId)).get() ?? null;
	const requests = db.select().from(mentorRequest).where(eq(mentorRequest.memberId, memberId)).all();
	const proposalRows = db
		.select()
		.from(mentoringProposal)
		.where(or(eq(mentoringProposal.mentorId, memberId), eq(mentoringProposal.menteeId, memberId)))
		.all();
	const pairings = db
		.select()
		.from(pairing)
		.where(or(eq(pairing.mentorId, memberId), eq(pairing.menteeId, memberId)))
		.all();
	const ids = pairings.map((p) => p.id);
	const goals = ids.length ? db.select().from(pairingGoal).where(inArray(pairingGoal.pairingId, ids)).all() : [];
	const meetings = ids.length ? db.select().from(pairingMeeting).where(inArray(pairingMeeting.pairingId, ids)).all() : [];
	const actionRows = ids.length ? db.select().from(pairingAction).where(inArray(pairingAction.pairingId, ids)).all() : [];
	const revisions = ids.length ? db.select().from(pairingMeetingRevision).where(inArray(pairingMeetingRevision.pairingId, ids)).all() : [];
	const bookingRows = ids.length ? db.select().from(pairingBooking).where(inArray(pairingBooking.pairingId, ids)).all() : [];
	const feedback = db.select().from(pairingFeedback).where(eq(pairingFeedback.memberId, memberId)).all();
	const who = people([...proposalRows.flatMap((p) => [p.mentorId, p.menteeId]), ...pairings.flatMap((p) => [p.mentorId, p.menteeId])]);
	const nameOf = (id: number | null) => (id == null ? FORMER_MEMBER : (who.get(id)?.name ?? FORMER_MEMBER));
	const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());

	return {
		mentorOffer: offer && {
			capacity: offer.capacity,
			expertise: offer.expertise,
			availability: offer.availability,
			regionScope: offer.regionScope,
			meetingModes: offer.meetingModes,
			open: offer.open,
			createdAt: iso(offer.createdAt),
			updatedAt: iso(offer.updatedAt)
		},
		mentorRequests: requests.map((r) => ({
			goals: r.goals,
			focusTopics: r.focusTopics,
			regionPreference: r.regionPref,
			partyPreference: r.partyPref,
			authorityKindPreference: r.kindPref,
			meetingModes: r.meetingModes,
			status: r.status,
			createdAt: iso(r.createdAt),
			matchedAt: iso(r.matchedAt),
			withdrawnAt: iso(r.withdrawnAt)
		})),
		mentoringProposals: proposalRows.map((p) => {
			const asMentor = p.mentorId === memberId;
			return {
				role: asMentor ? 'mentor' : 'mentee',
				with: nameOf(asMentor ? p.menteeId : p.mentorId),
				explanation: p.explanation,
				status: p.status,
				yourAnswer: asMentor ? p.mentorAnswer : p.menteeAnswer,
				yourReason: asMentor ? p.mentorReason : p.menteeReason,
				proposedAt: iso(p.createdAt)
			};
		}),
		mentoringPairings: pairings.map((p) => {
			const asMentor = p.mentorId === memberId;
			return {
				role: asMentor ? 'mentor' : 'mentee',
				with: nameOf(asMentor ? p.menteeId : p.mentorId),
				startsOn: p.startsOn,
				endsOn: p.endsOn,
				meetEveryWeeks: p.rhythmWeeks,
				status: p.status,
				closedAt: iso(p.closedAt),
				goals: goals.filter((g) => g.pairingId === p.id).map((g) => ({ goal: g.text, status: g.status })),
				meetings: meetings
					.filter((m) => m.pairingId === p.id)
					.map((m) => ({ heldOn: m.heldOn, minutes: m.durationMinutes, how: m.mode, notes: m.notes })),
				actions: actionRows.filter((a) => a.pairingId === p.id).map((a) => ({ action: a.text, who: a.owner, dueOn: a.dueOn, status: a.status })),
				earlierVersionsOfMeetings: revisions
					.filter((r) => r.pairingId === p.id)
					.map((r) => ({ heldOn: r.heldOn, minutes: r.durationMinutes, how: r.mode, notes: r.notes, actions: r.actions, replaced: r.reason === 'delete' ? 'deleted' : 'changed', replacedAt: iso(r.replacedAt) })),
				bookedMeetings: bookingRows
					.filter((b) => b.pairingId === p.id)
					.map((b) => ({ startsAt: iso(b.startsAt), endsAt: iso(b.endsAt), how: b.mode, where: b.location, status: b.status })),
				yourFeedback: feedback.filter((f) => f.pairingId === p.id).map((f) => ({ rating: f.rating, comment: f.comment, givenAt: iso(f.createdAt) }))[0] ?? null
			};
		})
	};
}

/**
 * Deletes the member's personal mentoring data (see the module comment). Active pairings end
 * early; a proposal waiting on them is withdrawn and the other member's request reopened.
 */
export function eraseMember(memberId: number, now = Date.now()): void {
	db.transaction(() => {
		const theirs = db
			.select()
			.from(pairing)
			.where(or(eq(pairing.mentorId, memberId), eq(pairing.menteeId, memberId)))
			.all();
		const ids = theirs.map((p) => p.id);
		if (ids.length) {
			db.delete(pairingGoal).where(inArray(pairingGoal.pairingId, ids)).run();
			db.update(pairingMeeting).set({ notes: '', actions: '' }).where(inArray(pairingMeeting.pairingId, ids)).run();
			db.delete(pairingMeetingRevision).where(inArray(pairingMeetingRevision.pairingId, ids)).run();
			db.delete(pairingAction).where(inArray(pairingAction.pairingId, ids)).run();
			db.delete(pairingBooking).where(inArray(pairingBooking.pairingId, ids)).run();
			db.update(pairing)
				.set({ status: 'ended-early', closedAt: now, updatedAt: now })
				.where(and(inArray(pairing.id, ids), eq(pairing.status, 'active')))
				.run();
		}
		db.delete(pairingFeedback).where(eq(pairingFeedback.memberId, memberId)).run();
		db.update(pairingMeeting).set({ loggedById: null }).where(eq(pairingMeeting.loggedById, memberId)).run();
		db.update(pairingAction).set({ createdById: null }).where(eq(pairingAction.createdById, memberId)).run();
		db.update(pairingAction).set({ doneById: null }).where(eq(pairingAction.doneById, memberId)).run();
		db.update(pairing).set({ mentorId: null }).where(eq(pairing.mentorId, memberId)).run();
		db.update(pairing).set({ menteeId: null }).where(eq(pairing.menteeId, memberId)).run();
		db.update(pairing).set({ closedById: null }).where(eq(pairing.closedById, memberId)).run();

		// A proposal naming them as mentor: the mentee's request goes back in the pool.
		const asMentor = db
			.select()
			.from(mentoringProposal)
			.where(and(eq(mentoringProposal.mentorId, memberId), eq(mentoringProposal.status, 'awaiting')))
			.all();
		for (const p of asMentor) {
			db.update(mentorRequest).set({ status: 'open', updatedAt: now }).where(and(eq(mentorRequest.id, p.requestId), eq(mentorRequest.status, 'proposed'))).run();
		}
		db.delete(mentoringProposal).where(or(eq(mentoringProposal.mentorId, memberId), eq(mentoringProposal.menteeId, memberId))).run();
		db.update(mentoringProposal).set({ confirmedById: null }).where(eq(mentoringProposal.confirmedById, memberId)).run();
		db.update(pairing).set({ requestId: null }).where(inArray(pairing.requestId, db.select({ id: mentorRequest.id }).from(mentorRequest).where(eq(mentorRequest.memberId, memberId)))).run();
		db.delete(mentorRequest).where(eq(mentorRequest.memberId, memberId)).run();
		db.delete(matchAdjustment).where(eq(matchAdjustment.mentorId, memberId)).run();
		db.update(matchAdjustment).set({ byId: null }).where(eq(matchAdjustment.byId, memberId)).run();
		db.update(pairingBooking).set({ bookedById: null }).where(eq(pairingBooking.bookedById, memberId)).run();
		db.delete(mentorOffer).where(eq(mentorOffer.memberId, memberId)).run();
	});
}
