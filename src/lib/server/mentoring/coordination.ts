/**
 * The coordinator's side of mentoring: run the matcher over the region's open requests (admins:
 * every region), rule mentors out or swap one in and run it again, confirm matches, withdraw a
 * proposal, and the region's overview.
 *
 * Proposals are not stored until confirmed: every visit runs the matcher afresh over today's
 * requests, mentors and loads, with the coordinator's adjustments (exclusions and swaps) kept in
 * `match_adjustment`. Confirming re-checks the pair inside `BEGIN IMMEDIATE`, so two coordinators
 * confirming at once cannot push a mentor over capacity.
 */
import { and, desc, eq, inArray, isNotNull, sql, type AnyColumn } from 'drizzle-orm';
import { db, immediate, inJson, jsonList, prepared } from '../db/client';
import { matchAdjustment, mentorOffer, mentorRequest, mentoringProposal, pairing, pairingFeedback, type MentorOffer, type MentorRequest } from '../db/schema';
import { authorize, can, type Actor } from '../auth/policy';
import * as audit from '../auth/audit';
import { regions as allRegions } from '../network/authorities';
import { pageOf } from '../paging';
import { daysBetween } from '../../time';
import type { AuthorityKind, MeetingMode, Topic } from '../../vocab';
import { explain, isEligible, proposeMatches, scorePair, unmetWishes, type MatchMentor, type MatchRequest, type PairRef } from './matching';
import { inAttentionOrder, median, pairingHealth, type PairingState } from './health';
import { FORMER_MEMBER, mentorLoads, people, person, refuse, today, type Outcome, type Person } from './store';
import * as notify from './notify';

const DAY = 86_400_000;
/** How many other mentors the swap list offers per request. */
const ALTERNATIVES = 20;

/** The regions an actor may coordinate: a coordinator's own; for admins all, or the one asked for. */
export function regionsFor(actor: Actor, regionId: string | null): string[] {
	if (actor.role === 'admin') {
		const all = allRegions().map((r) => r.id);
		if (regionId && all.includes(regionId)) return [regionId];
		return all;
	}
	const own = actor.coordinatorRegionId;
	authorize(actor, 'mentoring.match', { regionId: regionId ?? own ?? '' });
	return [regionId ?? own!];
}

/** Whether the actor coordinates mentoring anywhere (coordinators and admins). */
export function canCoordinate(actor: Actor): boolean {
	return actor.role === 'admin' || (actor.coordinatorRegionId != null && can(actor, 'mentoring.match', { regionId: actor.coordinatorRegionId }));
}

// ---------------------------------------------------------------------------------------------
// What the matcher sees

function epoch(date: string | null): number | null {
	if (!date) return null;
	const ms = Date.parse(`${date}T00:00:00Z`);
	return Number.isNaN(ms) ? null : ms;
}

function asMatchRequest(r: MentorRequest, mentee: Person): MatchRequest {
	return {
		id: r.id,
		memberId: r.memberId,
		authorityId: mentee.authorityId,
		regionId: mentee.regionId,
		authorityKind: mentee.authorityKind,
		party: mentee.party,
		focusTopics: r.focusTopics as Topic[],
		regionPref: r.regionPref,
		partyPref: r.partyPref,
		kindPref: r.kindPref,
		meetingModes: r.meetingModes as MeetingMode[],
		createdAt: r.createdAt
	};
}

function asMatchMentor(o: MentorOffer, p: Person, load: number): MatchMentor {
	return {
		memberId: o.memberId,
		authorityId: p.authorityId,
		regionId: p.regionId,
		authorityKind: p.authorityKind as AuthorityKind,
		party: p.party,
		open: o.open && p.active,
		capacity: o.capacity,
		activeMentees: load,
		expertise: o.expertise as Topic[],
		regionScope: o.regionScope,
		inRoleSince: epoch(p.inRoleSince),
		meetingModes: o.meetingModes as MeetingMode[]
	};
}

type Pool = {
	requests: { row: MentorRequest; mentee: Person; match: MatchRequest }[];
	mentors: Map<number, { offer: MentorOffer; person: Person; load: number; match: MatchMentor }>;
	exclude: PairRef[];
	fixed: PairRef[];
	declined: Set<string>;
};

