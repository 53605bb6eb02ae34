/**
 * A kill -9 during an upload leaves nothing behind: starts the BUILT server, streams a large
 * upload to /library/new slowly, kills the server with SIGKILL while the file is half written,
 * starts it again, and checks that no entry was made and that housekeeping (run by the
 * scheduler at start) removed the half-written temporary file, leaving only the demo's files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/lib/server/seed/demo-members';
import { ensureBuilt, freePort, root } from '../built-app';

const buildDir = resolve(root, process.env.DURABILITY_BUILD_DIR || 'build-library-crash');
const dataDir = mkdtempSync(join(tmpdir(), 'lmn-upload-crash-'));
let port = 0;
let server: ChildProcess | null = null;
let output = '';
const origin = () => `http://127.0.0.1:${port}`;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function start() {
	const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DEMO: '1', PORT: String(port), HOST: '127.0.0.1', ORIGIN: origin(), JOBS: '1', JOB_INTERVAL_MS: '300', LOG_LEVEL: 'warn', BACKUP_HOUR: 'off', BODY_SIZE_LIMIT: 'Infinity' };
	delete env.DATABASE_PATH;
	delete env.SMTP_URL;
	server = spawn(process.execPath, [join(buildDir, 'index.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
	server.stdout!.on('data', (d) => (output += d));
	server.stderr!.on('data', (d) => (output += d));
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (server.exitCode != null) throw new Error(`The server stopped (${server.exitCode}):\n${output}`);
		try {
			if ((await fetch(`${origin()}/healthz`)).ok) return;
		} catch {
			// not yet
		}
		await wait(200);
	}
	throw new Error(`The server did not start:\n${output}`);
}

function killHard(): Promise<void> {
	return new Promise((ok) => {
		if (!server || server.exitCode != null) return ok();
		server.once('exit', () => ok());
		server.kill('SIGKILL');
	});
}

function blobs(): string[] {
	const dir = join(dataDir, 'files');
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((d) => /^[0-9a-f]{2}$/.test(d))
		.flatMap((d) => readdirSync(join(dir, d)));
}
const temps = () => (existsSync(join(dataDir, 'files', 'tmp')) ? readdirSync(join(dataDir, 'files', 'tmp')) : []);

beforeAll(async () => {
	ensureBuilt(buildDir, '.svelte-kit-library-crash');
	port = await freePort();
	await start();
}, 600_000);

afterAll(async () => {
	await killHard();
	rmSync(dataDir, { recursive: true, force: true });
});

describe('upload cut by kill -9', () => {
	it('leaves no entry and no stray file after a restart', async () => {
		const login = await fetch(`${origin()}/login`, {
			method: 'POST',
			headers: { origin: origin(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: new URLSearchParams({ email: 'member@example.org', password: DEMO_PASSWORD }),
			redirect: 'manual'
		});
		const cookie = login.headers.getSetCookie().find((c) => c.startsWith('session='))!.split(';')[0];
		await wait(1500); // the demo's files are in place and housekeeping has run once
		const before = blobs().sort();
		expect(before.length).toBeGreaterThan(0);

		const boundary = 'crashboundary12345';
		const head = Buffer.from(
			[['kind', 'report'], ['title', 'Half an upload'], ['summary', 'Never finished'], ['topics', 'scrutiny'], ['authorityId', '1'], ['scope', 'national']]
				.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
				.join('') + `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`
		);
		const req = request(`${origin()}/library/new`, {
			method: 'POST',
			headers: { origin: origin(), cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + 10 * 1024 * 1024), accept: 'text/html' }
		});
		req.on('error', () => {});
		req.write(head);
		for (let i = 0; i < 4; i++) {
			req.write(Buffer.alloc(256 * 1024, 0x20));
			await wait(100);
		}
		// The half-written file is on disk as a temporary file…
		const deadline = Date.now() + 10_000;
		while (temps().length === 0 && Date.now() < deadline) await wait(50);
		expect(temps().length).toBe(1);
		// …when the power goes.
		await killHard();
		req.destroy();
		expect(server!.signalCode).toBe('SIGKILL');
		expect(temps().length).toBe(1);

		await start();
		const gone = Date.now() + 15_000;
		while (temps().length > 0 && Date.now() < gone) await wait(200);
		expect(temps()).toEqual([]);
		expect(blobs().sort()).toEqual(before);
		const db = new Database(join(dataDir, 'app.db'), { readonly: true, fileMustExist: true });
		try {
			expect((db.prepare(`select count(*) as n from library_entry where title = 'Half an upload'`).get() as { n: number }).n).toBe(0);
		} finally {
			db.close();
		}
	}, 120_000);
});
