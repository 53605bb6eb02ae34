/**
 * A national event's announcement from separate processes on one database file, delivered by
 * the app's own worker (`scripts/cli.ts mail:send-due`) to a real SMTP server:
 *  - a process killed (SIGKILL) part way through, then the next run: every member it is for
 *    gets it exactly once;
 *  - two processes announcing at once: every member exactly once, the work shared.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { startSmtpSink } from '../../support/smtp-sink';

const ROOT = resolve(__dirname, '../../..');
const WORKER = 'tests/support/event-mail-worker.ts';
const MEMBERS = 600;
let dir: string;
const children: ChildProcess[] = [];

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'lmn-event-emails-'));
});
afterEach(() => {
	for (const c of children.splice(0)) if (c.exitCode == null) c.kill('SIGKILL');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Run = ChildProcess & { done: Promise<number | null>; output: Promise<string> };

/** Starts `node --import tsx <script> …args` in its own process (no wrapper, so a kill reaches it). */
function run(script: string, args: string[], env: Record<string, string> = {}): Run {
	const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	children.push(child);
	let out = '';
	let err = '';
	child.stdout!.on('data', (d) => (out += d));
	child.stderr!.on('data', (d) => (err += d));
	const done = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
	const output = done.then((code) => {
		if (code !== 0 && code !== null) throw new Error(`${script} ${args.join(' ')} exited ${code}: ${err}`);
		return out;
	});
	return Object.assign(child, { done, output });
}

/** A database file with the network and its unannounced national event; the addresses it is for. */
async function network(name: string): Promise<{ file: string; eventId: number; to: string[] }> {
	const file = join(dir, `${name}.db`);
	const { eventId, to } = JSON.parse(await run(WORKER, ['setup', file, String(MEMBERS)]).output);
	return { file, eventId, to };
}

/** How far the event's announcement has gone, and how many of its emails are queued. */
function progress(file: string, eventId: number): { through: number | null; at: number | null; queued: number } {
	const db = new Database(file, { readonly: true });
	try {
		const row = db.prepare('SELECT announced_through AS through, announced_at AS at FROM training_event WHERE id = ?').get(eventId) as { through: number | null; at: number | null };
		const { queued } = db.prepare("SELECT count(*) AS queued FROM outbox_message WHERE idempotency_key LIKE ?").get(`event:${eventId}:announcement:%`) as { queued: number };
		return { ...row, queued };
	} finally {
		db.close();
	}
}

/** Resolves when the process has printed `line`. */
function printed(child: Run, line: string): Promise<void> {
	return new Promise((resolve, reject) => {
		let out = '';
		child.stdout!.on('data', (d) => {
			out += d;
			if (out.split('\n').includes(line)) resolve();
		});
		child.on('exit', () => reject(new Error(`exited before printing ${line}`)));
	});
}

/**
 * Delivers everything queued with the app's own command (`mail:send-due`) to a real SMTP server
 * and checks that each address in `to`, and no other, received the announcement exactly once.
 */
async function expectEachOnce(file: string, to: string[]) {
	const sink = await startSmtpSink();
	try {
		const sent = run('scripts/cli.ts', ['mail:send-due'], { DATABASE_PATH: file, DATA_DIR: dir, SMTP_URL: sink.url });
		expect(await sent.done).toBe(0);
		const copies = new Map<string, number>();
		for (const m of sink.messages.filter((m) => m.subject.startsWith('New event: National induction'))) for (const a of m.to) copies.set(a, (copies.get(a) ?? 0) + 1);
		expect([...copies.keys()].sort()).toEqual([...to].sort());
		expect([...copies.values()].every((n) => n === 1)).toBe(true);
	} finally {
		await sink.close();
	}
}

describe('announcing a national event from several processes', () => {
	it('after a process is killed part way through, the next run sends the rest: every member exactly once', async () => {
		const { file, eventId, to } = await network('killed');
		const first = run(WORKER, ['announce', file, '2']);
		const end = Date.now() + 60_000;
		while ((progress(file, eventId).through ?? 0) === 0) {
			if (Date.now() > end || first.exitCode != null) throw new Error('the announcement did not start');
			await new Promise((r) => setTimeout(r, 2));
		}
		first.kill('SIGKILL');
		expect(await first.done).toBeNull(); // killed, not finished
		const stopped = progress(file, eventId);
		expect(stopped.at).toBeNull();
		expect(stopped.queued).toBeGreaterThan(0);
		expect(stopped.queued).toBeLessThan(to.length);

		const second = run(WORKER, ['announce', file]);
		const { announced } = JSON.parse(await second.output);
		expect(announced).toBe(to.length - stopped.queued);
		expect(progress(file, eventId)).toMatchObject({ queued: to.length, at: expect.any(Number) });

		await expectEachOnce(file, to);
	}, 180_000);

	it('with two processes announcing at once, sends every member exactly one email', async () => {
		const { file, to } = await network('two');
		const go = join(dir, 'go');
		const both = [run(WORKER, ['announce', file, '2', go]), run(WORKER, ['announce', file, '2', go])];
		await Promise.all(both.map((p) => printed(p, 'ready')));
		writeFileSync(go, '');
		const outputs = await Promise.all(both.map((p) => p.output));
		// Each counts only what it queued itself: the two add up to one email each.
		const counts = outputs.map((o) => JSON.parse(o.split('\n').filter(Boolean).at(-1)!).announced as number);
		expect(counts[0] + counts[1]).toBe(to.length);

		await expectEachOnce(file, to);
	}, 180_000);
});
