/**
 * Mentor–mentee matching: pure functions over plain data, no database.
 *
 * - `isEligible` applies the hard rules (open, not oneself, not one's own authority, spare
 *   capacity, the mentor's region scope).
 * - `scorePair` turns the soft preferences into a non-negative integer score with reasons in
 *   plain words; `explain` joins the reasons into one sentence.
 * - `proposeMatches` finds the best set of pairs for all open requests at once with a
 *   min-cost max-flow: first as many requests matched as possible, then the highest total score,
 *   then, to break ties, the requests that have waited longest.
 */
import { AUTHORITY_KINDS, MEETING_MODES, TOPICS, label } from '../../vocab';
import type { AuthorityKind, MeetingMode, Topic } from '../../vocab';

/** An open request for a mentor, as the matcher sees it. */
export type MatchRequest = {
	id: number;
	memberId: number;
	authorityId: number;
	regionId: string;
	authorityKind: AuthorityKind;
	party: string | null;
	focusTopics: Topic[];
	regionPref: 'same' | 'other' | 'any';
	partyPref: 'same' | 'cross' | 'any';
	kindPref: 'similar' | 'any';
	meetingModes: MeetingMode[];
	/** Epoch ms. */
	createdAt: number;
};

/** A mentor (open or not), as the matcher sees them. */
export type MatchMentor = {
	memberId: number;
	authorityId: number;
	regionId: string;
	authorityKind: AuthorityKind;
	party: string | null;
	open: boolean;
	/** How many mentees they will take at once, 1–3. */
	capacity: number;
	activeMentees: number;
	expertise: Topic[];
	regionScope: 'own' | 'other' | 'both';
	/** Epoch ms when they started as a Lead Member. */
	inRoleSince: number | null;
	meetingModes?: MeetingMode[];
};

/** A request–mentor pair as referred to by a coordinator. */
export type PairRef = { requestId: number; mentorMemberId: number };

/** One proposed pair, with its score and the reasons in words. */
export type Proposal = {
	requestId: number;
	mentorMemberId: number;
	score: number;
	reasons: string[];
	explanation: string;
};

/** Options for `proposeMatches`. */
export type ProposeOptions = {
	/** Pairs a coordinator has ruled out. */
	exclude?: PairRef[];
	/** Pairs a coordinator has chosen; kept if eligible, and the rest is optimised around them. */
	fixed?: PairRef[];
	/**
	 * Upper bound on the mentors considered per request (default `DEFAULT_MAX_CANDIDATES`).
	 * See `candidatesFor` for when this bound can cost optimality.
	 */
	maxCandidates?: number;
};

/** Points per focus topic the mentor has as expertise: the biggest factor. */
export const TOPIC_POINTS = 30;
/** Points for meeting the mentee's region preference ('same' or 'other'). */
export const REGION_POINTS = 20;
/** Points for meeting the mentee's party preference ('same' or 'cross'). */
export const PARTY_POINTS = 20;
/** Points for the same kind of authority when the mentee asked for a similar one. */
export const KIND_POINTS = 15;
/** Points for sharing at least one way of meeting. */
export const MODE_POINTS = 5;
/** Points per full year as a Lead Member, up to `MAX_EXPERIENCE_YEARS`. */
export const YEAR_POINTS = 2;
export const MAX_EXPERIENCE_YEARS = 10;
/** Points per mentee fewer than three the mentor already has. */
export const LOAD_POINTS = 5;
const LOAD_BASE = 3;
/** The highest score any pair can reach. */
const MAX_SCORE =
	TOPIC_POINTS * TOPICS.length +
	REGION_POINTS +
	PARTY_POINTS +
	KIND_POINTS +
	MODE_POINTS +
	YEAR_POINTS * MAX_EXPERIENCE_YEARS +
	LOAD_POINTS * LOAD_BASE;

/** Default bound on the mentors considered per request (see `candidatesFor`). */
export const DEFAULT_MAX_CANDIDATES = 150;

const YEAR_MS = 365.25 * 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------------------------------------
// Eligibility

