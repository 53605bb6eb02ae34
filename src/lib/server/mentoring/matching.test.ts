import { describe, expect, it } from 'vitest';
import { AUTHORITY_KINDS, REGIONS, TOPICS } from '../../vocab';
import type { MeetingMode, Topic } from '../../vocab';
import {
	explain,
	isEligible,
	proposeMatches,
	scorePair,
	unmetWishes,
	type MatchMentor,
	type MatchRequest,
	type PairRef,
	type Proposal
} from './matching';

const YEAR = 365.25 * 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2025, 5, 1, 12);

/** Small seeded PRNG so the random cases are the same on every run. */
function mulberry32(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function request(over: Partial<MatchRequest> = {}): MatchRequest {
	return {
		id: 1,
		memberId: 1,
		authorityId: 1,
		regionId: 'north-west',
		authorityKind: 'county',
		party: 'Labour',
		focusTopics: [],
		regionPref: 'any',
		partyPref: 'any',
		kindPref: 'any',
		meetingModes: ['online'],
		createdAt: NOW - 10 * 24 * 3600 * 1000,
		...over
	};
}

function mentor(over: Partial<MatchMentor> = {}): MatchMentor {
	return {
		memberId: 100,
		authorityId: 2,
		regionId: 'north-west',
		authorityKind: 'unitary',
		party: 'Conservative',
		open: true,
		capacity: 2,
		activeMentees: 0,
		expertise: [],
		regionScope: 'both',
		inRoleSince: null,
		...over
	};
}

// ---------------------------------------------------------------------------------------------
// Brute force: every assignment that respects eligibility, exclusions, fixed pairs and capacity.

type Best = { count: number; total: number };

function bruteForce(
	requests: MatchRequest[],
	mentors: MatchMentor[],
	now: number,
	opts: { exclude?: PairRef[]; fixed?: PairRef[] } = {}
): Best {
	const excluded = new Set((opts.exclude ?? []).map((p) => `${p.requestId}:${p.mentorMemberId}`));
	const room = new Map(mentors.map((m) => [m.memberId, Math.max(0, m.capacity - m.activeMentees)]));
	const allowed = (r: MatchRequest, m: MatchMentor) =>
		isEligible(r, m).ok && !excluded.has(`${r.id}:${m.memberId}`);

	// Fixed pairs are forced in the order given, when allowed and within capacity.
	let fixedCount = 0;
	let fixedTotal = 0;
	const fixedRequests = new Set<number>();
	for (const f of opts.fixed ?? []) {
		const r = requests.find((x) => x.id === f.requestId);
		const m = mentors.find((x) => x.memberId === f.mentorMemberId);
		if (!r || !m || fixedRequests.has(r.id) || !allowed(r, m) || (room.get(m.memberId) ?? 0) <= 0) continue;
		fixedRequests.add(r.id);
		room.set(m.memberId, (room.get(m.memberId) ?? 0) - 1);
		fixedCount++;
		fixedTotal += scorePair(r, m, now).score;
	}

	const rest = requests.filter((r) => !fixedRequests.has(r.id));
	let best: Best = { count: -1, total: -1 };
	const walk = (i: number, count: number, total: number) => {
		if (i === rest.length) {
			if (count > best.count || (count === best.count && total > best.total)) best = { count, total };
			return;
		}
		walk(i + 1, count, total); // leave this request unmatched
		for (const m of mentors) {
			const left = room.get(m.memberId) ?? 0;
			if (left <= 0 || !allowed(rest[i], m)) continue;
			room.set(m.memberId, left - 1);
			walk(i + 1, count + 1, total + scorePair(rest[i], m, now).score);
			room.set(m.memberId, left);
		}
	};
	walk(0, 0, 0);
	return { count: best.count + fixedCount, total: best.total + fixedTotal };
}

/** Checks the hard constraints on a set of proposals and returns its count and total. */
function checkProposals(
	proposals: Proposal[],
	requests: MatchRequest[],
	mentors: MatchMentor[],
	now: number,
	exclude: PairRef[] = []
): Best {
	const seen = new Set<number>();
	const used = new Map<number, number>();
	let total = 0;
	for (const p of proposals) {
		const r = requests.find((x) => x.id === p.requestId);
		const m = mentors.find((x) => x.memberId === p.mentorMemberId);
		expect(r, 'proposal for an unknown request').toBeDefined();
		expect(m, 'proposal with an unknown mentor').toBeDefined();
		if (!r || !m) continue;
		expect(seen.has(r.id), 'a request matched twice').toBe(false);
		seen.add(r.id);
		expect(isEligible(r, m).ok).toBe(true);
		expect(exclude.some((e) => e.requestId === r.id && e.mentorMemberId === m.memberId)).toBe(false);
		used.set(m.memberId, (used.get(m.memberId) ?? 0) + 1);
		const { score, reasons } = scorePair(r, m, now);
		expect(p.score).toBe(score);
		expect(p.reasons).toEqual(reasons);
		expect(p.explanation).toBe(explain(reasons));
		total += score;
	}
	for (const [id, n] of used) {
		const m = mentors.find((x) => x.memberId === id) as MatchMentor;
		expect(n, `mentor ${id} over capacity`).toBeLessThanOrEqual(m.capacity - m.activeMentees);
	}
	return { count: proposals.length, total };
}

// ---------------------------------------------------------------------------------------------
// Random small cases

const SMALL_TOPICS: Topic[] = ['corporate-parenting', 'safeguarding', 'send', 'inspection', 'budgets', 'care-leavers'];
const PARTIES = ['Labour', 'labour ', 'Conservative', 'Liberal Democrat', 'Independent', 'Green', null];
const MODES: MeetingMode[] = ['online', 'phone', 'in-person'];

function randomCase(rnd: () => number, maxRequests: number, maxMentors: number) {
	const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
	const subset = <T>(list: readonly T[]): T[] => list.filter(() => rnd() < 0.4);
	const regions = ['north-west', 'london', 'south-west'];
	const nReq = 1 + Math.floor(rnd() * maxRequests);
	const nMen = 1 + Math.floor(rnd() * maxMentors);
	const requests: MatchRequest[] = Array.from({ length: nReq }, (_, i) => ({
		id: i + 1,
		memberId: i + 1,
		authorityId: 1 + Math.floor(rnd() * 4),
		regionId: pick(regions),
		authorityKind: pick(AUTHORITY_KINDS)[0],
		party: pick(PARTIES),
		focusTopics: subset(SMALL_TOPICS),
		regionPref: pick(['same', 'other', 'any'] as const),
		partyPref: pick(['same', 'cross', 'any'] as const),
		kindPref: pick(['similar', 'any'] as const),
		meetingModes: subset(MODES),
		createdAt: NOW - Math.floor(rnd() * 5) * 86_400_000
	}));
	const mentors: MatchMentor[] = Array.from({ length: nMen }, (_, i) => {
		const capacity = 1 + Math.floor(rnd() * 3);
		return {
			// Now and then a mentor is also one of the requesting members.
			memberId: rnd() < 0.1 ? 1 + Math.floor(rnd() * nReq) : 100 + i,
			authorityId: 1 + Math.floor(rnd() * 4),
			regionId: pick(regions),
			authorityKind: pick(AUTHORITY_KINDS)[0],
			party: pick(PARTIES),
			open: rnd() < 0.9,
			capacity,
			activeMentees: rnd() < 0.7 ? 0 : Math.floor(rnd() * (capacity + 1)),
			expertise: subset(SMALL_TOPICS),
			regionScope: pick(['own', 'other', 'both'] as const),
			inRoleSince: rnd() < 0.2 ? null : NOW - Math.floor(rnd() * 14) * YEAR - 1000,
			meetingModes: rnd() < 0.3 ? undefined : subset(MODES)
		};
	});
	// Mentor ids must be unique; a clash with an earlier mentor gets a fresh id.
	const ids = new Set<number>();
	for (const [i, m] of mentors.entries()) {
		if (ids.has(m.memberId)) m.memberId = 100 + i;
		ids.add(m.memberId);
	}
	return { requests, mentors };
}

/** The smallest sum of queue positions over all feasible assignments with the given count and total. */
function bestQueuePositions(
	requests: MatchRequest[],
	mentors: MatchMentor[],
	now: number,
	queue: number[],
	target: Best
): number {
	const room = new Map(mentors.map((m) => [m.memberId, m.capacity - m.activeMentees]));
	let best = Infinity;
	const walk = (i: number, count: number, total: number, sum: number) => {
		if (i === requests.length) {
			if (count === target.count && total === target.total) best = Math.min(best, sum);
			return;
		}
		walk(i + 1, count, total, sum);
		for (const m of mentors) {
			const left = room.get(m.memberId) ?? 0;
			if (left <= 0 || !isEligible(requests[i], m).ok) continue;
			room.set(m.memberId, left - 1);
			const score = scorePair(requests[i], m, now).score;
			walk(i + 1, count + 1, total + score, sum + queue.indexOf(requests[i].id));
			room.set(m.memberId, left);
		}
	};
	walk(0, 0, 0, 0);
	return best;
}

/** The obvious greedy: take the highest-scoring eligible pair that still fits, repeatedly. */
function greedy(requests: MatchRequest[], mentors: MatchMentor[], now: number): Best {
	const pairs: Array<{ r: MatchRequest; m: MatchMentor; score: number }> = [];
	for (const r of requests) {
		for (const m of mentors) if (isEligible(r, m).ok) pairs.push({ r, m, score: scorePair(r, m, now).score });
	}
	pairs.sort((a, b) => b.score - a.score);
	const room = new Map(mentors.map((m) => [m.memberId, m.capacity - m.activeMentees]));
	const done = new Set<number>();
	let count = 0;
	let total = 0;
	for (const { r, m, score } of pairs) {
		if (done.has(r.id) || (room.get(m.memberId) ?? 0) <= 0) continue;
		done.add(r.id);
		room.set(m.memberId, (room.get(m.memberId) ?? 0) - 1);
		count++;
		total += score;
	}
	return { count, total };
}

// ---------------------------------------------------------------------------------------------

describe('isEligible', () => {
	it('allows an open mentor from another authority with room', () => {
		expect(isEligible(request(), mentor())).toEqual({ ok: true });
	});

	it('turns down a mentor who is not open', () => {
		const result = isEligible(request(), mentor({ open: false }));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).toMatch(/not taking on mentees/);
	});

	it('turns down the requesting member as their own mentor', () => {
		const result = isEligible(request({ memberId: 7 }), mentor({ memberId: 7, authorityId: 9 }));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).toMatch(/cannot mentor themselves/);
	});

	it('turns down a mentor from the same authority', () => {
		const result = isEligible(request({ authorityId: 5 }), mentor({ authorityId: 5 }));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).toMatch(/same authority/);
	});

	it('turns down a mentor with no spare capacity', () => {
		const result = isEligible(request(), mentor({ capacity: 2, activeMentees: 2 }));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).toMatch(/no room/);
		expect(isEligible(request(), mentor({ capacity: 2, activeMentees: 1 })).ok).toBe(true);
	});

	it("respects a mentor who mentors only in their own region", () => {
		const m = mentor({ regionScope: 'own', regionId: 'london' });
		const result = isEligible(request({ regionId: 'north-west' }), m);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).toMatch(/own region/);
		expect(isEligible(request({ regionId: 'london' }), m).ok).toBe(true);
	});

	it('respects a mentor who mentors only in other regions', () => {
		const m = mentor({ regionScope: 'other', regionId: 'london' });
		const result = isEligible(request({ regionId: 'london' }), m);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).toMatch(/other regions/);
		expect(isEligible(request({ regionId: 'south-east' }), m).ok).toBe(true);
	});

	it("treats the mentee's region preference as soft", () => {
		const m = mentor({ regionId: 'london' });
		expect(isEligible(request({ regionId: 'north-west', regionPref: 'same' }), m).ok).toBe(true);
		expect(isEligible(request({ regionId: 'london', regionPref: 'other' }), m).ok).toBe(true);
	});
});

