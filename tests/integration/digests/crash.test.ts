/**
 * The worker as a separate process (`scripts/cli.ts mail:send-due`) against a database file and a
 * real SMTP server that counts every copy it receives per recipient and answers slowly:
 *  - kill -9 mid-run, restart: no one is missing a message, and at most the one message whose
 *    SMTP exchange was cut is sent twice;
 *  - two processes at once on one database: every message exactly once.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { openDatabase } from '../../../src/lib/server/db/client';

const ROOT = resolve(__dirname, '../../..');
let dataDir: string;
const children: ChildProcess[] = [];

beforeAll(() => {
	dataDir = mkdtempSync(join(tmpdir(), 'lmn-crash-'));
});
afterEach(() => {
	for (const c of children.splice(0)) if (c.exitCode == null) c.kill('SIGKILL');
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** An SMTP server that counts each message per recipient as soon as it has all of it, then answers after `delayMs`. */
async function countingServer(delayMs: number) {
	const copies = new Map<string, number>();
	let total = 0;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, session, callback) {
			stream.on('data', () => {});
			stream.on('end', () => {
				for (const r of session.envelope.rcptTo) copies.set(r.address, (copies.get(r.address) ?? 0) + 1);
				total++;
				setTimeout(() => callback(), delayMs);
			});
		}
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	return {
		port: (server.server.address() as { port: number }).port,
		copies,
		total: () => total,
		close: () => new Promise<void>((r) => server.close(() => r()))
	};
}

/** A fresh database file with `n` queued messages to r0 … r(n-1)@example.org. */
function queueMessages(file: string, n: number): string[] {
	const { sqlite } = openDatabase(file, join(ROOT, 'drizzle'));
	const insert = sqlite.prepare(
		`insert into outbox_message (idempotency_key, kind, to_address, subject, text, html, status, attempts, next_attempt_at, created_at)
		 values (?, 'digest', ?, ?, ?, ?, 'queued', 0, ?, ?)`
	);
	const now = Date.now();
	const to: string[] = [];
	sqlite.transaction(() => {
		for (let i = 0; i < n; i++) {
			const address = `r${i}@example.org`;
			to.push(address);
			insert.run(`crash-test:${file}:${i}`, address, `Digest ${i}`, `Plain text ${i}\n`.repeat(50), `<p>HTML ${i}</p>`.repeat(50), now, now);
		}
	})();
	sqlite.close();
	return to;
}

function statuses(file: string): Record<string, number> {
	const { sqlite } = openDatabase(file, join(ROOT, 'drizzle'));
	const rows = sqlite.prepare('select status, count(*) as n from outbox_message group by status').all() as { status: string; n: number }[];
	sqlite.close();
	return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Starts `tsx scripts/cli.ts mail:send-due` as its own process (no wrapper, so a kill reaches the worker). */
function worker(file: string, port: number, env: Record<string, string> = {}): ChildProcess & { done: Promise<number | null> } {
	const childEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_PATH: file, SMTP_URL: `smtp://127.0.0.1:${port}`, LOG_LEVEL: 'silent', MAIL_LEASE_MS: '1000', ...env };
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'mail:send-due'], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
	children.push(child);
	const done = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
	return Object.assign(child, { done });
}

async function until(check: () => boolean, timeoutMs = 120_000) {
	const end = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 10));
	}
}

describe('the worker process', () => {
	it('after kill -9 mid-run and a restart, loses nothing and doubles at most the message cut mid-exchange', async () => {
		const file = join(dataDir, 'kill.db');
		const to = queueMessages(file, 120);
		const sink = await countingServer(40);
		try {
			const first = worker(file, sink.port);
			await until(() => sink.total() >= 30);
			first.kill('SIGKILL');
			expect(await first.done).toBeNull(); // killed, not finished
			const afterKill = sink.total();
			expect(afterKill).toBeLessThan(to.length);
			await new Promise((r) => setTimeout(r, 1200)); // the dead worker's lease (MAIL_LEASE_MS) runs out

			const second = worker(file, sink.port);
			expect(await second.done).toBe(0);
			const counts = to.map((a) => sink.copies.get(a) ?? 0);
			expect(counts.filter((c) => c === 0)).toEqual([]); // none missing
			const doubled = counts.filter((c) => c > 1);
			expect(doubled.length).toBeLessThanOrEqual(1); // at most the one cut mid-exchange …
			expect(Math.max(...counts)).toBeLessThanOrEqual(2); // … sent at most once more
			expect(statuses(file)).toEqual({ sent: to.length });
		} finally {
			await sink.close();
		}
	}, 180_000);

	it('with two processes sending from one database at once, sends every message exactly once', async () => {
		const file = join(dataDir, 'two.db');
		const to = queueMessages(file, 150);
		const sink = await countingServer(5);
		try {
			const a = worker(file, sink.port, { MAIL_CONNECTIONS: '2' });
			const b = worker(file, sink.port, { MAIL_CONNECTIONS: '2' });
			expect(await Promise.all([a.done, b.done])).toEqual([0, 0]);
			const counts = to.map((x) => sink.copies.get(x) ?? 0);
			expect(counts.every((c) => c === 1)).toBe(true);
			expect(statuses(file)).toEqual({ sent: to.length });
		} finally {
			await sink.close();
		}
	}, 180_000);

	it('stops at start with a clear message when SMTP_URL cannot be read', async () => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'mail:send-due'], {
			cwd: ROOT,
			env: { ...process.env, DATA_DIR: dataDir, DATABASE_PATH: join(dataDir, 'bad.db'), SMTP_URL: 'smtp//mail.example.org', LOG_LEVEL: 'silent' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		children.push(child);
		let stderr = '';
		child.stderr!.on('data', (d) => (stderr += d));
		const code = await new Promise((r) => child.on('exit', r));
		expect(code).toBe(1);
		expect(stderr).toContain('SMTP_URL could not be read');
		expect(stderr).toContain('smtp://user:password@mail.example.org:587');
	}, 60_000);
});