/** The reason a pair is not allowed, or null when it is. Allocation-free for the solver. */
function denial(req: MatchRequest, mentor: MatchMentor): string | null {
	if (!mentor.open) return 'The mentor is not taking on mentees at the moment';
	if (mentor.memberId === req.memberId) return 'A member cannot mentor themselves';
	if (mentor.authorityId === req.authorityId) return 'The mentor is from the same authority';
	if (mentor.activeMentees >= mentor.capacity) return 'The mentor has no room for another mentee';
	if (mentor.regionScope === 'own' && mentor.regionId !== req.regionId) {
		return 'The mentor only mentors members in their own region';
	}
	if (mentor.regionScope === 'other' && mentor.regionId === req.regionId) {
		return 'The mentor only mentors members from other regions';
	}
	return null;
}

/**
 * The hard rules for a pair: the mentor is open, is not the mentee, is from another authority,
 * has spare capacity, and their region scope allows the mentee's region. The mentee's own region
 * preference is soft and only affects the score.
 */
export function isEligible(req: MatchRequest, mentor: MatchMentor): { ok: true } | { ok: false; reason: string } {
	const reason = denial(req, mentor);
	return reason === null ? { ok: true } : { ok: false, reason };
}

// ---------------------------------------------------------------------------------------------
// Scoring

const TOPIC_INDEX = new Map<string, number>(TOPICS.map(([value], i) => [value, i]));
const MODE_INDEX = new Map<string, number>(MEETING_MODES.map(([value], i) => [value, i]));
const MODE_PHRASES: Record<MeetingMode, string> = { online: 'online', phone: 'by phone', 'in-person': 'in person' };

/** What the scorer needs from a request, computed once. */
type RequestProfile = {
	topics: Topic[];
	topicMask: number;
	party: string | null;
	modeMask: number;
	req: MatchRequest;
};

/** What the scorer needs from a mentor, computed once. */
type MentorProfile = {
	topicMask: number;
	party: string | null;
	/** -1 when the mentor did not say how they meet. */
	modeMask: number;
	mentor: MatchMentor;
};

function normaliseParty(party: string | null): string | null {
	const p = party?.trim().replace(/\s+/g, ' ').toLowerCase() ?? '';
	return p === '' ? null : p;
}

function topicMask(topics: readonly string[]): number {
	let mask = 0;
	for (const t of topics) {
		const i = TOPIC_INDEX.get(t);
		if (i !== undefined) mask |= 1 << i;
	}
	return mask;
}

function modeMask(modes: readonly string[]): number {
	let mask = 0;
	for (const m of modes) {
		const i = MODE_INDEX.get(m);
		if (i !== undefined) mask |= 1 << i;
	}
	return mask;
}

function popcount(x: number): number {
	let n = 0;
	while (x) {
		x &= x - 1;
		n++;
	}
	return n;
}

function requestProfile(req: MatchRequest): RequestProfile {
	const topics = [...new Set(req.focusTopics)].filter((t) => TOPIC_INDEX.has(t));
	return {
		topics,
		topicMask: topicMask(topics),
		party: normaliseParty(req.party),
		modeMask: modeMask(req.meetingModes),
		req
	};
}

function mentorProfile(mentor: MatchMentor): MentorProfile {
	return {
		topicMask: topicMask(mentor.expertise),
		party: normaliseParty(mentor.party),
		modeMask: mentor.meetingModes ? modeMask(mentor.meetingModes) : -1,
		mentor
	};
}

/** Full years in the role at `now`; 0 when unknown or in the future. */
function yearsInRole(mentor: MatchMentor, now: number): number {
	if (mentor.inRoleSince === null) return 0;
	return Math.max(0, Math.floor((now - mentor.inRoleSince) / YEAR_MS));
}

/** A topic label as it reads mid-sentence: "corporate parenting", but "SEND" stays. */
function topicPhrase(topic: Topic): string {
	const words = label(TOPICS, topic);
	if (words.length > 1 && words[1] === words[1].toUpperCase() && /[A-Z]/.test(words[1])) return words;
	return words.charAt(0).toLowerCase() + words.slice(1);
}

