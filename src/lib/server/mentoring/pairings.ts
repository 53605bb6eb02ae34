/**
 * Pairings: what the pair and their coordinator see, goals, rhythm and end date, closing and
 * feedback. Goals, meeting notes and the meeting place are the pair's alone
 * ('pairing.viewPrivate'); the region's coordinator and admins see status, dates and ratings.
 */
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { db, immediate, prepared } from '../db/client';
import { pairing, pairingFeedback, pairingGoal, pairingMeeting, type Pairing } from '../db/schema';
import { authorize, can, type Actor } from '../auth/policy';
import * as audit from '../auth/audit';
import { formatDate } from '../../time';
import { MAX_LENGTH_MONTHS, addMonths, pairingHealth, type PairingState } from './health';
import { FORMER_MEMBER, bookings, lastMeetings, notFound, pairFacts, pairingById, people, refuse, today, yearsSince, type Outcome, type Person } from './store';
import * as notify from './notify';
import { cancelBooking, history } from './meetings';
import * as actions from './actions';
import { meetingLink } from './meeting-link';

/** Most goals a pairing can have. */
export const MAX_GOALS = 20;

function sideOf(actor: Actor, p: Pick<Pairing, 'mentorId' | 'menteeId'>): 'mentor' | 'mentee' | null {
	if (p.mentorId != null && actor.id === p.mentorId) return 'mentor';
	if (p.menteeId != null && actor.id === p.menteeId) return 'mentee';
	return null;
}

const dateWords = (d: string) => formatDate(Date.parse(`${d}T12:00:00Z`));

function personLine(p: Person | undefined, now: number) {
	if (!p) return { id: null, name: FORMER_MEMBER, authorityName: '', regionName: '', position: '', handle: null, yearsInRole: null, email: null };
	return { id: p.id, name: p.name, authorityName: p.authorityName, regionName: p.regionName, position: p.position, handle: p.handle, yearsInRole: yearsSince(p.inRoleSince, now), email: p.email };
}

/**
 * A pairing as the actor may see it. The pair get `private` (goals, meetings with notes, the
 * booked meeting, their own feedback); coordinators and admins get status, dates and both
 * sides' ratings; anyone else gets 404.
 */
export function page(actor: Actor, id: number, now = Date.now()) {
	const p = pairingById(id);
	if (!p) notFound();
	const facts = pairFacts(p);
	authorize(actor, 'pairing.viewStatus', facts, { hide: true });
	const mySide = sideOf(actor, p);
	const who = people([p.mentorId, p.menteeId]);
	const lastMeetingOn = lastMeetings([p.id]).get(p.id) ?? null;
	const health = pairingHealth({ ...p, lastMeetingOn }, today(now));
	const meetingCount = db.select({ id: pairingMeeting.id }).from(pairingMeeting).where(eq(pairingMeeting.pairingId, p.id)).all().length;
	const booking = bookings([p.id]).get(p.id) ?? null;
	const feedback = db.select().from(pairingFeedback).where(eq(pairingFeedback.pairingId, p.id)).all();
	const status = {
		id: p.id,
		mentor: personLine(p.mentorId != null ? who.get(p.mentorId) : undefined, now),
		mentee: personLine(p.menteeId != null ? who.get(p.menteeId) : undefined, now),
		startsOn: p.startsOn,
		endsOn: p.endsOn,
		rhythmWeeks: p.rhythmWeeks,
		status: p.status,
		closedAt: p.closedAt,
		state: health.state as PairingState,
		dueBy: health.dueBy,
		lastMeetingOn,
		meetingCount,
		nextMeetingAt: booking && booking.startsAt > now ? booking.startsAt : null,
		mySide,
		canClose: p.status === 'active' && can(actor, 'pairing.close', facts)
	};
	if (!mySide || !can(actor, 'pairing.viewPrivate', facts)) {
		return { ...status, private: null, ratings: feedback.map((f) => ({ side: f.side, rating: f.rating, comment: f.comment, createdAt: f.createdAt })) };
	}
	const goals = db.select().from(pairingGoal).where(eq(pairingGoal.pairingId, p.id)).orderBy(asc(pairingGoal.id)).all();
	const meetings = db.select().from(pairingMeeting).where(eq(pairingMeeting.pairingId, p.id)).orderBy(desc(pairingMeeting.heldOn), desc(pairingMeeting.id)).all();
	const mine = feedback.find((f) => f.side === mySide) ?? null;
	const revisions = history(p.id);
	const authors = people([...meetings.map((m) => m.loggedById), ...revisions.map((r) => r.editorId)]);
	const nameOf = (id: number | null) => (id != null ? authors.get(id)?.name : undefined) ?? FORMER_MEMBER;
	const version = (r: (typeof revisions)[number]) => ({
		id: r.id,
		heldOn: r.heldOn,
		durationMinutes: r.durationMinutes,
		mode: r.mode,
		notes: r.notes,
		actions: r.actions,
		replacedAt: r.replacedAt,
		by: nameOf(r.editorId)
	});
	return {
		...status,
		ratings: null,
		private: {
			goals: goals.map((g) => ({ id: g.id, text: g.text, status: g.status })),
			meetings: meetings.map((m) => ({
				id: m.id,
				heldOn: m.heldOn,
				durationMinutes: m.durationMinutes,
				mode: m.mode,
				notes: m.notes,
				addedToTrainingLog: m.addedToTrainingLog,
				loggedBy: nameOf(m.loggedById),
				canChange: p.status === 'active' && can(actor, 'pairing.changeMeeting', { ...facts, authorId: m.loggedById }),
				/** Earlier versions, newest first: who changed it and when. */
				earlier: revisions.filter((r) => r.meetingId === m.id && r.reason === 'edit').map(version)
			})),
			/** Agreed actions: open first (earliest due first), then done. */
			actions: actions.ofPairing(p, now),
			/** Meetings their author deleted, with what they said. */
			deletedMeetings: revisions.filter((r) => r.reason === 'delete').map(version),
			booking: booking
				? { startsAt: booking.startsAt, endsAt: booking.endsAt, mode: booking.mode, location: booking.location, link: meetingLink(booking.location), sequence: booking.sequence, past: booking.startsAt <= now }
				: null,
			myFeedback: mine ? { rating: mine.rating, comment: mine.comment } : null,
			feedbackWanted: p.status !== 'active' && !mine
		}
	};
}

