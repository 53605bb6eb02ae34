import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { db, immediate } from './db/client';
import { formSubmission, post } from './db/schema';
import { makeMember } from '../../../tests/support/members';
import { startThread, tick } from '../../../tests/support/discussions';
import * as posts from './discussions/posts';
import * as once from './once';

function replies(threadId: number) {
	return db.select().from(post).where(eq(post.threadId, threadId)).all().length - 1;
}

describe('once.run: one submit, one record', () => {
	it('makes the record once; a second submit of the token makes nothing and points at the first', () => {
		const m = makeMember({ authority: 'Lancashire' });
		const id = startThread(m.actor);
		const token = once.newToken();
		const sub = { token, actorId: m.id, kind: 'reply' };
		const href = (made: { value: { number: number } }) => `/threads/${id}?post=${made.value.number}`;
		const first = once.run(sub, () => posts.reply(m.actor, id, { body: 'Our panel meets monthly.' }, tick()), href);
		expect(first).toMatchObject({ ok: true, replayed: false, href: `/threads/${id}?post=2` });
		const second = once.run(sub, () => posts.reply(m.actor, id, { body: 'Our panel meets monthly.' }, tick()), href);
		expect(second).toEqual({ ok: true, replayed: true, href: `/threads/${id}?post=2`, value: null });
		expect(replies(id)).toBe(1);
		// A new token makes a new record.
		const third = once.run({ ...sub, token: once.newToken() }, () => posts.reply(m.actor, id, { body: 'And again.' }, tick()), href);
		expect(third).toMatchObject({ ok: true, replayed: false, href: `/threads/${id}?post=3` });
	});

	it('records nothing when the area refuses, so the same token works once the input is right', () => {
		const m = makeMember({ authority: 'Lancashire' });
		const id = startThread(m.actor);
		const sub = { token: once.newToken(), actorId: m.id, kind: 'reply' };
		const href = (made: { value: { number: number } }) => `/threads/${id}?post=${made.value.number}`;
		const refused = once.run(sub, () => posts.reply(m.actor, id, { body: '   ' }, tick()), href);
		expect(refused.ok).toBe(false);
		expect(once.made(sub.token!)).toBeNull();
		expect(once.run(sub, () => posts.reply(m.actor, id, { body: 'Now with words.' }, tick()), href)).toMatchObject({ ok: true, replayed: false });
		expect(replies(id)).toBe(1);
	});

	it('rolls the record back when recording the token fails (same transaction)', () => {
		const m = makeMember({ authority: 'Lancashire' });
		const id = startThread(m.actor);
		const token = once.newToken();
		// A row for this token appears between the look-up and the insert: the insert fails, and the reply goes with it.
		expect(() =>
			once.run({ token, actorId: m.id, kind: 'reply' }, () => {
				const r = posts.reply(m.actor, id, { body: 'Racing.' }, tick());
				db.insert(formSubmission).values({ token, actorId: m.id, kind: 'reply', resultRef: '/elsewhere', createdAt: 1 }).run();
				return r;
			}, () => '/here')
		).toThrow();
		expect(replies(id)).toBe(0);
		expect(once.made(token)).toBeNull();
	});

	it('without a token (an old page) works as before', () => {
		const m = makeMember({ authority: 'Lancashire' });
		const id = startThread(m.actor);
		const data = new FormData();
		data.set('formToken', 'not a token');
		const sub = once.of(data, m.id, 'reply');
		expect(sub.token).toBeNull();
		once.run(sub, () => posts.reply(m.actor, id, { body: 'One.' }, tick()), () => '/x');
		once.run(sub, () => posts.reply(m.actor, id, { body: 'One.' }, tick()), () => '/x');
		expect(replies(id)).toBe(2);
	});

	it('forgets tokens after 30 days', () => {
		const m = makeMember({ authority: 'Lancashire' });
		const now = Date.parse('2026-11-23T10:00:00Z');
		const old = once.newToken();
		const recent = once.newToken();
		immediate(() => {
			db.insert(formSubmission).values({ token: old, actorId: m.id, kind: 'reply', resultRef: '/a', createdAt: now - once.KEEP_MS - 1 }).run();
			db.insert(formSubmission).values({ token: recent, actorId: m.id, kind: 'reply', resultRef: '/b', createdAt: now - 1000 }).run();
		});
		expect(once.prune(now)).toBeGreaterThanOrEqual(1);
		expect(once.made(old)).toBeNull();
		expect(once.made(recent)).toBe('/b');
	});
});

describe('two submits of one token at the same moment', () => {
	it('make one reply (separate processes, one database file)', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'once-race-'));
		const file = join(dir, 'race.db');
		const worker = join(import.meta.dirname, '../../../tests/support/once-race-worker.ts');
		const run = (args: string[], onReady?: () => void) =>
			new Promise<string>((resolve, reject) => {
				const child = spawn(process.execPath, ['--import', 'tsx', worker, ...args], { cwd: process.cwd(), env: { ...process.env } });
				let out = '';
				let err = '';
				child.stdout.on('data', (d: Buffer) => {
					out += d.toString();
					if (onReady && out.includes('ready')) {
						const ready = onReady;
						onReady = undefined;
						ready();
					}
				});
				child.stderr.on('data', (d: Buffer) => (err += d.toString()));
				child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`worker failed (${code}): ${err}`))));
			});
		try {
			const ids = JSON.parse(await run(['setup', file])) as { memberId: number; threadId: number };
			const token = once.newToken();
			const goFile = join(dir, 'go');
			const racers = 3;
			let ready = 0;
			let release: () => void = () => {};
			const allReady = new Promise<void>((r) => (release = r));
			const runs = Array.from({ length: racers }, () =>
				run(['reply', file, String(ids.memberId), String(ids.threadId), token, goFile], () => {
					if (++ready === racers) release();
				})
			);
			await allReady;
			writeFileSync(goFile, 'go');
			const outcomes = (await Promise.all(runs)).map((out) => JSON.parse(out.split('\n').filter(Boolean).at(-1)!) as { ok: boolean; replayed: boolean; href: string });
			expect(outcomes.every((o) => o.ok)).toBe(true);
			expect(outcomes.filter((o) => !o.replayed)).toHaveLength(1);
			expect(new Set(outcomes.map((o) => o.href)).size).toBe(1);
			const check = new Database(file, { readonly: true });
			const n = check.prepare('select count(*) as n from post where thread_id = ?').get(ids.threadId) as { n: number };
			const tokens = check.prepare('select count(*) as n from form_submission where token = ?').get(token) as { n: number };
			check.close();
			expect(n.n).toBe(2); // the opening post and one reply
			expect(tokens.n).toBe(1);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}, 60_000);
});
