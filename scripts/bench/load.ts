/** One load run with autocannon: a warm-up, then the measured run. */
// @ts-expect-error autocannon ships no types
import autocannon from 'autocannon';
import { cpuTimeMs } from './procs';
import type { Probe, ServerSide } from './probe';
import { phases, PHASES, type Phase, type Profile } from './profile-summary';

export type LoadResult = {
	url: string;
	connections: number;
	durationS: number;
	requests: number;
	rps: number;
	latencyMs: { p50: number; p90: number; p99: number; p999: number; avg: number; max: number };
	bytesPerResponse: number;
	non2xx: number;
	errors: number;
	timeouts: number;
	statusCodes: Record<string, number>;
	/** CPU the server process used per request during the measured run (ms), when its pid is known. */
	serverCpuMsPerRequest: number | null;
	/** What the server itself measured over the run (event-loop delay, GC, its own request times, connections), when it runs with the probe. */
	server: ServerSide | null;
};

export type LoadOptions = { connections: number; duration: number; warmup: number; headers?: Record<string, string>; serverPid?: number; probe?: Probe | null };

type Histogram = { average: number; p50: number; p90: number; p99: number; p99_9: number; max: number; total: number };
type Raw = {
	requests: Histogram;
	latency: Histogram;
	throughput: Histogram;
	duration: number;
	non2xx: number;
	errors: number;
	timeouts: number;
	statusCodeStats?: Record<string, { count: number }>;
	'2xx': number;
};

let current: { stop: () => void } | null = null;
process.once('SIGINT', () => current?.stop());

function run(url: string, connections: number, duration: number, headers: Record<string, string>): Promise<Raw> {
	return new Promise((resolve, reject) => {
		const instance = autocannon({ url, connections, duration, headers, timeout: 30 }, (err: Error | null, result: Raw) => {
			current = null;
			if (err) reject(err);
			else resolve(result);
		});
		current = instance;
	});
}

/** Warm-up (not measured), then `duration` seconds measured. */
export async function measure(url: string, opts: LoadOptions): Promise<LoadResult> {
	const headers = opts.headers ?? {};
	if (opts.warmup > 0) await run(url, opts.connections, opts.warmup, headers);
	await opts.probe?.reset();
	const cpuBefore = opts.serverPid ? cpuTimeMs(opts.serverPid) : null;
	const r = await run(url, opts.connections, opts.duration, headers);
	const cpuAfter = opts.serverPid ? cpuTimeMs(opts.serverPid) : null;
	const server = opts.probe ? await opts.probe.serverSide() : null;
	const total = r.requests.total;
	return {
		url,
		connections: opts.connections,
		durationS: r.duration,
		requests: total,
		rps: total / r.duration,
		latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, p999: r.latency.p99_9, avg: r.latency.average, max: r.latency.max },
		bytesPerResponse: total > 0 ? Math.round(r.throughput.total / total) : 0,
		non2xx: r.non2xx,
		errors: r.errors,
		timeouts: r.timeouts,
		statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
		serverCpuMsPerRequest: cpuBefore != null && cpuAfter != null && total > 0 ? (cpuAfter - cpuBefore) / total : null,
		server
	};
}

/** Starts a measured run in the background (for the writes-under-load run); resolves with its result. */
export function background(url: string, opts: Omit<LoadOptions, 'warmup'>): Promise<LoadResult> {
	return measure(url, { ...opts, warmup: 0 });
}

export type PhaseSplit = { requests: number; seconds: number; sampledMs: number; msPerRequest: Record<Phase, number> };

/**
 * A separate, shorter run under the CPU profiler (not the measured one: profiling slows the
 * server): where each request's CPU goes, by phase (profile-summary.ts), per request.
 */
export async function profiledRun(url: string, opts: { connections: number; seconds: number; headers?: Record<string, string>; probe: Probe }): Promise<PhaseSplit> {
	await opts.probe.profileStart();
	const ran = await run(url, opts.connections, opts.seconds, opts.headers ?? {}).then(
		(raw) => ({ raw }),
		(error: unknown) => ({ raw: null, error })
	);
	const profiles = await opts.probe.profileStop(); // stopped even when the run failed
	if (!ran.raw) throw (ran as { error: unknown }).error;
	const raw = ran.raw;
	const total = Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
	let sampledMs = 0;
	for (const json of profiles) {
		const split = phases(JSON.parse(json) as Profile);
		for (const p of PHASES) total[p] += split.ms[p];
		sampledMs += split.sampledMs;
	}
	const requests = raw.requests.total;
	return { requests, seconds: opts.seconds, sampledMs, msPerRequest: Object.fromEntries(PHASES.map((p) => [p, requests > 0 ? total[p] / requests : NaN])) as Record<Phase, number> };
}
