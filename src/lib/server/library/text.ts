/**
 * Search text for the library: each entry's own text, and the text of its PDF, Word, CSV and
 * text files, page by page. Files are read off the request path: a version is queued in the
 * transaction that records it (`library_text_job`), and the scheduler works through the queue
 * (jobs.ts) — a job claimed by a process that then crashed is taken again when its lease ends,
 * so the queue survives restarts. Only each file's current version is searchable.
 */
import { readFile } from 'node:fs/promises';
import { and, eq, isNull, ne, inArray, sql, type SQL } from 'drizzle-orm';
import { db, prepared, sqlite } from '../db/client';
import { libraryEntry, libraryFile, libraryText, libraryTextJob, libraryVersion } from '../db/schema';
import type { Actor } from '../auth/policy';
import * as files from '../files';
import { log } from '../log';
import { LIBRARY_KINDS, label } from '../../vocab';
import { visibleWhere } from './visibility';

const LEASE_MS = 10 * 60 * 1000;
const MAX_ATTEMPTS = 5;
const PAGE_CHARS = 50_000;
const MAX_PAGES = 1_000;
const SEARCHABLE = new Set(['pdf', 'docx', 'csv', 'txt']);

/** The entry's own text (title, summary, case study), replacing what was indexed before. Call inside the write's transaction. */
export function indexEntry(entryId: number, plain: string) {
	db.delete(libraryText)
		.where(and(eq(libraryText.entryId, entryId), isNull(libraryText.versionId)))
		.run();
	db.insert(libraryText).values({ entryId, versionId: null, page: 0, text: plain }).run();
}

/** Queues a version's text for extraction (a no-op for kinds with no text). Call inside the write's transaction. */
export function queue(versionId: number, kind: string, now = Date.now()) {
	if (!SEARCHABLE.has(kind)) return;
	db.insert(libraryTextJob).values({ versionId, runAfter: now, createdAt: now }).onConflictDoNothing().run();
}

/** Pages of text from a stored file. */
export async function extract(hash: string, kind: string): Promise<string[]> {
	const path = files.blobPath(hash);
	if (kind === 'pdf') {
		const { extractText, getDocumentProxy } = await import('unpdf');
		const doc = await getDocumentProxy(new Uint8Array(await readFile(path)), { isEvalSupported: false, stopAtErrors: false });
		try {
			const { text } = await extractText(doc, { mergePages: false });
			return text.slice(0, MAX_PAGES);
		} finally {
			await doc.destroy();
		}
	}
	if (kind === 'docx') {
		const mammoth = (await import('mammoth')).default;
		const r = await mammoth.extractRawText({ path });
		return [r.value];
	}
	const buf = await readFile(path);
	return [buf.subarray(0, 2 * 1024 * 1024).toString('utf8')];
}

/** Claims the next due job (one statement, so two processes never take the same one). */
function claim(now: number): { versionId: number; attempts: number } | undefined {
	return sqlite()
		.prepare(
			`UPDATE library_text_job SET lease_until = ?, attempts = attempts + 1
			 WHERE version_id = (SELECT version_id FROM library_text_job WHERE run_after <= ? AND (lease_until IS NULL OR lease_until < ?) ORDER BY run_after LIMIT 1)
			 RETURNING version_id AS versionId, attempts`
		)
		.get(now + LEASE_MS, now, now) as { versionId: number; attempts: number } | undefined;
}

