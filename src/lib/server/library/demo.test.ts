// The library part of the demo network: documents with real files, a case study, a regional induction pack.
import { describe, expect, it } from 'vitest';
import { useTemporaryFilesDir } from '../../../../tests/support/files';
import { db } from '../db/client';
import { seedDemo } from '../seed/demo';
import * as members from '../network/members';
import * as library from './entries';
import { provideLinks } from '../links';
import * as threads from '../discussions/threads';
import * as documents from '../succession/documents';
import * as training from '../training/entries';

provideLinks();

const NOW = Date.parse('2026-11-23T09:00:00Z');
useTemporaryFilesDir('library-demo');

describe('library demo data', () => {
	it('shows the North West its induction pack and everyone the national entries', async () => {
		await seedDemo(db, NOW);
		const tom = members.actorById(members.findByEmail('member@example.org')!.id)!;
		const leeds = members.actorById(members.findByEmail('mentor@example.org')!.id)!;
		const nw = library.list(tom).entries.map((e) => e.title);
		expect(nw).toContain('Induction pack for new Lead Members – North West');
		expect(nw).toContain('Corporate parenting strategy 2026 to 2029');
		const y = library.list(leeds).entries.map((e) => e.title);
		expect(y).not.toContain('Induction pack for new Lead Members – North West');
		expect(y).toContain('Giving the Children in Care Council real influence');
		const strategy = library.list(tom).entries.find((e) => e.title.startsWith('Corporate parenting strategy'))!;
		expect(strategy.usefulCount).toBe(2);
		expect(library.view(tom, strategy.id).files[0].current.kindLabel).toBe('PDF');

		// Woven in: the strategy attached to a reply in the corporate parenting thread, read from Leeds.
		const cp = threads.list(leeds, { limit: 100 }).threads.find((t) => t.title.startsWith('Corporate parenting panel: how often'))!;
		const page = threads.view(leeds, cp.id, { page: 99 })!;
		const shared = page.posts.find((p) => p.attachments.length > 0)!;
		expect(shared.authorName).toBe(members.nameOf(tom.id));
		expect(shared.attachments.map((a) => [a.kindLabel, a.title, a.files[0].typeLabel])).toEqual([['Strategy or policy', 'Corporate parenting strategy 2026 to 2029', 'PDF']]);
		// Sarah's reply carries a file she uploaded straight from the reply form: a national template, titled from its name.
		const uploaded = page.posts.find((p) => p.attachments.some((a) => a.title === 'You said we did letter template'))!;
		expect(uploaded.authorName).toBe('Sarah Holroyd');
		expect(uploaded.attachments.map((a) => [a.kindLabel, a.files[0].typeLabel])).toEqual([['Template', 'Word document']]);
		expect(library.view(tom, uploaded.attachments[0].id).entry.scopeLabel).toBe('National');
		// The North West meeting thread carries the region's own documents; Leeds cannot see the thread at all.
		const meeting = threads.list(tom, { limit: 100 }).threads.find((t) => t.title.startsWith('North West network meeting'))!;
		expect(threads.view(tom, meeting.id, { page: 99 })!.posts.flatMap((p) => p.attachments.map((a) => a.title))).toEqual(['Induction pack for new Lead Members – North West', 'Corporate parenting board: quarterly scorecard template']);
		expect(threads.view(leeds, meeting.id)).toBeNull();
		// Lancashire's checklist links its strategy on the corporate parenting item (and so in its handover pack).
		expect(documents.byItemKey(tom, tom.authorityId)['corporate-parenting'].map((d) => d.title)).toEqual(['Corporate parenting strategy 2026 to 2029']);
		// Tom's private draft: his alone.
		expect(library.list(tom, { mine: true }).entries.find((e) => e.draft)?.title).toBe('Staying put to 25: a note for the cabinet (draft)');
		expect(library.list(leeds).entries.map((e) => e.title)).not.toContain('Staying put to 25: a note for the cabinet (draft)');
		// And a log entry from the Leeds case study.
		const logged = training.logPage(tom, training.parseFilter(new URLSearchParams()), NOW).entries.find((e) => e.title.startsWith('Read: Giving'))!;
		expect(training.get(tom, logged.id).document?.title).toBe('Giving the Children in Care Council real influence');
	});
});
