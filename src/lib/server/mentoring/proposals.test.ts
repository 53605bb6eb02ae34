import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../db/client';
import { mentorRequest, outboxMessage, pairing, pairingGoal } from '../db/schema';
import { makeMember } from '../../../../tests/support/members';
import * as coordination from './coordination';
import * as proposals from './proposals';
import { answerSchema } from './schemas';
import { makeCoordinator, makeMentee, makeMentor, statusOf } from '../../../../tests/support/mentoring';

const mailTo = (address: string) => db.select().from(outboxMessage).where(eq(outboxMessage.toAddress, address)).all();

function confirmed(goals?: string) {
	const coordinator = makeCoordinator();
	const mentor = makeMentor();
	const mentee = makeMentee(goals ? { goals } : {});
	const c = coordination.confirmOne(coordinator.actor, { requestId: mentee.requestId, mentorId: mentor.id });
	if (!c.ok) throw new Error(c.message);
	return { coordinator, mentor, mentee, proposalId: c.proposalId };
}

describe('reading a proposal', () => {
	it('shows the mentee’s goals to the mentor and the mentee only', () => {
		const { coordinator, mentor, mentee, proposalId } = confirmed('Chair the corporate parenting panel');
		expect(proposals.view(mentor.actor, proposalId).private?.goals).toBe('Chair the corporate parenting panel');
		expect(proposals.view(mentee.actor, proposalId).mySide).toBe('mentee');
		const asCoordinator = proposals.view(coordinator.actor, proposalId);
		expect(asCoordinator.private).toBeNull();
		expect(JSON.stringify(asCoordinator)).not.toContain('corporate parenting panel');
	});

	it('is not found for anyone else, or for an id that does not exist', () => {
		const { proposalId } = confirmed();
		expect(statusOf(() => proposals.view(makeMember().actor, proposalId))).toBe(404);
		expect(statusOf(() => proposals.view(makeCoordinator('london', 'Camden').actor, proposalId))).toBe(404);
		expect(statusOf(() => proposals.view(makeMember().actor, proposalId + 1000))).toBe(404);
	});
});