/** Works through due extraction jobs (at most `limit`, or until `budgetMs` has passed). */
export async function runDue(now = Date.now(), opts: { limit?: number; budgetMs?: number } = {}) {
	const started = Date.now();
	let done = 0;
	let failed = 0;
	for (let i = 0; i < (opts.limit ?? 20); i++) {
		if (Date.now() - started > (opts.budgetMs ?? 30_000)) break;
		const job = claim(now);
		if (!job) break;
		const v = db
			.select({ id: libraryVersion.id, fileId: libraryVersion.fileId, hash: libraryVersion.hash, kind: libraryVersion.kind, entryId: libraryFile.entryId, number: libraryVersion.number, latest: libraryFile.latest })
			.from(libraryVersion)
			.innerJoin(libraryFile, eq(libraryFile.id, libraryVersion.fileId))
			.where(eq(libraryVersion.id, job.versionId))
			.get();
		if (!v) {
			db.delete(libraryTextJob).where(eq(libraryTextJob.versionId, job.versionId)).run();
			continue;
		}
		try {
			const pages = v.number === v.latest ? await extract(v.hash, v.kind) : [];
			db.transaction(() => {
				// The file's earlier versions leave the index; a late job for an old version adds nothing.
				const current = db.select({ latest: libraryFile.latest }).from(libraryFile).where(eq(libraryFile.id, v.fileId)).get();
				if (current?.latest === v.number) {
					const others = db.select({ id: libraryVersion.id }).from(libraryVersion).where(and(eq(libraryVersion.fileId, v.fileId), ne(libraryVersion.id, v.id))).all();
					if (others.length)
						db.delete(libraryText)
							.where(inArray(libraryText.versionId, others.map((o) => o.id)))
							.run();
					db.delete(libraryText).where(eq(libraryText.versionId, v.id)).run();
					const isPdf = v.kind === 'pdf';
					pages.forEach((p, i) => {
						const t = p.replace(/\s+/g, ' ').trim().slice(0, PAGE_CHARS);
						if (t) db.insert(libraryText).values({ entryId: v.entryId, versionId: v.id, page: isPdf ? i + 1 : 0, text: t }).run();
					});
				}
				db.delete(libraryTextJob).where(eq(libraryTextJob.versionId, v.id)).run();
			});
			done++;
		} catch (err) {
			failed++;
			const message = err instanceof Error ? err.message : String(err);
			if (job.attempts >= MAX_ATTEMPTS) {
				log.warn('library text extraction gave up', { versionId: v.id, error: message });
				db.delete(libraryTextJob).where(eq(libraryTextJob.versionId, v.id)).run();
			} else {
				db.update(libraryTextJob)
					.set({ leaseUntil: null, lastError: message.slice(0, 500), runAfter: now + 60_000 * 2 ** job.attempts })
					.where(eq(libraryTextJob.versionId, v.id))
					.run();
			}
		}
	}
	return { done, failed };
}

/** How many versions wait for extraction. */
export function waiting(): number {
	return db.select({ n: sql<number>`count(*)` }).from(libraryTextJob).get()?.n ?? 0;
}

const MAX_TERMS = 12;
/** What a member typed, as a safe FTS5 query: every word quoted, quoted phrases kept; null when no words. */
export function toFtsQuery(input: string): string | null {
	const parts: string[] = [];
	const re = /"([^"]*)"|(\S+)/g;
	const text = (input ?? '').slice(0, 300);
	for (let m = re.exec(text); m && parts.length < MAX_TERMS; m = re.exec(text)) {
		if (m[2] === 'OR' && parts.length) {
			parts.push('OR');
			continue;
		}
		const ws = ((m[1] ?? m[2]).normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w.slice(0, 60));
		if (!ws.length) continue;
		if (m[1] != null) parts.push(`"${ws.join(' ')}"`);
		else parts.push(...ws.map((w) => `"${w}"`));
	}
	while (parts[parts.length - 1] === 'OR') parts.pop();
	return parts.length ? parts.join(' ') : null;
}

/** A snippet as plain pieces, some marked, so pages show it without {@html}. */
export type Snippet = { text: string; hit: boolean }[];
function pieces(s: string): Snippet {
	const out: Snippet = [];
	let hit = false;
	for (const part of s.split(/([\u0001\u0002])/)) {
		if (part === '\u0001') hit = true;
		else if (part === '\u0002') hit = false;
		else if (part) out.push({ text: part, hit });
	}
	return out;
}

export type SearchHit = {
	id: number;
	title: string;
	kindLabel: string;
	scope: string;
	matches: { where: string; fileName: string | null; page: number; snippet: Snippet; href: string | null }[];
};

/**
 * Ranking every match of a common word costs time in proportion to the matches: bm25 reads each
 * matching page's positions and length (a word in 9,300 of the large network's 19,500 pages of
 * text took about 5 ms of CPU, and joining every match to its entry 2 ms more, so 32 members
 * searching at once queued for seconds). As in the thread search, such a search ranks a window:
 * every match in an entry's own text (title, summary and case study: one row per entry, where a
 * word matters most, ranked however old the entry) and the newest RANK_WINDOW matching pages of
 * files; only the best MAX_ROWS of those are joined to their entries. Rarer words (fewer matching
 * pages than the window) are ranked in full, so their order is the full ranking's. A member who
 * can see too few of the best (another region's word) gets the full ranking instead.
 */
export const RANK_WINDOW = 1_000;
const MAX_ROWS = 300;

type Ranked = { id: number; entryId: number; versionId: number | null; page: number; title: string; kind: string; regionId: string | null; name: string | null; ranked: number; kept: number };

const snippetOf = prepared(() => sqlite().prepare<[string, number], { snip: string }>(`SELECT snippet(library_text_fts, 0, char(1), char(2), '…', 16) AS snip FROM library_text_fts WHERE library_text_fts MATCH ? AND rowid = ?`));