/** Loads a pairing the actor may change as one of the pair (404 otherwise). */
function forPair(actor: Actor, id: number, action: 'pairing.edit' | 'pairing.logMeeting' = 'pairing.edit'): Pairing {
	const p = pairingById(id);
	if (!p) notFound();
	authorize(actor, action, pairFacts(p), { hide: true });
	return p;
}

const CLOSED = 'This mentoring has closed, so it cannot be changed.';

/** Adds a goal. */
export function addGoal(actor: Actor, pairingId: number, text: string, now = Date.now()): Outcome {
	const p = forPair(actor, pairingId);
	if (p.status !== 'active') return refuse(CLOSED);
	const count = db.select({ id: pairingGoal.id }).from(pairingGoal).where(eq(pairingGoal.pairingId, p.id)).all().length;
	if (count >= MAX_GOALS) return refuse(`A pairing can have up to ${MAX_GOALS} goals. Remove one you no longer need first.`, 'text');
	db.insert(pairingGoal).values({ pairingId: p.id, text, status: 'not-started', createdAt: now, updatedAt: now }).run();
	return { ok: true };
}

/** Sets a goal's status. */
export function setGoalStatus(actor: Actor, pairingId: number, goalId: number, status: 'not-started' | 'in-progress' | 'done', now = Date.now()): Outcome {
	const p = forPair(actor, pairingId);
	if (p.status !== 'active') return refuse(CLOSED);
	const changed = db.update(pairingGoal).set({ status, updatedAt: now }).where(and(eq(pairingGoal.id, goalId), eq(pairingGoal.pairingId, p.id))).run().changes;
	return changed ? { ok: true } : refuse('That goal no longer exists.');
}

/** Removes a goal. */
export function removeGoal(actor: Actor, pairingId: number, goalId: number): Outcome {
	const p = forPair(actor, pairingId);
	if (p.status !== 'active') return refuse(CLOSED);
	const changed = db.delete(pairingGoal).where(and(eq(pairingGoal.id, goalId), eq(pairingGoal.pairingId, p.id))).run().changes;
	return changed ? { ok: true } : refuse('That goal no longer exists.');
}

