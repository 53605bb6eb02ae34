import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../db/client';
import { outboxMessage, pairing, pairingFeedback } from '../db/schema';
import { makeMember } from '../../../../tests/support/members';
import * as pairings from './pairings';
import * as meetings from './meetings';
import { closeSchema } from './schemas';
import { makeCoordinator, makeMentee, makeMentor, pairUp, statusOf } from '../../../../tests/support/mentoring';

const NOW = Date.UTC(2026, 10, 23, 10);
const DAY = 86_400_000;

function paired() {
	const coordinator = makeCoordinator();
	const mentor = makeMentor();
	const mentee = makeMentee({ goals: 'Prepare for the inspection\nWork well with the DCS' });
	const { pairingId } = pairUp(coordinator, mentor, mentee, NOW - 30 * DAY);
	meetings.log(mentor.actor, pairingId, { heldOn: '2026-11-10', durationMinutes: 60, mode: 'online', notes: 'SECRET NOTES about the budget', newActions: [{ text: 'SECRET ACTION', owner: 'mentor', dueOn: null }], doneActionIds: [], addToTrainingLog: false }, NOW);
	meetings.book(mentor.actor, pairingId, { date: '2026-12-03', time: '18:30', durationMinutes: 60, mode: 'online', location: 'https://meet.example.org/secret-room' }, NOW);
	return { coordinator, mentor, mentee, pairingId };
}

describe('privacy: goals and meeting notes are the pair’s alone', () => {
	it('shows the pair their goals, meetings with notes and the booked meeting', () => {
		const { mentor, mentee, pairingId } = paired();
		for (const who of [mentor, mentee]) {
			const page = pairings.page(who.actor, pairingId, NOW);
			expect(page.private?.goals.map((g) => g.text)).toEqual(['Prepare for the inspection', 'Work well with the DCS']);
			expect(page.private?.meetings[0]).toMatchObject({ notes: 'SECRET NOTES about the budget' });
			expect(page.private?.actions).toMatchObject([{ text: 'SECRET ACTION', owner: 'mentor', status: 'open' }]);
			expect(page.private?.booking?.location).toBe('https://meet.example.org/secret-room');
		}
	});

	it('shows the region’s coordinator and admins status, dates and ratings — no goals, notes or meeting place', () => {
		const { coordinator, pairingId } = paired();
		const admin = makeMember({ authority: 'Westminster', role: 'admin' });
		for (const who of [coordinator, admin]) {
			const page = pairings.page(who.actor, pairingId, NOW);
			expect(page.private).toBeNull();
			expect(page).toMatchObject({ status: 'active', lastMeetingOn: '2026-11-10', meetingCount: 1, state: 'on-track' });
			const text = JSON.stringify(page);
			for (const secret of ['SECRET', 'Prepare for the inspection', 'secret-room']) expect(text).not.toContain(secret);
		}
	});

	it('is not found (404) for other members, other regions’ coordinators and made-up ids', () => {
		const { pairingId } = paired();
		expect(statusOf(() => pairings.page(makeMember().actor, pairingId, NOW))).toBe(404);
		expect(statusOf(() => pairings.page(makeCoordinator('london', 'Camden').actor, pairingId, NOW))).toBe(404);
		expect(statusOf(() => pairings.page(makeMember().actor, 999_999, NOW))).toBe(404);
	});

	it('refuses every private change by a coordinator, an admin or another member (404)', () => {
		const { coordinator, pairingId } = paired();
		const admin = makeMember({ authority: 'Westminster', role: 'admin' });
		const stranger = makeMember();
		for (const who of [coordinator, admin, stranger]) {
			expect(statusOf(() => pairings.addGoal(who.actor, pairingId, 'Snoop'))).toBe(404);
			expect(statusOf(() => pairings.setGoalStatus(who.actor, pairingId, 1, 'done'))).toBe(404);
			expect(statusOf(() => pairings.removeGoal(who.actor, pairingId, 1))).toBe(404);
			expect(statusOf(() => pairings.updateSettings(who.actor, pairingId, { rhythmWeeks: 2, endsOn: '2027-06-01' }))).toBe(404);
			expect(statusOf(() => meetings.log(who.actor, pairingId, { heldOn: '2026-11-20', durationMinutes: 30, mode: 'phone', notes: '', newActions: [], doneActionIds: [], addToTrainingLog: false }, NOW))).toBe(404);
			expect(statusOf(() => meetings.book(who.actor, pairingId, { date: '2026-12-10', time: '10:00', durationMinutes: 30, mode: 'phone', location: 'Phone' }, NOW))).toBe(404);
			expect(statusOf(() => meetings.cancel(who.actor, pairingId, NOW))).toBe(404);
			expect(statusOf(() => pairings.giveFeedback(who.actor, pairingId, { rating: 1, comment: '' }))).toBe(404);
		}
		expect(statusOf(() => pairings.close(stranger.actor, pairingId, { outcome: 'completed' }))).toBe(404);
	});
});

