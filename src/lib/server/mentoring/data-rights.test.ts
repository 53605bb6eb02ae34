import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
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
	pairingMeeting
} from '../db/schema';
import * as coordination from './coordination';
import * as meetings from './meetings';
import * as pairings from './pairings';
import { eraseMember, exportMemberData } from './data-rights';
import { makeCoordinator, makeMentee, makeMentor, pairUp } from '../../../../tests/support/mentoring';

const NOW = Date.UTC(2026, 10, 23, 10);
const DAY = 86_400_000;

/** Every row of every mentoring table, as text. */
function everything(): string {
	return JSON.stringify([
		db.select().from(mentorOffer).all(),
		db.select().from(mentorRequest).all(),
		db.select().from(mentoringProposal).all(),
		db.select().from(matchAdjustment).all(),
		db.select().from(pairing).all(),
		db.select().from(pairingGoal).all(),
		db.select().from(pairingMeeting).all(),
		db.select().from(pairingBooking).all(),
		db.select().from(pairingFeedback).all()
	]);
}

let stories = 0;

/** A pairing with goals, a meeting with notes and a booked meeting, each marked with a unique word. */
function story() {
	const mark = `ZEBRA${++stories}X`;
	const coordinator = makeCoordinator();
	const mentor = makeMentor({ capacity: 3 });
	const mentee = makeMentee({ goals: `${mark}-GOAL get ready for inspection`, now: NOW - 40 * DAY });
	const { pairingId } = pairUp(coordinator, mentor, mentee, NOW - 30 * DAY);
	meetings.log(mentee.actor, pairingId, { heldOn: '2026-11-01', durationMinutes: 60, mode: 'online', notes: `${mark}-NOTES private`, newActions: [{ text: `${mark}-ACTION`, owner: 'mentee', dueOn: '2026-12-01' }], doneActionIds: [], addToTrainingLog: false }, NOW);
	meetings.book(mentor.actor, pairingId, { date: '2026-12-01', time: '10:00', durationMinutes: 60, mode: 'in-person', location: `${mark}-PLACE` }, NOW);
	return { coordinator, mentor, mentee, pairingId, mark };
}

describe('download my data', () => {
	it('includes the member’s requests, proposals and pairings with goals, notes and meetings', () => {
		const { mentor, mentee, mark } = story();
		const data = exportMemberData(mentee.id) as Record<string, Array<Record<string, unknown>>>;
		expect(data.mentorRequests[0]).toMatchObject({ goals: `${mark}-GOAL get ready for inspection`, status: 'matched' });
		expect(data.mentoringProposals[0]).toMatchObject({ role: 'mentee', with: mentor.name, yourAnswer: 'accepted' });
		const p = data.mentoringPairings[0] as Record<string, unknown>;
		expect(p).toMatchObject({ role: 'mentee', with: mentor.name, status: 'active', meetEveryWeeks: 4 });
		expect(p.goals).toEqual([{ goal: `${mark}-GOAL get ready for inspection`, status: 'not-started' }]);
		expect(p.meetings).toEqual([{ heldOn: '2026-11-01', minutes: 60, how: 'online', notes: `${mark}-NOTES private` }]);
		expect(p.actions).toEqual([{ action: `${mark}-ACTION`, who: 'mentee', dueOn: '2026-12-01', status: 'open' }]);
		expect((exportMemberData(mentor.id) as { mentorOffer: unknown }).mentorOffer).toMatchObject({ capacity: 3 });
	});
});

describe('delete my account', () => {
	it('removes the member’s mentoring data and the notes of their pairings, keeping the bare pairing for the other member', () => {
		const { mentor, mentee, pairingId, mark } = story();
		pairings.close(mentee.actor, pairingId, { outcome: 'completed', rating: 5, comment: `${mark}-FEEDBACK` }, NOW);
		pairings.giveFeedback(mentor.actor, pairingId, { rating: 4, comment: 'Kind words from the mentor' }, NOW);
		expect(everything()).toContain(`${mark}-FEEDBACK`);

		eraseMember(mentee.id, NOW);

		const text = everything();
		expect(text).not.toContain(mark);
		expect(text).not.toContain(mentee.email);
		expect(text).not.toContain(mentee.name);
		const p = db.select().from(pairing).where(eq(pairing.id, pairingId)).get()!;
		expect(p).toMatchObject({ menteeId: null, mentorId: mentor.id, closedById: null });
		expect(db.select().from(mentorRequest).where(eq(mentorRequest.memberId, mentee.id)).all()).toEqual([]);
		expect(db.select().from(pairingFeedback).where(eq(pairingFeedback.pairingId, pairingId)).all().map((f) => f.side)).toEqual(['mentor']);
		expect(pairings.page(mentor.actor, pairingId, NOW).mentee.name).toBe('Former member');
	});

	it('ends the member’s active pairings and reopens a request waiting on them as mentor', () => {
		const { coordinator, mentor, mentee, pairingId, mark } = story();
		const waiting = makeMentee({ authority: 'Wirral' });
		const c = coordination.confirmOne(coordinator.actor, { requestId: waiting.requestId, mentorId: mentor.id }, NOW);
		expect(c.ok).toBe(true);

		eraseMember(mentor.id, NOW);

		expect(db.select().from(pairing).where(eq(pairing.id, pairingId)).get()).toMatchObject({ status: 'ended-early', mentorId: null, menteeId: mentee.id });
		expect(db.select().from(mentorRequest).where(eq(mentorRequest.id, waiting.requestId)).get()?.status).toBe('open');
		expect(db.select().from(mentorOffer).where(eq(mentorOffer.memberId, mentor.id)).all()).toEqual([]);
		expect(db.select().from(mentoringProposal).where(eq(mentoringProposal.mentorId, mentor.id)).all()).toEqual([]);
		const text = everything();
		for (const gone of [`${mark}-NOTES`, `${mark}-ACTION`, `${mark}-PLACE`]) expect(text).not.toContain(gone);
		expect(db.select().from(pairingGoal).where(eq(pairingGoal.pairingId, pairingId)).all()).toEqual([]);
	});
});
