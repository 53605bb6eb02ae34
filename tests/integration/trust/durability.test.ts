/**
 * Durability: a kill -9 of the server during a burst of writes loses no write that was
 * acknowledged to the user.
 *
 * Starts the BUILT server (`node build-trust-durability/index.js`, or DURABILITY_BUILD_DIR;
 * built first when the sources are newer) on a fresh DATA_DIR with the demo network, signs a dozen members in, has them post
 * replies to a discussion as fast as the server takes them, kills the process with SIGKILL in
 * the middle of the burst, starts it again, and checks that every reply that got its
 * "303 See Other" is in the database and that `PRAGMA integrity_check` says ok.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEMBERS, DEMO_PASSWORD } from '../../../src/lib/server/seed/demo-members';
import { ensureBuilt, freePort, root } from '../built-app';

const buildDir = resolve(root, process.env.DURABILITY_BUILD_DIR || 'build-trust-durability');
const dataDir = mkdtempSync(join(tmpdir(), 'lmn-durability-'));
let port = 0;
let server: ChildProcess | null = null;
let output = '';

const origin = () => `http://127.0.0.1:${port}`;

/** Starts the built server on the data folder and waits until /healthz answers. */
async function start() {
	const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DEMO: '1', PORT: String(port), ORIGIN: origin(), JOBS: '0', LOG_LEVEL: 'warn', BACKUP_HOUR: 'off' };
	delete env.DATABASE_PATH; // vitest's in-memory setting must not reach the server
	delete env.SMTP_URL;
	server = spawn(process.execPath, [join(buildDir, 'index.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
	server.stdout!.on('data', (d) => (output += d));
	server.stderr!.on('data', (d) => (output += d));
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (server.exitCode != null) throw new Error(`The server stopped (${server.exitCode}):\n${output}`);
		try {
			const res = await fetch(`${origin()}/healthz`);
			if (res.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`The server did not start within a minute:\n${output}`);
}

function killHard(): Promise<void> {
	return new Promise((ok) => {
		if (!server || server.exitCode != null) return ok();
		server.once('exit', () => ok());
		server.kill('SIGKILL');
	});
}

/** Signs a member in through POST /login; returns the session cookie. */
async function signIn(email: string): Promise<string> {
	const res = await fetch(`${origin()}/login`, {
		method: 'POST',
		headers: { origin: origin(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
		redirect: 'manual'
	});
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('session='));
	if (res.status !== 303 || !cookie) throw new Error(`Sign-in of ${email} failed: ${res.status}`);
	return cookie.split(';')[0];
}

/** Posts one reply; true only when the server acknowledged it (303 to the new post). */
async function reply(cookie: string, threadId: number, body: string): Promise<boolean> {
	const res = await fetch(`${origin()}/threads/${threadId}?/reply`, {
		method: 'POST',
		headers: { origin: origin(), cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		body: new URLSearchParams({ body }),
		redirect: 'manual'
	});
	await res.arrayBuffer();
	return res.status === 303 && (res.headers.get('location') ?? '').includes(`/threads/${threadId}?post=`);
}

function openDb() {
	return new Database(join(dataDir, 'app.db'), { readonly: true, fileMustExist: true });
}

beforeAll(async () => {
	ensureBuilt(buildDir, '.svelte-kit-trust-durability');
	port = await freePort();
	await start();
}, 600_000);

afterAll(async () => {
	await killHard();
	rmSync(dataDir, { recursive: true, force: true });
});

describe('durability (kill -9)', () => {
	it('keeps every acknowledged reply, and the database passes its integrity check', async () => {
		const db = openDb();
		const thread = db.prepare(`select id from thread where region_id is null and locked_at is null order by id limit 1`).get() as { id: number } | undefined;
		db.close();
		expect(thread, 'the demo network has a national thread').toBeTruthy();
		const threadId = thread!.id;

		// A dozen members without two-factor (the posting limit is per member per minute).
		const writers = DEMO_MEMBERS.filter((m) => m.role === 'member').slice(0, 12);
		const cookies = await Promise.all(writers.map((m) => signIn(m.email)));

		const acknowledged: string[] = [];
		let attempted = 0;
		let stop = false;
		const run = `run${Date.now().toString(36)}`;
		const killAfter = 40;
		const loops = cookies.map(async (cookie, w) => {
			for (let i = 0; !stop; i++) {
				const body = `Durability ${run} writer ${w} reply ${i}: a burst of writes before the power cut.`;
				attempted++;
				try {
					if (await reply(cookie, threadId, body)) acknowledged.push(body);
					else if (i > 12) break; // rate-limited: this writer is done
				} catch {
					break; // the server went away mid-request: not acknowledged
				}
			}
		});
		// Kill the server in the middle of the burst, with requests in flight.
		while (acknowledged.length < killAfter && attempted < 500) await new Promise((r) => setTimeout(r, 5));
		await killHard();
		stop = true;
		await Promise.all(loops);
		expect(acknowledged.length).toBeGreaterThanOrEqual(killAfter);
		expect(server!.signalCode).toBe('SIGKILL');

		// Start again on the same files: SQLite recovers from its write-ahead log.
		await start();
		const after = openDb();
		try {
			const integrity = after.pragma('integrity_check') as { integrity_check: string }[];
			expect(integrity.map((r) => r.integrity_check)).toEqual(['ok']);
			const find = after.prepare(`select count(*) as n from post where thread_id = ? and body = ?`);
			const missing = acknowledged.filter((b) => (find.get(threadId, b) as { n: number }).n !== 1);
			expect(missing).toEqual([]);
			const stored = (after.prepare(`select count(*) as n from post where thread_id = ? and body like ?`).get(threadId, `Durability ${run} %`) as { n: number }).n;
			expect(stored).toBeGreaterThanOrEqual(acknowledged.length);
		} finally {
			after.close();
		}
		// And the restarted server serves the thread with the replies.
		const page = await fetch(`${origin()}/threads/${threadId}`, { headers: { cookie: await signIn(writers[0].email) } });
		expect(page.status).toBe(200);
	}, 180_000);
});
