/** One load run with autocannon: a warm-up, then the measured run. */
// @ts-expect-error autocannon ships no types
import autocannon from 'autocannon';
import { cpuTimeMs } from './procs';

export type LoadResult = {
	url: string;
	connections: number;
	durationS: number;
	requests: number;
	rps: number;
	latencyMs: { p50: number; p90: number; p99: number; avg: number; max: number };
	bytesPerResponse: number;
	non2xx: number;
	errors: number;
	timeouts: number;
	statusCodes: Record<string, number>;
	/** CPU the server process used per request during the measured run (ms), when its pid is known. */
	serverCpuMsPerRequest: number | null;
};

export type LoadOptions = { connections: number; duration: number; warmup: number; headers?: Record<string, string>; serverPid?: number };

type Histogram = { average: number; p50: number; p90: number; p99: number; max: number; total: number };
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
	const cpuBefore = opts.serverPid ? cpuTimeMs(opts.serverPid) : null;
	const r = await run(url, opts.connections, opts.duration, headers);
	const cpuAfter = opts.serverPid ? cpuTimeMs(opts.serverPid) : null;
	const total = r.requests.total;
	return {
		url,
		connections: opts.connections,
		durationS: r.duration,
		requests: total,
		rps: total / r.duration,
		latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, avg: r.latency.average, max: r.latency.max },
		bytesPerResponse: total > 0 ? Math.round(r.throughput.total / total) : 0,
		non2xx: r.non2xx,
		errors: r.errors,
		timeouts: r.timeouts,
		statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
		serverCpuMsPerRequest: cpuBefore != null && cpuAfter != null && total > 0 ? (cpuAfter - cpuBefore) / total : null
	};
}

/** Starts a measured run in the background (for the writes-under-load run); resolves with its result. */
export function background(url: string, opts: Omit<LoadOptions, 'warmup'>): Promise<LoadResult> {
	return measure(url, { ...opts, warmup: 0 });
}