/** "a", "a and b", "a, b and c" (or "a, b or c"). */
function listPhrase(items: string[], conjunction = 'and'): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** "county council" → "county councils", "unitary authority" → "unitary authorities". */
function kindPlural(kind: AuthorityKind): string {
	const words = label(AUTHORITY_KINDS, kind);
	return words.endsWith('y') ? `${words.slice(0, -1)}ies` : `${words}s`;
}

/**
 * The score of a pair from precomputed profiles; pushes the reasons when `reasons` is given.
 * The single source of truth for `scorePair` and the solver.
 */
function assess(rp: RequestProfile, mp: MentorProfile, now: number, reasons: string[] | null): number {
	const { req } = rp;
	const { mentor } = mp;
	let score = 0;

	const shared = rp.topicMask & mp.topicMask;
	if (shared) {
		score += TOPIC_POINTS * popcount(shared);
		if (reasons) {
			const topics = rp.topics.filter((t) => mp.topicMask & (1 << (TOPIC_INDEX.get(t) as number)));
			reasons.push(`shares ${listPhrase(topics.map(topicPhrase))}`);
		}
	}

	const sameRegion = req.regionId === mentor.regionId;
	if (req.regionPref === 'same' && sameRegion) {
		score += REGION_POINTS;
		reasons?.push('same region, as asked');
	} else if (req.regionPref === 'other' && !sameRegion) {
		score += REGION_POINTS;
		reasons?.push('another region, as asked');
	}

	if (rp.party !== null && mp.party !== null) {
		if (req.partyPref === 'same' && rp.party === mp.party) {
			score += PARTY_POINTS;
			reasons?.push('same party');
		} else if (req.partyPref === 'cross' && rp.party !== mp.party) {
			score += PARTY_POINTS;
			reasons?.push('cross-party, as welcomed');
		}
	}

	if (req.kindPref === 'similar' && req.authorityKind === mentor.authorityKind) {
		score += KIND_POINTS;
		reasons?.push(`both ${kindPlural(req.authorityKind)}`);
	}

	if (mp.modeMask !== -1 && rp.modeMask & mp.modeMask) {
		score += MODE_POINTS;
		if (reasons) {
			const common = MEETING_MODES.filter((_, i) => rp.modeMask & mp.modeMask & (1 << i));
			reasons.push(`can meet ${listPhrase(common.map(([m]) => MODE_PHRASES[m]), 'or')}`);
		}
	}

	const years = yearsInRole(mentor, now);
	if (years > 0) {
		score += YEAR_POINTS * Math.min(years, MAX_EXPERIENCE_YEARS);
		reasons?.push(`${years} ${years === 1 ? 'year' : 'years'} as a Lead Member`);
	}

	score += LOAD_POINTS * Math.min(LOAD_BASE, Math.max(0, LOAD_BASE - mentor.activeMentees));
	const room = mentor.capacity - mentor.activeMentees;
	if (room > 0) reasons?.push(`has room for ${room} more ${room === 1 ? 'mentee' : 'mentees'}`);

	return score;
}

/**
 * Scores a pair (eligibility is not checked here): shared focus topics weigh most, then each
 * stated preference met (region, party, similar kind of authority), a shared way of meeting,
 * years as a Lead Member (capped) and a lighter current load. Always a non-negative integer.
 * `reasons` are short lower-case phrases that read well joined with "; ".
 */
export function scorePair(req: MatchRequest, mentor: MatchMentor, now: number): { score: number; reasons: string[] } {
	const reasons: string[] = [];
	const score = assess(requestProfile(req), mentorProfile(mentor), now, reasons);
	return { score, reasons };
}

/**
 * The other side of the explanation: what the mentee asked for that this mentor does not give,
 * one line each as "what they asked for — how the mentor differs" ("own party — the mentor is
 * from another party"). Empty when every stated wish is met. A coordinator sees these before
 * confirming, so a match that ignores a preference is never confirmed unseen.
 */
