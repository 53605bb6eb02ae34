/**
 * The last step of deleting an account, and the check that proves it: look in every text
 * column of every table for what identifies the person (their email address, full name and
 * @handle) and replace what is left with "Former member".
 *
 * Areas remove and anonymise their own data first (their `eraseMember`); this pass is the net
 * under them — for text nobody owns, such as an email to someone else that named the person.
 * It skips the migration journal, the reference tables, and full-text-search tables (their
 * content follows the tables they index, through triggers). A full name shared with another
 * member is not replaced (it would be theirs too), nor one shorter than four letters.
 */
import { sqlite } from '../db/client';

export const FORMER_MEMBER = 'Former member';

/** Tables never searched or changed: the migration journal and the reference data. */
const SKIPPED = new Set(['__drizzle_migrations', 'region', 'authority']);

type Column = { table: string; column: string };

/** Every TEXT column of every ordinary table (not virtual tables nor their shadow tables). */
export function textColumns(): Column[] {
	const db = sqlite();
	const tables = db
		.prepare(`select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%'`)
		.all() as { name: string; sql: string | null }[];
	const virtual = tables.filter((t) => /^create virtual table/i.test(t.sql ?? '')).map((t) => t.name);
	const isShadow = (name: string) => virtual.some((v) => name.startsWith(`${v}_`));
	const out: Column[] = [];
	for (const t of tables) {
		if (SKIPPED.has(t.name) || virtual.includes(t.name) || isShadow(t.name)) continue;
		const cols = db.prepare(`select name, type from pragma_table_info(?)`).all(t.name) as { name: string; type: string }[];
		for (const c of cols) if (/text|char|clob|^$/i.test(c.type)) out.push({ table: t.name, column: c.name });
	}
	return out;
}

const quote = (id: string) => `"${id.replace(/"/g, '""')}"`;

export type Hit = { table: string; column: string; rowid: number; value: string };

/** Where any of the needles (case-insensitive) still appears in a text column. */
export function findText(needles: string[]): Hit[] {
	const wanted = needles.map((n) => n.trim().toLowerCase()).filter((n) => n.length > 0);
	if (wanted.length === 0) return [];
	const db = sqlite();
	const hits: Hit[] = [];
	for (const { table, column } of textColumns()) {
		const where = wanted.map(() => `instr(lower(${quote(column)}), ?) > 0`).join(' or ');
		const rows = db.prepare(`select rowid as rowid, ${quote(column)} as value from ${quote(table)} where ${where}`).all(...wanted) as { rowid: number; value: string }[];
		for (const r of rows) hits.push({ table, column, rowid: r.rowid, value: String(r.value) });
	}
	return hits;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export type Identity = { email: string; name: string; handle: string; nameIsShared: boolean };

/** The replacements for one person: email, @handle and profile links, and (when safe) the name. */
export function patternsFor(who: Identity): { needle: string; re: RegExp; by: string }[] {
	const out = [
		{
			needle: who.email.toLowerCase(),
			re: new RegExp(`(?<![\\w.%+-])${escapeRegExp(who.email)}(?!\\.?[\\w-])`, 'gi'),
			by: FORMER_MEMBER
		},
		{ needle: `@${who.handle}`.toLowerCase(), re: new RegExp(`@${escapeRegExp(who.handle)}(?![a-z0-9-])`, 'gi'), by: '@former-member' },
		{ needle: `/members/${who.handle}`.toLowerCase(), re: new RegExp(`/members/${escapeRegExp(who.handle)}(?![a-z0-9-])`, 'gi'), by: '/members' }
	];
	const name = who.name.trim();
	if (!who.nameIsShared && name.replace(/\s/g, '').length >= 4) {
		out.push({ needle: name.toLowerCase(), re: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'giu'), by: FORMER_MEMBER });
	}
	return out;
}

/**
 * Replaces what is left of a person in every text column; returns how many values changed.
 * Run inside the deletion's transaction, after the areas' own erasure.
 */
export function scrubIdentity(who: Identity): number {
	const patterns = patternsFor(who);
	const db = sqlite();
	let changed = 0;
	for (const hit of findText(patterns.map((p) => p.needle))) {
		const next = patterns.reduce((acc, p) => acc.replace(p.re, p.by), hit.value);
		if (next === hit.value) continue;
		db.prepare(`update ${quote(hit.table)} set ${quote(hit.column)} = ? where rowid = ?`).run(next, hit.rowid);
		changed++;
	}
	return changed;
}
