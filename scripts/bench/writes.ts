/**
 * Writes under read load: while autocannon loads the 20-post thread page, the 50 posters reply
 * in another thread through the real form action (POST /threads/<id>?/reply, urlencoded, with
 * the app's Origin), at a steady pace spread over the posters so that none reaches the app's
 * limit of 10 posts a minute. Each post must be accepted (303 back to the new post).
 */
import { background, type LoadResult } from './load';
import { percentile } from './stats';

export type WriteResult = {
	threadId: number;
	posters: number;
	ratePerS: number;
	attempted: number;
	posted: number;
	refused: { status: number; detail: string }[];
	/** Median time of a reply with no other load (five replies, one after another, before the run). */
	aloneMs: number | null;
	latencyMs: { p50: number; p90: number; p99: number; max: number; avg: number };
	readLoad: LoadResult;
};

const PARAGRAPHS = [
	'We had the same question at our last corporate parenting panel. What helped was asking the virtual school head to bring two case studies rather than the dashboard.',
	'Our scrutiny chair now asks for **one page** before each meeting: what changed since last time, what the children told us, and what we are worried about.',
	'Thanks for starting this. In our authority the turning point was agreeing with the DCS which three measures the Lead Member sees *every* month, no matter what.',
	'A practical tip: keep a short log of visits to front-line teams. It makes the annual conversation with Ofsted much easier, and people notice that you came back.'
];

function replyBody(n: number, poster: string): string {
	return `${PARAGRAPHS[n % PARAGRAPHS.length]}\n\n- reply ${n + 1} in the benchmark\n- from ${poster.split('@')[0]}`;
}

/** One reply through the form action; the time from sending to the whole answer read. */
async function postReply(origin: string, threadId: number, token: string, body: string): Promise<{ ok: boolean; status: number; ms: number; detail: string }> {
	const t = performance.now();
	const r = await fetch(`${origin}/threads/${threadId}?/reply`, {
		method: 'POST',
		// As a browser without JavaScript sends it: SvelteKit answers `Accept: */*` with JSON, as for `use:enhance`.
		headers: { cookie: `session=${token}`, origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
		body: new URLSearchParams({ body }).toString(),
		redirect: 'manual'
	});
	const text = await r.text();
	const ms = performance.now() - t;
	const location = r.headers.get('location') ?? '';
	if (r.status === 303 && location.startsWith(`/threads/${threadId}?post=`)) return { ok: true, status: r.status, ms, detail: location };
	// A refused reply re-renders the page with the message in the error summary.
	const message = /class="[^"]*error[^"]*"[^>]*>([^<]{0,300})/.exec(text)?.[1]?.trim();
	return { ok: false, status: r.status, ms, detail: location || message || text.slice(0, 200) };
}

/**
 * Runs the read load on `readUrl` for `durationS` and, meanwhile, posts at `ratePerS` round-robin
 * over `tokens` (open loop: a post starts on time whether or not the previous one finished).
 */
export async function writesUnderLoad(opts: {
	origin: string;
	readUrl: string;
	readToken: string;
	threadId: number;
	tokens: { email: string; token: string }[];
	ratePerS: number;
	durationS: number;
	connections: number;
}): Promise<WriteResult> {
	const { origin, threadId, tokens } = opts;
	// Five posts first, one after another with no load: a refusal here is a broken set-up, not
	// a slow server; their times are what one reply costs on its own.
	const alone: number[] = [];
	for (let i = 0; i < Math.min(5, tokens.length); i++) {
		const r = await postReply(origin, threadId, tokens[i].token, replyBody(1000 + i, tokens[i].email));
		if (!r.ok) throw new Error(`A reply by ${tokens[i].email} to thread ${threadId} was refused (${r.status}): ${r.detail}`);
		alone.push(r.ms);
	}
	alone.sort((x, y) => x - y);

	const reading = background(opts.readUrl, { connections: opts.connections, duration: opts.durationS, headers: { cookie: `session=${opts.readToken}` } });
	const times: number[] = [];
	const refused: WriteResult['refused'] = [];
	const inFlight: Promise<void>[] = [];
	const interval = 1000 / opts.ratePerS;
	const started = performance.now();
	// Posts from 0.5 s in until 1 s before the read load ends, so every post meets the load.
	const total = Math.max(1, Math.floor((opts.durationS - 1.5) * opts.ratePerS));
	await new Promise((r) => setTimeout(r, 500)); // let the read load reach its pace
	for (let i = 0; i < total; i++) {
		const due = started + 500 + i * interval;
		const wait = due - performance.now();
		if (wait > 0) await new Promise((r) => setTimeout(r, wait));
		const who = tokens[(i + 1) % tokens.length];
		inFlight.push(
			postReply(origin, threadId, who.token, replyBody(i + 1, who.email)).then(
				(r) => {
					if (r.ok) times.push(r.ms);
					else refused.push({ status: r.status, detail: `${who.email}: ${r.detail}` });
				},
				(err) => void refused.push({ status: 0, detail: `${who.email}: ${(err as Error).message}` })
			)
		);
	}
	await Promise.all(inFlight);
	const readLoad = await reading;
	const sorted = [...times].sort((x, y) => x - y);
	return {
		threadId,
		posters: tokens.length,
		ratePerS: opts.ratePerS,
		attempted: total,
		posted: times.length,
		refused,
		aloneMs: percentile(alone, 50),
		latencyMs: {
			p50: percentile(sorted, 50),
			p90: percentile(sorted, 90),
			p99: percentile(sorted, 99),
			max: sorted.at(-1) ?? NaN,
			avg: sorted.length ? sorted.reduce((s, x) => s + x, 0) / sorted.length : NaN
		},
		readLoad
	};
}
