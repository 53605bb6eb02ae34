/**
 * Editing an entry's details (`entries.update`): its author and its moderators, the search text
 * kept in step, an audit entry, and who can see it — narrowing is anyone's who may edit it,
 * letting more or other members see it is the author's or an admin's.
 */
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import * as t from '../../../../tests/support/test-files';
import { makeMember, authorityId } from '../../../../tests/support/members';
import { categoryId, tick } from '../../../../tests/support/discussions';
import { useTemporaryFilesDir, entryInput } from '../../../../tests/support/files';
import { db } from '../db/client';
import { auditEvent, libraryEntry } from '../db/schema';
import * as files from '../files';
import * as threads from '../discussions/threads';
import * as attachments from '../discussions/attachments';
import * as library from './entries';
import * as text from './text';
import type { EntryInput } from './input';

useTemporaryFilesDir('library-edit');

async function document(actor: Parameters<typeof library.create>[0], over: Partial<EntryInput> = {}) {
	const got = await files.receive(await t.pdf(['Sufficiency']), 'Sufficiency.pdf');
	if (!got.ok) throw new Error(got.message);
	const r = library.create(actor, input(over), got.file);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.value.id;
}

const input = (over: Partial<EntryInput> = {}): EntryInput =>
	entryInput({
		kind: 'report',
		title: 'Placement sufficiency review',
		summary: 'Our review of placements.',
		topics: ['placements'],
		authorityId: authorityId('Lancashire'),
		...over
	});

