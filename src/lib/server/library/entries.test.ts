import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as t from '../../../../tests/support/test-files';
import { makeMember, authorityId } from '../../../../tests/support/members';
import { useTemporaryFilesDir, received, entryInput } from '../../../../tests/support/files';
import { db } from '../db/client';
import { auditEvent } from '../db/schema';
import * as files from '../files';
import * as library from './entries';
import type { EntryInput } from './input';

useTemporaryFilesDir('library');

const input = (over: Partial<EntryInput> = {}): EntryInput =>
	entryInput({
		kind: 'strategy',
		title: 'Corporate parenting strategy 2026–2029',
		summary: 'Our **strategy**, agreed with the children in care council.',
		topics: ['corporate-parenting'],
		authorityId: authorityId('Lancashire'),
		...over
	});

describe('library entries', () => {
	it('creates an entry with its file, stored once, audited; another region cannot see a regional one', async () => {
		const nw = makeMember({ authority: 'Lancashire' });
		const ldn = makeMember({ authority: 'Camden' });
		const bytes = await t.pdf(['Corporate parenting strategy', 'Page two: our pledge to care leavers']);
		const file = await received(bytes, 'Strategy.pdf');
		const r = library.create(nw.actor, input({ scope: nw.regionId }), file);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const v = library.view(nw.actor, r.value.id);
		expect(v.entry.summaryHtml).toContain('<strong>strategy</strong>');
		expect(v.files).toHaveLength(1);
		expect(v.files[0].current.name).toBe('Strategy.pdf');
		expect(v.files[0].current.viewable).toBe(true);
		const d = library.download(nw.actor, r.value.id, v.files[0].current.id);
		expect(readFileSync(files.blobPath(d.hash)).equals(bytes)).toBe(true);
		expect(() => library.view(ldn.actor, r.value.id)).toThrow(expect.objectContaining({ status: 404 }));
		expect(() => library.download(ldn.actor, r.value.id, v.files[0].current.id)).toThrow(expect.objectContaining({ status: 404 }));
		expect(library.list(ldn.actor).entries.some((e) => e.id === r.value.id)).toBe(false);
		expect(library.list(nw.actor).entries.some((e) => e.id === r.value.id)).toBe(true);
		const a = db.select().from(auditEvent).where(eq(auditEvent.action, 'library.upload')).all();
		expect(a.some((x) => x.subjectId === String(r.value.id))).toBe(true);
	});

	it('a version id from another entry is a 404', async () => {
		const m = makeMember();
		const a = library.create(m.actor, input(), await received(await t.pdf(['A']), 'a.pdf'));
		const b = library.create(m.actor, input(), await received(await t.pdf(['B']), 'b.pdf'));
		if (!a.ok || !b.ok) throw new Error('not created');
		const bVersion = library.view(m.actor, b.value.id).files[0].current.id;
		expect(() => library.download(m.actor, a.value.id, bVersion)).toThrow(expect.objectContaining({ status: 404 }));
		expect(() => library.download(m.actor, a.value.id, 99999)).toThrow(expect.objectContaining({ status: 404 }));
	});

	it('new versions keep earlier ones listed; only the author may add them', async () => {
		const m = makeMember();
		const other = makeMember();
		const r = library.create(m.actor, input(), await received(await t.docx(['Induction pack v1']), 'Induction pack.docx'));
		if (!r.ok) throw new Error('not created');
		const fileId = library.view(m.actor, r.value.id).files[0].id;
		const up = library.upload(m.actor, r.value.id, fileId, await received(await t.docx(['Induction pack v2']), 'Induction pack v2.docx'));
		expect(up).toEqual({ ok: true, value: { fileId, number: 2 } });
		const v = library.view(m.actor, r.value.id);
		expect(v.files[0].current.number).toBe(2);
		expect(v.files[0].earlier.map((e) => e.number)).toEqual([1]);
		const f = await received(await t.docx(['v3']), 'x.docx');
		expect(() => library.upload(other.actor, r.value.id, fileId, f)).toThrow(expect.objectContaining({ status: 403 }));
		await files.discard(f);
		expect(db.select().from(auditEvent).where(eq(auditEvent.action, 'library.version')).all().length).toBeGreaterThan(0);
	});

	it('a case study needs its structured parts and no file', () => {
		const m = makeMember();
		const r = library.create(m.actor, input({ kind: 'case-study', situation: 'Care leavers told us…', whatWeDid: 'We set up a council', whatChanged: 'Attendance up from 4 to 19', contact: 'Cllr Example' }), null);
		expect(r.ok).toBe(true);
		if (r.ok) expect(library.view(m.actor, r.value.id).entry.caseStudyHtml?.whatChanged).toContain('Attendance up from 4 to 19');
		expect(library.create(m.actor, input({ kind: 'report' }), null)).toEqual({ ok: false, errors: { file: 'Choose a file to upload' } });
	});

	it('one useful mark per member, counted; sorting by most useful', async () => {
		const a = makeMember();
		const b = makeMember();
		const r = library.create(a.actor, input({ title: 'Most useful one' }), await received(await t.pdf(['useful']), 'u.pdf'));
		if (!r.ok) throw new Error();
		library.setUseful(a.actor, r.value.id, true);
		library.setUseful(a.actor, r.value.id, true);
		library.setUseful(b.actor, r.value.id, true);
		expect(library.view(a.actor, r.value.id).entry.usefulCount).toBe(2);
		library.setUseful(b.actor, r.value.id, false);
		library.setUseful(b.actor, r.value.id, false);
		expect(library.view(a.actor, r.value.id).entry.usefulCount).toBe(1);
		expect(library.list(a.actor, { sort: 'useful' }).entries[0].id).toBe(r.value.id);
	});

	it('filters by kind, topic, region and authority, with a keyset cursor', async () => {
		const m = makeMember({ authority: 'Leeds' });
		for (let i = 0; i < 3; i++) library.create(m.actor, input({ kind: 'case-study', title: `Youth justice case ${i}`, topics: ['youth-justice'], authorityId: authorityId('Leeds'), situation: 's', whatWeDid: 'w', whatChanged: 'c' }), null, {}, 1_000 + i);
		const f = library.list(m.actor, { kind: 'case-study', topic: 'youth-justice', authorityId: authorityId('Leeds') });
		expect(f.entries.map((e) => e.title).slice(0, 3)).toEqual(['Youth justice case 2', 'Youth justice case 1', 'Youth justice case 0']);
		expect(library.list(m.actor, { region: 'north-east', authorityId: authorityId('Leeds') }).entries).toEqual([]);
	});

	it('report, hide (author still sees it, others get 404), unhide, delete releases the file', async () => {
		const author = makeMember();
		const reader = makeMember();
		const admin = makeMember({ role: 'admin' });
		const file = await received(await t.pdf(['to be hidden']), 'h.pdf');
		const r = library.create(author.actor, input(), file);
		if (!r.ok) throw new Error();
		expect(library.report(author.actor, r.value.id, { reason: 'other', note: 'x' }).ok).toBe(false);
		expect(library.report(reader.actor, r.value.id, { reason: 'out-of-date', note: '' }).ok).toBe(true);
		expect(library.openReports(admin.actor, r.value.id)).toHaveLength(1);
		expect(() => library.hide(reader.actor, r.value.id, 'no')).toThrow(expect.objectContaining({ status: 403 }));
		library.hide(admin.actor, r.value.id, 'Names a child');
		expect(library.view(author.actor, r.value.id).entry.hidden?.reason).toBe('Names a child');
		expect(() => library.view(reader.actor, r.value.id)).toThrow(expect.objectContaining({ status: 404 }));
		library.unhide(admin.actor, r.value.id);
		expect(library.view(reader.actor, r.value.id).entry.hidden).toBeNull();
		expect(() => library.remove(reader.actor, r.value.id)).toThrow(expect.objectContaining({ status: 403 }));
		library.remove(author.actor, r.value.id);
		expect(files.info(file.hash)?.refs).toBe(0);
		expect(existsSync(files.blobPath(file.hash))).toBe(true);
		const actions = db.select({ a: auditEvent.action }).from(auditEvent).all().map((x) => x.a);
		expect(actions).toEqual(expect.arrayContaining(['library.hide', 'library.unhide', 'library.delete']));
	});

	it('refuses an upload past the member’s quota', async () => {
		const m = makeMember();
		const f = await received(await t.pdf(['q'], { padTo: 300_000 }), 'q.pdf');
		const { config } = await import('../config');
		const was = config().memberQuotaBytes;
		config().memberQuotaBytes = 200_000;
		try {
			const r = library.create(m.actor, input(), f);
			expect(r.ok).toBe(false);
			if (!r.ok) expect(r.errors.file).toMatch(/past your 195 KB of library storage/);
		} finally {
			config().memberQuotaBytes = was;
			await files.discard(f);
		}
	});

	it('usage is for admins only', () => {
		const m = makeMember();
		const admin = makeMember({ role: 'admin' });
		expect(() => library.usage(m.actor)).toThrow(expect.objectContaining({ status: 403 }));
		expect(library.usage(admin.actor).totalBytes).toBeGreaterThan(0);
	});

	it('usage lists two members of the same name apart (the page keys its rows by member)', async () => {
		const a = makeMember({ name: 'Sam Patel' });
		const b = makeMember({ name: 'Sam Patel' });
		const admin = makeMember({ role: 'admin' });
		for (const [who, text] of [[a, 'first'], [b, 'second']] as const) {
			const r = library.create(who.actor, input(), await received(await t.pdf([text], { padTo: 8_000_000 }), `${text}.pdf`));
			expect(r.ok).toBe(true);
		}
		const top = library.usage(admin.actor).top.filter((x) => x.name === 'Sam Patel');
		expect(top.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
		expect(top.map((x) => x.used)).toEqual(['7.6 MB', '7.6 MB']);
	});
});
