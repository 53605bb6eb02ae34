/**
 * The library through the member's data rights as a member uses them (trust's export and
 * account erasure, which gather every area): their uploads are in their export; when they
 * delete their account the documents they shared stay for the network under "Former member",
 * with the files still there and still served.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as t from '../../../../tests/support/test-files';
import { makeMember, authorityId } from '../../../../tests/support/members';
import { useTemporaryFilesDir, received } from '../../../../tests/support/files';
import * as files from '../files';
import * as library from '../library/entries';
import { buildExport } from './export';
import { eraseMember } from './erase';

useTemporaryFilesDir('trust-library');

const NOW = Date.parse('2026-11-23T12:00:00Z');

describe('library data rights, through the account', () => {
	it('the export lists the member’s uploads; deleting the account keeps their shared documents as Former member', async () => {
		const author = makeMember({ name: 'Rowan Fairweather', authority: 'Lancashire' });
		const reader = makeMember({ authority: 'Cumberland' });
		const v1 = await t.pdf(['Care leavers covenant, first draft']);
		const v2 = await t.pdf(['Care leavers covenant, as agreed']);
		const created = library.create(
			author.actor,
			{ kind: 'strategy', title: 'Care leavers covenant', summary: 'Agreed with local employers.', topics: ['care-leavers'], authorityId: authorityId('Lancashire'), scope: author.regionId, reviewBy: null, situation: '', whatWeDid: '', whatChanged: '', differently: '', contact: '' },
			await received(v1, 'Covenant draft.pdf'),
			{},
			NOW
		);
		if (!created.ok) throw new Error(JSON.stringify(created.errors));
		const id = created.value.id;
		const fileId = library.view(author.actor, id).files[0].id;
		expect(library.upload(author.actor, id, fileId, await received(v2, 'Covenant.pdf'), {}, NOW + 1000).ok).toBe(true);
		library.setUseful(reader.actor, id, true, NOW);

		const doc = buildExport(author.id, NOW)!;
		const mine = doc.sections.Library as { entries: { title: string }[]; uploads: { name: string; sha256: string; size: number; download: string }[] };
		expect(mine.entries.map((e) => e.title)).toEqual(['Care leavers covenant']);
		expect(mine.uploads.map((u) => u.name)).toEqual(['Covenant draft.pdf', 'Covenant.pdf']);
		expect(mine.uploads[1]).toMatchObject({ size: v2.length, download: expect.stringMatching(new RegExp(`^/library/${id}/versions/\\d+$`)) });
		const hashes = mine.uploads.map((u) => u.sha256);

		eraseMember(author.id, NOW + 2000);
		const seen = library.view(reader.actor, id);
		expect(seen.entry.title).toBe('Care leavers covenant');
		expect(seen.entry.authorName).toBe('Former member');
		expect([seen.files[0].current.uploadedBy, ...seen.files[0].earlier.map((e) => e.uploadedBy)]).toEqual(['Former member', 'Former member']);
		expect(seen.entry.usefulCount).toBe(1);
		// The files stay in the store, counted, and are still served to those who may see them.
		for (const hash of hashes) {
			expect(files.info(hash)?.refs).toBe(1);
			expect(existsSync(files.blobPath(hash))).toBe(true);
		}
		const d = library.download(reader.actor, id, seen.files[0].current.id);
		expect(readFileSync(files.blobPath(d.hash)).equals(v2)).toBe(true);
		expect(JSON.stringify(seen)).not.toContain('Rowan Fairweather');
	});
});