export function unmetWishes(req: MatchRequest, mentor: MatchMentor): string[] {
	const rp = requestProfile(req);
	const mp = mentorProfile(mentor);
	const out: string[] = [];
	// Topics: flagged when the mentor shares none of them (sharing some is the usual good match).
	if (rp.topics.length > 0 && !(rp.topicMask & mp.topicMask)) {
		out.push(`help with ${listPhrase(rp.topics.map(topicPhrase))} — ${rp.topics.length === 1 ? 'it is not' : 'none of these is'} among the mentor’s topics`);
	}
	const sameRegion = req.regionId === mentor.regionId;
	if (req.regionPref === 'same' && !sameRegion) out.push('own region — the mentor is from another region');
	if (req.regionPref === 'other' && sameRegion) out.push('another region — the mentor is from the same region');
	if (req.partyPref !== 'any') {
		const wish = req.partyPref === 'same' ? 'own party' : 'someone from another party';
		if (rp.party === null || mp.party === null) out.push(`${wish} — ${rp.party === null ? 'the member’s' : 'the mentor’s'} party is not known`);
		else if (req.partyPref === 'same' && rp.party !== mp.party) out.push(`${wish} — the mentor is from another party`);
		else if (req.partyPref === 'cross' && rp.party === mp.party) out.push(`${wish} — the mentor is from the same party`);
	}
	if (req.kindPref === 'similar' && req.authorityKind !== mentor.authorityKind) {
		out.push(`a similar kind of authority (${label(AUTHORITY_KINDS, req.authorityKind)}) — the mentor’s is a ${label(AUTHORITY_KINDS, mentor.authorityKind)}`);
	}
	if (mp.modeMask !== -1 && rp.modeMask !== 0 && !(rp.modeMask & mp.modeMask)) {
		const asked = MEETING_MODES.filter((_, i) => rp.modeMask & (1 << i)).map(([m]) => MODE_PHRASES[m]);
		out.push(`to meet ${listPhrase(asked, 'or')} — the mentor does not`);
	}
	return out;
}