describe('goals', () => {
	it('can be added, moved on and removed by either member', () => {
		const { mentor, mentee, pairingId } = paired();
		expect(pairings.addGoal(mentee.actor, pairingId, 'Visit a children’s home with the panel').ok).toBe(true);
		const goals = pairings.page(mentee.actor, pairingId, NOW).private!.goals;
		expect(goals).toHaveLength(3);
		expect(pairings.setGoalStatus(mentor.actor, pairingId, goals[0].id, 'done').ok).toBe(true);
		expect(pairings.removeGoal(mentee.actor, pairingId, goals[1].id).ok).toBe(true);
		expect(pairings.page(mentor.actor, pairingId, NOW).private!.goals.map((g) => [g.text, g.status])).toEqual([
			['Prepare for the inspection', 'done'],
			['Visit a children’s home with the panel', 'not-started']
		]);
	});

	it('cannot touch another pairing’s goal through this pairing', () => {
		const a = paired();
		const b = paired();
		const theirGoal = pairings.page(b.mentor.actor, b.pairingId, NOW).private!.goals[0].id;
		expect(pairings.setGoalStatus(a.mentor.actor, a.pairingId, theirGoal, 'done')).toEqual({ ok: false, message: 'That goal no longer exists.' });
		expect(pairings.removeGoal(a.mentor.actor, a.pairingId, theirGoal).ok).toBe(false);
	});
});

describe('rhythm and end date', () => {
	it('extends the end date and changes the rhythm', () => {
		const { mentee, pairingId } = paired();
		expect(pairings.updateSettings(mentee.actor, pairingId, { rhythmWeeks: 6, endsOn: '2027-08-31' }, NOW).ok).toBe(true);
		expect(db.select().from(pairing).where(eq(pairing.id, pairingId)).get()).toMatchObject({ rhythmWeeks: 6, endsOn: '2027-08-31' });
	});

	it('refuses an end date before the start, in the past or more than two years on', () => {
		const { mentee, pairingId } = paired();
		const start = db.select().from(pairing).where(eq(pairing.id, pairingId)).get()!.startsOn;
		expect(pairings.updateSettings(mentee.actor, pairingId, { rhythmWeeks: 4, endsOn: '2026-01-01' }, NOW)).toMatchObject({ ok: false, field: 'endsOn', message: expect.stringMatching(/after the start date/) });
		expect(pairings.updateSettings(mentee.actor, pairingId, { rhythmWeeks: 4, endsOn: start }, NOW)).toMatchObject({ ok: false, field: 'endsOn' });
		expect(pairings.updateSettings(mentee.actor, pairingId, { rhythmWeeks: 4, endsOn: '2026-11-22' }, NOW)).toMatchObject({ ok: false, message: 'Enter an end date that is today or later' });
		expect(pairings.updateSettings(mentee.actor, pairingId, { rhythmWeeks: 4, endsOn: '2029-01-01' }, NOW)).toMatchObject({ ok: false, message: expect.stringMatching(/two years from the start/) });
		expect(pairings.updateSettings(mentee.actor, pairingId, { rhythmWeeks: 3, endsOn: '2027-01-01' }, NOW)).toMatchObject({ ok: false, field: 'rhythmWeeks' });
	});
});