describe('scorePair', () => {
	it('scores more shared topics higher', () => {
		const req = request({ focusTopics: ['send', 'corporate-parenting', 'budgets'] });
		const one = scorePair(req, mentor({ expertise: ['send'] }), NOW).score;
		const two = scorePair(req, mentor({ expertise: ['send', 'budgets'] }), NOW).score;
		const none = scorePair(req, mentor({ expertise: ['youth-justice'] }), NOW).score;
		expect(two).toBeGreaterThan(one);
		expect(one).toBeGreaterThan(none);
	});

	it('weighs a shared topic above any single preference', () => {
		const req = request({ focusTopics: ['send'], regionPref: 'same', partyPref: 'same', kindPref: 'similar' });
		const topic = scorePair(req, mentor({ expertise: ['send'], regionId: 'london' }), NOW).score;
		const region = scorePair(req, mentor({ regionId: 'north-west' }), NOW).score;
		const party = scorePair(req, mentor({ regionId: 'london', party: 'Labour' }), NOW).score;
		const kind = scorePair(req, mentor({ regionId: 'london', authorityKind: 'county' }), NOW).score;
		expect(topic).toBeGreaterThan(Math.max(region, party, kind));
	});

	it('rewards the region preference either way', () => {
		const same = request({ regionPref: 'same' });
		const other = request({ regionPref: 'other' });
		const here = mentor({ regionId: 'north-west' });
		const there = mentor({ regionId: 'london' });
		expect(scorePair(same, here, NOW).score).toBeGreaterThan(scorePair(same, there, NOW).score);
		expect(scorePair(other, there, NOW).score).toBeGreaterThan(scorePair(other, here, NOW).score);
		const any = request({ regionPref: 'any' });
		expect(scorePair(any, here, NOW).score).toBe(scorePair(any, there, NOW).score);
	});

	it('rewards the party preference, ignoring case and spaces', () => {
		const same = request({ party: 'Labour', partyPref: 'same' });
		const cross = request({ party: 'Labour', partyPref: 'cross' });
		const labour = mentor({ party: '  labour ' });
		const tory = mentor({ party: 'Conservative' });
		expect(scorePair(same, labour, NOW).score).toBeGreaterThan(scorePair(same, tory, NOW).score);
		expect(scorePair(cross, tory, NOW).score).toBeGreaterThan(scorePair(cross, labour, NOW).score);
		// No party recorded on either side: the preference cannot be met.
		expect(scorePair(same, mentor({ party: null }), NOW).score).toBe(scorePair(same, tory, NOW).score);
		expect(scorePair(cross, mentor({ party: '' }), NOW).score).toBe(scorePair(cross, labour, NOW).score);
	});

	it('rewards the same kind of authority only when asked', () => {
		const similar = request({ authorityKind: 'county', kindPref: 'similar' });
		const any = request({ authorityKind: 'county', kindPref: 'any' });
		const county = mentor({ authorityKind: 'county' });
		const london = mentor({ authorityKind: 'london' });
		expect(scorePair(similar, county, NOW).score).toBeGreaterThan(scorePair(similar, london, NOW).score);
		expect(scorePair(any, county, NOW).score).toBe(scorePair(any, london, NOW).score);
	});

	it('prefers a lighter load', () => {
		const req = request();
		const none = scorePair(req, mentor({ capacity: 3, activeMentees: 0 }), NOW).score;
		const one = scorePair(req, mentor({ capacity: 3, activeMentees: 1 }), NOW).score;
		const two = scorePair(req, mentor({ capacity: 3, activeMentees: 2 }), NOW).score;
		expect(none).toBeGreaterThan(one);
		expect(one).toBeGreaterThan(two);
	});

	it('counts experience, up to a cap', () => {
		const req = request();
		const at = (years: number) => scorePair(req, mentor({ inRoleSince: NOW - years * YEAR - 1000 }), NOW).score;
		expect(at(4)).toBeGreaterThan(at(1));
		expect(at(1)).toBeGreaterThan(scorePair(req, mentor({ inRoleSince: null }), NOW).score);
		expect(at(25)).toBe(at(40));
		expect(at(0)).toBe(scorePair(req, mentor({ inRoleSince: NOW + YEAR }), NOW).score);
	});

	it('is a deterministic non-negative integer', () => {
		const rnd = mulberry32(7);
		for (let i = 0; i < 200; i++) {
			const { requests, mentors } = randomCase(rnd, 1, 1);
			const a = scorePair(requests[0], mentors[0], NOW);
			expect(Number.isInteger(a.score)).toBe(true);
			expect(a.score).toBeGreaterThanOrEqual(0);
			expect(scorePair(requests[0], mentors[0], NOW)).toEqual(a);
		}
	});
});