/**
 * The ranked matches the actor may see, best first. `window` null ranks every match and checks
 * each; otherwise `win` holds the entries' own text (`+rowid IN` filters the walk down the
 * word's matches rather than looking each entry up; bm25 runs only for the rows it lets through)
 * and the newest `window` pages (`ORDER BY rowid DESC LIMIT` walks the matches newest first and
 * stops) — an entry's own text among the newest pages is in both, search() keeps it once — and
 * `top` the best MAX_ROWS of them, which alone are joined to their entries. `ranked`
 * is how many pages of files the window took (`window` when full), `kept` how many rows `top` kept.
 */
function ranked(fts: string, visible: SQL, window: number | null): Ranked[] {
	const top =
		window == null
			? sql`SELECT rowid AS id, bm25(library_text_fts) AS r FROM library_text_fts WHERE library_text_fts MATCH ${fts}`
			: sql`SELECT id, r FROM win ORDER BY r LIMIT ${MAX_ROWS}`;
	const win =
		window == null
			? sql`SELECT 0 AS paged`
			: sql`SELECT rowid AS id, bm25(library_text_fts) AS r, 0 AS paged FROM library_text_fts
			      WHERE library_text_fts MATCH ${fts} AND +rowid IN (SELECT id FROM library_text WHERE version_id IS NULL)
			      UNION ALL
			      SELECT id, r, 1 AS paged FROM (
			        SELECT rowid AS id, bm25(library_text_fts) AS r FROM library_text_fts WHERE library_text_fts MATCH ${fts} ORDER BY rowid DESC LIMIT ${window}
			      )`;
	return db.all<Ranked>(sql`
		WITH win AS MATERIALIZED (${win}), top AS MATERIALIZED (${top})
		SELECT t.id AS id, t.entry_id AS entryId, t.version_id AS versionId, t.page AS page,
		       ${libraryEntry.title} AS title, ${libraryEntry.kind} AS kind, ${libraryEntry.regionId} AS regionId,
		       (SELECT name FROM library_version v WHERE v.id = t.version_id) AS name,
		       (SELECT count(*) FROM win WHERE paged) AS ranked, (SELECT count(*) FROM top) AS kept
		FROM top
		JOIN library_text t ON t.id = top.id
		JOIN ${libraryEntry} ON ${libraryEntry.id} = t.entry_id
		WHERE ${visible}
		ORDER BY top.r, t.id DESC
		LIMIT ${MAX_ROWS}`);
}

/** Library search: entries and file text the actor may see (the list's visibility, in the same SQL). */
export function search(actor: Actor, q: string, opts: { limit?: number; rankWindow?: number } = {}): { query: string | null; hits: SearchHit[] } {
	const fts = toFtsQuery(q);
	if (!fts) return { query: null, hits: [] };
	const visible: SQL = visibleWhere(actor) ?? sql`1`;
	const limit = opts.limit ?? 20;
	const window = opts.rankWindow ?? RANK_WINDOW;
	const group = (rows: Ranked[]) => {
		const byEntry = new Map<number, Ranked[]>();
		const seen = new Set<number>();
		for (const r of rows) {
			if (seen.has(r.id)) continue;
			seen.add(r.id);
			const list = byEntry.get(r.entryId);
			if (list) {
				if (list.length < 3) list.push(r);
			} else if (byEntry.size < limit) byEntry.set(r.entryId, [r]);
		}
		return byEntry;
	};
	let rows = ranked(fts, visible, window);
	let byEntry = group(rows);
	// Too few of the window's best were the actor's to see, and the window left some out: rank everything they can see.
	const cut = rows.length > 0 && (rows[0].kept >= MAX_ROWS || rows[0].ranked >= window);
	if (byEntry.size < limit && rows.length < MAX_ROWS && (cut || rows.length === 0)) byEntry = group((rows = ranked(fts, visible, null)));
	const snippet = snippetOf();
	const hits: SearchHit[] = [...byEntry.values()].map((matches) => ({
		id: matches[0].entryId,
		title: matches[0].title,
		kindLabel: label(LIBRARY_KINDS, matches[0].kind),
		scope: matches[0].regionId ? 'Regional' : 'National',
		matches: matches.map((r) => ({
			where: r.versionId == null ? 'The entry' : r.page > 0 ? `${r.name}, page ${r.page}` : (r.name ?? 'A file'),
			fileName: r.name,
			page: r.page,
			snippet: pieces(snippet.get(fts, r.id)?.snip ?? ''),
			href: r.versionId == null ? null : `/library/${r.entryId}/versions/${r.versionId}${r.page > 0 ? `?view=1#page=${r.page}` : ''}`
		}))
	}));
	return { query: fts, hits };
}
