import { describe, expect, it } from 'vitest';
import { makeMember } from '../testing';
import { sqlite } from '../db/client';
import * as search from './search';
import * as posts from './posts';
import * as moderation from './moderation';
import { categoryId, replyTo, startThread, tick } from './testing';

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
		expect(search.rankWindowStart('"pangolin"', 10)).toBeNull();
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