describe('editing an entry’s details', () => {
	it('the author changes title, kind, summary, topics, authority and review date; search follows; audited with what changed', async () => {
		const m = makeMember({ authority: 'Lancashire' });
		const id = await document(m.actor);
		const r = library.update(m.actor, id, input({ title: 'Kestrelword sufficiency strategy', kind: 'strategy', summary: 'Now **agreed** by cabinet.', topics: ['placements', 'corporate-parenting'], authorityId: authorityId('Wigan'), reviewBy: '2027-03-31' }), { ip: '192.0.2.9' });
		expect(r.ok).toBe(true);
		const v = library.view(m.actor, id).entry;
		expect(v).toMatchObject({ title: 'Kestrelword sufficiency strategy', kind: 'strategy', reviewBy: '2027-03-31', authorityName: 'Wigan' });
		expect(v.summaryHtml).toContain('<strong>agreed</strong>');
		expect(text.search(m.actor, 'kestrelword').hits.map((h) => h.id)).toEqual([id]);
		expect(text.search(m.actor, '"Placement sufficiency review"').hits.map((h) => h.id)).not.toContain(id);
		const audit = db.select().from(auditEvent).where(and(eq(auditEvent.action, 'library.edit'), eq(auditEvent.subjectId, String(id)))).all();
		expect(audit).toHaveLength(1);
		expect(audit[0].ipAddress).toBe('192.0.2.9');
		expect(audit[0].detail).toMatchObject({ changed: ['kind', 'title', 'summary', 'topics', 'authorityId', 'reviewBy'], title: 'Placement sufficiency review' });
		// Nothing changed: nothing written.
		expect(library.update(m.actor, id, input({ title: 'Kestrelword sufficiency strategy', kind: 'strategy', summary: 'Now **agreed** by cabinet.', topics: ['placements', 'corporate-parenting'], authorityId: authorityId('Wigan'), reviewBy: '2027-03-31' })).ok).toBe(true);
		expect(db.select().from(auditEvent).where(and(eq(auditEvent.action, 'library.edit'), eq(auditEvent.subjectId, String(id)))).all()).toHaveLength(1);
	});

	it('a case study’s parts are kept in step; a case study without a file cannot become a document', () => {
		const m = makeMember({ authority: 'Lancashire' });
		const cs = { kind: 'case-study' as const, situation: 'Where we started.', whatWeDid: 'What we did.', whatChanged: 'Moves fell.', differently: '', contact: '' };
		const made = library.create(m.actor, input(cs), null);
		if (!made.ok) throw new Error();
		expect(library.update(m.actor, made.value.id, input({ ...cs, whatChanged: 'Moves fell from 14% to 9% (ploverword).' })).ok).toBe(true);
		expect(library.view(m.actor, made.value.id).entry.caseStudyHtml?.whatChanged).toContain('14% to 9%');
		expect(text.search(m.actor, 'ploverword').hits.map((h) => h.id)).toEqual([made.value.id]);
		const r = library.update(m.actor, made.value.id, input({ kind: 'report' }));
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors.kind).toMatch(/A document needs a file/);
	});

	it('coordinators tidy their region’s entries and national ones; other members and other regions’ coordinators may not', async () => {
		const author = makeMember({ authority: 'Lancashire' });
		const other = makeMember({ authority: 'Wigan' });
		const coordNW = makeMember({ authority: 'Salford', role: 'coordinator', coordinatorRegionId: 'north-west' });
		const coordLdn = makeMember({ authority: 'Camden', role: 'coordinator', coordinatorRegionId: 'london' });
		const regional = await document(author.actor, { scope: 'north-west' });
		expect(library.update(coordNW.actor, regional, input({ scope: 'north-west', title: 'Placement sufficiency review 2026' })).ok).toBe(true);
		expect(db.select({ t: libraryEntry.title }).from(libraryEntry).where(eq(libraryEntry.id, regional)).get()?.t).toBe('Placement sufficiency review 2026');
		expect(() => library.update(other.actor, regional, input({ scope: 'north-west' }))).toThrow(expect.objectContaining({ status: 403 }));
		expect(() => library.update(coordLdn.actor, regional, input({ scope: 'north-west' }))).toThrow(expect.objectContaining({ status: 404 }));
		expect(() => library.forEdit(other.actor, regional)).toThrow(expect.objectContaining({ status: 403 }));
	});

	it('narrowing national to a region is allowed (posts elsewhere then show it only to those who may open it); widening is the author’s or an admin’s', async () => {
		const author = makeMember({ authority: 'Lancashire' });
		const reader = makeMember({ authority: 'Camden' });
		const coordNW = makeMember({ authority: 'Salford', role: 'coordinator', coordinatorRegionId: 'north-west' });
		const admin = makeMember({ authority: 'Westminster', role: 'admin' });
		const national = await document(author.actor);
		const posted = threads.create(author.actor, { title: 'Sufficiency reviews compared', body: 'Ours is attached.', categoryId: categoryId('corporate-parenting'), regionId: null, isQuestion: false, attachments: [national] }, tick());
		if (!posted.ok) throw new Error();
		const postId = threads.view(reader.actor, posted.value.id)!.posts[0].id;
		expect(attachments.forPosts(reader.actor, [postId]).get(postId)).toHaveLength(1);
		// The coordinator narrows it to the North West: the London reader of the national thread no longer sees it.
		expect(library.update(coordNW.actor, national, input({ scope: 'north-west' })).ok).toBe(true);
		expect(attachments.forPosts(reader.actor, [postId]).get(postId)).toBeUndefined();
		expect(attachments.forPosts(author.actor, [postId]).get(postId)).toHaveLength(1);
		// Widening back: not the coordinator's call on someone else's entry …
		const refused = library.update(coordNW.actor, national, input({ scope: 'national' }));
		expect(refused.ok).toBe(false);
		if (!refused.ok) expect(refused.errors.scope).toBe('Only the member who shared it, or an admin, can let more members see it');
		// … nor moving it to another region (another audience); the author and admins may.
		expect(library.update(admin.actor, national, input({ scope: 'london' })).ok).toBe(true);
		expect(library.update(admin.actor, national, input({ scope: 'north-west' })).ok).toBe(true);
		expect(library.update(author.actor, national, input({ scope: 'national' })).ok).toBe(true);
		expect(attachments.forPosts(reader.actor, [postId]).get(postId)).toHaveLength(1);
		const moves = db.select({ d: auditEvent.detail }).from(auditEvent).where(and(eq(auditEvent.action, 'library.edit'), eq(auditEvent.subjectId, String(national)))).all();
		expect(moves.map((m) => [m.d?.from, m.d?.to])).toEqual([['national', 'north-west'], ['north-west', 'london'], ['london', 'north-west'], ['north-west', 'national']]);
		// A member may only choose a region they belong to.
		const r = library.update(author.actor, national, input({ scope: 'london' }));
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors.scope).toBe('Choose who can see it');
	});
});
