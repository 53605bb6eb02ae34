/**
 * Reads `EXPLAIN QUERY PLAN` for a recorded statement and names what would not scale on a big
 * table (BIG_TABLES):
 *  - `SCAN t`: every row is read. The one exception is the outer loop of a statement with
 *    `ORDER BY id … LIMIT` and no sort: a newest-first walk of the rowid b-tree (the table's own
 *    index) that stops at the page size, the same as an ordered index walk;
 *  - `SCAN t USING [COVERING] INDEX x`: every index entry is read, unless it is the outer loop of
 *    a statement with a LIMIT and nothing is sorted after it (an ordered walk that stops early);
 *  - `SEARCH t USING AUTOMATIC … INDEX`: the whole table is read to build a throw-away index;
 *  - `USE TEMP B-TREE FOR ORDER BY` in a statement with a LIMIT, after a search of a list table
 *    (SORTED_TABLES) that is neither a one-row lookup nor bounded below ("since T"): every
 *    match is read and sorted to return one page.
 * A `SEARCH` on an index prefix is accepted even when the prefix is not selective (status=?):
 * that is a finding for a human reading the plans (QUERY_PLANS_REPORT=1), not for this check.
 * The plan names tables by alias ("SCAN p"), so aliases are resolved from the SQL.
 */
import type Database from 'better-sqlite3';

export type PlanRow = { id: number; parent: number; detail: string };

/** Tables that grow with the network (rows per member, per post, per day …). */
export const BIG_TABLES = new Set([
	'post',
	'thread',
	'member',
	'notification',
	'thread_follow',
	'thread_read',
	'post_revision',
	'post_report',
	'training_entry',
	'training_event_attendance',
	'pairing',
	'pairing_meeting',
	'mentor_request',
	'mentoring_proposal',
	'checklist_item',
	'checklist_change',
	'outbox_message',
	'audit_event',
	'session',
	'personal_digest_run',
	'regional_digest',
	'rate_limit_event',
	// Every thread page reads these for its reply form and its posts' documents.
	'library_useful',
	'post_attachment'
]);

/** Lists whose pages must come out of an index in order, not from a sort of every match. */
export const SORTED_TABLES = new Set(['post', 'thread', 'notification', 'training_entry']);

const NOT_AN_ALIAS = new Set([
	'where', 'on', 'using', 'inner', 'left', 'right', 'full', 'cross', 'natural', 'join', 'outer', 'order', 'group',
	'limit', 'having', 'union', 'except', 'intersect', 'window', 'set', 'values', 'as', 'indexed', 'not', 'returning'
]);

/** alias (or table name) → table name, for every `FROM t [AS] a` / `JOIN t [AS] a` in the SQL. */
export function tableAliases(sql: string): Map<string, string> {
	const map = new Map<string, string>();
	const re = /\b(?:from|join)\s+"?([A-Za-z_]\w*)"?(?:\s+(?:as\s+)?"?([A-Za-z_]\w*)"?)?/gi;
	for (const m of sql.matchAll(re)) {
		const table = m[1];
		map.set(table, table);
		const alias = m[2];
		if (alias && !NOT_AN_ALIAS.has(alias.toLowerCase())) map.set(alias, table);
	}
	return map;
}

/** Whether the statement stops early (a LIMIT anywhere in it). */
export function hasLimit(sql: string): boolean {
	return /\blimit\b/i.test(sql);
}

/** Statements EXPLAIN QUERY PLAN has nothing to say about. */
export function explainable(sql: string): boolean {
	return !/^\s*(pragma|begin|commit|end|rollback|savepoint|release|explain)\b/i.test(sql);
}

export function explain(prepare: (sql: string) => Database.Statement, sql: string, params: unknown[]): PlanRow[] {
	return prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as never[])) as PlanRow[];
}

/** The plan as an indented tree, for failure messages. */
export function planText(plan: PlanRow[]): string {
	const depth = new Map<number, number>([[0, 0]]);
	return plan
		.map((r) => {
			const d = (depth.get(r.parent) ?? 0) + 1;
			depth.set(r.id, d);
			return `${'  '.repeat(d)}${r.detail}`;
		})
		.join('\n');
}

