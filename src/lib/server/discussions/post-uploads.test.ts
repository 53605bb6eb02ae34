/**
 * Files uploaded straight from a post form: each becomes a library entry seen by the thread's
 * readers and is attached to the post, in the post's own transaction — never a post without its
 * file nor an entry without its post.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import * as t from '../../../../tests/support/test-files';
import { makeMember } from '../../../../tests/support/members';
import { categoryId, startThread, tick } from '../../../../tests/support/discussions';
import { useTemporaryFilesDir, received } from '../../../../tests/support/files';
import { db, sqlite } from '../db/client';
import { auditEvent, libraryEntry, post, postReport, storedFile } from '../db/schema';
import { messagesTo } from '../mail/outbox';
import * as files from '../files';
import { GRACE_MS } from '../files/store';
import * as library from '../library/entries';
import * as threads from './threads';
import * as posts from './posts';
import * as attachments from './attachments';

const dir = useTemporaryFilesDir('post-uploads');

const IDENTIFYING = "Jamie Smith, aged 14, at St Mary's Primary in Preston, was placed out of county last month.";
const entryCount = () => db.select({ id: libraryEntry.id }).from(libraryEntry).all().length;
const postCount = () => db.select({ id: post.id }).from(post).all().length;
const tempFiles = () => (existsSync(join(dir(), 'tmp')) ? readdirSync(join(dir(), 'tmp')).length : 0);

describe('a file uploaded with a post', () => {
	it('becomes a library entry of the thread’s region, titled from its name, attached to the reply and linked in the email about it', async () => {
		const author = makeMember({ authority: 'Lancashire' });
		const replier = makeMember({ authority: 'Salford' });
		const elsewhere = makeMember({ authority: 'Leeds' });
		const threadId = startThread(author.actor, { title: 'Placement sufficiency plans in the North West', regionId: author.regionId });
		const file = await received(await t.pdf(['Our sufficiency plan']), 'Sufficiency_plan 2026.pdf');
		const r = posts.reply(replier.actor, threadId, { body: `Here is ours, agreed last month, @${author.handle}.`, upload: { file, kind: 'strategy', ip: '192.0.2.7' } }, tick());
		if (!r.ok) throw new Error(JSON.stringify(r.errors));

		const ids = attachments.idsOf(r.value.id);
		expect(ids).toHaveLength(1);
		const e = db.select().from(libraryEntry).where(eq(libraryEntry.id, ids[0])).get()!;
		expect(e).toMatchObject({ kind: 'strategy', title: 'Sufficiency plan 2026', regionId: author.regionId, authorId: replier.id, authorityId: replier.authorityId, draft: false });
		expect(e.summaryHtml).toContain(`href="/threads/${threadId}?post=${r.value.number}#post-${r.value.number}"`);
		expect(e.summaryHtml).toContain('Placement sufficiency plans in the North West');
		// The library's one upload path: stored by its hash, counted, audited.
		expect(files.info(file.hash)).toMatchObject({ size: file.size });
		const audit = db.select().from(auditEvent).where(and(eq(auditEvent.subjectType, 'library_entry'), eq(auditEvent.subjectId, String(e.id)))).all();
		expect(audit.map((a) => [a.action, a.ipAddress])).toEqual([['library.upload', '192.0.2.7']]);
		// Seen by the thread's readers only.
		expect(library.view(author.actor, e.id).entry.title).toBe('Sufficiency plan 2026');
		expect(() => library.view(elsewhere.actor, e.id)).toThrow(expect.objectContaining({ status: 404 }));
		// Under the post, and in the email to the member it mentions.
		const shown = attachments.forPosts(author.actor, [r.value.id]).get(r.value.id);
		expect(shown?.map((c) => [c.title, c.kindLabel, c.files[0]?.typeLabel])).toEqual([['Sufficiency plan 2026', 'Strategy or policy', 'PDF']]);
		const mail = messagesTo(author.email).find((m) => m.text.includes('Here is ours'));
		expect(mail?.text).toContain('Attached from the library:');
		expect(mail?.text).toContain(`/library/${e.id}`);
	});

	it('a new national thread’s file is national, added after the documents chosen from the library', async () => {
		const m = makeMember({ authority: 'Lancashire' });
		const earlier = await received(await t.docx(['Induction pack']), 'Induction pack.docx');
		const chosen = library.create(m.actor, { kind: 'template', title: 'Induction pack for councillors', summary: 'Ours.', topics: ['corporate-parenting'], authorityId: m.authorityId, scope: 'national', reviewBy: null, situation: '', whatWeDid: '', whatChanged: '', differently: '', contact: '' }, earlier);
		if (!chosen.ok) throw new Error();
		const file = await received(Buffer.from('Measure,Value\nChildren in care,412\n'), 'x.csv');
		const r = threads.create(m.actor, { title: 'Scorecards for corporate parenting boards', body: 'Ours is attached.', categoryId: categoryId('corporate-parenting'), regionId: null, isQuestion: false, attachments: [chosen.value.id], upload: { file, kind: 'bogus' } }, tick());
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		const opening = db.select({ id: post.id }).from(post).where(and(eq(post.threadId, r.value.id), eq(post.number, 1))).get()!;
		const ids = attachments.idsOf(opening.id);
		expect(ids[0]).toBe(chosen.value.id);
		const e = db.select().from(libraryEntry).where(eq(libraryEntry.id, ids[1])).get()!;
		// A name too short for a title gets a plain one; an unknown kind is a report.
		expect(e).toMatchObject({ regionId: null, title: 'Document: x.csv', kind: 'report' });
	});

	it('editing a post can add a new file, kept with the documents already on it; a refused edit writes nothing', async () => {
		const m = makeMember({ authority: 'Lancashire' });
		const threadId = startThread(m.actor, { regionId: m.regionId, title: 'Care leavers covenant: who has signed?' });
		const first = await received(await t.pdf(['Covenant']), 'Covenant.pdf');
		const r = posts.reply(m.actor, threadId, { body: 'Ours is attached.', upload: { file: first, kind: 'strategy' } }, tick());
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		const before = attachments.idsOf(r.value.id);
		const entries = entryCount();
		// An empty body refuses the edit: no entry made from the file.
		const second = await received(await t.docx(['Employers who signed']), 'Signatories.docx');
		const refused = posts.edit(m.actor, r.value.id, { body: '', attachments: before, upload: { file: second, kind: 'report' } }, tick());
		expect(refused.ok).toBe(false);
		expect(entryCount()).toBe(entries);
		const edited = posts.edit(m.actor, r.value.id, { body: 'Ours is attached, with the list of signatories.', attachments: before, upload: { file: second, kind: 'report' } }, tick());
		expect(edited.ok).toBe(true);
		const after = attachments.idsOf(r.value.id);
		expect(after.slice(0, 1)).toEqual(before);
		expect(after).toHaveLength(2);
		expect(db.select().from(libraryEntry).where(eq(libraryEntry.id, after[1])).get()).toMatchObject({ title: 'Signatories', kind: 'report', regionId: m.regionId });
	});

	it('a reply refused by the child-safety check writes nothing; confirmed, the post, its file and the moderators’ flag are written together', async () => {
		const m = makeMember({ authority: 'Lancashire' });
		const threadId = startThread(m.actor);
		const before = { entries: entryCount(), posts: postCount() };
		const file = await received(await t.pdf(['Placement review']), 'Placement review.pdf');
		const held = posts.reply(m.actor, threadId, { body: IDENTIFYING, upload: { file, kind: 'report' } }, tick());
		expect(held.ok).toBe(false);
		if (!held.ok) expect(held.childSafety?.length).toBeGreaterThan(0);
		expect({ entries: entryCount(), posts: postCount() }).toEqual(before);
		expect(files.info(file.hash)).toBeUndefined();
		await files.discard(file); // as the route does with a refused post's file

		const again = await received(await t.pdf(['Placement review']), 'Placement review.pdf');
		const r = posts.reply(m.actor, threadId, { body: IDENTIFYING, childSafeConfirmed: true, upload: { file: again, kind: 'report' } }, tick());
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		expect({ entries: entryCount(), posts: postCount() }).toEqual({ entries: before.entries + 1, posts: before.posts + 1 });
		expect(attachments.idsOf(r.value.id)).toHaveLength(1);
		expect(db.select().from(postReport).where(eq(postReport.postId, r.value.id)).all()).toHaveLength(1);
	});

	it('past the quota, or with a wrong library link, the file is refused beside its field and nothing is written', async () => {
		const m = makeMember({ authority: 'Lancashire' });
		const threadId = startThread(m.actor);
		const before = { entries: entryCount(), posts: postCount() };
		const big = await received(await t.pdf(['q'], { padTo: 300_000 }), 'Big.pdf');
		const { config } = await import('../config');
		const was = config().memberQuotaBytes;
		config().memberQuotaBytes = 200_000;
		try {
			const r = posts.reply(m.actor, threadId, { body: 'Our review.', upload: { file: big, kind: 'report' } }, tick());
			expect(r.ok).toBe(false);
			if (!r.ok) expect(r.errors.file).toMatch(/past your 195 KB of library storage/);
		} finally {
			config().memberQuotaBytes = was;
		}
		const regional = library.create(makeMember({ authority: 'Leeds' }).actor, { kind: 'case-study', title: 'Yorkshire only case study', summary: 's', topics: [], authorityId: m.authorityId, scope: 'yorkshire-humber', reviewBy: null, situation: 's', whatWeDid: 'w', whatChanged: 'c', differently: '', contact: '' }, null);
		if (!regional.ok) throw new Error(JSON.stringify(regional.errors));
		const wrong = posts.reply(m.actor, threadId, { body: 'Our review.', attachments: [regional.value.id], upload: { file: big, kind: 'report' } }, tick());
		expect(wrong.ok).toBe(false);
		expect({ entries: entryCount(), posts: postCount() }).toEqual({ ...before, entries: before.entries + 1 });
		await files.discard(big);
		expect(tempFiles()).toBe(0);
	});

	it('a failure while the post is written leaves neither post nor entry, and the moved file is swept after the grace period', async () => {
		const m = makeMember({ authority: 'Lancashire' });
		const threadId = startThread(m.actor);
		const before = { entries: entryCount(), posts: postCount() };
		const file = await received(await t.pdf(['Written when the disk filled up']), 'Interrupted.pdf');
		// The last write of the transaction (the post's attachments) fails.
		sqlite().exec(`CREATE TEMP TRIGGER fail_attach BEFORE INSERT ON post_attachment BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
		try {
			expect(() => posts.reply(m.actor, threadId, { body: 'This will not be saved.', upload: { file, kind: 'report' } }, tick())).toThrow(/disk full/);
		} finally {
			sqlite().exec('DROP TRIGGER fail_attach');
		}
		expect({ entries: entryCount(), posts: postCount() }).toEqual(before);
		expect(db.select().from(storedFile).where(eq(storedFile.hash, file.hash)).get()).toBeUndefined();
		expect(existsSync(files.blobPath(file.hash))).toBe(true);
		files.sweep(Date.now() + GRACE_MS + 60_000);
		expect(existsSync(files.blobPath(file.hash))).toBe(false);
	});
});