describe('reasons', () => {
	it('names two shared topics in the mentee’s order, SEND in capitals', () => {
		const { reasons } = scorePair(
			request({ focusTopics: ['send', 'corporate-parenting'] }),
			mentor({ expertise: ['corporate-parenting', 'budgets', 'send'] }),
			NOW
		);
		expect(reasons).toContain('shares SEND and corporate parenting');
	});

	it('lists three shared topics with commas', () => {
		const { reasons } = scorePair(
			request({ focusTopics: ['participation', 'working-with-dcs', 'safeguarding'] }),
			mentor({ expertise: ['safeguarding', 'participation', 'working-with-dcs'] }),
			NOW
		);
		expect(reasons).toContain(
			'shares children’s participation, working with the Director of Children’s Services and safeguarding partnerships'
		);
	});

	it('says when both are county councils, or both unitary authorities', () => {
		const county = scorePair(request({ kindPref: 'similar' }), mentor({ authorityKind: 'county' }), NOW);
		expect(county.reasons).toContain('both county councils');
		const unitary = scorePair(
			request({ kindPref: 'similar', authorityKind: 'unitary' }),
			mentor({ authorityKind: 'unitary' }),
			NOW
		);
		expect(unitary.reasons).toContain('both unitary authorities');
	});

	it('says when the region and party preferences are met', () => {
		const other = scorePair(request({ regionPref: 'other' }), mentor({ regionId: 'london' }), NOW);
		expect(other.reasons).toContain('another region, as asked');
		const same = scorePair(request({ regionPref: 'same' }), mentor(), NOW);
		expect(same.reasons).toContain('same region, as asked');
		const cross = scorePair(request({ partyPref: 'cross' }), mentor({ party: 'Green' }), NOW);
		expect(cross.reasons).toContain('cross-party, as welcomed');
		const party = scorePair(request({ partyPref: 'same' }), mentor({ party: 'LABOUR' }), NOW);
		expect(party.reasons).toContain('same party');
	});

	it('gives experience, room and ways of meeting in words', () => {
		const { reasons } = scorePair(
			request({ meetingModes: ['online', 'phone'] }),
			mentor({
				inRoleSince: NOW - 6 * YEAR - 1000,
				capacity: 3,
				activeMentees: 1,
				meetingModes: ['phone', 'online', 'in-person']
			}),
			NOW
		);
		expect(reasons).toEqual([
			'can meet online or by phone',
			'6 years as a Lead Member',
			'has room for 2 more mentees'
		]);
		const single = scorePair(request(), mentor({ inRoleSince: NOW - YEAR - 1000, capacity: 1 }), NOW);
		expect(single.reasons).toEqual(['1 year as a Lead Member', 'has room for 1 more mentee']);
	});

	it('only gives reasons that were met', () => {
		const { reasons } = scorePair(
			request({ regionPref: 'same', partyPref: 'same', kindPref: 'similar', focusTopics: ['send'] }),
			mentor({
				regionId: 'london',
				party: 'Green',
				authorityKind: 'london',
				expertise: ['budgets'],
				capacity: 1
			}),
			NOW
		);
		expect(reasons).toEqual(['has room for 1 more mentee']);
	});

	it('explains the reasons as one sentence', () => {
		const { reasons } = scorePair(
			request({ focusTopics: ['send', 'corporate-parenting'], kindPref: 'similar', regionPref: 'other' }),
			mentor({
				expertise: ['send', 'corporate-parenting'],
				authorityKind: 'county',
				regionId: 'london',
				capacity: 1
			}),
			NOW
		);
		expect(explain(reasons)).toBe(
			'Shares SEND and corporate parenting; another region, as asked; both county councils; ' +
				'has room for 1 more mentee.'
		);
		expect(explain([])).toMatch(/\.$/);
	});
});

