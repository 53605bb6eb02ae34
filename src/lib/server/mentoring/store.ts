/**
 * Queries the mentoring modules share: people with their authority, mentors' current load,
 * pairings and their latest and next meetings. Internal to the mentoring area.
 */
import { error } from '@sveltejs/kit';
import { and, eq, max, sql } from 'drizzle-orm';
import { db, inJson, jsonList, prepared } from '../db/client';
import { mentoringProposal, pairing, pairingBooking, pairingFeedback, pairingMeeting, type Pairing, type PairingBooking } from '../db/schema';
import * as members from '../network/members';
import { isoDate } from '../../time';
import type { AuthorityKind } from '../../vocab';

/** An expected failure: a message for the person (and the form field it belongs to). */
export type Outcome<T extends object = object> = ({ ok: true } & T) | { ok: false; message: string; field?: string };

/** A failed outcome. */
export function refuse(message: string, field?: string): { ok: false; message: string; field?: string } {
	return field ? { ok: false, message, field } : { ok: false, message };
}

/** Throws SvelteKit's 404 (unknown things and things the actor may not see look the same). */
export function notFound(): never {
	error(404, 'Page not found');
}

/** The London calendar date of an instant. */
export function today(now: number): string {
	return isoDate(now);
}

/** A member as mentoring shows them: the network's person, with `active` for `deactivatedAt`. */
export type Person = Omit<members.Person, 'authorityKind' | 'deactivatedAt'> & { authorityKind: AuthorityKind; active: boolean };

/** Members by id, with their authority and region (from the network area). */
export function people(ids: (number | null | undefined)[]): Map<number, Person> {
	const out = new Map<number, Person>();
	for (const [id, p] of members.people(ids)) {
		const { deactivatedAt, ...rest } = p;
		out.set(id, { ...rest, authorityKind: p.authorityKind as AuthorityKind, active: deactivatedAt == null });
	}
	return out;
}

/** One member, or null. */
export function person(id: number | null | undefined): Person | null {
	if (id == null) return null;
	return people([id]).get(id) ?? null;
}

/** What a pairing's member shows as when their account is gone. */
export const FORMER_MEMBER = 'Former member';


const activeLoadQuery = (mentors: boolean) =>
	db
		.select({ id: pairing.mentorId, n: sql<number>`count(*)` })
		.from(pairing)
		.where(and(eq(pairing.status, 'active'), mentors ? inJson(pairing.mentorId, 'ids') : undefined))
		.groupBy(pairing.mentorId)
		.prepare();
const waitingLoadQuery = (mentors: boolean) =>
	db
		.select({ id: mentoringProposal.mentorId, n: sql<number>`count(*)` })
		.from(mentoringProposal)
		.where(and(eq(mentoringProposal.status, 'awaiting'), mentors ? inJson(mentoringProposal.mentorId, 'ids') : undefined))
		.groupBy(mentoringProposal.mentorId)
		.prepare();
const loadsOf = { active: prepared(() => activeLoadQuery(true)), waiting: prepared(() => waitingLoadQuery(true)) };
const loadsOfAll = { active: prepared(() => activeLoadQuery(false)), waiting: prepared(() => waitingLoadQuery(false)) };

/**
 * How many mentees each mentor has now: active pairings plus proposals waiting for answers
 * (a confirmed proposal holds its place). All mentors when `mentorIds` is not given.
 */
export function mentorLoads(mentorIds?: number[]): Map<number, number> {
	const out = new Map<number, number>();
	if (mentorIds && mentorIds.length === 0) return out;
	const q = mentorIds ? loadsOf : loadsOfAll;
	const params = { ids: jsonList(mentorIds ?? []) };
	const pairs = q.active().all(params);
	const waiting = q.waiting().all(params);
	for (const r of [...pairs, ...waiting]) if (r.id != null) out.set(r.id, (out.get(r.id) ?? 0) + Number(r.n));
	return out;
}

/** One mentor's current load. */
export function mentorLoad(mentorId: number): number {
	return mentorLoads([mentorId]).get(mentorId) ?? 0;
}

/** A pairing row, or null. */
export function pairingById(id: number): Pairing | null {
	if (!Number.isSafeInteger(id) || id <= 0) return null;
	return db.select().from(pairing).where(eq(pairing.id, id)).get() ?? null;
}

/** The facts the policy needs about a pairing (a deleted member's side matches no one). */
export function pairFacts(p: Pick<Pairing, 'mentorId' | 'menteeId' | 'regionId'>) {
	return { mentorId: p.mentorId ?? -1, menteeId: p.menteeId ?? -1, regionId: p.regionId };
}

const lastMeetingsQuery = prepared(() =>
	db
		.select({ id: pairingMeeting.pairingId, last: max(pairingMeeting.heldOn) })
		.from(pairingMeeting)
		.where(inJson(pairingMeeting.pairingId, 'ids'))
		.groupBy(pairingMeeting.pairingId)
		.prepare()
);

/** The date of each pairing's latest logged meeting. */
export function lastMeetings(pairingIds: number[]): Map<number, string> {
	const out = new Map<number, string>();
	if (pairingIds.length === 0) return out;
	for (const r of lastMeetingsQuery().all({ ids: jsonList(pairingIds) })) if (r.last) out.set(r.id, r.last);
	return out;
}

const bookingsQuery = prepared(() =>
	db
		.select()
		.from(pairingBooking)
		.where(and(inJson(pairingBooking.pairingId, 'ids'), eq(pairingBooking.status, 'booked')))
		.prepare()
);

/** Each pairing's booked (not cancelled, not yet logged) next meeting. */
export function bookings(pairingIds: number[]): Map<number, PairingBooking> {
	const out = new Map<number, PairingBooking>();
	if (pairingIds.length === 0) return out;
	for (const r of bookingsQuery().all({ ids: jsonList(pairingIds) })) out.set(r.pairingId, r);
	return out;
}

/** Full years since a 'YYYY-MM-DD' date (e.g. years in the role), or null when unknown. */
export function yearsSince(date: string | null, now: number): number | null {
	if (!date) return null;
	const ms = Date.parse(`${date}T00:00:00Z`);
	if (Number.isNaN(ms)) return null;
	return Math.max(0, Math.floor((now - ms) / (365.25 * 86_400_000)));
}

const feedbackGivenQuery = prepared(() =>
	db
		.select({ id: pairingFeedback.pairingId })
		.from(pairingFeedback)
		.where(and(inJson(pairingFeedback.pairingId, 'ids'), eq(pairingFeedback.memberId, sql.placeholder('memberId'))))
		.prepare()
);

/** Which of some pairings the member has given feedback on. */
export function feedbackGiven(memberId: number, pairingIds: number[]): Set<number> {
	if (pairingIds.length === 0) return new Set();
	return new Set(feedbackGivenQuery().all({ ids: jsonList(pairingIds), memberId }).map((r) => r.id));
}
