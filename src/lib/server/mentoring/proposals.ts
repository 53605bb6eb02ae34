/**
 * Confirmed proposals from the mentor's and mentee's side: read one, accept or decline it.
 * A decline puts the request back in the pool; when both have accepted, the pairing starts.
 */
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { db, immediate, prepared } from '../db/client';
import { mentorOffer, mentorRequest, mentoringProposal, pairing, pairingGoal, type MentoringProposal } from '../db/schema';
import { authorize, type Actor } from '../auth/policy';
import * as audit from '../auth/audit';
import { DEFAULT_LENGTH_MONTHS, addMonths } from './health';
import { notFound, people, refuse, today, yearsSince, type Outcome, type Person } from './store';
import * as notify from './notify';
import type { AnswerForm } from './schemas';

/** Most goals taken over from the request when a pairing starts. */
const MAX_STARTING_GOALS = 8;

function side(actor: Actor, p: Pick<MentoringProposal, 'mentorId' | 'menteeId'>): 'mentor' | 'mentee' | null {
	if (actor.id === p.mentorId) return 'mentor';
	if (actor.id === p.menteeId) return 'mentee';
	return null;
}

function load(id: number): MentoringProposal | null {
	if (!Number.isSafeInteger(id) || id <= 0) return null;
	return db.select().from(mentoringProposal).where(eq(mentoringProposal.id, id)).get() ?? null;
}

function profileLine(p: Person, now: number) {
	return {
		id: p.id,
		name: p.name,
		authorityName: p.authorityName,
		authorityKind: p.authorityKind,
		regionName: p.regionName,
		position: p.position,
		party: p.party,
		yearsInRole: yearsSince(p.inRoleSince, now),
		expertise: p.expertise,
		handle: p.handle
	};
}

/**
 * One proposal. Its mentor and mentee see everything (the mentee's goals included); the region's
 * coordinator and admins see who and the answers; anyone else gets 404.
 */
export function view(actor: Actor, id: number, now = Date.now()) {
	const p = load(id);
	if (!p) notFound();
	const mySide = side(actor, p);
	if (!mySide) authorize(actor, 'mentoring.match', { regionId: p.regionId }, { hide: true });
	const who = people([p.mentorId, p.menteeId]);
	const mentor = who.get(p.mentorId);
	const mentee = who.get(p.menteeId);
	if (!mentor || !mentee) notFound();
	const pairingRow = p.status === 'accepted' ? db.select({ id: pairing.id }).from(pairing).where(eq(pairing.proposalId, p.id)).get() : undefined;
	const base = {
		id: p.id,
		status: p.status,
		createdAt: p.createdAt,
		explanation: p.explanation,
		mySide,
		mentor: profileLine(mentor, now),
		mentee: profileLine(mentee, now),
		mentorAnswer: p.mentorAnswer,
		menteeAnswer: p.menteeAnswer,
		pairingId: pairingRow?.id ?? null
	};
	if (!mySide) return { ...base, private: null };
	const request = db.select().from(mentorRequest).where(eq(mentorRequest.id, p.requestId)).get();
	const offer = db.select().from(mentorOffer).where(eq(mentorOffer.memberId, p.mentorId)).get();
	return {
		...base,
		private: {
			goals: request?.goals ?? '',
			focusTopics: request?.focusTopics ?? [],
			menteeModes: request?.meetingModes ?? [],
			availability: offer?.availability ?? '',
			mentorModes: offer?.meetingModes ?? [],
			myReason: mySide === 'mentor' ? p.mentorReason : p.menteeReason
		}
	};
}

/** Proposals of this member (either side) still waiting for answers, newest first. */
const openOfMemberQuery = prepared(() => {
	const memberId = sql.placeholder('memberId');
	return db
		.select()
		.from(mentoringProposal)
		// The status on each side of the OR lets SQLite use the (mentor_id, status) and
		// (mentee_id, status) indexes, not walk every awaiting proposal in the network.
		.where(
			or(
				and(eq(mentoringProposal.mentorId, memberId), eq(mentoringProposal.status, 'awaiting')),
				and(eq(mentoringProposal.menteeId, memberId), eq(mentoringProposal.status, 'awaiting'))
			)
		)
		.orderBy(desc(mentoringProposal.createdAt), desc(mentoringProposal.id))
		.prepare();
});

/**
 * The member's proposals still waiting for answers, in one read: those waiting for this
 * member's answer (newest first), and those they have answered that wait for the other side.
 */
export function openOf(memberId: number) {
	const rows = openOfMemberQuery().all({ memberId });
	const who = people(rows.flatMap((r) => [r.mentorId, r.menteeId]));
	const answered = (r: MentoringProposal) => (r.mentorId === memberId ? r.mentorAnswer : r.menteeAnswer) != null;
	return {
		awaiting: rows
			.filter((r) => !answered(r))
			.map((r) => {
				const asMentor = r.mentorId === memberId;
				const other = who.get(asMentor ? r.menteeId : r.mentorId);
				return { id: r.id, createdAt: r.createdAt, asMentor, otherName: other?.name ?? 'Someone', otherAuthority: other?.authorityName ?? '', explanation: r.explanation };
			}),
		waitingOnOther: rows
			.filter(answered)
			.map((r) => ({ id: r.id, otherName: who.get(r.mentorId === memberId ? r.menteeId : r.mentorId)?.name ?? 'Someone', asMentor: r.mentorId === memberId }))
	};
}

/** Proposals waiting for this member's answer, newest first. */
export function awaitingAnswer(memberId: number) {
	return openOf(memberId).awaiting;
}

