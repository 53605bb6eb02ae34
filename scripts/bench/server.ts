/** The app's production build (`node build`) as a child, on a copy of the large network. */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ask, captureOutput, freePort, root, start, stop, tsx, waitForHttp } from './procs';
import { buildDir } from './prepare';
import { Probe, probeArgs } from './probe';
import type { Facts } from './sessions-child';

export type App = {
	child: ChildProcess;
	pid: number;
	origin: string;
	output: ReturnType<typeof captureOutput>;
	/** The server's own figures (server-probe.js, preloaded into each of its processes). */
	probe: Probe;
	stop: () => Promise<void>;
};

/** Creates sessions (and reads page facts) in a child on `dataDir` before the server opens it. */
export async function signIn(dataDir: string, req: { emails: string[]; twentyPost: number; long: number; mentor: string; region: string }): Promise<Facts> {
	const child = start(process.execPath, tsx('./sessions-child.ts'), {
		env: { ...process.env, DATA_DIR: dataDir, DATABASE_PATH: '', LOG_LEVEL: 'warn' },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	try {
		return await ask<Facts>(child, { type: 'sessions', ...req });
	} finally {
		await stop(child);
	}
}

/**
 * Starts `node build` (or, with `workers` > 1, `node serve.js` with WEB_CONCURRENCY) with DATA_DIR on the copy, the scheduler off (JOBS=0, unless `env` says otherwise) and quiet logs;
 * resolves when /healthz answers. With `cpuProf`, node writes a .cpuprofile there on exit.
 */
export async function startApp(dataDir: string, opts: { cpuProf?: string | null; workers?: number; env?: Record<string, string> } = {}): Promise<App> {
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const nodeArgs = [...probeArgs, ...(opts.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProf}`] : [])];
	const probe = new Probe(join(dataDir, `probe-${port}`));
	const workers = opts.workers ?? 1;
	const entry = workers > 1 ? join(root, 'serve.js') : join(buildDir(), 'index.js');
	const child = start(process.execPath, [...nodeArgs, entry], {
		env: {
			...process.env,
			WEB_CONCURRENCY: String(workers),
			DATA_DIR: dataDir,
			DATABASE_PATH: '',
			BENCH_PROBE_DIR: probe.dir,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			JOBS: '0',
			DEMO: '0',
			LOG_LEVEL: 'warn',
			NODE_ENV: 'production',
			BACKUP_HOUR: 'off',
			BODY_SIZE_LIMIT: 'Infinity',
			// The mail-in run turns the scheduler and the SMTP receiver on (inbound.ts).
			...opts.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const output = captureOutput(child);
	try {
		await waitForHttp(`${origin}/healthz`, child, 180_000, 'The app server');
	} catch (err) {
		await stop(child);
		throw new Error(`${(err as Error).message}\n--- server output ---\n${output.tail()}`);
	}
	return { child, pid: child.pid!, origin, output, probe, stop: () => stop(child, 10_000) };
}
