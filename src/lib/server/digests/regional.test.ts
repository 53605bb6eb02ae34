import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '../db/client';
import { auditEvent, outboxMessage, regionalDigest } from '../db/schema';
import { makeMember } from '../../../../tests/support/members';
import * as preferences from '../mail/preferences';
import { AREAS, useAreasForTesting } from './areas';
import { activityArea, type Activity } from '../../../../tests/support/digest-areas';
import * as regional from './regional';

const HOUR = 3_600_000;
const log: Activity[] = [];

beforeAll(() => useAreasForTesting([activityArea(log)]));
afterAll(() => useAreasForTesting(null));

function coordinatorOf(regionId: string, authority: string) {
	return makeMember({ authority, role: 'coordinator', coordinatorRegionId: regionId });
}

function batch(id: number) {
	return db.select().from(outboxMessage).where(eq(outboxMessage.batchKey, regional.batchKeyOf(id))).all();
}

function input(d: regional.DigestView, over: Partial<regional.DraftInput> = {}): regional.DraftInput {
	return { title: d.title, intro: d.intro, sections: d.sections.map((s) => ({ key: s.key, kept: s.kept, title: s.title, body: s.body })), ...over };
}

function audits(id: number) {
	return db
		.select()
		.from(auditEvent)
		.where(and(eq(auditEvent.subjectType, 'regional-digest'), eq(auditEvent.subjectId, String(id))))
		.all()
		.map((a) => a.action);
}

describe('who may compose', () => {
	it('lets a coordinator compose for their region only, admins for any region or nationally, members not at all', () => {
		const c = coordinatorOf('north-west', 'Lancashire');
		const admin = makeMember({ role: 'admin' });
		const m = makeMember({ authority: 'Lancashire' });
		expect(regional.create(c.actor, 'north-west').ok).toBe(true);
		expect(() => regional.create(c.actor, 'london')).toThrow();
		expect(() => regional.create(m.actor, 'north-west')).toThrow();
		expect(regional.create(admin.actor, null).ok).toBe(true);
		expect(regional.create(admin.actor, 'london').ok).toBe(true);
		expect(regional.create(admin.actor, 'atlantis')).toEqual({ ok: false, errors: { regionId: 'Choose a region from the list' } });
		expect(regional.composableRegions(c.actor)).toEqual(['north-west']);
		expect(regional.composableRegions(m.actor)).toEqual([]);
		expect(() => regional.startOptions(m.actor)).toThrow();
	});

	it('hides drafts from members and other regions (404), and sent digests from other regions', async () => {
		const c = coordinatorOf('north-east', 'Sunderland');
		const inRegion = makeMember({ authority: 'Sunderland' });
		const elsewhere = makeMember({ authority: 'Leeds' });
		const r = regional.create(c.actor, 'north-east');
		if (!r.ok) throw new Error('not created');
		expect(() => regional.get(inRegion.actor, r.id)).toThrow(expect.objectContaining({ status: 404 }));
		regional.edit(c.actor, r.id, input(regional.get(c.actor, r.id), { intro: 'Hello the North East' }), { do: 'save' });
		expect((await regional.send(c.actor, r.id)).ok).toBe(true);
		expect(regional.get(inRegion.actor, r.id).title).toContain('North East');
		expect(() => regional.get(elsewhere.actor, r.id)).toThrow(expect.objectContaining({ status: 404 }));
		expect(() => regional.get(elsewhere.actor, 999_999)).toThrow(expect.objectContaining({ status: 404 }));
		expect(regional.listSent(elsewhere.actor).digests.map((d) => d.id)).not.toContain(r.id);
		expect(regional.listSent(inRegion.actor).digests.map((d) => d.id)).toContain(r.id);
	});
});