/** Joins reasons into one sentence: "Shares SEND; both county councils." */
export function explain(reasons: string[]): string {
	if (reasons.length === 0) return 'No shared topics or stated preferences met.';
	const text = reasons.join('; ');
	return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

// ---------------------------------------------------------------------------------------------
// Proposing the best set of pairs

const pairKey = (requestId: number, mentorMemberId: number) => `${requestId}:${mentorMemberId}`;

/** Requests in the order they are served on ties: oldest first, then by id. */
function byAge(a: MatchRequest, b: MatchRequest): number {
	return a.createdAt - b.createdAt || a.id - b.id;
}

function proposal(rp: RequestProfile, mp: MentorProfile, now: number): Proposal {
	const reasons: string[] = [];
	const score = assess(rp, mp, now, reasons);
	return { requestId: rp.req.id, mentorMemberId: mp.mentor.memberId, score, reasons, explanation: explain(reasons) };
}

/**
 * The mentors worth considering for one request, best first.
 *
 * Trade-off: with ~500 requests and ~2,000 mentors the full graph has up to a million edges,
 * too slow for a solver that runs one shortest-path search per matched request. So each request
 * keeps only its best mentors by score, taken in order until their combined spare capacity
 * reaches the number of requests still to be matched (`demand`). That cut loses nothing: if an
 * optimal solution gave a request a mentor outside the list, at most `demand − 1` other requests
 * can be using the listed mentors' places, so one listed mentor — scoring at least as high —
 * still has room, and moving the request there keeps the count and does not lower the total.
 * Repeating that leaves an optimal solution inside the lists. The list is also capped at
 * `maxCandidates` to bound the graph (500 × 150 edges at most); only when the cap bites — so
 * many requests competing that even 150 mentors' places might not go round — can the result fall
 * short of the true optimum. In random trials of 500 requests × 2,000 mentors the default cap
 * gave the same count and total as no cap at all, in under a second.
 */
function candidatesFor(
	scores: Int32Array,
	eligibleIdx: Int32Array,
	eligibleCount: number,
	spare: Int32Array,
	demand: number,
	maxCandidates: number,
	buckets: { count: Int32Array; room: Int32Array }
): number[] {
	// Bucket the eligible mentors by score, then find the lowest score still needed.
	const { count, room } = buckets;
	count.fill(0);
	room.fill(0);
	let top = 0;
	for (let k = 0; k < eligibleCount; k++) {
		const m = eligibleIdx[k];
		count[scores[m]]++;
		room[scores[m]] += spare[m];
		if (scores[m] > top) top = scores[m];
	}
	let taken = 0;
	let roomTaken = 0;
	let threshold = -1;
	for (let s = top; s >= 0; s--) {
		if (count[s] === 0) continue;
		if (taken + count[s] > maxCandidates || roomTaken + room[s] >= demand) {
			threshold = s;
			break;
		}
		taken += count[s];
		roomTaken += room[s];
	}
	// Everything above the threshold, best first (mentor indices are in id order, so ties are
	// deterministic), then as many at the threshold as still needed.
	const out: number[] = [];
	for (let k = 0; k < eligibleCount; k++) if (scores[eligibleIdx[k]] > threshold) out.push(eligibleIdx[k]);
	out.sort((a, b) => scores[b] - scores[a] || a - b);
	for (let k = 0; k < eligibleCount && threshold >= 0; k++) {
		const m = eligibleIdx[k];
		if (scores[m] !== threshold) continue;
		if (out.length >= maxCandidates || roomTaken >= demand) break;
		out.push(m);
		roomTaken += spare[m];
	}
	return out;
}

/**
 * Proposes the best set of pairs for all the given open requests at once. Maximises first the
 * number of requests matched, then the total score; on a tie it matches the requests that have
 * waited longest (the smallest sum of places in the queue, oldest first then by id);
 * respects every mentor's spare capacity and the hard rules; each request gets at most one
 * mentor. `exclude` rules pairs out; `fixed` pairs are kept (when eligible, not excluded and
 * within capacity, taken in the order given) and the rest is optimised around them. Proposals
 * come back in request order (oldest first).
 *
 * Solved as min-cost max-flow by successive shortest paths (Dijkstra with potentials) on
 * source → request (capacity 1) → mentor (capacity 1, cost −weight) → sink (capacity = spare).
 */
export function proposeMatches(
	requests: MatchRequest[],
	mentors: MatchMentor[],
	now: number,
	opts: ProposeOptions = {}
): Proposal[] {
	const maxCandidates = Math.max(1, opts.maxCandidates ?? DEFAULT_MAX_CANDIDATES);
	const excluded = new Set((opts.exclude ?? []).map((p) => pairKey(p.requestId, p.mentorMemberId)));

	const reqs = [...new Map(requests.map((r) => [r.id, r])).values()].sort(byAge);
	const ments = [...new Map(mentors.map((m) => [m.memberId, m])).values()].sort((a, b) => a.memberId - b.memberId);
	const reqProfiles = reqs.map(requestProfile);
	const mentorProfiles = ments.map(mentorProfile);
	const reqIndex = new Map(reqs.map((r, i) => [r.id, i]));
	const mentorIndex = new Map(ments.map((m, i) => [m.memberId, i]));

	const spare = new Int32Array(ments.length);
	ments.forEach((m, i) => (spare[i] = m.open ? Math.max(0, m.capacity - m.activeMentees) : 0));

	// Fixed pairs first: they take their places before anything is optimised.
	const assigned = new Int32Array(reqs.length).fill(-1);
	for (const f of opts.fixed ?? []) {
		const r = reqIndex.get(f.requestId);
		const m = mentorIndex.get(f.mentorMemberId);
		if (r === undefined || m === undefined || assigned[r] !== -1 || spare[m] <= 0) continue;
		if (excluded.has(pairKey(f.requestId, f.mentorMemberId)) || denial(reqs[r], ments[m]) !== null) continue;
		assigned[r] = m;
		spare[m]--;
	}

	const free: number[] = [];
	for (let r = 0; r < reqs.length; r++) if (assigned[r] === -1) free.push(r);

	// Candidate edges per free request.
	const scores = new Int32Array(ments.length);
	const eligibleIdx = new Int32Array(ments.length);
	const buckets = { count: new Int32Array(MAX_SCORE + 1), room: new Int32Array(MAX_SCORE + 1) };
	const edgesFrom: number[][] = [];
	const edgeScores: number[][] = [];
	for (const r of free) {
		const req = reqs[r];
		let count = 0;
		for (let m = 0; m < ments.length; m++) {
			if (spare[m] <= 0 || denial(req, ments[m]) !== null) continue;
			if (excluded.size > 0 && excluded.has(pairKey(req.id, ments[m].memberId))) continue;
			scores[m] = assess(reqProfiles[r], mentorProfiles[m], now, null);
			eligibleIdx[count++] = m;
		}
		const list = candidatesFor(scores, eligibleIdx, count, spare, free.length, maxCandidates, buckets);
		edgesFrom.push(list);
		edgeScores.push(list.map((m) => scores[m]));
	}

	const flowPairs = solveFlow(free.length, ments.length, edgesFrom, edgeScores, spare);
	flowPairs.forEach((m, i) => {
		if (m !== -1) assigned[free[i]] = m;
	});

	const out: Proposal[] = [];
	for (let r = 0; r < reqs.length; r++) {
		if (assigned[r] !== -1) out.push(proposal(reqProfiles[r], mentorProfiles[assigned[r]], now));
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Min-cost max-flow

/**
 * Matches requests 0..n−1 (in priority order) to mentors 0..m−1 along the given edges.
 * Returns the mentor index per request, or −1.
 *
 * Each request→mentor edge gets weight `score·S + (n − i)` where S exceeds the sum of all the
 * tie-break bonuses, so the total weight orders solutions by total score first and by serving
 * earlier requests second. Costs are `W − weight` (W = the largest weight) so every cost is
 * non-negative and zero potentials are valid at the start; every unit of flow uses exactly one
 * such edge, so the shift does not change which max flow is cheapest. Successive shortest paths
 * then yield the cheapest flow among the maximum ones: most requests matched, then best total.
 */
function solveFlow(
	n: number,
	m: number,
	edgesFrom: number[][],
	edgeScores: number[][],
	spare: Int32Array
): Int32Array {
	const result = new Int32Array(n).fill(-1);
	if (n === 0 || m === 0) return result;

	const source = n + m;
	const sink = n + m + 1;
	const nodes = n + m + 2;
	let pairEdges = 0;
	for (const list of edgesFrom) pairEdges += list.length;
	const maxEdges = 2 * (n + pairEdges + m);

	const to = new Int32Array(maxEdges);
	const cap = new Int32Array(maxEdges);
	const cost = new Float64Array(maxEdges);
	const next = new Int32Array(maxEdges);
	const head = new Int32Array(nodes).fill(-1);
	let edgeCount = 0;
	const addEdge = (u: number, v: number, c: number, w: number) => {
		to[edgeCount] = v;
		cap[edgeCount] = c;
		cost[edgeCount] = w;
		next[edgeCount] = head[u];
		head[u] = edgeCount++;
		to[edgeCount] = u;
		cap[edgeCount] = 0;
		cost[edgeCount] = -w;
		next[edgeCount] = head[v];
		head[v] = edgeCount++;
	};

	const tieScale = (n * (n + 1)) / 2 + 1;
	let maxWeight = 0;
	for (let i = 0; i < n; i++) {
		for (const s of edgeScores[i]) maxWeight = Math.max(maxWeight, s * tieScale + (n - i));
	}

	// Mentor → sink and source → request first, so the request → mentor edges added last are
	// scanned first from each request in id order (the linked lists are last-in, first-out).
	const mentorUsed = new Uint8Array(m);
	for (const list of edgesFrom) for (const j of list) mentorUsed[j] = 1;
	for (let j = m - 1; j >= 0; j--) if (mentorUsed[j] && spare[j] > 0) addEdge(n + j, sink, spare[j], 0);
	for (let i = n - 1; i >= 0; i--) if (edgesFrom[i].length > 0) addEdge(source, i, 1, 0);
	const pairEdgeStart = edgeCount;
	for (let i = 0; i < n; i++) {
		const list = edgesFrom[i];
		for (let k = list.length - 1; k >= 0; k--) {
			addEdge(i, n + list[k], 1, maxWeight - (edgeScores[i][k] * tieScale + (n - i)));
		}
	}

	const potential = new Float64Array(nodes);
	const dist = new Float64Array(nodes);
	const prevEdge = new Int32Array(nodes);
	const done = new Uint8Array(nodes);
	const heap = new MinHeap(maxEdges + nodes);

	for (;;) {
		dist.fill(Infinity);
		done.fill(0);
		prevEdge.fill(-1);
		heap.clear();
		dist[source] = 0;
		heap.push(0, source);
		while (heap.size > 0) {
			const d = heap.topKey();
			const u = heap.pop();
			if (done[u]) continue;
			done[u] = 1;
			if (u === sink) break;
			for (let e = head[u]; e !== -1; e = next[e]) {
				if (cap[e] <= 0) continue;
				const v = to[e];
				if (done[v]) continue;
				const nd = d + cost[e] + potential[u] - potential[v];
				if (nd < dist[v]) {
					dist[v] = nd;
					prevEdge[v] = e;
					heap.push(nd, v);
				}
			}
		}
		if (!done[sink]) break;
		// Nodes not settled before the sink keep reduced costs non-negative with dist = dist[sink].
		const ds = dist[sink];
		for (let v = 0; v < nodes; v++) potential[v] += Math.min(dist[v], ds);
		for (let v = sink; v !== source; v = to[prevEdge[v] ^ 1]) {
			cap[prevEdge[v]]--;
			cap[prevEdge[v] ^ 1]++;
		}
	}

	for (let e = pairEdgeStart; e < edgeCount; e += 2) {
		if (cap[e] === 0) result[to[e ^ 1]] = to[e] - n;
	}
	return result;
}

/** A binary min-heap of (key, node) pairs with lazy deletion, on typed arrays. */
class MinHeap {
	private keys: Float64Array;
	private vals: Int32Array;
	size = 0;

	constructor(capacity: number) {
		this.keys = new Float64Array(capacity);
		this.vals = new Int32Array(capacity);
	}

	clear(): void {
		this.size = 0;
	}

	topKey(): number {
		return this.keys[0];
	}

	push(key: number, val: number): void {
		if (this.size === this.keys.length) this.grow();
		let i = this.size++;
		while (i > 0) {
			const p = (i - 1) >> 1;
			if (this.keys[p] <= key) break;
			this.keys[i] = this.keys[p];
			this.vals[i] = this.vals[p];
			i = p;
		}
		this.keys[i] = key;
		this.vals[i] = val;
	}

	pop(): number {
		const top = this.vals[0];
		const last = --this.size;
		const key = this.keys[last];
		const val = this.vals[last];
		let i = 0;
		for (;;) {
			let c = 2 * i + 1;
			if (c >= last) break;
			if (c + 1 < last && this.keys[c + 1] < this.keys[c]) c++;
			if (this.keys[c] >= key) break;
			this.keys[i] = this.keys[c];
			this.vals[i] = this.vals[c];
			i = c;
		}
		this.keys[i] = key;
		this.vals[i] = val;
		return top;
	}

	private grow(): void {
		const keys = new Float64Array(this.keys.length * 2);
		const vals = new Int32Array(this.vals.length * 2);
		keys.set(this.keys);
		vals.set(this.vals);
		this.keys = keys;
		this.vals = vals;
	}
}
