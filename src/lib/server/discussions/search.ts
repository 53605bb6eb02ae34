/**
 * Full-text search over thread titles and post bodies (SQLite FTS5, see
 * ../db/custom/discussions-fts.sql): bm25-ranked, with highlighted snippets, filters by category
 * and scope, and visibility enforced in the query itself.
 *
 * Whatever a member types is turned into safe FTS5 syntax first: words are quoted one by one,
 * so quotes, `*`, `OR`, brackets and unbalanced quotes never reach FTS5 as operators (a quoted
 * phrase stays a phrase, and an upper-case OR between two words means either).
 */
import { preparedBy, sqlite } from '../db/client';
import { authorize, type Actor } from '../auth/policy';
import { regionName } from '../network/authorities';
import { visibleRegionIds, visibleSqlText } from './visibility';
import { suggest, type Suggestion } from './spelling';

/** Results per page. */
export const SEARCH_PAGE_SIZE = 20;
/** A first page with fewer results than this also offers "Did you mean …?" when a nearer word is far more common. */
export const FEW_RESULTS = 3;
/** The deepest page offered (ranked search has no use for page 50). */
export const MAX_PAGES = 10;
const MAX_TERMS = 12;
/**
 * Ranking every match of a very common word costs time in proportion to the matches (bm25 for
 * 30,000 posts is over 100 ms). Such searches rank the newest RANK_WINDOW matching posts, which is
 * far more than the MAX_PAGES × SEARCH_PAGE_SIZE results offered; narrower searches rank all.
 * Smaller windows cost less but rank worse: on the large network a window of 1,000 lets two or
 * three replies onto the first page of "placements" or "children" in place of threads with the
 * word in their title (2,000 and ranking everything both give 20 title matches).
 */
export const RANK_WINDOW = 2_000;
const MAX_TERM_LENGTH = 60;

const START = '\u0001';
const END = '\u0002';

/** The words of a piece of text, as FTS5's unicode61 tokenizer sees them (letters and digits). */
function words(text: string): string[] {
	return (text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w.slice(0, MAX_TERM_LENGTH));
}

/**
 * Turns what a member typed into a safe FTS5 query, or null when it holds no words.
 * `"corporate parenting" panel` → `"corporate parenting" "panel"`; `SEND OR EHCP` → `"SEND" OR "EHCP"`.
 */
export function toFtsQuery(input: string): string | null {
	const text = (input ?? '').slice(0, 500);
	const parts: string[] = [];
	let terms = 0;
	let pendingOr = false;
	const re = /"([^"]*)"|(\S+)/g;
	for (let m = re.exec(text); m && terms < MAX_TERMS; m = re.exec(text)) {
		if (m[2] === 'OR') {
			pendingOr = parts.length > 0;
			continue;
		}
		const ws = words(m[1] ?? m[2]).slice(0, MAX_TERMS - terms);
		if (ws.length === 0) continue;
		terms += ws.length;
		const phrase = m[1] != null ? [`"${ws.join(' ')}"`] : ws.map((w) => `"${w}"`);
		if (pendingOr && phrase.length > 0) parts.push('OR');
		parts.push(...phrase);
		pendingOr = false;
	}
	return parts.length ? parts.join(' ') : null;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Escapes a snippet for HTML, then turns our highlight marks into <mark> elements (the only markup). */
export function highlightHtml(snippet: string): string {
	const clean = snippet.replace(/[\u0000\u0003-\u0008\u000b\u000c\u000e-\u001f]/g, '');
	let open = false;
	let out = '';
	for (const part of clean.split(/([\u0001\u0002])/)) {
		if (part === START) {
			if (!open) out += '<mark>';
			open = true;
		} else if (part === END) {
			if (open) out += '</mark>';
			open = false;
		} else out += escapeHtml(part);
	}
	return open ? out + '</mark>' : out;
}

export type SearchFilter = { q: string; categoryId?: number | null; scope?: string | null; page?: number };

export type SearchResult = {
	postId: number;
	postNumber: number;
	threadId: number;
	/** The thread title, HTML-escaped, with matches marked (opening posts) or plain. */
	titleHtml: string;
	/** A few words around the matches, HTML-escaped, with matches in <mark>. */
	snippetHtml: string;
	categoryName: string;
	scope: string;
	authorName: string;
	createdAt: number;
	answered: boolean;
	isQuestion: boolean;
	href: string;
};