describe('composing', () => {
	it('suggests what happened in the region since the last digest, and its new members', () => {
		const c = coordinatorOf('east-midlands', 'Derby');
		const newcomer = makeMember({ authority: 'Nottingham', name: 'Nora Newcomer', inRoleSince: '2026-09-01' });
		const now = Date.now();
		log.push({ memberId: null, regionId: 'east-midlands', at: now - HOUR, text: 'Budget thread in the East Midlands' });
		log.push({ memberId: null, regionId: 'london', at: now - HOUR, text: 'A London thread' });
		const r = regional.create(c.actor, 'east-midlands', now);
		if (!r.ok) throw new Error('not created');
		const d = regional.get(c.actor, r.id);
		expect(d.sections.map((s) => s.title)).toEqual(['Top threads', 'New members in East Midlands']);
		expect(d.sections[0].items.map((i) => i.text)).toEqual(['Budget thread in the East Midlands']);
		const item = d.sections[1].items.find((i) => i.href === `/members/${newcomer.handle}`);
		expect(item).toMatchObject({ note: 'New in role' });
		expect(item?.text).toContain('Nora Newcomer');
	});

	it('keeps, drops, reorders and adds sections; renders Markdown safely', () => {
		const now = Date.now();
		const c = coordinatorOf('west-midlands', 'Coventry');
		log.push({ memberId: null, regionId: 'west-midlands', at: now - HOUR, text: 'West Midlands thread' });
		const r = regional.create(c.actor, 'west-midlands', now);
		if (!r.ok) throw new Error('not created');
		let d = regional.get(c.actor, r.id);
		const bad = regional.edit(c.actor, r.id, input(d, { title: 'Hi' }), { do: 'add', title: '', body: '' });
		expect(bad).toEqual({ ok: false, errors: { title: 'Enter a title of at least 5 characters', newTitle: 'Enter a heading for the new section', newBody: 'Enter what the new section says' } });
		expect(regional.edit(c.actor, r.id, input(d, { intro: 'Hello **all** <script>alert(1)</script>' }), { do: 'add', title: 'Dates for your diary', body: '- [Network meeting](/training/events/1)' }).ok).toBe(true);
		d = regional.get(c.actor, r.id);
		expect(d.introHtml).toContain('<strong>all</strong>');
		expect(d.introHtml).not.toContain('<script>');
		const custom = d.sections.at(-1)!;
		expect(custom).toMatchObject({ title: 'Dates for your diary', source: 'custom', kept: true });
		expect(custom.bodyHtml).toContain('href="/training/events/1"');
		const before = d.sections.length - 1;
		expect(before).toBeGreaterThan(0);
		regional.edit(c.actor, r.id, input(d), { do: 'move', key: custom.key, direction: 'up' });
		d = regional.get(c.actor, r.id);
		expect(d.sections.findIndex((s) => s.key === custom.key)).toBe(before - 1);
		regional.edit(c.actor, r.id, input(d, { sections: d.sections.map((s) => ({ key: s.key, kept: s.source === 'custom', title: s.title, body: s.body })) }), { do: 'save' });
		d = regional.get(c.actor, r.id);
		expect(d.sections.map((s) => s.kept)).toEqual(d.sections.map((s) => s.source === 'custom'));
		const email = regional.preview(c.actor, r.id).email;
		expect(email.text).toMatch(/dates for your diary/i);
		expect(email.text).not.toContain('West Midlands thread');
		expect(email.html).toContain(`href="${new URL('/training/events/1', email.html.match(/href="(https?:\/\/[^/"]+)/)![1]).toString()}"`);
		regional.edit(c.actor, r.id, input(d), { do: 'remove', key: custom.key });
		expect(regional.get(c.actor, r.id).sections.some((s) => s.key === custom.key)).toBe(false);
	});

	it('refuses to send, test or schedule an empty digest, and a scheduled time in the past', async () => {
		const c = coordinatorOf('south-west', 'Devon');
		makeMember({ authority: 'Devon' });
		const now = Date.now();
		const r = regional.create(c.actor, 'south-west', now);
		if (!r.ok) throw new Error('not created');
		const d = regional.get(c.actor, r.id);
		const dropAll = input(d, { sections: d.sections.map((s) => ({ key: s.key, kept: false })) });
		expect(regional.edit(c.actor, r.id, dropAll, { do: 'send' })).toMatchObject({ ok: false, errors: { form: expect.stringContaining('nothing in it') } });
		expect(regional.edit(c.actor, r.id, dropAll, { do: 'test' }).ok).toBe(false);
		expect(await regional.send(c.actor, r.id)).toMatchObject({ ok: false, reason: 'empty' });
		const withIntro = { ...dropAll, intro: 'News from the South West' };
		expect(regional.edit(c.actor, r.id, withIntro, { do: 'schedule', at: now - 60_000 }, now)).toEqual({ ok: false, errors: { sendDate: 'The time to send it must be in the future' } });
		expect(regional.edit(c.actor, r.id, withIntro, { do: 'schedule', at: null }, now).ok).toBe(false);
		expect(regional.get(c.actor, r.id).status).toBe('draft');
	});
});

