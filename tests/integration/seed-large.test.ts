/**
 * The large-network seeder (npm run seed:large), run as users run it, at a small scale:
 * it refuses the app's own data directory, builds the manifest the benchmark relies on, is
 * deterministic for a seed, and its data keeps the app's own rules (who can see what).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function seed(...args: string[]) {
	const dir = mkdtempSync(join(tmpdir(), 'lmn-large-'));
	dirs.push(dir);
	const env = { ...process.env, DATABASE_PATH: '', DATA_DIR: '' };
	await run('npx', ['tsx', 'scripts/seed-large.ts', '--data-dir', dir, '--scale', '0.02', ...args], { env, timeout: 120_000 });
	return dir;
}

/** A fingerprint of the content (not the password hashes, which are salted). */
function fingerprint(dir: string): string {
	const db = new Database(join(dir, 'app.db'), { readonly: true });
	const h = createHash('sha256');
	for (const q of [
		'SELECT id, email, handle, authority_id, position, in_role_since, created_at FROM member ORDER BY id',
		'SELECT id, title, region_id, author_id, post_count, last_post_at FROM thread ORDER BY id',
		'SELECT id, thread_id, number, author_id, body, created_at FROM post ORDER BY id',
		'SELECT id, mentor_id, mentee_id, status, starts_on FROM pairing ORDER BY id',
		'SELECT id, member_id, start_date, kind, minutes FROM training_entry ORDER BY id',
		'SELECT checklist_id, item_key, status, due_date FROM checklist_item ORDER BY id'
	])
		h.update(JSON.stringify(db.prepare(q).all()));
	db.close();
	return h.digest('hex');
}

describe('npm run seed:large', () => {
	it('needs a data directory and refuses the app’s own', async () => {
		await expect(run('npx', ['tsx', 'scripts/seed-large.ts'], { timeout: 60_000 })).rejects.toMatchObject({ code: 2 });
		await expect(run('npx', ['tsx', 'scripts/seed-large.ts', '--data-dir', 'data'], { timeout: 60_000 })).rejects.toMatchObject({ stderr: expect.stringContaining('Refusing') });
	});

	it('builds a network with the manifest the benchmark uses, the same every time', { timeout: 240_000 }, async () => {
		const a = await seed();
		const b = await seed();
		expect(fingerprint(a)).toBe(fingerprint(b));
		await expect(run('npx', ['tsx', 'scripts/seed-large.ts', '--data-dir', a], { timeout: 60_000 })).rejects.toMatchObject({ stderr: expect.stringContaining('already exists') });

		const manifest = JSON.parse(readFileSync(join(a, 'large-network.json'), 'utf8'));
		expect(manifest.counts).toMatchObject({ members: 400, threads: 200, posts: 2000, trainingEntries: 3000, checklists: 153 });
		const db = new Database(join(a, 'app.db'), { readonly: true });
		const one = <T>(sql: string, ...p: unknown[]) => db.prepare(sql).get(...p) as T;
		expect(one<{ post_count: number; region_id: string | null }>('SELECT post_count, region_id FROM thread WHERE id = ?', manifest.threads.twentyPost)).toEqual({ post_count: 20, region_id: null });
		expect(one<{ n: number }>('SELECT count(*) AS n FROM post WHERE thread_id = ?', manifest.threads.long).n).toBe(manifest.threads.longPosts);
		expect(one<{ n: number }>("SELECT count(*) AS n FROM post_fts WHERE post_fts MATCH ?", manifest.words.rare).n).toBeGreaterThan(0);
		expect(one<{ n: number }>("SELECT count(*) AS n FROM pairing p JOIN member m ON m.id = p.mentor_id WHERE m.email = ? AND p.status = 'active'", manifest.accounts.mentor).n).toBe(3);
		expect(manifest.accounts.posters).toHaveLength(50);

		// The app's rules hold in the data: posts in a regional thread are by people who may see it …
		const outsiders = one<{ n: number }>(
			`SELECT count(*) AS n FROM post p JOIN thread t ON t.id = p.thread_id JOIN member m ON m.id = p.author_id JOIN authority a ON a.id = m.authority_id
			 WHERE t.region_id IS NOT NULL AND a.region_id <> t.region_id AND m.role = 'member'`
		);
		expect(outsiders.n).toBe(0);
		// … thread counters match their posts, and every member has a digest schedule.
		expect(one<{ n: number }>('SELECT count(*) AS n FROM thread t WHERE post_count <> (SELECT count(*) FROM post p WHERE p.thread_id = t.id) OR last_post_at <> (SELECT max(created_at) FROM post p WHERE p.thread_id = t.id)').n).toBe(0);
		expect(one<{ n: number }>('SELECT count(*) AS n FROM member m WHERE NOT EXISTS (SELECT 1 FROM personal_digest_state s WHERE s.member_id = m.id)').n).toBe(0);
		expect(one<{ n: number }>('SELECT max(created_at) AS n FROM post').n).toBeLessThan(manifest.now);
		expect(one<{ ok: string }>('PRAGMA foreign_key_check') ?? null).toBeNull();
		db.close();
	});
});