type Row = {
	post_id: number;
	number: number;
	thread_id: number;
	thread_title: string;
	title_hl: string | null;
	snip: string | null;
	category_name: string;
	region_id: string | null;
	author_name: string | null;
	created_at: number;
	accepted_post_id: number | null;
	is_question: number;
	/** How many matches the statement ranked (`candidates` when it stopped there). */
	ranked: number;
};

export type SearchPlan = {
	/** How many of the newest matches are ranked (RANK_WINDOW). */
	window?: number;
	/**
	 * How many of the best-ranked matches are kept for the page (default: all in the window). A
	 * page needs only `offset + limit` visible ones; keeping a few more than that lets SQLite keep
	 * the best ones as it goes instead of sorting the whole window.
	 */
	candidates?: number;
	/**
	 * Check the filters before ranking (bm25 only for matches that pass), instead of ranking first
	 * and checking only as many as the page needs. Default: for a region or category filter, which
	 * few matches pass; visibility alone lets most matches through.
	 */
	prefilter?: boolean;
};

/**
 * The SQL and parameters of a search (exported for the query-plan test). One statement in three
 * steps, so that the costly parts run on as few rows as possible:
 *  1. `win`: the newest `window` matches, straight off the full-text index (`ORDER BY rowid DESC
 *     LIMIT` walks the term's doclist and stops), with their bm25 score; the best `candidates`
 *     of them, best first and newest first on a tie. With `prefilter`, matches that fail the
 *     visibility rule or a filter get no score and drop out here;
 *  2. `top`: the page — in that order, the candidates the actor may see (visibility, hidden and
 *     deleted posts, the filters: always checked here, prefilter or not), `limit` after `offset`;
 *  3. `marked`: the highlighted title and the snippet for the page's posts only: a second walk
 *     down the same doclist that stops at the page's oldest post (`snippet()` needs the full-text
 *     cursor on the row; a lookup by rowid costs ~0.1 ms each, more than the walk). `+rowid`
 *     keeps SQLite from turning the IN into those lookups.
 * The page's posts are then joined to their thread, category and author. `ranked` says how many
 * candidates `win` kept: when it kept `candidates` and the page came out short, run it again
 * with every match in the window (search() does).
 */
export function searchStatement(
	actor: Actor,
	match: string,
	f: Omit<SearchFilter, 'q'>,
	limit: number,
	offset: number,
	plan: SearchPlan = {}
): { sql: string; params: (string | number)[] } {
	const window = plan.window ?? RANK_WINDOW;
	const candidates = Math.min(plan.candidates ?? window, window);
	const prefilter = plan.prefilter ?? Boolean(f.categoryId || (f.scope && f.scope !== 'national'));
	const vis = visibleSqlText(actor, 't.region_id');
	const where = ['p.deleted_at IS NULL', 'p.hidden_at IS NULL', vis.text];
	const filterParams: (string | number)[] = [...vis.params];
	if (f.categoryId) {
		where.push('t.category_id = ?');
		filterParams.push(f.categoryId);
	}
	if (f.scope === 'national') where.push('t.region_id IS NULL');
	else if (f.scope) {
		where.push('t.region_id = ?');
		filterParams.push(f.scope);
	}
	const bm25 = 'bm25(post_fts, 6.0, 1.0)';
	const score = prefilter
		? `CASE WHEN EXISTS (SELECT 1 FROM post p JOIN thread t ON t.id = p.thread_id WHERE p.id = post_fts.rowid AND ${where.join(' AND ')}) THEN ${bm25} END`
		: bm25;
	const sql = `WITH win AS MATERIALIZED (
		SELECT id, score FROM (
			SELECT rowid AS id, ${score} AS score FROM post_fts WHERE post_fts MATCH ? ORDER BY rowid DESC LIMIT ?
		) WHERE score IS NOT NULL ORDER BY score, id DESC LIMIT ?
	), top AS MATERIALIZED (
		SELECT win.id, win.score FROM win
		JOIN post p ON p.id = win.id
		JOIN thread t ON t.id = p.thread_id
		WHERE ${where.join(' AND ')}
		ORDER BY win.score, win.id DESC
		LIMIT ? OFFSET ?
	), marked AS MATERIALIZED (
		SELECT rowid AS id, highlight(post_fts, 0, char(1), char(2)) AS title_hl, snippet(post_fts, 1, char(1), char(2), '…', 28) AS snip
		FROM post_fts WHERE post_fts MATCH ? AND +rowid IN (SELECT id FROM top)
		ORDER BY rowid DESC LIMIT (SELECT count(*) FROM top)
	)
	SELECT p.id AS post_id, p.number, t.id AS thread_id, t.title AS thread_title,
		marked.title_hl, marked.snip,
		c.name AS category_name, t.region_id, m.name AS author_name, p.created_at,
		t.accepted_post_id, t.is_question, (SELECT count(*) FROM win) AS ranked
	FROM top
	JOIN post p ON p.id = top.id
	JOIN thread t ON t.id = p.thread_id
	JOIN category c ON c.id = t.category_id
	LEFT JOIN member m ON m.id = p.author_id
	LEFT JOIN marked ON marked.id = top.id
	ORDER BY top.score, top.id DESC`;
	const params = [...(prefilter ? filterParams : []), match, window, candidates, ...filterParams, limit, offset, match];
	return { sql, params };
}

