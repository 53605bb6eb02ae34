/**
 * `node serve.js`: the built app in several worker processes on one port.
 *
 * Starts it with WEB_CONCURRENCY=2 on an empty DATA_DIR with the demo network, and checks that
 * the first worker alone migrated and seeded (the demo network exists once), that only it runs
 * the scheduler, that both workers answer, that a worker killed with SIGKILL is replaced while
 * the other keeps serving, and that SIGTERM stops everything cleanly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, freePort, root } from './built-app';

const buildDir = resolve(root, process.env.SERVE_BUILD_DIR || 'build-serve');
const dataDir = mkdtempSync(join(tmpdir(), 'lmn-serve-'));
let port = 0;
let primary: ChildProcess | null = null;
let output = '';

type Ready = { pid: number; scheduler: boolean; seeded: { reference: boolean; demo: boolean } };

/** The workers' "ready" log lines so far. */
function readyLines(): Ready[] {
	return output
		.split('\n')
		.filter((l) => l.includes('"msg":"ready"'))
		.map((l) => JSON.parse(l) as Ready);
}

/** The primary's children (its workers), from /proc. */
function workerPids(): number[] {
	const pids: number[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (ppid === primary?.pid) pids.push(Number(name));
		} catch {
			// gone meanwhile
		}
	}
	return pids;
}

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 60_000) {
	const deadline = Date.now() + ms;
	while (Date.now() < deadline) {
		if (await ok()) return;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`Timed out waiting for ${what}:\n${output}`);
}

const healthy = async () => {
	try {
		return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
	} catch {
		return false;
	}
};

beforeAll(async () => {
	ensureBuilt(buildDir, '.svelte-kit-serve');
	port = await freePort();
	const env: NodeJS.ProcessEnv = {
		...process.env,
		WEB_CONCURRENCY: '2',
		BUILD_DIR: buildDir,
		DATA_DIR: dataDir,
		DEMO: '1',
		JOBS: '1',
		JOB_INTERVAL_MS: '3600000',
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: `http://127.0.0.1:${port}`,
		LOG_LEVEL: 'info',
		BACKUP_HOUR: 'off'
	};
	delete env.DATABASE_PATH; // vitest's in-memory setting must not reach the server
	delete env.SMTP_URL;
	primary = spawn(process.execPath, [join(root, 'serve.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
	primary.stdout!.on('data', (d) => (output += d));
	primary.stderr!.on('data', (d) => (output += d));
	await until('two workers ready', () => readyLines().length === 2 && workerPids().length === 2);
	await until('/healthz', healthy);
}, 240_000);

afterAll(() => {
	if (primary?.exitCode == null) primary?.kill('SIGKILL');
	for (const pid of workerPids()) process.kill(pid, 'SIGKILL');
	rmSync(dataDir, { recursive: true, force: true });
});

describe('node serve.js (WEB_CONCURRENCY=2)', () => {
	it('the first worker migrates and seeds alone, and only it runs the scheduler', () => {
		const [first, second] = readyLines();
		expect(first.seeded.demo).toBe(true);
		expect(second.seeded.demo).toBe(false);
		expect(readyLines().map((r) => r.scheduler)).toEqual([true, false]);
		const db = new Database(join(dataDir, 'app.db'), { readonly: true });
		try {
			const admins = db.prepare("SELECT count(*) AS n FROM member WHERE email = 'admin@example.org'").get() as { n: number };
			expect(admins.n).toBe(1);
		} finally {
			db.close();
		}
	});

	it('answers on the one port while both workers run', async () => {
		// Connections are handed to the workers in turn: fresh connections reach both.
		const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`http://127.0.0.1:${port}/login`, { headers: { connection: 'close' } })));
		expect(answers.every((r) => r.status === 200)).toBe(true);
		expect(workerPids()).toHaveLength(2);
	});

	it('replaces a worker that dies, and keeps serving meanwhile', async () => {
		const [victim, survivor] = workerPids();
		process.kill(victim, 'SIGKILL');
		await until('the dead worker to be gone', () => !workerPids().includes(victim), 10_000);
		expect(await healthy()).toBe(true);
		await until('a new worker', () => workerPids().length === 2 && readyLines().length === 3, 60_000);
		expect(workerPids()).toContain(survivor);
		expect(readyLines()[2].scheduler).toBe(readyLines().find((r) => r.pid === victim)!.scheduler);
		expect(output).toMatch(/Worker \d stopped \(SIGKILL\); starting a new one\./);
		expect(await healthy()).toBe(true);
	}, 90_000);

	it('stops every worker on SIGTERM and exits 0', async () => {
		const workers = workerPids();
		const exited = new Promise<number | null>((r) => primary!.once('exit', (code) => r(code)));
		primary!.kill('SIGTERM');
		expect(await exited).toBe(0);
		for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
	}, 60_000);
});