describe('proposeMatches', () => {
	it('equals brute force on 300 small random cases', () => {
		const rnd = mulberry32(20250601);
		let matchedSomewhere = 0;
		for (let c = 0; c < 300; c++) {
			const { requests, mentors } = randomCase(rnd, 5, 4);
			const proposals = proposeMatches(requests, mentors, NOW);
			const got = checkProposals(proposals, requests, mentors, NOW);
			expect(got, `case ${c}`).toEqual(bruteForce(requests, mentors, NOW));
			if (got.count > 0) matchedSomewhere++;
		}
		expect(matchedSomewhere).toBeGreaterThan(150);
	});

	it('equals brute force when there are more mentors than a request needs to look at', () => {
		// Many mentors with room: each request's candidate list is cut short, which must not
		// change the optimum (see candidatesFor).
		const rnd = mulberry32(99);
		for (let c = 0; c < 120; c++) {
			const { requests, mentors } = randomCase(rnd, 4, 8);
			const proposals = proposeMatches(requests, mentors, NOW);
			expect(checkProposals(proposals, requests, mentors, NOW), `case ${c}`).toEqual(
				bruteForce(requests, mentors, NOW)
			);
			// A tiny cap on the candidate lists still respects every constraint.
			checkProposals(proposeMatches(requests, mentors, NOW, { maxCandidates: 1 }), requests, mentors, NOW);
		}
	});

	it('equals brute force with random exclusions and fixed pairs', () => {
		const rnd = mulberry32(4242);
		for (let c = 0; c < 200; c++) {
			const { requests, mentors } = randomCase(rnd, 5, 4);
			const pair = (): PairRef => ({
				requestId: requests[Math.floor(rnd() * requests.length)].id,
				mentorMemberId: mentors[Math.floor(rnd() * mentors.length)].memberId
			});
			const exclude = Array.from({ length: Math.floor(rnd() * 3) }, pair);
			const fixed = Array.from({ length: Math.floor(rnd() * 3) }, pair);
			const proposals = proposeMatches(requests, mentors, NOW, { exclude, fixed });
			expect(checkProposals(proposals, requests, mentors, NOW, exclude), `case ${c}`).toEqual(
				bruteForce(requests, mentors, NOW, { exclude, fixed })
			);
			// The first fixed pair is always kept when it is allowed.
			const first = fixed[0];
			if (first) {
				const r = requests.find((x) => x.id === first.requestId) as MatchRequest;
				const m = mentors.find((x) => x.memberId === first.mentorMemberId) as MatchMentor;
				const excludedToo = exclude.some((e) => e.requestId === r.id && e.mentorMemberId === m.memberId);
				if (isEligible(r, m).ok && !excludedToo) {
					expect(proposals).toContainEqual(expect.objectContaining(first));
				}
			}
		}
	});

	it('beats greedy where greedy goes wrong', () => {
		// Request 1 likes mentor A best (two shared topics) and mentor B a little less (one);
		// request 2 can only have mentor A (B is in request 2's own authority). Greedy gives A to
		// request 1 and leaves request 2 without a mentor; the optimum gives B to request 1 and A
		// to request 2, matching both.
		const requests = [
			request({ id: 1, memberId: 1, authorityId: 10, focusTopics: ['send', 'budgets'] }),
			request({ id: 2, memberId: 2, authorityId: 20, focusTopics: ['youth-justice'] })
		];
		const mentors = [
			mentor({ memberId: 100, authorityId: 30, capacity: 1, expertise: ['send', 'budgets'] }),
			mentor({ memberId: 200, authorityId: 20, capacity: 1, expertise: ['send'] })
		];
		expect(greedy(requests, mentors, NOW).count).toBe(1);
		const proposals = proposeMatches(requests, mentors, NOW);
		expect(proposals.map((p) => [p.requestId, p.mentorMemberId])).toEqual([
			[1, 200],
			[2, 100]
		]);

		// And on score alone: request 1 shares three topics with mentor A and two with B; request 2
		// shares two with A and none with B. Greedy takes the single best pair (1–A, three topics)
		// and leaves 2–B (none): three shared topics in all. The optimum, 1–B and 2–A, has four.
		const r2 = [
			request({ id: 1, memberId: 1, authorityId: 10, focusTopics: ['send', 'budgets', 'inspection'] }),
			request({ id: 2, memberId: 2, authorityId: 11, focusTopics: ['send', 'care-leavers'] })
		];
		const m2 = [
			mentor({
				memberId: 100,
				authorityId: 30,
				capacity: 1,
				expertise: ['send', 'budgets', 'inspection', 'care-leavers']
			}),
			mentor({ memberId: 200, authorityId: 31, capacity: 1, expertise: ['budgets', 'inspection'] })
		];
		const best = bruteForce(r2, m2, NOW);
		expect(greedy(r2, m2, NOW).total).toBeLessThan(best.total);
		const proposed = proposeMatches(r2, m2, NOW);
		expect(checkProposals(proposed, r2, m2, NOW)).toEqual(best);
		expect(proposed.map((p) => [p.requestId, p.mentorMemberId])).toEqual([
			[1, 200],
			[2, 100]
		]);
	});

	it('never exceeds a mentor’s spare capacity', () => {
		const requests = Array.from({ length: 6 }, (_, i) =>
			request({ id: i + 1, memberId: i + 1, authorityId: 10 + i, focusTopics: ['send'] })
		);
		const star = mentor({ memberId: 100, capacity: 3, activeMentees: 1, expertise: ['send'] });
		const other = mentor({ memberId: 200, capacity: 1 });
		const proposals = proposeMatches(requests, [star, other], NOW);
		expect(proposals.filter((p) => p.mentorMemberId === 100)).toHaveLength(2);
		expect(proposals.filter((p) => p.mentorMemberId === 200)).toHaveLength(1);
		expect(proposals).toHaveLength(3);
	});

	it('gives a contested place to the request that has waited longest on a tie', () => {
		const older = request({ id: 9, memberId: 9, authorityId: 10, createdAt: NOW - 5 * 86_400_000 });
		const newer = request({ id: 3, memberId: 3, authorityId: 11, createdAt: NOW - 86_400_000 });
		const proposals = proposeMatches([newer, older], [mentor({ capacity: 1 })], NOW);
		expect(proposals.map((p) => p.requestId)).toEqual([9]);
	});

	it('on ties, matches the requests that have waited longest', () => {
		// Scores here come from two topics only, so different sets of pairs often tie on count and
		// total. Among those, the set with the smallest sum of queue positions (oldest first, then
		// by id) must win.
		const rnd = mulberry32(31337);
		for (let c = 0; c < 300; c++) {
			const { requests, mentors } = randomCase(rnd, 5, 4);
			const two: Topic[] = ['send', 'budgets'];
			for (const r of requests) {
				r.focusTopics = two.filter(() => rnd() < 0.5);
				Object.assign(r, { regionPref: 'any', partyPref: 'any', kindPref: 'any' });
			}
			for (const m of mentors) {
				m.expertise = two.filter(() => rnd() < 0.5);
				Object.assign(m, { activeMentees: 0, inRoleSince: null, meetingModes: undefined });
			}
			const queue = [...requests].sort((a, b) => a.createdAt - b.createdAt || a.id - b.id).map((r) => r.id);
			const proposals = proposeMatches(requests, mentors, NOW);
			const got = checkProposals(proposals, requests, mentors, NOW);
			expect(got).toEqual(bruteForce(requests, mentors, NOW));
			const positions = proposals.reduce((sum, p) => sum + queue.indexOf(p.requestId), 0);
			expect(positions, `case ${c}`).toBe(bestQueuePositions(requests, mentors, NOW, queue, got));
		}
	});

	it('does not depend on the order of its input', () => {
		const rnd = mulberry32(5);
		for (let c = 0; c < 50; c++) {
			const { requests, mentors } = randomCase(rnd, 5, 4);
			const a = proposeMatches(requests, mentors, NOW);
			const b = proposeMatches([...requests].reverse(), [...mentors].reverse(), NOW);
			expect(b).toEqual(a);
		}
	});

	it('leaves out an excluded pair and finds the next best', () => {
		const req = request({ focusTopics: ['send'] });
		const a = mentor({ memberId: 100, expertise: ['send'] });
		const b = mentor({ memberId: 200 });
		expect(proposeMatches([req], [a, b], NOW).map((p) => p.mentorMemberId)).toEqual([100]);
		const excluded = proposeMatches([req], [a, b], NOW, { exclude: [{ requestId: 1, mentorMemberId: 100 }] });
		expect(excluded.map((p) => p.mentorMemberId)).toEqual([200]);
		const none = proposeMatches([req], [a, b], NOW, {
			exclude: [
				{ requestId: 1, mentorMemberId: 100 },
				{ requestId: 1, mentorMemberId: 200 }
			]
		});
		expect(none).toEqual([]);
	});

	it('keeps a fixed pair and optimises the rest around it', () => {
		const r1 = request({ id: 1, memberId: 1, authorityId: 10, focusTopics: ['send'] });
		const r2 = request({ id: 2, memberId: 2, authorityId: 11, focusTopics: ['budgets'] });
		const send = mentor({ memberId: 100, capacity: 1, expertise: ['send'] });
		const budgets = mentor({ memberId: 200, capacity: 1, expertise: ['budgets'] });
		const pairs = (ps: Proposal[]) => ps.map((p) => [p.requestId, p.mentorMemberId]);
		expect(pairs(proposeMatches([r1, r2], [send, budgets], NOW))).toEqual([
			[1, 100],
			[2, 200]
		]);
		// A coordinator swaps request 1 to the budgets mentor: request 2 moves to the other place.
		const fixed = [{ requestId: 1, mentorMemberId: 200 }];
		const swapped = proposeMatches([r1, r2], [send, budgets], NOW, { fixed });
		expect(pairs(swapped)).toEqual([
			[1, 200],
			[2, 100]
		]);
	});

	it('ignores a fixed pair that is not allowed', () => {
		const r1 = request({ id: 1, memberId: 1, authorityId: 10 });
		const same = mentor({ memberId: 100, authorityId: 10 });
		const full = mentor({ memberId: 200, capacity: 1, activeMentees: 1 });
		const fine = mentor({ memberId: 300 });
		for (const fixed of [
			[{ requestId: 1, mentorMemberId: 100 }],
			[{ requestId: 1, mentorMemberId: 200 }],
			[{ requestId: 1, mentorMemberId: 999 }],
			[{ requestId: 42, mentorMemberId: 300 }]
		]) {
			const proposals = proposeMatches([r1], [same, full, fine], NOW, { fixed });
			expect(proposals.map((p) => p.mentorMemberId)).toEqual([300]);
		}
		// Excluded and fixed at once: the exclusion wins.
		const both = { requestId: 1, mentorMemberId: 300 };
		expect(proposeMatches([r1], [same, full, fine], NOW, { fixed: [both], exclude: [both] })).toEqual([]);
	});

	it('handles nothing to match', () => {
		expect(proposeMatches([], [mentor()], NOW)).toEqual([]);
		expect(proposeMatches([request()], [], NOW)).toEqual([]);
		expect(proposeMatches([request()], [mentor({ open: false })], NOW)).toEqual([]);
	});

	it('copes with 500 requests and 2,000 mentors', () => {
		const rnd = mulberry32(123);
		const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
		const some = <T>(list: readonly T[], k: number): T[] =>
			[...list].sort(() => rnd() - 0.5).slice(0, 1 + Math.floor(rnd() * k));
		const topics = TOPICS.map(([v]) => v);
		const parties = ['Labour', 'Conservative', 'Liberal Democrat', 'Independent', 'Green', null];
		const requests: MatchRequest[] = Array.from({ length: 500 }, (_, i) => ({
			id: i + 1,
			memberId: 10_000 + i,
			authorityId: 1 + Math.floor(rnd() * 153),
			regionId: pick(REGIONS)[0],
			authorityKind: pick(AUTHORITY_KINDS)[0],
			party: pick(parties),
			focusTopics: some(topics, 4),
			regionPref: pick(['same', 'other', 'any'] as const),
			partyPref: pick(['same', 'cross', 'any'] as const),
			kindPref: pick(['similar', 'any'] as const),
			meetingModes: some(MODES, 3),
			createdAt: NOW - Math.floor(rnd() * 1e9)
		}));
		const mentors: MatchMentor[] = Array.from({ length: 2000 }, (_, i) => {
			const capacity = 1 + Math.floor(rnd() * 3);
			return {
				memberId: 1 + i,
				authorityId: 1 + Math.floor(rnd() * 153),
				regionId: pick(REGIONS)[0],
				authorityKind: pick(AUTHORITY_KINDS)[0],
				party: pick(parties),
				open: rnd() < 0.9,
				capacity,
				activeMentees: Math.floor(rnd() * capacity),
				expertise: some(topics, 6),
				regionScope: pick(['own', 'other', 'both'] as const),
				inRoleSince: rnd() < 0.1 ? null : NOW - Math.floor(rnd() * 12 * YEAR),
				meetingModes: rnd() < 0.3 ? undefined : some(MODES, 3)
			};
		});
		const proposals = proposeMatches(requests, mentors, NOW);
		const byId = new Map(mentors.map((m) => [m.memberId, m]));
		const used = new Map<number, number>();
		const seen = new Set<number>();
		for (const p of proposals) {
			expect(seen.has(p.requestId)).toBe(false);
			seen.add(p.requestId);
			used.set(p.mentorMemberId, (used.get(p.mentorMemberId) ?? 0) + 1);
		}
		for (const [id, n] of used) {
			const m = byId.get(id) as MatchMentor;
			expect(n).toBeLessThanOrEqual(m.capacity - m.activeMentees);
		}
		// With this much room every request can be matched.
		expect(proposals).toHaveLength(500);
	});
});