/** A loop over a row of this plan: the table it reads (resolved alias) and how. */
type Loop = { row: PlanRow; kind: 'SCAN' | 'SEARCH'; table: string; how: string };
function loopOf(row: PlanRow, aliases: Map<string, string>): Loop | null {
	const m = /^(SCAN|SEARCH) ("?\w+"?)(.*)$/.exec(row.detail);
	if (!m) return null;
	const name = m[2].replace(/"/g, '');
	return { row, kind: m[1] as Loop['kind'], table: aliases.get(name) ?? name, how: m[3].trim() };
}

/**
 * The loops of one SELECT: the rows directly under `parent`, and the branches of a
 * MULTI-INDEX OR among them (its "INDEX n" children hold the searches).
 */
function loopsAt(plan: PlanRow[], parent: number, aliases: Map<string, string>): Loop[] {
	const out: Loop[] = [];
	for (const r of plan.filter((p) => p.parent === parent)) {
		const loop = loopOf(r, aliases);
		if (loop) out.push(loop);
		else if (r.detail === 'MULTI-INDEX OR' || /^INDEX \d+$/.test(r.detail)) out.push(...loopsAt(plan, r.id, aliases));
	}
	return out;
}

/** A loop that reads at most one row (a rowid or single-column unique lookup). */
function singleRow(how: string): boolean {
	return /USING INTEGER PRIMARY KEY \(rowid=\?\)$/.test(how) || /USING (COVERING )?INDEX sqlite_autoindex_\w+ \(\w+=\?\)$/.test(how);
}

/** A search bounded below ("since T"): the set it reads is a window, not the whole list. */
function windowed(how: string): boolean {
	return />\?/.test(how);
}

/** Whether the statement orders by a table's rowid (`ORDER BY "t"."id"`), which a plain SCAN can deliver. */
function ordersByRowid(sql: string): boolean {
	return /\border by\s+(?:"?\w+"?\.)?"?id"?(?:\s+(?:asc|desc))?\s*(?:limit\b|$)/i.test(sql);
}

/** What is wrong with this plan (empty when it scales). */
export function problems(sql: string, plan: PlanRow[]): string[] {
	const aliases = tableAliases(sql);
	const limited = hasLimit(sql);
	const found: string[] = [];
	const parents = new Set(plan.map((r) => r.parent));
	for (const parent of parents) {
		const loops = loopsAt(plan, parent, aliases);
		const sorts = plan.some((r) => r.parent === parent && r.detail === 'USE TEMP B-TREE FOR ORDER BY');
		// An ordered walk stops at the LIMIT only when it is the outer loop of the statement itself
		// (not of a subquery run per row) and nothing is sorted after it.
		const stopsEarly = (l: Loop) => limited && parent === 0 && !sorts && loops[0] === l;
		for (const l of loops) {
			if (l.row.parent !== parent || !BIG_TABLES.has(l.table)) {
				// a MULTI-INDEX OR branch: only SEARCHes appear there, judged below with the sort
			} else if (l.kind === 'SCAN') {
				if (/USING (COVERING )?INDEX/.test(l.how)) {
					if (!stopsEarly(l)) found.push(`whole-index walk of ${l.table} (${limited ? 'not the outer loop, or sorted afterwards' : 'no LIMIT'}): "${l.row.detail}"`);
				} else if (!(stopsEarly(l) && ordersByRowid(sql))) {
					found.push(`full scan of ${l.table}: "${l.row.detail}"`);
				}
			}
			if (BIG_TABLES.has(l.table) && /USING AUTOMATIC/.test(l.how)) {
				found.push(`automatic index on ${l.table} (built by reading the whole table on every run): "${l.row.detail}"`);
			}
		}
		if (limited && sorts) {
			const whole = loops.filter((l) => SORTED_TABLES.has(l.table) && l.kind === 'SEARCH' && !singleRow(l.how) && !windowed(l.how));
			if (whole.length) found.push(`sorts every matching ${[...new Set(whole.map((l) => l.table))].join('/')} row to return one page: "USE TEMP B-TREE FOR ORDER BY" after ${whole.map((l) => `"${l.row.detail}"`).join(', ')}`);
		}
	}
	return found;
}
