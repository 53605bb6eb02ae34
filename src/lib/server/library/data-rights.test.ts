import { describe, expect, it } from 'vitest';
import * as t from '../../../../tests/support/test-files';
import { makeMember, authorityId } from '../../../../tests/support/members';
import { useTemporaryFilesDir } from '../../../../tests/support/files';
import * as files from '../files';
import * as library from './entries';
import { eraseMember, exportMemberData } from './data-rights';
import type { EntryInput } from './input';

useTemporaryFilesDir('library-rights');

describe('library data rights', () => {
	it('exports a member’s entries and uploads; erasure keeps shared entries as Former member', async () => {
		const author = makeMember();
		const reader = makeMember();
		const r0 = await files.receive(await t.pdf(['Mine']), 'Mine.pdf', 1 << 24);
		if (!r0.ok) throw new Error();
		const r = library.create(author.actor, { kind: 'report', title: 'A report of mine', summary: 'S', topics: ['scrutiny'], authorityId: authorityId('Lancashire'), scope: 'national', reviewBy: null, situation: '', whatWeDid: '', whatChanged: '', differently: '', contact: '' }, r0.file);
		if (!r.ok) throw new Error();
		library.setUseful(author.actor, r.value.id, true);
		library.setUseful(reader.actor, r.value.id, true);
		const data = exportMemberData(author.id) as { entries: { title: string }[]; uploads: { name: string; download: string }[]; markedUseful: unknown[] };
		expect(data.entries.map((e) => e.title)).toEqual(['A report of mine']);
		expect(data.uploads[0].name).toBe('Mine.pdf');
		expect(data.uploads[0].download).toMatch(new RegExp(`^/library/${r.value.id}/versions/\\d+$`));
		expect(data.markedUseful).toHaveLength(1);
		eraseMember(author.id);
		const v = library.view(reader.actor, r.value.id);
		expect(v.entry.authorName).toBe('Former member');
		expect(v.files[0].current.uploadedBy).toBe('Former member');
		expect(v.entry.usefulCount).toBe(1);
	});

	it('includes private drafts in the export, and erasure removes them (the shared ones stay)', async () => {
		const author = makeMember();
		const got = await files.receive(await t.pdf(['Draft strategy']), 'Draft strategy.pdf', 1 << 24);
		if (!got.ok) throw new Error();
		const base = { kind: 'strategy' as const, summary: 'S', topics: ['corporate-parenting'] as EntryInput['topics'], authorityId: authorityId('Lancashire'), scope: 'national', reviewBy: null, situation: '', whatWeDid: '', whatChanged: '', differently: '', contact: '' };
		const draft = library.create(author.actor, { ...base, title: 'My draft strategy', draft: true }, got.file);
		const shared = library.create(author.actor, { ...base, kind: 'case-study', title: 'My shared case study', situation: 'a', whatWeDid: 'b', whatChanged: 'c' }, null);
		if (!draft.ok || !shared.ok) throw new Error();
		const data = exportMemberData(author.id) as { entries: { title: string; draft: boolean; sharedAt: string | null }[]; uploads: { name: string }[] };
		expect(data.entries.map((e) => [e.title, e.draft, e.sharedAt == null])).toEqual([
			['My draft strategy', true, true],
			['My shared case study', false, false]
		]);
		expect(data.uploads.map((u) => u.name)).toEqual(['Draft strategy.pdf']);
		const hash = got.file.hash;
		expect(files.info(hash)?.refs).toBe(1);

		eraseMember(author.id);
		const admin = makeMember({ role: 'admin' });
		expect(() => library.view(admin.actor, draft.value.id)).toThrow(expect.objectContaining({ status: 404 }));
		expect(library.view(admin.actor, shared.value.id).entry.authorName).toBe('Former member');
		// Its file is no longer held by anything (housekeeping removes the bytes after the grace period).
		expect(files.info(hash)?.refs).toBe(0);
	});
});