/** `column IN (the regions)`, the regions bound as one JSON array (`regions`). */
const inRegions = (column: AnyColumn) => inJson(column, 'regions');

/** Open requests of the regions, oldest first, whoever made them (the workbench and the overview). */
const openRequestsQuery = prepared(() =>
	db
		.select()
		.from(mentorRequest)
		.where(and(eq(mentorRequest.status, 'open'), inRegions(mentorRequest.regionId)))
		.orderBy(mentorRequest.createdAt, mentorRequest.id)
		.prepare()
);

/** Open requests of the regions (active members only), oldest first. */
function openRequests(regionIds: string[]) {
	const rows = openRequestsQuery().all({ regions: jsonList(regionIds) });
	const who = people(rows.map((r) => r.memberId));
	return rows.flatMap((row) => {
		const mentee = who.get(row.memberId);
		return mentee?.active ? [{ row, mentee, match: asMatchRequest(row, mentee) }] : [];
	});
}

/** Every open offer of an active member, with current loads. */
function openMentors() {
	const offers = db.select().from(mentorOffer).where(eq(mentorOffer.open, true)).all();
	const who = people(offers.map((o) => o.memberId));
	const loads = mentorLoads();
	const out: Pool['mentors'] = new Map();
	for (const offer of offers) {
		const p = who.get(offer.memberId);
		if (!p?.active) continue;
		const load = loads.get(offer.memberId) ?? 0;
		out.set(offer.memberId, { offer, person: p, load, match: asMatchMentor(offer, p, load) });
	}
	return out;
}

function pool(regionIds: string[]): Pool {
	const requests = openRequests(regionIds);
	const ids = requests.map((r) => r.row.id);
	const adjustments = ids.length ? db.select().from(matchAdjustment).where(inArray(matchAdjustment.requestId, ids)).all() : [];
	const declinedRows = ids.length
		? db
				.select({ requestId: mentoringProposal.requestId, mentorId: mentoringProposal.mentorId })
				.from(mentoringProposal)
				.where(and(inArray(mentoringProposal.requestId, ids), eq(mentoringProposal.status, 'declined')))
				.all()
		: [];
	const exclude: PairRef[] = [
		...adjustments.filter((a) => a.kind === 'exclude').map((a) => ({ requestId: a.requestId, mentorMemberId: a.mentorId })),
		...declinedRows.map((d) => ({ requestId: d.requestId, mentorMemberId: d.mentorId }))
	];
	const fixed = adjustments.filter((a) => a.kind === 'fix').map((a) => ({ requestId: a.requestId, mentorMemberId: a.mentorId }));
	return { requests, mentors: openMentors(), exclude, fixed, declined: new Set(declinedRows.map((d) => `${d.requestId}:${d.mentorId}`)) };
}

// ---------------------------------------------------------------------------------------------
// The workbench

/** A member in a list: enough to recognise them. */
export type PersonLine = { id: number; name: string; authorityName: string; regionName: string; position: string };

function line(p: Person): PersonLine {
	return { id: p.id, name: p.name, authorityName: p.authorityName, regionName: p.regionName, position: p.position };
}

export type WorkbenchItem = {
	request: {
		id: number;
		createdAt: number;
		waitingDays: number;
		focusTopics: string[];
		regionPref: string;
		partyPref: string;
		kindPref: string;
		meetingModes: string[];
	};
	mentee: PersonLine & { authorityKind: string; party: string | null };
	proposal: {
		mentor: PersonLine & { load: number; capacity: number; availability: string };
		score: number;
		explanation: string;
		/** What the mentee asked for and this mentor does not give ("own party — the mentor is from another party"). */
		unmet: string[];
		chosen: boolean;
	} | null;
	excluded: { mentorId: number; name: string; declined: boolean }[];
	alternatives: { mentorId: number; name: string; authorityName: string; regionName: string; score: number; room: number; unmet: number }[];
};

/**
 * The matcher's best set of pairs for the open requests of the actor's region (admins: every
 * region, or one), with each pair's explanation, the mentors ruled out, and the other eligible
 * mentors to swap in.
 */