/** Changes the meeting rhythm and the end date (extending or shortening the mentoring). */
export function updateSettings(actor: Actor, pairingId: number, input: { rhythmWeeks: number; endsOn: string }, now = Date.now()): Outcome {
	const p = forPair(actor, pairingId);
	if (p.status !== 'active') return refuse(CLOSED);
	if (![2, 4, 6].includes(input.rhythmWeeks)) return refuse('Choose how often you will meet', 'rhythmWeeks');
	if (input.endsOn <= p.startsOn) return refuse(`Enter an end date after the start date, ${dateWords(p.startsOn)}`, 'endsOn');
	if (input.endsOn < today(now)) return refuse('Enter an end date that is today or later', 'endsOn');
	const latest = addMonths(p.startsOn, MAX_LENGTH_MONTHS);
	if (input.endsOn > latest) return refuse(`Enter an end date no later than ${dateWords(latest)} (two years from the start)`, 'endsOn');
	db.update(pairing).set({ rhythmWeeks: input.rhythmWeeks, endsOn: input.endsOn, updatedAt: now }).where(eq(pairing.id, p.id)).run();
	return { ok: true };
}

/**
 * Closes a pairing as completed or ended early — by the mentor or mentee (with their feedback) or
 * by the region's coordinator or an admin. Cancels a booked meeting and asks whoever has not
 * given feedback for it.
 */
export function close(
	actor: Actor,
	pairingId: number,
	input: { outcome: 'completed' | 'ended-early'; rating?: number; comment?: string },
	now = Date.now()
): Outcome {
	const p = pairingById(pairingId);
	if (!p) notFound();
	authorize(actor, 'pairing.close', pairFacts(p), { hide: true });
	const mySide = sideOf(actor, p);
	if (mySide && input.rating == null) return refuse('Choose a rating from 1 to 5', 'rating');
	const done = immediate((): Outcome => {
		const fresh = pairingById(pairingId)!;
		if (fresh.status !== 'active') return refuse('This mentoring has already closed.');
		db.update(pairing).set({ status: input.outcome, closedAt: now, closedById: actor.id, updatedAt: now }).where(eq(pairing.id, p.id)).run();
		if (mySide && input.rating != null) {
			db.insert(pairingFeedback).values({ pairingId: p.id, side: mySide, memberId: actor.id, rating: input.rating, comment: input.comment ?? '', createdAt: now }).run();
		}
		return { ok: true };
	});
	if (!done.ok) return done;
	cancelBooking(p.id, now);
	const who = people([p.mentorId, p.menteeId, actor.id]);
	const closer = who.get(actor.id)?.name ?? 'Your coordinator';
	for (const [id, otherId] of [
		[p.mentorId, p.menteeId],
		[p.menteeId, p.mentorId]
	] as const) {
		if (id == null || id === actor.id) continue;
		const to = who.get(id);
		if (to) notify.feedbackWanted(p.id, to, otherId != null ? (who.get(otherId) ?? null) : null, closer, now);
	}
	audit.record({ actorId: actor.id, action: 'mentoring.pairing-closed', subjectType: 'pairing', subjectId: p.id, regionId: p.regionId, detail: { outcome: input.outcome } }, now);
	return { ok: true };
}

/** The mentor's or mentee's feedback on a closed pairing: a rating 1–5 and a comment, once. */
export function giveFeedback(actor: Actor, pairingId: number, input: { rating: number; comment: string }, now = Date.now()): Outcome {
	const p = forPair(actor, pairingId);
	if (p.status === 'active') return refuse('You can give feedback once the mentoring has closed.');
	const mySide = sideOf(actor, p)!;
	const inserted = db
		.insert(pairingFeedback)
		.values({ pairingId: p.id, side: mySide, memberId: actor.id, rating: input.rating, comment: input.comment, createdAt: now })
		.onConflictDoNothing()
		.run().changes;
	return inserted ? { ok: true } : refuse('You have already given feedback on this mentoring.');
}

const ofMemberQuery = prepared(() => {
	const memberId = sql.placeholder('memberId');
	return db
		.select()
		.from(pairing)
		.where(or(eq(pairing.mentorId, memberId), eq(pairing.menteeId, memberId)))
		.orderBy(desc(pairing.createdAt), desc(pairing.id))
		.prepare();
});

/** Pairings this member is or was part of (as mentor or mentee), newest first. */
export function ofMember(memberId: number) {
	return ofMemberQuery().all({ memberId });
}


/** Who is in each pairing, by id (for the audit trail; unknown ids are left out). */
export function membersOf(ids: number[]): Map<number, { mentorId: number | null; menteeId: number | null }> {
	if (ids.length === 0) return new Map();
	return new Map(
		db
			.select({ id: pairing.id, mentorId: pairing.mentorId, menteeId: pairing.menteeId })
			.from(pairing)
			.where(inArray(pairing.id, ids))
			.all()
			.map((r) => [r.id, { mentorId: r.mentorId, menteeId: r.menteeId }])
	);
}
