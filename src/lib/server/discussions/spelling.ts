/**
 * "Did you mean …?" for a search that found nothing or little: each word of the query that no
 * post the member may see contains (or only one or two do) is replaced by the nearest word, by
 * edit distance, from the words of discussions (the `post_word` vocabulary over `post_word_fts`,
 * see ../db/custom/discussions-words.sql).
 *
 * The vocabulary holds every region's words, and those of hidden and deleted posts: a word is
 * offered only when a post the member may see holds it (checked in SQL with the same visibility
 * rule as the search itself), so a suggestion never tells a member what a thread they cannot
 * see is about. How often a word occurs is also counted among those posts only.
 */
import { prepared, preparedBy, sqlite } from '../db/client';
import type { Actor } from '../auth/policy';
import { visibilityKey, visibleSqlText } from './visibility';

/** Words shorter than this are left alone ("of", "in", "SEN"): too many near neighbours. */
const MIN_LENGTH = 4;
/** A word fewer visible posts than this hold gives way to a far more common neighbour … */
const RARE = 3;
/** … when the neighbour is in this many times as many posts. */
const MORE_COMMON = 5;
/** Visible posts are counted up to this (enough to compare). */
const COUNT_CAP = 50;
/** Nearest words checked against what the member may see, per word. */
const CHECKED = 12;
const MAX_WORDS = 8;

/** A word as the index folds it: lower case, accents removed (unicode61 remove_diacritics 2). */
export function fold(word: string): string {
	return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment), or `max + 1` as soon as
 * it must exceed `max`.
 */
export function distance(a: string, b: string, max: number): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	let prev2: number[] = [];
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const cur = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
			cur.push(d);
			best = Math.min(best, d);
		}
		if (best > max) return max + 1;
		prev2 = prev;
		prev = cur;
	}
	return prev[b.length];
}

/** How far a word may be from what was typed: one edit for short words, two for longer ones. */
const allowance = (word: string) => (word.length <= 5 ? 1 : 2);

/** Posts the actor may see that hold the word (up to COUNT_CAP). One statement per set of visible regions. */
const visibleCount = preparedBy(visibilityKey, (actor: Actor) => {
	const vis = visibleSqlText(actor, 't.region_id');
	const stmt = sqlite().prepare(
		`SELECT count(*) AS n FROM (
			SELECT 1 FROM post_word_fts f
			JOIN post p ON p.id = f.rowid
			JOIN thread t ON t.id = p.thread_id
			WHERE post_word_fts MATCH ? AND p.deleted_at IS NULL AND p.hidden_at IS NULL AND ${vis.text}
			LIMIT ${COUNT_CAP}
		)`
	);
	return (word: string) => (stmt.get(`"${word}"`, ...vis.params) as { n: number }).n;
});

/** Words of the vocabulary about as long as `word`, with how many posts (any) hold them. */
const nearInLength = prepared(() => sqlite().prepare('SELECT term, doc FROM post_word WHERE length(term) BETWEEN ? AND ?'));

export type Suggestion = {
	/** The whole query with the words replaced, to search for. */
	q: string;
	/** The words put in place of what was typed. */
	words: string[];
};

/**
 * A better query for what the actor typed, or null — for a search that found nothing or little.
 * A word no visible post holds gives way to the nearest word one does; a word only one or two
 * hold, to a neighbour in five times as many; a word more posts hold stays.
 */
export function suggest(actor: Actor, input: string): Suggestion | null {
	const count = visibleCount(actor);
	const typed = (input.slice(0, 500).match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS * 2);
	const replace = new Map<string, string>();
	for (const raw of typed) {
		const word = fold(raw);
		if (replace.has(word) || word.length < MIN_LENGTH || word.length > 40 || /^\p{N}+$/u.test(word)) continue;
		if (replace.size >= MAX_WORDS) break;
		const own = count(word);
		if (own >= RARE) continue;
		const max = allowance(word);
		const vocabulary = nearInLength().all(word.length - max, word.length + max) as { term: string; doc: number }[];
		const near = vocabulary
			.filter((v) => v.term !== word && !/^\p{N}+$/u.test(v.term))
			.map((v) => ({ ...v, d: distance(word, v.term, max) }))
			.filter((v) => v.d <= max)
			.sort((a, b) => a.d - b.d || b.doc - a.doc || (a.term < b.term ? -1 : 1))
			.slice(0, CHECKED)
			.map((v) => ({ term: v.term, d: v.d, n: count(v.term) }))
			.filter((v) => v.n > 0 && v.n >= Math.max(1, own * MORE_COMMON))
			.sort((a, b) => a.d - b.d || b.n - a.n || (a.term < b.term ? -1 : 1));
		if (near.length > 0) replace.set(word, near[0].term);
	}
	if (replace.size === 0) return null;
	const q = input.replace(/[\p{L}\p{N}]+/gu, (raw) => replace.get(fold(raw)) ?? raw).trim();
	return { q, words: [...new Set(replace.values())] };
}