/** Prepared statements by SQL text, per connection (a search has a handful of shapes). */
const statement = preparedBy((sql: string) => sql, (sql) => sqlite().prepare(sql));

/**
 * Searches what the actor may see. Returns no results (never an error) for text with no words,
 * and for a scope they may not see.
 */
export function search(
	actor: Actor,
	f: SearchFilter,
	opts: { rankWindow?: number } = {}
): { results: SearchResult[]; page: number; hasMore: boolean; query: string | null; suggestion: Suggestion | null } {
	authorize(actor, 'thread.view', { regionId: null });
	const match = toFtsQuery(f.q);
	const page = Math.min(Math.max(Math.floor(f.page ?? 1) || 1, 1), MAX_PAGES);
	if (!match) return { results: [], page, hasMore: false, query: null, suggestion: null };
	const ids = visibleRegionIds(actor);
	if (f.scope && f.scope !== 'national' && ids != null && !ids.includes(f.scope)) return { results: [], page, hasMore: false, query: match, suggestion: null };
	const limit = SEARCH_PAGE_SIZE + 1;
	const offset = (page - 1) * SEARCH_PAGE_SIZE;
	const window = opts.rankWindow ?? RANK_WINDOW;
	const run = (candidates: number) => {
		const { sql, params } = searchStatement(actor, match, f, limit, offset, { window, candidates });
		return statement(sql).all(...params) as Row[];
	};
	let rows: Row[];
	try {
		// Twice the page's share of candidates covers what most actors may not see; when too few
		// of them were visible, rank again keeping every match in the window.
		const candidates = 2 * (offset + limit) + 40;
		rows = run(candidates);
		if (rows.length < limit && candidates < window && (rows.length === 0 || rows[0].ranked >= candidates)) rows = run(window);
	} catch {
		// toFtsQuery only produces quoted words, so this is not expected; a search must never fail a page.
		rows = [];
	}
	const results = rows.slice(0, SEARCH_PAGE_SIZE).map((r) => ({
		postId: r.post_id,
		postNumber: r.number,
		threadId: r.thread_id,
		titleHtml: r.number === 1 && r.title_hl ? highlightHtml(r.title_hl) : highlightHtml(r.thread_title),
		snippetHtml: highlightHtml(r.snip ?? ''),
		categoryName: r.category_name,
		scope: regionName(r.region_id),
		authorName: r.author_name ?? 'Former member',
		createdAt: r.created_at,
		answered: r.accepted_post_id != null,
		isQuestion: r.is_question === 1,
		href: r.number > 1 ? `/threads/${r.thread_id}?post=${r.number}#post-${r.number}` : `/threads/${r.thread_id}`
	}));
	// Nothing or little found: offer the nearest words members have written ("Did you mean …?").
	const suggestion = page === 1 && results.length < FEW_RESULTS ? suggest(actor, f.q) : null;
	return { results, page, hasMore: rows.length > SEARCH_PAGE_SIZE && page < MAX_PAGES, query: match, suggestion };
}
