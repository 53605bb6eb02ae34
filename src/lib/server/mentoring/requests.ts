/** Requests for a mentor: a member's goals, focus topics and preferences. */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { db, prepared } from '../db/client';
import { mentorRequest, mentoringProposal, pairing, type MentorRequest } from '../db/schema';
import { authorize, type Actor } from '../auth/policy';
import { people, person, refuse, type Outcome } from './store';
import * as notify from './notify';
import type { RequestForm } from './schemas';
import { CORE_TOPICS, POSITIONS, TOPICS, label } from '../../vocab';
import { formatDate } from '../../time';

const currentQuery = prepared(() =>
	db
		.select()
		.from(mentorRequest)
		.where(and(eq(mentorRequest.memberId, sql.placeholder('memberId')), inArray(mentorRequest.status, ['open', 'proposed'])))
		.orderBy(desc(mentorRequest.id))
		.limit(1)
		.prepare()
);

/** The actor's live request (open, or with a proposal waiting for answers), or null. */
export function current(actor: Actor): MentorRequest | null {
	authorize(actor, 'mentoring.request', {});
	return currentQuery().get({ memberId: actor.id }) ?? null;
}

/** Whether the actor is a mentee in an active pairing now. */
export function hasActiveMentor(memberId: number): boolean {
	return !!db
		.select({ id: pairing.id })
		.from(pairing)
		.where(and(eq(pairing.menteeId, memberId), eq(pairing.status, 'active')))
		.get();
}

/**
 * What the request page needs: whether the member can ask now ('new' or 'open' to change it;
 * 'has-mentor' or 'proposed' when they cannot), the form's starting values, and the kind of
 * their authority (for "a similar kind of authority to mine").
 */
export function formContext(actor: Actor, opts: { fromProfile?: boolean } = {}) {
	const r = current(actor);
	const me = person(actor.id);
	const state: 'has-mentor' | 'proposed' | 'open' | 'new' = hasActiveMentor(actor.id) ? 'has-mentor' : r?.status === 'proposed' ? 'proposed' : r ? 'open' : 'new';
	const values = r
		? { goals: r.goals, focusTopics: r.focusTopics, regionPref: r.regionPref, partyPref: r.partyPref, kindPref: r.kindPref, meetingModes: r.meetingModes }
		: opts.fromProfile && me
			? fromProfile(me)
			: { goals: '', focusTopics: [] as string[], regionPref: '', partyPref: '', kindPref: '', meetingModes: [] as string[] };
	return { state, values, authorityKind: me?.authorityKind ?? null, regionName: me?.regionName ?? '', party: me?.party ?? null };
}

/**
 * A first request started from what the member's profile says (the "ask for a mentor" step of a
 * new member's first 100 days): who they are and since when, and the core topics their profile
 * does not list as expertise. The member changes it before sending.
 */
function fromProfile(me: NonNullable<ReturnType<typeof person>>) {
	const since = me.inRoleSince ? ` (in the role since ${formatDate(Date.parse(`${me.inRoleSince}T12:00:00Z`))})` : '';
	const focusTopics: string[] = CORE_TOPICS.filter((t) => !me.expertise.includes(t)).slice(0, 3);
	const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s);
	const goals = [`Find my feet as ${label(POSITIONS, me.position)} at ${me.authorityName}${since}`, ...focusTopics.map((t) => `Get to grips with ${lowerFirst(label(TOPICS, t))}`)].join('\n');
	return { goals, focusTopics, regionPref: 'any', partyPref: 'any', kindPref: 'similar', meetingModes: ['online'] as string[] };
}

/**
 * Asks for a mentor, or changes the open request. Refused while the member has a mentor, or
 * while a proposed match is waiting for answers. A new request is emailed to the region's
 * coordinators who want it at once (notify.mentorRequested); the others see it in their digest.
 */
export function submit(actor: Actor, input: RequestForm, now = Date.now()): Outcome<{ id: number; created: boolean }> {
	authorize(actor, 'mentoring.request', {});
	if (hasActiveMentor(actor.id)) return refuse('You already have a mentor. Close your current mentoring before asking for another.');
	const values = {
		goals: input.goals,
		focusTopics: [...new Set(input.focusTopics)],
		regionPref: input.regionPref,
		partyPref: input.partyPref,
		kindPref: input.kindPref,
		meetingModes: [...new Set(input.meetingModes)],
		updatedAt: now
	};
	const live = current(actor);
	if (live?.status === 'proposed') {
		return refuse('A mentor has been proposed for you and is waiting for your answer. Answer the proposal before changing your request.');
	}
	if (live) {
		db.update(mentorRequest).set(values).where(eq(mentorRequest.id, live.id)).run();
		return { ok: true, id: live.id, created: false };
	}
	const row = db
		.insert(mentorRequest)
		.values({ memberId: actor.id, regionId: actor.regionId, ...values, status: 'open', createdAt: now })
		.returning({ id: mentorRequest.id })
		.get();
	const mentee = person(actor.id);
	if (mentee) notify.mentorRequested({ id: row.id, regionId: actor.regionId, createdAt: now, focusTopics: values.focusTopics }, mentee, now);
	return { ok: true, id: row.id, created: true };
}

/** Withdraws the actor's live request (and any proposal waiting on it). */
export function withdraw(actor: Actor, now = Date.now()): Outcome {
	authorize(actor, 'mentoring.request', {});
	const live = current(actor);
	if (!live) return refuse('You have no request for a mentor to withdraw.');
	const waiting = db
		.select()
		.from(mentoringProposal)
		.where(and(eq(mentoringProposal.requestId, live.id), eq(mentoringProposal.status, 'awaiting')))
		.all();
	db.transaction(() => {
		db.update(mentorRequest).set({ status: 'withdrawn', withdrawnAt: now, updatedAt: now }).where(eq(mentorRequest.id, live.id)).run();
		db.update(mentoringProposal)
			.set({ status: 'withdrawn', decidedAt: now })
			.where(and(eq(mentoringProposal.requestId, live.id), eq(mentoringProposal.status, 'awaiting')))
			.run();
	});
	for (const p of waiting) {
		const who = people([p.mentorId, p.menteeId]);
		const mentor = who.get(p.mentorId);
		const mentee = who.get(p.menteeId);
		if (mentor && mentee) notify.requestWithdrawn(p.id, mentor, mentee, now);
	}
	return { ok: true };
}

/**
 * A member moved region (an approved change of authority): their open request moves with them,
 * so the new region's coordinator matches it. A request with a proposal waiting for answers stays
 * with the proposal. Returns how many moved.
 */
export function followMember(memberId: number, regionId: string, now = Date.now()): number {
	return db
		.update(mentorRequest)
		.set({ regionId, updatedAt: now })
		.where(and(eq(mentorRequest.memberId, memberId), eq(mentorRequest.status, 'open')))
		.run().changes;
}
