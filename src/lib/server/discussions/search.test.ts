import { describe, expect, it } from 'vitest';
import { makeMember } from '../../../../tests/support/members';
import type { Actor } from '../auth/policy';
import { visibleSqlText } from './visibility';
import { sqlite } from '../db/client';
import * as search from './search';
import * as posts from './posts';
import * as moderation from './moderation';
import { categoryId, replyTo, startThread, tick } from '../../../../tests/support/discussions';

const nw = () => makeMember({ authority: 'Lancashire' });

describe('toFtsQuery', () => {
	it('quotes every word and keeps phrases and OR', () => {
		expect(search.toFtsQuery('corporate parenting')).toBe('"corporate" "parenting"');
		expect(search.toFtsQuery('"corporate parenting" panel')).toBe('"corporate parenting" "panel"');
		expect(search.toFtsQuery('SEND OR EHCP')).toBe('"SEND" OR "EHCP"');
		expect(search.toFtsQuery('OR send OR')).toBe('"send"');
		expect(search.toFtsQuery('send or ehcp')).toBe('"send" "or" "ehcp"');
		expect(search.toFtsQuery('   ')).toBeNull();
		expect(search.toFtsQuery('*** ()" ^')).toBeNull();
		expect(search.toFtsQuery('Regulation 44')).toBe('"Regulation" "44"');
	});

	it('never lets FTS5 syntax through', () => {
		for (const input of ['a*', 'NEAR(a b)', 'title:secret', '"unbalanced', 'a AND NOT b', '(a OR b', '{title}: x', "it's", 'a - b', '^start', 'x"y"z']) {
			const q = search.toFtsQuery(input)!;
			expect(q).not.toBeNull();
			// Only quoted words, single spaces and the OR keyword between them.
			expect(q).toMatch(/^"[\p{L}\p{N} ]+"(?: (?:OR )?"[\p{L}\p{N} ]+")*$/u);
		}
	});
});