describe('answering', () => {
	it('starts the pairing when both accept: six months, every four weeks, the request’s goals', () => {
		const { mentor, mentee, proposalId } = confirmed('- Prepare for a focused visit\n2. Build a relationship with the DCS\n\nx');
		const now = Date.UTC(2026, 10, 23, 12);
		expect(proposals.answer(mentor.actor, proposalId, { answer: 'accepted', reason: '' }, now)).toEqual({ ok: true, state: 'waiting', pairingId: null });
		const done = proposals.answer(mentee.actor, proposalId, { answer: 'accepted', reason: '' }, now);
		expect(done).toMatchObject({ ok: true, state: 'paired' });
		if (!done.ok) return;
		const p = db.select().from(pairing).where(eq(pairing.id, done.pairingId!)).get()!;
		expect(p).toMatchObject({ mentorId: mentor.id, menteeId: mentee.id, status: 'active', rhythmWeeks: 4, startsOn: '2026-11-23', endsOn: '2027-05-23' });
		expect(db.select().from(pairingGoal).where(eq(pairingGoal.pairingId, p.id)).all().map((g) => g.text)).toEqual([
			'Prepare for a focused visit',
			'Build a relationship with the DCS'
		]);
		expect(db.select().from(mentorRequest).where(eq(mentorRequest.id, mentee.requestId)).get()).toMatchObject({ status: 'matched', matchedAt: now });
		expect(mailTo(mentee.email).some((m) => m.subject === `Your mentoring with ${mentor.name} has started`)).toBe(true);
		expect(mailTo(mentor.email).some((m) => m.subject === `Your mentoring with ${mentee.name} has started`)).toBe(true);
	});

	it('answers accepting twice with a clear message', () => {
		const { mentor, proposalId } = confirmed();
		expect(proposals.answer(mentor.actor, proposalId, { answer: 'accepted', reason: '' }).ok).toBe(true);
		expect(proposals.answer(mentor.actor, proposalId, { answer: 'accepted', reason: '' })).toEqual({ ok: false, message: 'You have already accepted this proposal.' });
	});

	it('answers a withdrawn proposal with a clear message', () => {
		const { coordinator, mentee, proposalId } = confirmed();
		coordination.withdrawProposal(coordinator.actor, proposalId);
		expect(proposals.answer(mentee.actor, proposalId, { answer: 'accepted', reason: '' })).toEqual({
			ok: false,
			message: 'Your coordinator withdrew this proposal, so there is nothing to answer.'
		});
	});

	it('puts the request back in the pool on a decline, rules that mentor out, and tells the other side and the coordinator', () => {
		const { coordinator, mentor, mentee, proposalId } = confirmed();
		const r = proposals.answer(mentor.actor, proposalId, { answer: 'declined', reason: 'I am away for most of the spring' });
		expect(r).toEqual({ ok: true, state: 'declined', pairingId: null });
		expect(db.select().from(mentorRequest).where(eq(mentorRequest.id, mentee.requestId)).get()?.status).toBe('open');
		const item = coordination.workbench(coordinator.actor, null).items.find((i) => i.request.id === mentee.requestId)!;
		expect(item.proposal?.mentor.id).not.toBe(mentor.id);
		expect(item.excluded).toEqual([{ mentorId: mentor.id, name: mentor.name, declined: true }]);
		expect(mailTo(mentee.email).some((m) => m.subject.includes('will not go ahead'))).toBe(true);
		const toCoordinator = mailTo(coordinator.email).find((m) => m.subject.includes('was declined'));
		expect(toCoordinator?.text).toContain('I am away for most of the spring');
		expect(proposals.answer(mentee.actor, proposalId, { answer: 'accepted', reason: '' })).toEqual({
			ok: false,
			message: 'The other person has declined this proposal, so it will not go ahead.'
		});
	});

	it('needs a reason to decline', () => {
		const form = (data: Record<string, string>) => answerSchema.safeParse(data);
		expect(form({ answer: 'declined', reason: '' }).error?.issues[0]).toMatchObject({ path: ['reason'], message: expect.stringMatching(/Tell us why/) });
		expect(form({ answer: 'accepted' }).success).toBe(true);
		expect(form({}).error?.issues[0].message).toBe('Choose whether you accept this match');
	});

	it('is refused (404) for someone who is not the mentor or mentee', () => {
		const { coordinator, proposalId } = confirmed();
		expect(statusOf(() => proposals.answer(coordinator.actor, proposalId, { answer: 'accepted', reason: '' }))).toBe(404);
		expect(statusOf(() => proposals.answer(makeMember().actor, proposalId, { answer: 'declined', reason: 'Not me' }))).toBe(404);
	});

	it('lists proposals waiting for a member’s answer until they answer', () => {
		const { mentor, mentee, proposalId } = confirmed();
		expect(proposals.awaitingAnswer(mentor.id).map((p) => p.id)).toEqual([proposalId]);
		expect(proposals.awaitingAnswer(mentee.id)[0]).toMatchObject({ id: proposalId, asMentor: false, otherName: mentor.name });
		proposals.answer(mentor.actor, proposalId, { answer: 'accepted', reason: '' });
		expect(proposals.awaitingAnswer(mentor.id)).toEqual([]);
		expect(proposals.waitingOnOther(mentor.id)).toEqual([{ id: proposalId, otherName: mentee.name, asMentor: true }]);
	});
});

describe('goals from the request', () => {
	it('takes one goal per line, without bullets, at most eight', () => {
		expect(proposals.goalsFromText('* One\n• Two\n3) Three\n\n')).toEqual(['One', 'Two', 'Three']);
		expect(proposals.goalsFromText(Array.from({ length: 12 }, (_, i) => `Goal number ${i}`).join('\n'))).toHaveLength(8);
	});
});
