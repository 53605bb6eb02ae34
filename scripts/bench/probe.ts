/**
 * The benchmark's side of server-probe.js: asks every server process (one under `node build`,
 * each worker under `node serve.js`) for its figures over its Unix socket.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Node arguments that preload the probe. */
export const probeArgs = ['--import', fileURLToPath(new URL('./server-probe.js', import.meta.url))];

export type GcStats = Record<string, { count: number; totalMs: number; maxMs: number }>;

export type ProbeStats = {
	pid: number;
	sinceMs: number;
	loopDelayMs: { p50: number; p99: number; max: number; mean: number; samples: number };
	gc: GcStats;
	requests: { count: number; p50Ms: number; p99Ms: number; p999Ms: number; maxMs: number };
	connections: { opened: number; closedByClient: number; closedByServer: number; errors: number };
	memory: NodeJS.MemoryUsage;
};

/** The figures of all a server's processes over one run, put together (the worst process's delay). */
export type ServerSide = {
	processes: number;
	loopDelayMs: { p99: number; max: number };
	gc: { count: number; totalMs: number; maxMs: number; byKind: GcStats };
	requests: { count: number; p99Ms: number; p999Ms: number; maxMs: number };
	connections: ProbeStats['connections'];
};

function call(socketPath: string, method: string, path: string, timeoutMs = 60_000): Promise<string> {
	return new Promise((resolve, reject) => {
		const req = http.request({ socketPath, method, path, timeout: timeoutMs }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => {
				const body = Buffer.concat(chunks).toString('utf8');
				if (res.statusCode === 200) resolve(body);
				else reject(new Error(`probe ${path}: ${res.statusCode} ${body}`));
			});
		});
		req.on('timeout', () => req.destroy(new Error(`probe ${path}: no answer in ${timeoutMs} ms`)));
		req.on('error', reject);
		req.end();
	});
}

export class Probe {
	constructor(readonly dir: string) {
		mkdirSync(dir, { recursive: true });
	}

	/** The processes' sockets (a worker that was replaced leaves none behind). */
	sockets(): string[] {
		return readdirSync(this.dir)
			.filter((f) => f.endsWith('.sock'))
			.map((f) => join(this.dir, f));
	}

	async reset(): Promise<void> {
		await Promise.all(this.sockets().map((s) => call(s, 'POST', '/reset')));
	}

	async stats(): Promise<ProbeStats[]> {
		return Promise.all(this.sockets().map(async (s) => JSON.parse(await call(s, 'GET', '/stats')) as ProbeStats));
	}

	/** Figures since the last reset, all processes together. */
	async serverSide(): Promise<ServerSide> {
		return combine(await this.stats());
	}

	async profileStart(): Promise<void> {
		await Promise.all(this.sockets().map((s) => call(s, 'POST', '/profile/start')));
	}

	/** The CPU profiles of every process (V8 .cpuprofile JSON). */
	async profileStop(): Promise<string[]> {
		return Promise.all(this.sockets().map((s) => call(s, 'POST', '/profile/stop', 120_000)));
	}
}

export function combine(all: ProbeStats[]): ServerSide {
	const byKind: GcStats = {};
	for (const s of all) {
		for (const [kind, g] of Object.entries(s.gc)) {
			const k = (byKind[kind] ??= { count: 0, totalMs: 0, maxMs: 0 });
			k.count += g.count;
			k.totalMs += g.totalMs;
			k.maxMs = Math.max(k.maxMs, g.maxMs);
		}
	}
	const gcAll = Object.values(byKind);
	const max = (f: (s: ProbeStats) => number) => Math.max(0, ...all.map(f));
	const sum = (f: (s: ProbeStats) => number) => all.reduce((a, s) => a + f(s), 0);
	return {
		processes: all.length,
		loopDelayMs: { p99: max((s) => s.loopDelayMs.p99), max: max((s) => s.loopDelayMs.max) },
		gc: { count: gcAll.reduce((a, g) => a + g.count, 0), totalMs: gcAll.reduce((a, g) => a + g.totalMs, 0), maxMs: Math.max(0, ...gcAll.map((g) => g.maxMs)), byKind },
		requests: { count: sum((s) => s.requests.count), p99Ms: max((s) => s.requests.p99Ms), p999Ms: max((s) => s.requests.p999Ms), maxMs: max((s) => s.requests.maxMs) },
		connections: {
			opened: sum((s) => s.connections.opened),
			closedByClient: sum((s) => s.connections.closedByClient),
			closedByServer: sum((s) => s.connections.closedByServer),
			errors: sum((s) => s.connections.errors)
		}
	};
}