export function workbench(actor: Actor, regionId: string | null, now = Date.now()): { regionIds: string[]; items: WorkbenchItem[] } {
	const regionIds = regionsFor(actor, regionId);
	const p = pool(regionIds);
	const mentorList = [...p.mentors.values()];
	const proposals = proposeMatches(
		p.requests.map((r) => r.match),
		mentorList.map((m) => m.match),
		now,
		{ exclude: p.exclude, fixed: p.fixed }
	);
	const byRequest = new Map(proposals.map((x) => [x.requestId, x]));
	const fixedKeys = new Set(p.fixed.map((f) => `${f.requestId}:${f.mentorMemberId}`));
	const excludedKeys = new Set(p.exclude.map((e) => `${e.requestId}:${e.mentorMemberId}`));
	const excludedPeople = people(p.exclude.map((e) => e.mentorMemberId));

	const items = p.requests.map(({ row, mentee, match }): WorkbenchItem => {
		const chosen = byRequest.get(row.id);
		const m = chosen ? p.mentors.get(chosen.mentorMemberId) : undefined;
		const alternatives = mentorList
			.filter((x) => x.offer.memberId !== chosen?.mentorMemberId && !excludedKeys.has(`${row.id}:${x.offer.memberId}`) && isEligible(match, x.match).ok)
			.map((x) => ({
				mentorId: x.offer.memberId,
				name: x.person.name,
				authorityName: x.person.authorityName,
				regionName: x.person.regionName,
				score: scorePair(match, x.match, now).score,
				room: x.offer.capacity - x.load,
				unmet: unmetWishes(match, x.match).length
			}))
			.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
			.slice(0, ALTERNATIVES);
		return {
			request: {
				id: row.id,
				createdAt: row.createdAt,
				waitingDays: Math.max(0, daysBetween(row.createdAt, now)),
				focusTopics: row.focusTopics,
				regionPref: row.regionPref,
				partyPref: row.partyPref,
				kindPref: row.kindPref,
				meetingModes: row.meetingModes
			},
			mentee: { ...line(mentee), authorityKind: mentee.authorityKind, party: mentee.party },
			proposal:
				chosen && m
					? {
							mentor: { ...line(m.person), load: m.load, capacity: m.offer.capacity, availability: m.offer.availability },
							score: chosen.score,
							explanation: chosen.explanation,
							unmet: unmetWishes(match, m.match),
							chosen: fixedKeys.has(`${row.id}:${chosen.mentorMemberId}`)
						}
					: null,
			excluded: p.exclude
				.filter((e) => e.requestId === row.id)
				.map((e) => ({
					mentorId: e.mentorMemberId,
					name: excludedPeople.get(e.mentorMemberId)?.name ?? FORMER_MEMBER,
					declined: p.declined.has(`${e.requestId}:${e.mentorMemberId}`)
				})),
			alternatives
		};
	});
	return { regionIds, items };
}

/** Loads an open request the actor may match, or refuses (404 when it is not theirs to see). */
function matchableRequest(actor: Actor, requestId: number): Outcome<{ request: MentorRequest }> {
	const request = db.select().from(mentorRequest).where(eq(mentorRequest.id, requestId)).get();
	if (!request) return refuse('That request for a mentor no longer exists.');
	authorize(actor, 'mentoring.match', { regionId: request.regionId }, { hide: true });
	if (request.status !== 'open') return refuse(requestStatusMessage(request));
	return { ok: true, request };
}

function requestStatusMessage(r: MentorRequest): string {
	const who = person(r.memberId)?.name ?? 'This member';
	if (r.status === 'proposed') return `${who} already has a proposed mentor waiting for answers.`;
	if (r.status === 'matched') return `${who} already has a mentor.`;
	return `${who} has withdrawn their request.`;
}

/** Rules a mentor out for a request (the next run finds someone else). */
export function exclude(actor: Actor, requestId: number, mentorId: number, now = Date.now()): Outcome {
	const found = matchableRequest(actor, requestId);
	if (!found.ok) return found;
	db.insert(matchAdjustment)
		.values({ requestId, mentorId, kind: 'exclude', byId: actor.id, createdAt: now })
		.onConflictDoUpdate({ target: [matchAdjustment.requestId, matchAdjustment.mentorId], set: { kind: 'exclude', byId: actor.id, createdAt: now } })
		.run();
	return { ok: true };
}