describe('search', () => {
	const author = nw();
	const outsider = makeMember({ authority: 'Leeds' });
	const coordinator = makeMember({ authority: 'Salford', role: 'coordinator', coordinatorRegionId: 'north-west' });
	const national = startThread(author.actor, { title: 'Preparing for an ILACS inspection', body: 'What did inspectors ask the Lead Member about sufficiency?', isQuestion: true });
	const regional = startThread(author.actor, { title: 'North West sufficiency pooling', body: 'Our regional sufficiency framework for residential placements.', regionId: 'north-west', category: 'budgets' });
	const reply = replyTo(author.actor, national, 'We prepared a one-page summary of sufficiency and placement stability <b>data</b>.');

	it('finds titles and bodies, ranks title matches first and highlights safely', () => {
		const r = search.search(author.actor, { q: 'ILACS' });
		expect(r.results[0]).toMatchObject({ threadId: national, postNumber: 1 });
		expect(r.results[0].titleHtml).toBe('Preparing for an <mark>ILACS</mark> inspection');
		const body = search.search(author.actor, { q: 'placement stability' });
		const hit = body.results.find((x) => x.postId === reply.id)!;
		expect(hit.snippetHtml).toContain('<mark>placement</mark> <mark>stability</mark>');
		expect(hit.snippetHtml).not.toContain('<b>');
		expect(hit.href).toBe(`/threads/${national}?post=2#post-2`);
	});

	it('ranks a very common word among its newest matches only (the rank window)', () => {
		const older = startThread(author.actor, { title: 'Pangolin pangolin pangolin', body: 'Pangolin.' });
		const newer = [1, 2, 3].map((i) => startThread(author.actor, { title: `Note ${i}`, body: `A passing mention of a pangolin, number ${i}.` }));
		// Everything ranked: the title match comes first.
		expect(search.search(author.actor, { q: 'pangolin' }).results[0].threadId).toBe(older);
		// A window of the three newest matches: the older, better match is outside it.
		const windowed = search.search(author.actor, { q: 'pangolin' }, { rankWindow: 3 }).results.map((x) => x.threadId);
		expect(windowed.sort()).toEqual([...newer].sort());
		// A window wider than the matches ranks them all.
		expect(search.search(author.actor, { q: 'pangolin' }, { rankWindow: 10 }).results.map((x) => x.postId)).toEqual(search.search(author.actor, { q: 'pangolin' }).results.map((x) => x.postId));
	});

	it('stems words (porter) so "inspections" finds "inspection"', () => {
		expect(search.search(author.actor, { q: 'inspections' }).results.some((x) => x.threadId === national)).toBe(true);
	});

	it('keeps a region’s threads from everyone outside it, in the SQL', () => {
		const ids = (who: typeof author) => search.search(who.actor, { q: 'sufficiency' }).results.map((x) => x.threadId);
		expect(ids(author)).toContain(regional);
		expect(ids(coordinator)).toContain(regional);
		expect(ids(outsider)).not.toContain(regional);
		expect(ids(outsider)).toContain(national);
		expect(search.search(outsider.actor, { q: 'sufficiency', scope: 'north-west' }).results).toEqual([]);
	});

	it('filters by category and scope', () => {
		expect(search.search(author.actor, { q: 'sufficiency', categoryId: categoryId('budgets') }).results.map((x) => x.threadId)).toEqual([regional]);
		expect(search.search(author.actor, { q: 'sufficiency', scope: 'national' }).results.every((x) => x.threadId === national)).toBe(true);
	});

	it('leaves out deleted and hidden posts and follows edits', () => {
		const t = startThread(author.actor, { title: 'Zebra crossings near schools', body: 'Quokka policy on crossings.' });
		const r2 = replyTo(makeMember({ authority: 'Lancashire' }).actor, t, 'Narwhal comment');
		expect(search.search(author.actor, { q: 'narwhal' }).results).toHaveLength(1);
		moderation.hidePost(coordinator.actor, r2.id, 'Off topic');
		expect(search.search(author.actor, { q: 'narwhal' }).results).toHaveLength(0);
		const first = search.search(author.actor, { q: 'quokka' }).results[0];
		expect(posts.edit(author.actor, first.postId, { body: 'Axolotl policy on crossings.' }, tick()).ok).toBe(true);
		expect(search.search(author.actor, { q: 'quokka' }).results).toHaveLength(0);
		expect(search.search(author.actor, { q: 'axolotl' }).results).toHaveLength(1);
		expect(posts.remove(author.actor, first.postId, tick()).ok).toBe(true);
		expect(search.search(author.actor, { q: 'axolotl' }).results).toHaveLength(0);
	});

	it('answers any typed text with results or none, never an error', () => {
		const nasty = ['"', '""', '"ILACS', 'ILACS"', '*', 'ILACS*', '* OR *', 'OR', 'AND', 'NOT', 'NEAR', '(', ')', '((ILACS', 'ILACS) OR (', '[ILACS]', '{}', 'title:ILACS', '-ILACS', '+ILACS', '^ILACS', "'; DROP TABLE post; --", '\u0000', '🙂', 'a'.repeat(5000), 'ILACS OR OR OR inspection', '"ILACS OR inspection"', 'col:val NEAR/2 x', '\\"', '%_%'];
		for (const q of nasty) {
			const r = search.search(author.actor, { q });
			expect(Array.isArray(r.results)).toBe(true);
			// And FTS5 itself accepts the query (search() never had to swallow an error).
			const match = search.toFtsQuery(q);
			if (match) expect(() => sqlite().prepare('SELECT count(*) FROM post_fts WHERE post_fts MATCH ?').get(match)).not.toThrow();
		}
		expect(search.search(author.actor, { q: '"ILACS' }).results.length).toBeGreaterThan(0);
		expect(search.search(author.actor, { q: 'ILACS*' }).results.length).toBeGreaterThan(0);
		expect(search.search(author.actor, { q: '(ILACS)' }).results.length).toBeGreaterThan(0);
	});

	it('escapes everything but the marks it inserts', () => {
		expect(search.highlightHtml('a <img src=x onerror=alert(1)> \u0001hit\u0002 & "q"')).toBe('a &lt;img src=x onerror=alert(1)&gt; <mark>hit</mark> &amp; &quot;q&quot;');
		expect(search.highlightHtml('\u0001open')).toBe('<mark>open</mark>');
		expect(search.highlightHtml('close\u0002')).toBe('close');
	});
});