/** Proposals this member has answered that still wait for the other side. */
export function waitingOnOther(memberId: number) {
	return openOf(memberId).waitingOnOther;
}

/** The request's goals, one per line, as the pairing's first goals. */
export function goalsFromText(goals: string): string[] {
	return goals
		.split(/\r?\n/)
		.map((l) => l.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim())
		.filter((l) => l.length >= 3)
		.map((l) => (l.length > 300 ? `${l.slice(0, 297)}…` : l))
		.slice(0, MAX_STARTING_GOALS);
}

export type AnswerResult = Outcome<{ state: 'waiting' | 'paired' | 'declined'; pairingId: number | null }>;

/**
 * The mentor or mentee accepts or declines. Answering twice, or answering a withdrawn or
 * declined proposal, is refused with a message. Both accepting starts the pairing: six months
 * from today, meeting every four weeks, with the request's goals as its first goals.
 */
export function answer(actor: Actor, id: number, input: AnswerForm, now = Date.now()): AnswerResult {
	const result = immediate(() => {
		const p = load(id);
		if (!p) notFound();
		authorize(actor, 'proposal.answer', { mentorId: p.mentorId, menteeId: p.menteeId, regionId: p.regionId }, { hide: true });
		const mine = side(actor, p)!;
		const myAnswer = mine === 'mentor' ? p.mentorAnswer : p.menteeAnswer;
		if (myAnswer) return refuse(`You have already ${myAnswer} this proposal.`);
		if (p.status === 'withdrawn') return refuse('Your coordinator withdrew this proposal, so there is nothing to answer.');
		if (p.status === 'declined') return refuse('The other person has declined this proposal, so it will not go ahead.');
		if (p.status !== 'awaiting') return refuse('This proposal has already been answered.');

		const set =
			mine === 'mentor'
				? { mentorAnswer: input.answer, mentorReason: input.reason, mentorAnsweredAt: now }
				: { menteeAnswer: input.answer, menteeReason: input.reason, menteeAnsweredAt: now };
		if (input.answer === 'declined') {
			db.update(mentoringProposal).set({ ...set, status: 'declined', decidedAt: now }).where(eq(mentoringProposal.id, p.id)).run();
			db.update(mentorRequest).set({ status: 'open', updatedAt: now }).where(and(eq(mentorRequest.id, p.requestId), eq(mentorRequest.status, 'proposed'))).run();
			return { ok: true as const, state: 'declined' as const, pairingId: null, p, mine };
		}
		const otherAnswer = mine === 'mentor' ? p.menteeAnswer : p.mentorAnswer;
		if (otherAnswer !== 'accepted') {
			db.update(mentoringProposal).set(set).where(eq(mentoringProposal.id, p.id)).run();
			return { ok: true as const, state: 'waiting' as const, pairingId: null, p, mine };
		}
		db.update(mentoringProposal).set({ ...set, status: 'accepted', decidedAt: now }).where(eq(mentoringProposal.id, p.id)).run();
		const request = db.select().from(mentorRequest).where(eq(mentorRequest.id, p.requestId)).get();
		db.update(mentorRequest).set({ status: 'matched', matchedAt: now, updatedAt: now }).where(eq(mentorRequest.id, p.requestId)).run();
		const startsOn = today(now);
		const created = db
			.insert(pairing)
			.values({
				requestId: p.requestId,
				proposalId: p.id,
				mentorId: p.mentorId,
				menteeId: p.menteeId,
				regionId: p.regionId,
				rhythmWeeks: 4,
				startsOn,
				endsOn: addMonths(startsOn, DEFAULT_LENGTH_MONTHS),
				status: 'active',
				createdAt: now,
				updatedAt: now
			})
			.returning()
			.get();
		const goals = goalsFromText(request?.goals ?? '');
		if (goals.length) db.insert(pairingGoal).values(goals.map((text) => ({ pairingId: created.id, text, status: 'not-started' as const, createdAt: now, updatedAt: now }))).run();
		return { ok: true as const, state: 'paired' as const, pairingId: created.id, p, mine, endsOn: created.endsOn };
	});
	if (!result.ok) return result;

	const { p, mine } = result;
	const who = people([p.mentorId, p.menteeId]);
	const mentor = who.get(p.mentorId);
	const mentee = who.get(p.menteeId);
	if (mentor && mentee) {
		if (result.state === 'declined') {
			const [decliner, other] = mine === 'mentor' ? [mentor, mentee] : [mentee, mentor];
			notify.proposalDeclined(p, decliner, other, mine, input.reason, mentee, now);
		} else if (result.state === 'paired' && 'endsOn' in result) {
			notify.pairingStarted(result.pairingId!, mentor, mentee, result.endsOn, now);
		}
	}
	audit.record(
		{ actorId: actor.id, action: `mentoring.proposal-${input.answer}`, subjectType: 'mentoring_proposal', subjectId: p.id, regionId: p.regionId, detail: { side: mine, pairingId: result.pairingId } },
		now
	);
	return { ok: true, state: result.state, pairingId: result.pairingId };
}


/** Who each proposal would pair, by id (for the audit trail; unknown ids are left out). */
export function membersOf(ids: number[]): Map<number, { mentorId: number; menteeId: number }> {
	if (ids.length === 0) return new Map();
	return new Map(
		db
			.select({ id: mentoringProposal.id, mentorId: mentoringProposal.mentorId, menteeId: mentoringProposal.menteeId })
			.from(mentoringProposal)
			.where(inArray(mentoringProposal.id, ids))
			.all()
			.map((r) => [r.id, { mentorId: r.mentorId, menteeId: r.menteeId }])
	);
}