describe('sending', () => {
	it('sends to the region’s members who want regional digests, once, with figures and an audit entry', async () => {
		const c = coordinatorOf('east-of-england', 'Norfolk');
		const keen = makeMember({ authority: 'Suffolk' });
		const off = makeMember({ authority: 'Essex' });
		preferences.update(off.id, { regionalDigest: false });
		const outside = makeMember({ authority: 'Kent' });
		const r = regional.create(c.actor, 'east-of-england');
		if (!r.ok) throw new Error('not created');
		regional.edit(c.actor, r.id, input(regional.get(c.actor, r.id), { intro: 'Hello the East of England' }), { do: 'test' });
		const tests = db.select().from(outboxMessage).where(eq(outboxMessage.kind, 'regional-digest-test')).all().filter((m) => m.recipientId === c.id);
		expect(tests).toHaveLength(1);
		expect(tests[0].subject).toMatch(/^\[Test\] East of England Lead Members: /);

		const [a, b] = await Promise.all([regional.send(c.actor, r.id), regional.send(c.actor, r.id)]);
		expect([a.ok, b.ok].sort()).toEqual([false, true]);
		const to = batch(r.id).map((m) => m.recipientId);
		expect(to).toContain(keen.id);
		expect(to).toContain(c.id);
		expect(to).not.toContain(off.id);
		expect(to).not.toContain(outside.id);
		expect(new Set(to).size).toBe(to.length);
		const d = regional.get(c.actor, r.id);
		expect(d).toMatchObject({ status: 'sent', recipientCount: to.length, sent: true, editable: false });
		expect(regional.delivery(c.actor, r.id)).toMatchObject({ recipients: to.length, queued: to.length, sent: 0, failed: 0 });
		expect(audits(r.id)).toEqual(['digest.test-sent', 'digest.sent']);
		expect(await regional.send(c.actor, r.id)).toMatchObject({ ok: false, reason: 'already-sent' });
		expect(() => regional.edit(c.actor, r.id, input(d), { do: 'save' })).toThrow();

		const mail = batch(r.id).find((m) => m.recipientId === keen.id)!;
		expect(mail.headers!['List-Unsubscribe']).toMatch(/\/one-click>$/);
		expect(mail.headers!['List-Id']).toContain('regional-digest.');
		expect(mail.text).toContain(`/digests/${r.id}`);
	});

	it('sends a scheduled digest when its time comes, not before', async () => {
		const c = coordinatorOf('yorkshire-humber', 'Leeds');
		makeMember({ authority: 'York' });
		const now = Date.now();
		const r = regional.create(c.actor, 'yorkshire-humber', now);
		if (!r.ok) throw new Error('not created');
		const at = now + 2 * HOUR;
		expect(regional.edit(c.actor, r.id, input(regional.get(c.actor, r.id), { intro: 'Scheduled hello' }), { do: 'schedule', at }, now).ok).toBe(true);
		expect(regional.get(c.actor, r.id)).toMatchObject({ status: 'scheduled', scheduledFor: at });
		await regional.runScheduled(at - 1);
		expect(batch(r.id)).toHaveLength(0);
		await regional.runScheduled(at);
		expect(regional.get(c.actor, r.id).status).toBe('sent');
		expect(batch(r.id).length).toBeGreaterThanOrEqual(2);
		expect(audits(r.id)).toEqual(['digest.scheduled', 'digest.sent']);
	});

	it('finishes a send that was cut short, without sending anyone a second copy', async () => {
		const c = coordinatorOf('london', 'Camden');
		for (let i = 0; i < 5; i++) makeMember({ authority: 'Hackney' });
		const now = Date.now();
		const r = regional.create(c.actor, 'london', now);
		if (!r.ok) throw new Error('not created');
		regional.edit(c.actor, r.id, input(regional.get(c.actor, r.id), { intro: 'London calling' }), { do: 'save' });
		await regional.send(c.actor, r.id, now);
		const full = batch(r.id).length;
		// Simulate a crash after two emails were queued: back to `sending` with the rest missing.
		const keep = batch(r.id).slice(0, 2).map((m) => m.id);
		for (const m of batch(r.id)) if (!keep.includes(m.id)) db.delete(outboxMessage).where(eq(outboxMessage.id, m.id)).run();
		db.update(regionalDigest).set({ status: 'sending', updatedAt: now }).where(eq(regionalDigest.id, r.id)).run();
		await regional.runScheduled(now + 30_000); // too soon: the original send may still be running
		expect(batch(r.id)).toHaveLength(2);
		await regional.runScheduled(now + 120_000);
		const after = batch(r.id);
		expect(after).toHaveLength(full);
		expect(new Set(after.map((m) => m.recipientId)).size).toBe(full);
		expect(regional.get(c.actor, r.id).status).toBe('sent');
	});

	it('works with the real areas too (whatever they have to say)', async () => {
		useAreasForTesting(AREAS);
		try {
			const c = coordinatorOf('south-east', 'Kent');
			const r = regional.create(c.actor, 'south-east');
			expect(r.ok).toBe(true);
			if (r.ok) expect(regional.preview(c.actor, r.id).email.html).toContain('<html lang="en-GB">');
		} finally {
			useAreasForTesting([activityArea(log)]);
		}
	});
});
