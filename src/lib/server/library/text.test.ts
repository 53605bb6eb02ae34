import { describe, expect, it } from 'vitest';
import * as t from '../../../../tests/support/test-files';
import { makeMember, authorityId } from '../../../../tests/support/members';
import { useTemporaryFilesDir, received, entryInput } from '../../../../tests/support/files';
import { db } from '../db/client';
import { libraryTextJob } from '../db/schema';
import * as files from '../files';
import * as library from './entries';
import * as text from './text';
import type { EntryInput } from './input';

useTemporaryFilesDir('library-text');

const input = (over: Partial<EntryInput> = {}): EntryInput =>
	entryInput({
		kind: 'report',
		title: 'Sufficiency review',
		summary: 'A review.',
		topics: ['placements'],
		authorityId: authorityId('Lancashire'),
		...over
	});
const text0 = (hit: text.SearchHit) => hit.matches.map((m) => m.snippet.map((p) => p.text).join('')).join(' ');

describe('library text and search', () => {
	it('extracts PDF pages off the request path; search says which file and page; regions kept apart', async () => {
		const nw = makeMember({ authority: 'Lancashire' });
		const y = makeMember({ authority: 'Leeds' });
		const r = library.create(nw.actor, input({ scope: nw.regionId }), await received(await t.pdf(['Front page', 'Our pledge about zanzibarite placements near home']), 'Review.pdf'));
		if (!r.ok) throw new Error();
		expect(text.search(nw.actor, 'zanzibarite').hits).toEqual([]);
		expect(text.waiting()).toBeGreaterThan(0);
		expect((await text.runDue()).done).toBeGreaterThan(0);
		const hits = text.search(nw.actor, 'zanzibarite').hits;
		expect(hits).toHaveLength(1);
		expect(hits[0].matches[0].where).toBe('Review.pdf, page 2');
		expect(hits[0].matches[0].snippet.some((p) => p.hit && /zanzibarite/i.test(p.text))).toBe(true);
		expect(text.search(y.actor, 'zanzibarite').hits).toEqual([]);
		// The entry's own text too.
		expect(text.search(nw.actor, '"Sufficiency review"').hits.map((h) => h.id)).toContain(r.value.id);
	});

	it('Word files are searchable; a new version replaces the old text', async () => {
		const m = makeMember();
		const r = library.create(m.actor, input(), await received(await t.docx(['Induction', 'quetzalword in version one']), 'Pack.docx'));
		if (!r.ok) throw new Error();
		await text.runDue();
		expect(text0(text.search(m.actor, 'quetzalword').hits[0])).toMatch(/quetzalword/);
		const fileId = library.view(m.actor, r.value.id).files[0].id;
		library.upload(m.actor, r.value.id, fileId, await received(await t.docx(['Induction', 'axolotlword in version two']), 'Pack v2.docx'));
		await text.runDue();
		expect(text.search(m.actor, 'quetzalword').hits).toEqual([]);
		expect(text.search(m.actor, 'axolotlword').hits[0].matches[0].where).toBe('Pack v2.docx');
	});

	it('a job claimed by a process that died is taken again after its lease; a broken file is retried then dropped', async () => {
		const m = makeMember();
		const r = library.create(m.actor, input(), await received(await t.pdf(['pangolinword']), 'a.pdf'));
		if (!r.ok) throw new Error();
		const now = Date.now();
		// Claimed (lease set) but never finished: as after a kill -9.
		db.update(libraryTextJob).set({ leaseUntil: now + 60_000, attempts: 1 }).run();
		expect((await text.runDue(now)).done).toBe(0);
		expect((await text.runDue(now + 11 * 60_000)).done).toBe(1);
		expect(text.search(m.actor, 'pangolinword').hits).toHaveLength(1);
	});

	it('ranks every match, but a member who can see few of the best still finds theirs (the window is widened)', async () => {
		const nw = makeMember({ authority: 'Lancashire' });
		const yorks = makeMember({ authority: 'Leeds' });
		// Three Yorkshire-only entries where the word is everywhere (ranked best), one national where it is once.
		for (let i = 0; i < 3; i++) {
			const c = library.create(yorks.actor, input({ kind: 'case-study', scope: yorks.regionId, title: `Wombatword case ${i}`, summary: 'wombatword '.repeat(20), situation: 'wombatword wombatword', whatWeDid: 'x', whatChanged: 'y' }), null);
			expect(c.ok).toBe(true);
		}
		const national = library.create(nw.actor, input({ kind: 'case-study', title: 'Kinship care', summary: 'Mentions wombatword once among many other words about kinship carers and their support.', situation: 's', whatWeDid: 'w', whatChanged: 'c' }), null);
		if (!national.ok) throw new Error();
		// Yorkshire sees all four, best first.
		const theirs = text.search(yorks.actor, 'wombatword', { rankWindow: 2 }).hits;
		expect(theirs).toHaveLength(4);
		expect(theirs[3].id).toBe(national.value.id);
		// The North West member cannot see the two best-ranked: the window is widened, and the snippet marks the word.
		const mine = text.search(nw.actor, 'wombatword', { rankWindow: 2 }).hits;
		expect(mine.map((h) => h.id)).toEqual([national.value.id]);
		expect(mine[0].matches[0].snippet.some((p) => p.hit && p.text === 'wombatword')).toBe(true);
		expect(text.search(nw.actor, 'wombatword').hits.map((h) => h.id)).toEqual([national.value.id]);
	});

	it('a common word ranks a window of the newest pages, but every entry’s own text is ranked however old; a rarer word is ranked in full', async () => {
		const m = makeMember({ authority: 'Lancashire' });
		// The oldest entry has the word in its title; then six newer files whose pages each mention it once.
		const old = library.create(m.actor, input({ kind: 'case-study', title: 'Ocelotword placements panel', summary: 'Ocelotword ocelotword: how the panel works.', situation: 's', whatWeDid: 'w', whatChanged: 'c' }), null);
		if (!old.ok) throw new Error();
		const newer: number[] = [];
		for (let i = 0; i < 6; i++) {
			const r = library.create(m.actor, input({ title: `Annual report ${i}` }), await received(await t.pdf([`Page one mentions ocelotword once among other words about children in care ${i}`]), `Report ${i}.pdf`));
			if (!r.ok) throw new Error();
			newer.push(r.value.id);
		}
		await text.runDue(Date.now(), { limit: 50 });
		// A window of two pages and a page of two results (so the window is not widened): the old
		// entry still comes first (its own text is always ranked), then one of the two newest files.
		const windowed = text.search(m.actor, 'ocelotword', { rankWindow: 2, limit: 2 }).hits.map((h) => h.id);
		expect(windowed).toHaveLength(2);
		expect(windowed[0]).toBe(old.value.id);
		expect(newer.slice(-2)).toContain(windowed[1]);
		// Fewer matching pages than the window: the same order as ranking everything.
		const all = text.search(m.actor, 'ocelotword', { rankWindow: 1_000_000 }).hits.map((h) => h.id);
		expect(all).toHaveLength(7);
		expect(text.search(m.actor, 'ocelotword', { rankWindow: 6 }).hits.map((h) => h.id)).toEqual(all);
		expect(all[0]).toBe(old.value.id);
		// The snippets are made for every match shown.
		for (const hit of text.search(m.actor, 'ocelotword', { rankWindow: 2, limit: 2 }).hits) expect(hit.matches.every((x) => x.snippet.some((p) => p.hit))).toBe(true);
	});

	it('queries are made safe', () => {
		expect(text.toFtsQuery('corporate "care leavers" OR')).toBe('"corporate" "care leavers"');
		expect(text.toFtsQuery('NEAR(a b) * ^ -x')).toBe('"NEAR" "a" "b" "x"');
		expect(text.toFtsQuery('   ')).toBeNull();
	});
});