/** Lets a ruled-out mentor be proposed again. */
export function allow(actor: Actor, requestId: number, mentorId: number): Outcome {
	const found = matchableRequest(actor, requestId);
	if (!found.ok) return found;
	db.delete(matchAdjustment).where(and(eq(matchAdjustment.requestId, requestId), eq(matchAdjustment.mentorId, mentorId), eq(matchAdjustment.kind, 'exclude'))).run();
	return { ok: true };
}

/** Swaps a chosen mentor in for a request; the rest is matched around the choice. */
export function swapIn(actor: Actor, requestId: number, mentorId: number, now = Date.now()): Outcome {
	const found = matchableRequest(actor, requestId);
	if (!found.ok) return found;
	const mentee = person(found.request.memberId);
	const m = mentorFor(mentorId);
	if (!mentee || !m) return refuse('That member has not offered to mentor.', 'mentorId');
	const check = isEligible(asMatchRequest(found.request, mentee), m.match);
	if (!check.ok) return refuse(`${m.person.name}: ${lowerFirst(check.reason)}.`, 'mentorId');
	immediate(() => {
		db.delete(matchAdjustment).where(and(eq(matchAdjustment.requestId, requestId), eq(matchAdjustment.kind, 'fix'))).run();
		db.insert(matchAdjustment)
			.values({ requestId, mentorId, kind: 'fix', byId: actor.id, createdAt: now })
			.onConflictDoUpdate({ target: [matchAdjustment.requestId, matchAdjustment.mentorId], set: { kind: 'fix', byId: actor.id, createdAt: now } })
			.run();
	});
	return { ok: true };
}

/** Forgets every exclusion and swap for a request. */
export function reset(actor: Actor, requestId: number): Outcome {
	const found = matchableRequest(actor, requestId);
	if (!found.ok) return found;
	db.delete(matchAdjustment).where(eq(matchAdjustment.requestId, requestId)).run();
	return { ok: true };
}

function lowerFirst(s: string): string {
	return s.charAt(0).toLowerCase() + s.slice(1);
}

/** A mentor's offer and profile with their load now, or null when they have no offer. */
function mentorFor(mentorId: number) {
	const offer = db.select().from(mentorOffer).where(eq(mentorOffer.memberId, mentorId)).get();
	const p = person(mentorId);
	if (!offer || !p) return null;
	const load = mentorLoads([mentorId]).get(mentorId) ?? 0;
	return { offer, person: p, load, match: asMatchMentor(offer, p, load) };
}

function eligibilityMessage(reason: string, mentorName: string): string {
	return `${reason.replace(/^The mentor/, mentorName)}. Run matching again to find someone else.`;
}

export type Confirmed = { requestId: number; proposalId: number; mentorName: string; menteeName: string };

/**
 * Confirms one match: inside BEGIN IMMEDIATE it re-reads the request and the mentor's load and
 * applies the hard rules again, so a mentor never goes over capacity however many coordinators
 * confirm at once. Emails both sides (as their preferences allow).
 */
export function confirmOne(actor: Actor, ref: { requestId: number; mentorId: number }, now = Date.now()): Outcome<Confirmed> {
	const result = immediate((): Outcome<Confirmed & { regionId: string }> => {
		const found = matchableRequest(actor, ref.requestId);
		if (!found.ok) return found;
		const request = found.request;
		const mentee = person(request.memberId);
		if (!mentee?.active) return refuse('This member’s account is no longer active.');
		const m = mentorFor(ref.mentorId);
		if (!m) return refuse('That member has not offered to mentor.');
		const req = asMatchRequest(request, mentee);
		const check = isEligible(req, m.match);
		if (!check.ok) return refuse(eligibilityMessage(check.reason, m.person.name));
		const { score, reasons } = scorePair(req, m.match, now);
		const explanation = explain(reasons);
		const proposal = db
			.insert(mentoringProposal)
			.values({
				requestId: request.id,
				mentorId: m.offer.memberId,
				menteeId: mentee.id,
				regionId: request.regionId,
				score,
				explanation,
				status: 'awaiting',
				confirmedById: actor.id,
				createdAt: now
			})
			.returning({ id: mentoringProposal.id })
			.get();
		db.update(mentorRequest).set({ status: 'proposed', updatedAt: now }).where(eq(mentorRequest.id, request.id)).run();
		db.delete(matchAdjustment).where(eq(matchAdjustment.requestId, request.id)).run();
		const coordinatorName = person(actor.id)?.name ?? 'Your coordinator';
		notify.proposalConfirmed({ id: proposal.id, explanation }, m.person, mentee, coordinatorName, now);
		return { ok: true, requestId: request.id, proposalId: proposal.id, mentorName: m.person.name, menteeName: mentee.name, regionId: request.regionId };
	});
	if (!result.ok) return result;
	audit.record(
		{ actorId: actor.id, action: 'mentoring.proposal-confirmed', subjectType: 'mentoring_proposal', subjectId: result.proposalId, regionId: result.regionId, detail: { requestId: ref.requestId, mentorId: ref.mentorId } },
		now
	);
	const { regionId: _r, ...confirmed } = result;
	return confirmed;
}

