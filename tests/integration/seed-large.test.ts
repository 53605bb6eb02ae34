/**
 * The large-network seeder (npm run seed:large), run as users run it, at a small scale:
 * it refuses the app's own data directory, builds the manifest the benchmark relies on, is
 * deterministic for a seed, and its data keeps the app's own rules (who can see what).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { detect } from '../../src/lib/server/files/detect';

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
		'SELECT checklist_id, item_key, status, due_date FROM checklist_item ORDER BY id',
		'SELECT id, kind, title, region_id, authority_id, author_id, useful_count, created_at FROM library_entry ORDER BY id',
		'SELECT id, file_id, number, hash, name, size, kind, created_at FROM library_version ORDER BY id',
		'SELECT entry_id, version_id, page, text FROM library_text ORDER BY id'
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
		// Its events were announced when published and its bookings reminded, as migration 0016
		// marks an existing network's: the scheduler does not email the whole network at start.
		expect(one<{ n: number }>('SELECT count(*) AS n FROM training_event').n).toBeGreaterThan(0);
		expect(one<{ n: number }>('SELECT count(*) AS n FROM training_event WHERE announced_at IS NULL').n).toBe(0);
		expect(one<{ n: number }>('SELECT count(*) AS n FROM training_event_attendance').n).toBeGreaterThan(0);
		expect(one<{ n: number }>('SELECT count(*) AS n FROM training_event_attendance WHERE reminded_at IS NULL').n).toBe(0);
		expect(one<{ ok: string }>('PRAGMA foreign_key_check') ?? null).toBeNull();
		db.close();
	});

	it('builds a library of real files, stored once each, searchable, that keeps the app’s rules', { timeout: 240_000 }, async () => {
		const dir = await seed();
		const manifest = JSON.parse(readFileSync(join(dir, 'large-network.json'), 'utf8'));
		const db = new Database(join(dir, 'app.db'), { readonly: true });
		const all = <T>(sql: string, ...p: unknown[]) => db.prepare(sql).all(...p) as T[];
		const one = <T>(sql: string, ...p: unknown[]) => db.prepare(sql).get(...p) as T;
		try {
			// 2,000 entries and 5,000 file versions at full scale: 40 and 100 here, besides the demo's 7 and 6 (one a private
			// draft, one the file Sarah uploaded straight from her reply).
			expect(manifest.counts).toMatchObject({ libraryEntries: 47, libraryVersions: 106 });
			expect(new Set(all<{ kind: string }>('SELECT DISTINCT kind FROM library_entry').map((r) => r.kind))).toEqual(new Set(['case-study', 'strategy', 'report', 'guidance', 'template', 'presentation']));
			expect(one<{ n: number }>('SELECT count(DISTINCT region_id) AS n FROM library_entry').n).toBeGreaterThan(3);
			expect(one<{ n: number }>('SELECT count(DISTINCT authority_id) AS n FROM library_entry').n).toBeGreaterThan(20);
			expect(one<{ n: number }>('SELECT count(*) AS n FROM library_file WHERE latest > 1').n).toBeGreaterThan(0);

			// Every file is on disk under its SHA-256, at its recorded size, and counted once per version that uses it.
			const stored = all<{ hash: string; size: number; kind: string; refs: number; used: number }>(
				'SELECT s.hash, s.size, s.kind, s.refs, (SELECT count(*) FROM library_version v WHERE v.hash = s.hash) AS used FROM stored_file s'
			);
			const kinds = new Set<string>();
			let bytes = 0;
			for (const s of stored) {
				const path = join(dir, 'files', s.hash.slice(0, 2), s.hash);
				expect(statSync(path).size, s.hash).toBe(s.size);
				expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(s.hash);
				expect(s.refs).toBe(s.used);
				bytes += s.size;
				// One file of each kind through the upload checks again (the seeder checked them all).
				if (!kinds.has(s.kind)) {
					kinds.add(s.kind);
					const found = await detect(path, `file.${s.kind === 'jpeg' ? 'jpg' : s.kind}`, s.size);
					expect(found.ok && found.type.kind, s.kind).toBe(s.kind);
				}
			}
			expect([...kinds]).toEqual(expect.arrayContaining(['pdf', 'docx', 'xlsx', 'pptx', 'png', 'csv']));
			// Realistic sizes: a PDF averages hundreds of KB, a slide deck megabytes.
			const avg = (kind: string) => one<{ n: number }>('SELECT avg(size) AS n FROM stored_file WHERE kind = ?', kind).n;
			expect(avg('pdf')).toBeGreaterThan(100 * 1024);
			expect(avg('pptx')).toBeGreaterThan(500 * 1024);
			expect(manifest.counts.storedBytes).toBe(bytes);

			// Regional entries are by members of that region; useful marks counted and by members who can see the entry.
			expect(one<{ n: number }>(`SELECT count(*) AS n FROM library_entry e JOIN member m ON m.id = e.author_id JOIN authority a ON a.id = m.authority_id WHERE e.region_id IS NOT NULL AND a.region_id <> e.region_id AND m.role = 'member'`).n).toBe(0);
			expect(one<{ n: number }>('SELECT count(*) AS n FROM library_entry e WHERE useful_count <> (SELECT count(*) FROM library_useful u WHERE u.entry_id = e.id)').n).toBe(0);
			expect(
				one<{ n: number }>(`SELECT count(*) AS n FROM library_useful u JOIN library_entry e ON e.id = u.entry_id JOIN member m ON m.id = u.member_id JOIN authority a ON a.id = m.authority_id WHERE e.region_id IS NOT NULL AND a.region_id <> e.region_id AND m.role = 'member'`).n
			).toBe(0);
			expect(one<{ n: number }>("SELECT count(*) AS n FROM audit_event WHERE action IN ('library.upload', 'library.version')").n).toBeGreaterThanOrEqual(100);

			// Search finds the rare word inside a PDF, on page 2, of a national entry — and it is what text extraction reads from that file.
			const hit = one<{ entry_id: number; version_id: number; page: number; text: string; hash: string }>(
				`SELECT t.entry_id, t.version_id, t.page, t.text, v.hash FROM library_text_fts f JOIN library_text t ON t.id = f.rowid JOIN library_version v ON v.id = t.version_id WHERE library_text_fts MATCH ? AND t.entry_id = ?`,
				manifest.library.rareWord,
				manifest.library.rareEntryId
			);
			expect(hit.page).toBe(2);
			const { extractText, getDocumentProxy } = await import('unpdf');
			const pdf = await getDocumentProxy(new Uint8Array(readFileSync(join(dir, 'files', hit.hash.slice(0, 2), hit.hash))));
			const { text } = await extractText(pdf, { mergePages: false });
			const words = (s: string) => s.split(/\s+/).filter(Boolean).join(' ');
			expect(words(text[hit.page - 1])).toBe(words(hit.text));
			expect(one<{ n: number }>('SELECT count(*) AS n FROM library_text_fts WHERE library_text_fts MATCH ?', manifest.library.searchWord).n).toBeGreaterThan(10);
			// Only current versions are in the index, as the extraction queue leaves it.
			expect(one<{ n: number }>('SELECT count(*) AS n FROM library_text t JOIN library_version v ON v.id = t.version_id JOIN library_file f ON f.id = v.file_id WHERE v.number <> f.latest').n).toBe(0);
			expect(existsSync(join(dir, 'files', 'tmp')) ? readdirSync(join(dir, 'files', 'tmp')) : []).toEqual([]);
		} finally {
			db.close();
		}
	});
});