describe('unmetWishes: what the mentee asked for and did not get', () => {
	it('lists each stated wish the mentor does not meet, in plain words', () => {
		const asked = request({
			focusTopics: ['send', 'care-leavers'],
			regionPref: 'same',
			partyPref: 'same',
			kindPref: 'similar',
			meetingModes: ['in-person']
		});
		const far = mentor({ regionId: 'london', party: 'Conservative', authorityKind: 'london', expertise: ['send'], meetingModes: ['online'] });
		expect(unmetWishes(asked, far)).toEqual([
			'own region — the mentor is from another region',
			'own party — the mentor is from another party',
			'a similar kind of authority (county council) — the mentor’s is a London borough',
			'to meet in person — the mentor does not'
		]);
	});

	it('is empty when every wish is met, and ignores "no preference"', () => {
		const asked = request({ focusTopics: ['send'], regionPref: 'same', partyPref: 'same', kindPref: 'similar' });
		expect(unmetWishes(asked, mentor({ party: ' labour ', authorityKind: 'county', expertise: ['send'], meetingModes: ['online', 'phone'] }))).toEqual([]);
		expect(unmetWishes(request(), mentor())).toEqual([]);
	});

	it('covers the other way round: another region, another party, none of the topics, a party not known', () => {
		const asked = request({ focusTopics: ['send', 'care-leavers'], regionPref: 'other', partyPref: 'cross' });
		expect(unmetWishes(asked, mentor({ party: 'Labour' }))).toEqual([
			'help with SEND and care leavers — none of these is among the mentor’s topics',
			'another region — the mentor is from the same region',
			'someone from another party — the mentor is from the same party'
		]);
		expect(unmetWishes(request({ partyPref: 'same' }), mentor({ party: null }))).toEqual(['own party — the mentor’s party is not known']);
		expect(unmetWishes(request({ focusTopics: ['send'] }), mentor({ expertise: ['care-leavers'] }))).toEqual(['help with SEND — it is not among the mentor’s topics']);
		expect(unmetWishes(request({ partyPref: 'same', party: null }), mentor())).toEqual(['own party — the member’s party is not known']);
	});

	it('agrees with the score: a wish is either a reason or unmet, never both', () => {
		const rand = mulberry32(18);
		const kinds = AUTHORITY_KINDS.map(([k]) => k);
		const regions = REGIONS.map(([r]) => r);
		const parties = ['Labour', 'Conservative', null];
		const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
		for (let i = 0; i < 300; i++) {
			const req = request({
				regionId: pick(regions),
				authorityKind: pick(kinds),
				party: pick(parties),
				regionPref: pick(['same', 'other', 'any'] as const),
				partyPref: pick(['same', 'cross', 'any'] as const),
				kindPref: pick(['similar', 'any'] as const)
			});
			const m = mentor({ regionId: pick(regions), authorityKind: pick(kinds), party: pick(parties) });
			const { reasons } = scorePair(req, m, NOW);
			const unmet = unmetWishes(req, m);
			const regionMet = reasons.some((r) => r.includes('region, as asked'));
			const partyMet = reasons.includes('same party') || reasons.includes('cross-party, as welcomed');
			const kindMet = reasons.some((r) => r.startsWith('both '));
			expect(regionMet || req.regionPref === 'any').toBe(!unmet.some((u) => u.includes('region —')));
			expect(partyMet || req.partyPref === 'any').toBe(!unmet.some((u) => u.includes('party —')));
			expect(kindMet || req.kindPref === 'any').toBe(!unmet.some((u) => u.startsWith('a similar kind')));
		}
	});
});
