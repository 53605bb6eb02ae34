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
 * How many of the best-ranked matches are looked at for visibility. Ranking every match is cheap
 * (bm25 straight off the index: a word in 9,000 pages of the large network takes about 7 ms);
 * joining each match to its entry, and making a snippet of each, is what costs (150 ms for that
 * word). So: rank all, join the best RANK_WINDOW, make snippets only for what the page shows.
 * A member who can see few of the best matches (another region's word) gets a search without
 * the window.
 */
export const RANK_WINDOW = 1_000;
const MAX_ROWS = 300;

type Ranked = { id: number; entryId: number; versionId: number | null; page: number; title: string; kind: string; regionId: string | null; name: string | null; ranked: number };

const snippetOf = prepared(() => sqlite().prepare<[string, number], { snip: string }>(`SELECT snippet(library_text_fts, 0, char(1), char(2), '…', 16) AS snip FROM library_text_fts WHERE library_text_fts MATCH ? AND rowid = ?`));

function ranked(fts: string, visible: SQL, window: number | null): Ranked[] {
	const best = window == null ? sql`SELECT rowid AS id, bm25(library_text_fts) AS r FROM library_text_fts WHERE library_text_fts MATCH ${fts}` : sql`SELECT rowid AS id, bm25(library_text_fts) AS r FROM library_text_fts WHERE library_text_fts MATCH ${fts} ORDER BY r LIMIT ${window}`;
	return db.all<Ranked>(sql`
		WITH ranked AS MATERIALIZED (${best})
		SELECT t.id AS id, t.entry_id AS entryId, t.version_id AS versionId, t.page AS page,
		       ${libraryEntry.title} AS title, ${libraryEntry.kind} AS kind, ${libraryEntry.regionId} AS regionId,
		       (SELECT name FROM library_version v WHERE v.id = t.version_id) AS name,
		       (SELECT count(*) FROM ranked) AS ranked
		FROM ranked
		JOIN library_text t ON t.id = ranked.id
		JOIN ${libraryEntry} ON ${libraryEntry.id} = t.entry_id
		WHERE ${visible}
		ORDER BY ranked.r
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
		for (const r of rows) {
			const list = byEntry.get(r.entryId);
			if (list) {
				if (list.length < 3) list.push(r);
			} else if (byEntry.size < limit) byEntry.set(r.entryId, [r]);
		}
		return byEntry;
	};
	let rows = ranked(fts, visible, window);
	let byEntry = group(rows);
	// The window was full and the actor could see too few of it: rank everything they can see.
	if (byEntry.size < limit && rows.length < MAX_ROWS && (rows[0]?.ranked ?? window) >= window) byEntry = group((rows = ranked(fts, visible, null)));
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