describe('search: ranking, pages and snippets on a bigger set', () => {
	const lancs = makeMember({ authority: 'Lancashire' });
	const leeds = makeMember({ authority: 'Leeds' });
	const admin = makeMember({ authority: 'Lancashire', role: 'admin' });
	const nwCoordinator = makeMember({ authority: 'Salford', role: 'coordinator', coordinatorRegionId: 'north-west' });
	const secret = (n: number) => `Secret yorkshire plan ${n}`;
	// 100 Yorkshire threads rank best (the word three times in the title); the national and
	// North West ones mention it once, in the body, so a North West member's best candidates are
	// all out of sight and the search has to look past them.
	const yorkshire = Array.from({ length: 100 }, (_, i) => startThread(leeds.actor, { title: `Wombat wombat wombat ${i}`, body: `${secret(i)}: wombat.`, regionId: 'yorkshire-humber' }));
	const national = Array.from({ length: 25 }, (_, i) => startThread(lancs.actor, { title: `National note ${i}`, body: `One wombat among many other words, number ${i}${' and more'.repeat(i % 5)}.`, category: i % 2 ? 'budgets' : 'inspection' }));
	const northWest = Array.from({ length: 5 }, (_, i) => startThread(lancs.actor, { title: `Regional note ${i}`, body: `A wombat in the North West, number ${i}.`, regionId: 'north-west' }));
	const replies = national.slice(0, 3).map((t, i) => replyTo(lancs.actor, t, `A reply about the wombat, ${i}.`));
	const hiddenReply = replyTo(lancs.actor, national[3], 'A wombat wombat wombat reply that a moderator hid.');
	moderation.hidePost(nwCoordinator.actor, hiddenReply.id, 'Off topic');

	/** Every match the actor may see, ranked the plain way: all of them, bm25 then newest. */
	function reference(actor: Actor, word: string, where = '1', params: (string | number)[] = []): number[] {
		const vis = visibleSqlText(actor, 't.region_id');
		return (
			sqlite()
				.prepare(
					`SELECT p.id FROM post_fts JOIN post p ON p.id = post_fts.rowid JOIN thread t ON t.id = p.thread_id
					WHERE post_fts MATCH ? AND p.deleted_at IS NULL AND p.hidden_at IS NULL AND ${vis.text} AND ${where}
					ORDER BY bm25(post_fts, 6.0, 1.0), p.id DESC`
				)
				.all(`"${word}"`, ...vis.params, ...params) as { id: number }[]
		).map((r) => r.id);
	}

	/** Every page of a search, in order. */
	function allPages(actor: Actor, f: Omit<search.SearchFilter, 'page'>) {
		const out: search.SearchResult[] = [];
		for (let page = 1; page <= search.MAX_PAGES; page++) {
			const r = search.search(actor, { ...f, page });
			expect(r.page).toBe(page);
			out.push(...r.results);
			if (!r.hasMore) break;
		}
		return out;
	}

	it('pages through the same ranking as ranking every visible match, with no post twice', () => {
		for (const who of [lancs, leeds, admin, nwCoordinator]) {
			const ids = allPages(who.actor, { q: 'wombat' }).map((x) => x.postId);
			expect(ids).toEqual(reference(who.actor, 'wombat'));
			expect(new Set(ids).size).toBe(ids.length);
		}
		expect(reference(lancs.actor, 'wombat')).toHaveLength(25 + 5 + 3);
		expect(reference(admin.actor, 'wombat')).toHaveLength(100 + 25 + 5 + 3);
	});

	it('looks past the best matches an actor may not see, and never shows them', () => {
		const first = search.search(lancs.actor, { q: 'wombat' });
		expect(first.results).toHaveLength(search.SEARCH_PAGE_SIZE);
		expect(first.hasMore).toBe(true);
		const all = allPages(lancs.actor, { q: 'wombat' });
		expect(all.some((x) => yorkshire.includes(x.threadId))).toBe(false);
		expect(all.some((x) => x.postId === hiddenReply.id)).toBe(false);
		expect(JSON.stringify(all)).not.toMatch(/Secret yorkshire/i);
		// Someone in Yorkshire gets the Yorkshire threads first (their titles match best).
		const theirs = search.search(leeds.actor, { q: 'wombat' }).results;
		expect(theirs.every((x) => yorkshire.includes(x.threadId))).toBe(true);
		expect(theirs[0].titleHtml).toContain('<mark>Wombat</mark> <mark>wombat</mark> <mark>wombat</mark>');
	});

	it('filters by scope and category with the same ranking', () => {
		const budgets = categoryId('budgets');
		expect(allPages(lancs.actor, { q: 'wombat', scope: 'north-west' }).map((x) => x.postId)).toEqual(reference(lancs.actor, 'wombat', 't.region_id = ?', ['north-west']));
		expect(allPages(lancs.actor, { q: 'wombat', scope: 'national' }).map((x) => x.postId)).toEqual(reference(lancs.actor, 'wombat', 't.region_id IS NULL'));
		expect(allPages(lancs.actor, { q: 'wombat', categoryId: budgets }).map((x) => x.postId)).toEqual(reference(lancs.actor, 'wombat', 't.category_id = ?', [budgets]));
		expect(allPages(admin.actor, { q: 'wombat', scope: 'yorkshire-humber' }).map((x) => x.postId)).toEqual(reference(admin.actor, 'wombat', 't.region_id = ?', ['yorkshire-humber']));
		expect(search.search(lancs.actor, { q: 'wombat', scope: 'yorkshire-humber' }).results).toEqual([]);
	});

	it('gives the same page whether filters are checked before or after ranking', () => {
		const run = (actor: Actor, f: Omit<search.SearchFilter, 'q'>, offset: number, prefilter: boolean, candidates?: number) => {
			const { sql, params } = search.searchStatement(actor, '"wombat"', f, 21, offset, { prefilter, candidates });
			return (sqlite().prepare(sql).all(...params) as { post_id: number }[]).map((r) => r.post_id);
		};
		for (const who of [lancs, leeds, admin])
			for (const f of [{}, { scope: 'national' }, { scope: 'north-west' }, { categoryId: categoryId('budgets') }])
				for (const offset of [0, 20]) {
					const expected = run(who.actor, f, offset, false);
					expect(run(who.actor, f, offset, true)).toEqual(expected);
					expect(run(who.actor, f, offset, true, offset + 21)).toEqual(expected);
				}
	});

	it('marks the words in the title or the snippet of every result on every page', () => {
		const all = allPages(admin.actor, { q: 'wombat' });
		expect(all.length).toBeGreaterThan(2 * search.SEARCH_PAGE_SIZE);
		for (const hit of all) {
			expect(hit.snippetHtml).toMatch(/<mark>wombat<\/mark>/i);
			if (hit.postNumber === 1 && yorkshire.includes(hit.threadId)) expect(hit.titleHtml).toMatch(/<mark>Wombat<\/mark>/);
		}
		// Each snippet is from its own post.
		const r2 = all.find((x) => x.postId === replies[1].id)!;
		expect(r2.snippetHtml).toBe('A reply about the <mark>wombat</mark>, 1.');
		expect(r2.href).toBe(`/threads/${national[1]}?post=2#post-2`);
		const nw = all.find((x) => x.threadId === northWest[2])!;
		expect(nw.snippetHtml).toBe('A <mark>wombat</mark> in the North West, number 2.');
		expect(nw.scope).toBe('North West');
	});

	it('ranks within the window: the newest matches only', () => {
		// The ten newest matches are the hidden reply (dropped) and nine visible posts.
		const windowed = search.search(admin.actor, { q: 'wombat' }, { rankWindow: 10 }).results.map((x) => x.postId);
		const newest = (sqlite().prepare('SELECT rowid AS id FROM post_fts WHERE post_fts MATCH ? ORDER BY rowid DESC LIMIT 10').all('"wombat"') as { id: number }[]).map((r) => r.id);
		expect(windowed).toHaveLength(9);
		expect(windowed.every((id) => newest.includes(id))).toBe(true);
		expect(windowed).toEqual(reference(admin.actor, 'wombat').filter((id) => newest.includes(id)));
	});
});