/** Confirms several matches, each on its own; returns what was confirmed and what was refused and why. */
export function confirm(actor: Actor, refs: { requestId: number; mentorId: number }[], now = Date.now()) {
	const confirmed: Confirmed[] = [];
	const refused: { requestId: number; message: string }[] = [];
	for (const ref of refs) {
		const r = confirmOne(actor, ref, now);
		if (r.ok) confirmed.push(r);
		else refused.push({ requestId: ref.requestId, message: r.message });
	}
	return { confirmed, refused };
}

/** Withdraws a proposal still waiting for answers; the request goes back in the pool. */
export function withdrawProposal(actor: Actor, proposalId: number, now = Date.now()): Outcome {
	const result = immediate((): Outcome<{ mentorId: number; menteeId: number; regionId: string }> => {
		const p = db.select().from(mentoringProposal).where(eq(mentoringProposal.id, proposalId)).get();
		if (!p) return refuse('That proposal no longer exists.');
		authorize(actor, 'mentoring.match', { regionId: p.regionId }, { hide: true });
		if (p.status !== 'awaiting') return refuse(`This proposal has already been ${p.status}.`);
		db.update(mentoringProposal).set({ status: 'withdrawn', decidedAt: now }).where(eq(mentoringProposal.id, p.id)).run();
		db.update(mentorRequest).set({ status: 'open', updatedAt: now }).where(and(eq(mentorRequest.id, p.requestId), eq(mentorRequest.status, 'proposed'))).run();
		return { ok: true, mentorId: p.mentorId, menteeId: p.menteeId, regionId: p.regionId };
	});
	if (!result.ok) return result;
	const who = people([result.mentorId, result.menteeId]);
	const mentor = who.get(result.mentorId);
	const mentee = who.get(result.menteeId);
	if (mentor && mentee) notify.proposalWithdrawn(proposalId, mentor, mentee, now);
	audit.record({ actorId: actor.id, action: 'mentoring.proposal-withdrawn', subjectType: 'mentoring_proposal', subjectId: proposalId, regionId: result.regionId }, now);
	return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// The region at a glance
//
// One request of the coordination page runs a handful of prepared statements, whatever the size
// of the region: the region's lists are chosen by `region_id IN (SELECT value FROM json_each(?))`
// (one statement for one region or all of them), the figures are counted in SQL, and names are
// looked up only for the rows the page shows.

export type RatingLine = { rating: number; comment: string } | null;

/** Closed pairings listed on the coordination page unless all are asked for (a region closes hundreds over the years). */
export const CLOSED_SHOWN = 30;

/** Active pairings per page of the coordination page (those needing attention come first). */
export const ACTIVE_PER_PAGE = 25;

const CLOSED_STATUSES = ['completed', 'ended-early'] as const;

const awaitingQuery = prepared(() =>
	db
		.select({
			id: mentoringProposal.id,
			mentorId: mentoringProposal.mentorId,
			menteeId: mentoringProposal.menteeId,
			createdAt: mentoringProposal.createdAt,
			mentorAnswer: mentoringProposal.mentorAnswer,
			menteeAnswer: mentoringProposal.menteeAnswer
		})
		.from(mentoringProposal)
		.where(and(eq(mentoringProposal.status, 'awaiting'), inRegions(mentoringProposal.regionId)))
		.orderBy(mentoringProposal.createdAt, mentoringProposal.id)
		.prepare()
);

/** Every active pairing of the regions with the date of its latest meeting: what the health rules need, no more. */
const activeQuery = prepared(() =>
	db
		.select({
			id: pairing.id,
			mentorId: pairing.mentorId,
			menteeId: pairing.menteeId,
			startsOn: pairing.startsOn,
			endsOn: pairing.endsOn,
			rhythmWeeks: pairing.rhythmWeeks,
			// Qualified by hand: drizzle leaves a one-table select's columns bare, and a bare "id" in
			// the subquery would be the meeting's. One seek of pairing_meeting_pairing_idx per pairing.
			lastMeetingOn: sql<string | null>`(select max("pairing_meeting"."held_on") from "pairing_meeting" where "pairing_meeting"."pairing_id" = "pairing"."id")`
		})
		.from(pairing)
		.where(and(eq(pairing.status, 'active'), inRegions(pairing.regionId)))
		.prepare()
);

/** How many pairings of the regions have closed, and their ratings' count and sum. */
const closedFiguresQuery = prepared(() =>
	db
		.select({
			closed: sql<number>`count(distinct ${pairing.id})`,
			ratings: sql<number>`count(${pairingFeedback.rating})`,
			ratingSum: sql<number | null>`sum(${pairingFeedback.rating})`
		})
		.from(pairing)
		.leftJoin(pairingFeedback, eq(pairingFeedback.pairingId, pairing.id))
		.where(and(inArray(pairing.status, [...CLOSED_STATUSES]), inRegions(pairing.regionId)))
		.prepare()
);

/** The regions' closed pairings, the most recently closed first (`limit` -1 for all). */
const closedQuery = prepared(() =>
	db
		.select({ id: pairing.id, mentorId: pairing.mentorId, menteeId: pairing.menteeId, status: pairing.status, startsOn: pairing.startsOn, closedAt: pairing.closedAt })
		.from(pairing)
		.where(and(inArray(pairing.status, [...CLOSED_STATUSES]), inRegions(pairing.regionId)))
		.orderBy(desc(pairing.closedAt), desc(pairing.id))
		.limit(sql.placeholder('limit'))
		.prepare()
);

const feedbackQuery = prepared(() =>
	db
		.select({ pairingId: pairingFeedback.pairingId, side: pairingFeedback.side, rating: pairingFeedback.rating, comment: pairingFeedback.comment })
		.from(pairingFeedback)
		.where(inJson(pairingFeedback.pairingId, 'ids'))
		.prepare()
);

/** Milliseconds from request to match of each matched request of the regions (rows of one number). */
const timeToMatchQuery = prepared(() =>
	db
		.select({ ms: sql<number>`${mentorRequest.matchedAt} - ${mentorRequest.createdAt}` })
		.from(mentorRequest)
		.where(and(eq(mentorRequest.status, 'matched'), inRegions(mentorRequest.regionId), isNotNull(mentorRequest.matchedAt)))
		.prepare()
);

/** An active pairing as the coordination page lists it. */
export type ActiveLine = {
	id: number;
	mentor: string;
	mentee: string;
	startsOn: string;
	endsOn: string;
	lastMeetingOn: string | null;
	state: PairingState;
	dueBy: string | null;
};

/**
 * The coordinator's overview of their region (admins: every region, or one): open requests and
 * their age, proposals awaiting answers, active pairings on track or overdue, closed pairings with
 * ratings, and the median days from request to match. No goals or notes: those are the pair's.
 *
 * Active pairings come a page at a time (`page`, from 1; ACTIVE_PER_PAGE each), those needing
 * attention first (see `inAttentionOrder`); the counts cover them all. Closed pairings: the
 * CLOSED_SHOWN most recently closed, or all with `allClosed`.
 */
export function overview(actor: Actor, regionId: string | null, now = Date.now(), opts: { allClosed?: boolean; page?: number } = {}) {
	const regionIds = regionsFor(actor, regionId);
	const regions = jsonList(regionIds);
	const day = today(now);

	const requestRows = openRequestsQuery().all({ regions });
	const awaitingRows = awaitingQuery().all({ regions });

	// Every active pairing's state (cheap: one row each, no names), then one page of them.
	const states = inAttentionOrder(
		activeQuery()
			.all({ regions })
			.map((p) => {
				const health = pairingHealth({ status: 'active', startsOn: p.startsOn, endsOn: p.endsOn, rhythmWeeks: p.rhythmWeeks, lastMeetingOn: p.lastMeetingOn }, day);
				return { ...p, state: health.state, dueBy: health.dueBy };
			})
	);
	const count = (state: PairingState) => states.filter((p) => p.state === state).length;
	const attention = { overdue: count('overdue'), pastEnd: count('past-end'), endingSoon: count('ending-soon') };
	const { items: activeRows, paging: activePage } = pageOf(states, opts.page, ACTIVE_PER_PAGE);

	const figures = closedFiguresQuery().get({ regions });
	const closedRows = closedQuery().all({ regions, limit: opts.allClosed ? -1 : CLOSED_SHOWN });
	const feedback = closedRows.length ? feedbackQuery().all({ ids: jsonList(closedRows.map((p) => p.id)) }) : [];

	const who = people([
		...requestRows.map((r) => r.memberId),
		...awaitingRows.flatMap((p) => [p.mentorId, p.menteeId]),
		...activeRows.flatMap((p) => [p.mentorId, p.menteeId]),
		...closedRows.flatMap((p) => [p.mentorId, p.menteeId])
	]);
	const name = (id: number | null) => (id != null ? (who.get(id)?.name ?? FORMER_MEMBER) : FORMER_MEMBER);

	// Requests of members whose account has gone inactive wait outside the pool (as in matching).
	const requests = requestRows.flatMap((r) => {
		const mentee = who.get(r.memberId);
		if (!mentee?.active) return [];
		return [{ id: r.id, mentee: line(mentee), createdAt: r.createdAt, ageDays: Math.max(0, daysBetween(r.createdAt, now)), focusTopics: r.focusTopics }];
	});

	const active: ActiveLine[] = activeRows.map((p) => ({
		id: p.id,
		mentor: name(p.mentorId),
		mentee: name(p.menteeId),
		startsOn: p.startsOn,
		endsOn: p.endsOn,
		lastMeetingOn: p.lastMeetingOn,
		state: p.state,
		dueBy: p.dueBy
	}));

	const feedbackOf = new Map(feedback.map((f) => [`${f.pairingId}:${f.side}`, f]));
	const closed = closedRows.map((p) => {
		const of = (side: 'mentor' | 'mentee'): RatingLine => {
			const f = feedbackOf.get(`${p.id}:${side}`);
			return f ? { rating: f.rating, comment: f.comment } : null;
		};
		return { id: p.id, mentor: name(p.mentorId), mentee: name(p.menteeId), status: p.status, startsOn: p.startsOn, closedAt: p.closedAt, mentorFeedback: of('mentor'), menteeFeedback: of('mentee') };
	});

	const matched = timeToMatchQuery()
		.values({ regions })
		.map((r) => Number(r[0]) / DAY);
	const medianDays = median(matched);
	const ratings = Number(figures?.ratings ?? 0);

	return {
		regionIds,
		requests,
		oldestRequestDays: requests.reduce((m, r) => Math.max(m, r.ageDays), 0),
		awaiting: awaitingRows.map((p) => ({
			id: p.id,
			mentor: name(p.mentorId),
			mentee: name(p.menteeId),
			createdAt: p.createdAt,
			mentorAnswer: p.mentorAnswer,
			menteeAnswer: p.menteeAnswer
		})),
		/** One page of the active pairings, those needing attention first. */
		active,
		activeCount: states.length,
		activePage,
		attention,
		overdueCount: attention.overdue,
		closed,
		closedCount: Number(figures?.closed ?? 0),
		averageRating: ratings ? Math.round((Number(figures!.ratingSum) / ratings) * 10) / 10 : null,
		medianDaysToMatch: medianDays == null ? null : Math.round(medianDays * 10) / 10,
		matchedCount: matched.length
	};
}