describe('closing and feedback', () => {
	it('closes with the closer’s feedback, cancels the booked meeting and asks the other member', () => {
		const { mentor, mentee, coordinator, pairingId } = paired();
		expect(pairings.close(mentee.actor, pairingId, { outcome: 'completed', rating: 5, comment: 'Really useful' }, NOW).ok).toBe(true);
		expect(db.select().from(pairing).where(eq(pairing.id, pairingId)).get()).toMatchObject({ status: 'completed', closedById: mentee.id });
		const mail = db.select().from(outboxMessage).where(eq(outboxMessage.toAddress, mentor.email)).all();
		expect(mail.some((m) => m.subject.startsWith('How did your mentoring'))).toBe(true);
		expect(mail.some((m) => m.icalEvent?.method === 'CANCEL')).toBe(true);
		expect(pairings.page(mentor.actor, pairingId, NOW).private?.feedbackWanted).toBe(true);

		expect(pairings.giveFeedback(mentor.actor, pairingId, { rating: 4, comment: 'Well prepared' }, NOW).ok).toBe(true);
		expect(pairings.giveFeedback(mentor.actor, pairingId, { rating: 1, comment: 'again' }, NOW)).toEqual({ ok: false, message: 'You have already given feedback on this mentoring.' });
		const ratings = pairings.page(coordinator.actor, pairingId, NOW).ratings!;
		expect(ratings.map((r) => [r.side, r.rating, r.comment]).sort()).toEqual([
			['mentee', 5, 'Really useful'],
			['mentor', 4, 'Well prepared']
		]);
		expect(pairings.page(mentor.actor, pairingId, NOW).private?.myFeedback).toEqual({ rating: 4, comment: 'Well prepared' });
		expect(pairings.close(mentor.actor, pairingId, { outcome: 'ended-early', rating: 3 }, NOW)).toEqual({ ok: false, message: 'This mentoring has already closed.' });
	});

	it('lets the coordinator close (both are then asked for feedback), and needs a rating from a pair member', () => {
		const { mentor, mentee, coordinator, pairingId } = paired();
		expect(pairings.close(mentor.actor, pairingId, { outcome: 'ended-early' }, NOW)).toMatchObject({ ok: false, field: 'rating' });
		expect(pairings.close(coordinator.actor, pairingId, { outcome: 'ended-early' }, NOW).ok).toBe(true);
		expect(db.select().from(pairingFeedback).where(eq(pairingFeedback.pairingId, pairingId)).all()).toEqual([]);
		for (const who of [mentor, mentee]) {
			expect(db.select().from(outboxMessage).where(eq(outboxMessage.toAddress, who.email)).all().some((m) => m.subject.startsWith('How did your mentoring'))).toBe(true);
		}
	});

	it('does not take feedback on an open pairing, nor changes on a closed one', () => {
		const { mentor, pairingId } = paired();
		expect(pairings.giveFeedback(mentor.actor, pairingId, { rating: 3, comment: '' }, NOW)).toEqual({ ok: false, message: 'You can give feedback once the mentoring has closed.' });
		pairings.close(mentor.actor, pairingId, { outcome: 'completed', rating: 4 }, NOW);
		expect(pairings.addGoal(mentor.actor, pairingId, 'Late goal').ok).toBe(false);
		expect(meetings.log(mentor.actor, pairingId, { heldOn: '2026-11-20', durationMinutes: 30, mode: 'phone', notes: '', newActions: [], doneActionIds: [], addToTrainingLog: false }, NOW).ok).toBe(false);
	});
});

describe('the closing form', () => {
	it('needs an outcome; a rating, when given, is 1 to 5; a blank rating is left for the pairing rules', () => {
		expect(closeSchema.safeParse({ outcome: 'completed', rating: '5' }).data).toMatchObject({ outcome: 'completed', rating: 5, comment: '' });
		expect(closeSchema.safeParse({ outcome: 'ended-early', rating: '' }).data?.rating).toBeUndefined();
		expect(closeSchema.safeParse({ outcome: 'completed', rating: '9' }).error?.issues[0].message).toBe('Choose a rating from 1 to 5');
		expect(closeSchema.safeParse({ rating: '3' }).error?.issues[0].message).toBe('Choose whether the mentoring is complete or ending early');
	});
});
