import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { auditEvent } from '../db/schema';
import { authorityId, makeMember } from '../../../../tests/support/members';
import * as checklists from './checklists';
import * as history from './history';
import * as templates from './templates';
import * as members from '../network/members';
import { DEFAULT_TEMPLATE } from './default-template';
import { status } from '../../../../tests/support/succession';

const NOW = Date.parse('2026-11-23T10:00:00Z');

function itemOf(v: checklists.ChecklistView, key: string) {
	const it = v.sections.flatMap((s) => s.items).find((i) => i.key === key);
	if (!it) throw new Error(`no item ${key}`);
	return it;
}

describe('the checklist', () => {
	it('starts on the default template with every item not started and a 0% red score', () => {
		const lead = makeMember({ authority: 'Cumberland' });
		const v = checklists.view(lead.actor, lead.authorityId, NOW);
		const items = v.sections.flatMap((s) => s.items);
		expect(v.sections.map((s) => s.title)).toEqual(DEFAULT_TEMPLATE.map((s) => s.title));
		expect(items).toHaveLength(DEFAULT_TEMPLATE.reduce((n, s) => n + s.items.length, 0));
		expect(items.every((i) => i.status === 'not-started')).toBe(true);
		expect(v.readiness).toMatchObject({ percent: 0, rag: 'red' });
		expect(v.checklist.templateVersion).toBe(1);
		expect(v.permissions).toMatchObject({ view: true, edit: true, setElection: true, remind: false });
	});

	it('covers what the default template must cover', () => {
		const all = DEFAULT_TEMPLATE.flatMap((s) => s.items.map((i) => i.title.toLowerCase())).join(' | ');
		for (const words of ['successor', 'shadow', 'induction', 'cross-party briefing', 'officer-led induction', 'key contacts', 'improvement plan', 'inspection', 'budget', 'corporate parenting panel', 'statutory duties', 'shared', 'partners', 'children in care council']) {
			expect(all.includes(words) || DEFAULT_TEMPLATE.some((s) => s.title.toLowerCase().includes(words)), words).toBe(true);
		}
		const keys = DEFAULT_TEMPLATE.flatMap((s) => s.items.map((i) => i.key));
		expect(new Set(keys).size).toBe(keys.length);
	});

	it('changes the score as items are done, weighted', () => {
		const lead = makeMember({ authority: 'Cumberland' });
		const v0 = checklists.view(lead.actor, lead.authorityId, NOW);
		const total = v0.readiness.applicableWeight;
		const heavy = itemOf(v0, 'successor-identified'); // weight 3
		expect(checklists.updateItem(lead.actor, lead.authorityId, heavy.key, heavy.version, { status: 'done' }, {}, NOW)).toEqual({ ok: true, changed: ['status'] });
		const v1 = checklists.view(lead.actor, lead.authorityId, NOW);
		expect(v1.readiness.doneWeight).toBe(3);
		expect(v1.readiness.percent).toBe(Math.floor((3 * 100) / total));
		const light = itemOf(v1, 'cover'); // weight 1
		checklists.updateItem(lead.actor, lead.authorityId, light.key, light.version, { status: 'not-applicable', naReason: 'Our authority has no deputy, so this does not apply to us.' }, {}, NOW);
		const v2 = checklists.view(lead.actor, lead.authorityId, NOW);
		expect(v2.readiness.applicableWeight).toBe(total - 1);
		expect(v2.readiness.percent).toBe(Math.floor((3 * 100) / (total - 1)));
	});

	it('records who changed what, from what, to what — newest first — and audits it', () => {
		const lead = makeMember({ authority: 'Barnsley', name: 'History Maker' });
		const deputy = makeMember({ authority: 'Barnsley', name: 'Deputy Owner' });
		const v = checklists.view(lead.actor, lead.authorityId, NOW);
		const it = itemOf(v, 'key-contacts');
		const r = checklists.updateItem(lead.actor, lead.authorityId, it.key, it.version, { status: 'in-progress', owner: { memberId: deputy.id, name: '' }, dueDate: '2027-01-31', note: 'List started' }, { ip: '203.0.113.9' }, NOW);
		expect(r).toEqual({ ok: true, changed: ['status', 'owner', 'dueDate', 'note'] });
		const it2 = itemOf(checklists.view(lead.actor, lead.authorityId, NOW), 'key-contacts');
		expect(it2).toMatchObject({ status: 'in-progress', owner: 'Deputy Owner', dueDate: '2027-01-31', note: 'List started', updatedByName: 'History Maker', version: it.version + 1 });
		checklists.updateItem(deputy.actor, deputy.authorityId, it.key, it2.version, { status: 'done', owner: { memberId: null, name: 'Head of democratic services' } }, {}, NOW + 60_000);
		const h = history.list(lead.actor, lead.authorityId, { item: 'key-contacts' });
		expect(h.entries.map((e) => [e.what, e.from, e.to, e.byName])).toEqual([
			['Owner', 'Deputy Owner', 'Head of democratic services', 'Deputy Owner'],
			['Status', 'In progress', 'Done', 'Deputy Owner'],
			['Evidence note', '(empty)', 'List started', 'History Maker'],
			['Due date', 'No date', '31 January 2027', 'History Maker'],
			['Owner', 'No one', 'Deputy Owner', 'History Maker'],
			['Status', 'Not started', 'In progress', 'History Maker']
		]);
		const audits = db.select().from(auditEvent).where(eq(auditEvent.action, 'checklist.item-updated')).all();
		expect(audits.some((a) => a.actorId === lead.id && a.subjectId === String(lead.authorityId) && a.ipAddress === '203.0.113.9')).toBe(true);
	});

	it('pages the history by keyset', () => {
		const lead = makeMember({ authority: 'Bradford' });
		let v = checklists.view(lead.actor, lead.authorityId, NOW);
		for (const s of ['in-progress', 'done', 'in-progress', 'done']) {
			const it = itemOf(v, 'budget-position');
			checklists.updateItem(lead.actor, lead.authorityId, it.key, it.version, { status: s }, {}, NOW);
			v = checklists.view(lead.actor, lead.authorityId, NOW);
		}
		const first = history.list(lead.actor, lead.authorityId, { limit: 3 });
		expect(first.entries).toHaveLength(3);
		const second = history.list(lead.actor, lead.authorityId, { limit: 3, before: first.next! });
		expect(second.entries.length).toBe(2); // one more status change and "started on version 1"
		expect(second.entries.at(-1)!.summary).toBe('Checklist started on template version 1');
		expect(second.next).toBeNull();
	});
});

describe('bad input', () => {
	it('refuses unknown statuses and items, unreasonable dates, long notes and owners from elsewhere', () => {
		const lead = makeMember({ authority: 'Calderdale' });
		const outsider = makeMember({ authority: 'Kirklees' });
		const v = checklists.view(lead.actor, lead.authorityId, NOW);
		const it = itemOf(v, 'priorities');
		const upd = (patch: checklists.ItemPatch, key = it.key) => checklists.updateItem(lead.actor, lead.authorityId, key, it.version, patch, {}, NOW);
		expect(upd({ status: 'finished' })).toMatchObject({ ok: false, errors: { status: 'Choose a status from the list' } });
		expect(upd({ status: 'done' }, 'no-such-item')).toMatchObject({ ok: false, errors: { form: expect.stringContaining('not on the Calderdale checklist') } });
		expect(upd({ dueDate: '2099-01-01' })).toMatchObject({ ok: false, errors: { dueDate: 'Enter a due date between 23 November 2024 and 23 November 2031' } });
		expect(upd({ dueDate: '1999-12-31' })).toMatchObject({ ok: false, errors: { dueDate: expect.stringContaining('between') } });
		expect(upd({ dueDate: '2027-02-30' })).toMatchObject({ ok: false, errors: { dueDate: expect.stringContaining('real date') } });
		expect(upd({ note: 'x'.repeat(5_001) })).toMatchObject({ ok: false, errors: { note: 'Enter an evidence note of at most 5,000 characters' } });
		expect(upd({ note: 'x'.repeat(5_000) })).toMatchObject({ ok: true });
		const again = itemOf(checklists.view(lead.actor, lead.authorityId, NOW), 'priorities');
		expect(checklists.updateItem(lead.actor, lead.authorityId, it.key, again.version, { owner: { memberId: outsider.id, name: '' } }, {}, NOW)).toMatchObject({
			ok: false,
			errors: { ownerMemberId: 'Choose a member for Calderdale from the list, or type a name' }
		});
		expect(checklists.updateItem(lead.actor, lead.authorityId, it.key, again.version, { owner: { memberId: lead.id, name: 'Also someone' } }, {}, NOW)).toMatchObject({
			ok: false,
			errors: { ownerName: 'Choose a member or type a name, not both' }
		});
		// nothing was changed by the refused saves
		expect(itemOf(checklists.view(lead.actor, lead.authorityId, NOW), 'priorities')).toMatchObject({ status: 'not-started', dueDate: null, owner: '' });
	});

	it('tells the later of two saves that the item changed, shows the current value and loses nothing', () => {
		const a = makeMember({ authority: 'Wakefield', name: 'First Saver' });
		const b = makeMember({ authority: 'Wakefield', name: 'Second Saver' });
		const loaded = itemOf(checklists.view(a.actor, a.authorityId, NOW), 'inspection-history');
		// both loaded the form at the same version
		expect(checklists.updateItem(a.actor, a.authorityId, loaded.key, loaded.version, { status: 'done', note: 'Letters filed in the pack' }, {}, NOW).ok).toBe(true);
		const late = checklists.updateItem(b.actor, b.authorityId, loaded.key, loaded.version, { status: 'in-progress', note: 'Waiting for the focused visit letter' }, {}, NOW + 1000);
		expect(late.ok).toBe(false);
		if (late.ok || !late.conflict) throw new Error('expected a conflict');
		expect(late.errors.form).toMatch(/Someone else saved this item/);
		expect(late.conflict).toMatchObject({ status: 'done', note: 'Letters filed in the pack', updatedByName: 'First Saver', version: loaded.version + 1 });
		// the first save stands
		expect(itemOf(checklists.view(b.actor, b.authorityId, NOW), 'inspection-history')).toMatchObject({ status: 'done', note: 'Letters filed in the pack' });
		// saving again from the current version goes through, deliberately
		expect(checklists.updateItem(b.actor, b.authorityId, loaded.key, late.conflict.version, { status: 'in-progress' }, {}, NOW + 2000).ok).toBe(true);
	});

	it('refuses an election date in the past or far away', () => {
		const lead = makeMember({ authority: 'Doncaster' });
		expect(checklists.setElection(lead.actor, lead.authorityId, '2026-05-07', {}, NOW)).toMatchObject({ ok: false, errors: { electionDate: expect.stringContaining('today or in the future') } });
		expect(checklists.setElection(lead.actor, lead.authorityId, '2040-05-03', {}, NOW)).toMatchObject({ ok: false, errors: { electionDate: expect.stringContaining('before') } });
		expect(checklists.setElection(lead.actor, lead.authorityId, 'next May', {}, NOW)).toMatchObject({ ok: false, errors: { electionDate: expect.stringContaining('real date') } });
	});
});

describe('who sees what', () => {
	it('lets members edit, the region’s coordinator and admins read and set the election, and hides it from everyone else', () => {
		const lead = makeMember({ authority: 'Blackpool' });
		const sameRegion = makeMember({ authority: 'Blackburn with Darwen' });
		const otherRegion = makeMember({ authority: 'Leeds' });
		const coordinator = makeMember({ authority: 'Salford', role: 'coordinator', coordinatorRegionId: 'north-west' });
		const otherCoordinator = makeMember({ authority: 'Leeds', role: 'coordinator', coordinatorRegionId: 'yorkshire-humber' });
		const admin = makeMember({ authority: 'Westminster', role: 'admin' });
		const id = lead.authorityId;
		const it = itemOf(checklists.view(lead.actor, id, NOW), 'cover');

		for (const outsider of [sameRegion, otherRegion, otherCoordinator]) {
			expect(status(() => checklists.view(outsider.actor, id, NOW))).toBe(404);
			expect(status(() => checklists.item(outsider.actor, id, 'cover', NOW))).toBe(404);
			expect(status(() => checklists.updateItem(outsider.actor, id, 'cover', it.version, { status: 'done' }, {}, NOW))).toBe(404);
			expect(status(() => checklists.setElection(outsider.actor, id, '2027-05-06', {}, NOW))).toBe(404);
			expect(status(() => history.list(outsider.actor, id))).toBe(404);
			expect(status(() => checklists.upgradePreview(outsider.actor, id, NOW))).toBe(404);
		}
		for (const reader of [coordinator, admin]) {
			expect(checklists.view(reader.actor, id, NOW).permissions).toMatchObject({ view: true, edit: false, setElection: true, remind: true });
			expect(status(() => checklists.updateItem(reader.actor, id, 'cover', it.version, { status: 'done' }, {}, NOW))).toBe(403);
			expect(history.list(reader.actor, id).entries.length).toBeGreaterThan(0);
		}
		expect(checklists.setElection(coordinator.actor, id, '2027-05-06', {}, NOW)).toEqual({ ok: true });
		expect(checklists.setElection(admin.actor, id, '2027-05-06', {}, NOW)).toEqual({ ok: true });
		expect(checklists.setElection(lead.actor, id, '2028-05-04', {}, NOW)).toEqual({ ok: true });
		expect(checklists.view(lead.actor, id, NOW).checklist.electionDate).toBe('2028-05-04');
		expect(status(() => checklists.view(lead.actor, 999_999, NOW))).toBe(404);
	});
});

describe('election countdown', () => {
	it('flags open items once the election is within 120 days', () => {
		const lead = makeMember({ authority: 'Rotherham' });
		const id = lead.authorityId;
		checklists.setElection(lead.actor, id, '2027-05-06', {}, NOW);
		let v = checklists.view(lead.actor, id, NOW);
		expect(v.countdown).toMatchObject({ days: 164, withinWindow: false });
		expect(v.counts.flagged).toBe(0);
		const it = itemOf(v, 'successor-identified');
		checklists.updateItem(lead.actor, id, it.key, it.version, { status: 'done' }, {}, NOW);
		// 120 days before 6 May 2027 is 6 January 2027
		const jan6 = Date.parse('2027-01-06T10:00:00Z');
		v = checklists.view(lead.actor, id, jan6);
		expect(v.countdown).toMatchObject({ days: 120, withinWindow: true });
		const items = v.sections.flatMap((s) => s.items);
		expect(items.filter((i) => i.flags.includes('election'))).toHaveLength(items.length - 1);
		expect(itemOf(v, 'successor-identified').flags).toEqual([]);
		expect(v.counts.flagged).toBe(items.length - 1);
		expect(checklists.view(lead.actor, id, Date.parse('2027-01-05T10:00:00Z')).counts.flagged).toBe(0);
	});

	it('records the election date in the history', () => {
		const lead = makeMember({ authority: 'Sheffield' });
		checklists.setElection(lead.actor, lead.authorityId, '2027-05-06', {}, NOW);
		checklists.setElection(lead.actor, lead.authorityId, null, {}, NOW);
		const e = history.list(lead.actor, lead.authorityId).entries.filter((x) => x.what === 'Next election');
		expect(e.map((x) => [x.from, x.to])).toEqual([
			['6 May 2027', 'Not set'],
			['Not set', '6 May 2027']
		]);
	});
});

describe('template versions and upgrades', () => {
	it('keeps answers by item key, adds new items as not started and removes dropped ones into the history', () => {
		const admin = makeMember({ authority: 'Westminster', role: 'admin' });
		const lead = makeMember({ authority: 'Kingston upon Hull, City of' });
		const id = lead.authorityId;
		let v = checklists.view(lead.actor, id, NOW);
		const before = v.checklist.templateVersion;
		const contacts = itemOf(v, 'key-contacts');
		checklists.updateItem(lead.actor, id, contacts.key, contacts.version, { status: 'done', note: 'In the shared drive', dueDate: '2027-01-15' }, {}, NOW);
		const cover = itemOf(v, 'cover');
		checklists.updateItem(lead.actor, id, cover.key, cover.version, { status: 'in-progress', note: 'Deputy covers' }, {}, NOW);

		// the admin edits: rewords one item, adds one, removes one, publishes
		expect(templates.saveItem(admin.actor, 'key-contacts', { sectionKey: 'handover-pack', title: 'Key contacts, with phone numbers', guidance: 'Who to call.', weight: 3 }, {}, NOW).ok).toBe(true);
		const added = templates.saveItem(admin.actor, null, { sectionKey: 'introductions', title: 'An introduction to the care leavers’ forum is arranged', guidance: '', weight: 2 }, {}, NOW);
		expect(added.ok).toBe(true);
		expect(templates.deleteItem(admin.actor, 'cover', {}, NOW).ok).toBe(true);
		// the checklist still reads its own version while the draft exists
		expect(checklists.view(lead.actor, id, NOW).upgrade).toBeNull();
		const pub = templates.publish(admin.actor, 'Care leavers’ forum added; cover item removed.', {}, NOW);
		expect(pub).toEqual({ ok: true, version: before + 1 });

		v = checklists.view(lead.actor, id, NOW);
		expect(v.checklist.templateVersion).toBe(before);
		expect(v.upgrade).toMatchObject({ version: before + 1 });
		expect(itemOf(v, 'key-contacts').title).toBe('Key contacts'); // old wording until the upgrade

		const preview = checklists.upgradePreview(lead.actor, id, NOW)!;
		expect(preview.added.map((a) => a.title)).toEqual(['An introduction to the care leavers’ forum is arranged']);
		expect(preview.removed).toMatchObject([{ key: 'cover', status: 'in-progress', note: 'Deputy covers' }]);
		expect(preview.changed).toMatchObject([{ key: 'key-contacts', changes: ['wording', 'guidance', 'weight 2 → 3'] }]);

		expect(checklists.upgrade(lead.actor, id, before + 1, {}, NOW)).toEqual({ ok: true, version: before + 1 });
		v = checklists.view(lead.actor, id, NOW);
		expect(v.upgrade).toBeNull();
		expect(itemOf(v, 'key-contacts')).toMatchObject({ title: 'Key contacts, with phone numbers', status: 'done', note: 'In the shared drive', dueDate: '2027-01-15', weight: 3 });
		expect(itemOf(v, added.ok ? added.key : '')).toMatchObject({ status: 'not-started' });
		expect(v.sections.flatMap((s) => s.items).some((i) => i.key === 'cover')).toBe(false);
		const h = history.list(lead.actor, id).entries;
		expect(h.find((e) => e.what === 'Item removed')!.summary).toContain('Deputy covers');
		expect(h.find((e) => e.what === 'Item added')!.itemTitle).toBe('An introduction to the care leavers’ forum is arranged');
		expect(h.find((e) => e.what === 'Template version')!.summary).toBe(`Moved from template version ${before} to version ${before + 1}`);
		// a second upgrade to the same version is refused with a message
		expect(checklists.upgrade(lead.actor, id, before + 1, {}, NOW)).toMatchObject({ ok: false, errors: { form: expect.stringContaining('already on version') } });
		// a new checklist starts on the latest version
		const fresh = makeMember({ authority: 'North Lincolnshire' });
		expect(checklists.view(fresh.actor, fresh.authorityId, NOW).checklist.templateVersion).toBe(before + 1);
	});

	it('never reuses a removed item’s key for a new item', () => {
		const admin = makeMember({ authority: 'Westminster', role: 'admin' });
		const first = templates.saveItem(admin.actor, null, { sectionKey: 'sharing', title: 'Unique thing to remove', guidance: '', weight: 1 }, {}, NOW);
		if (!first.ok) throw new Error('not saved');
		templates.publish(admin.actor, 'Added a thing', {}, NOW);
		templates.deleteItem(admin.actor, first.key, {}, NOW);
		templates.publish(admin.actor, 'Removed it', {}, NOW);
		const second = templates.saveItem(admin.actor, null, { sectionKey: 'sharing', title: 'Unique thing to remove', guidance: '', weight: 1 }, {}, NOW);
		expect(second.ok && second.key).not.toBe(first.key);
		templates.discardDraft(admin.actor);
	});

	it('lets only admins manage the template and checks what they type', () => {
		const admin = makeMember({ authority: 'Westminster', role: 'admin' });
		const coordinator = makeMember({ authority: 'Salford', role: 'coordinator', coordinatorRegionId: 'north-west' });
		expect(status(() => templates.editable(coordinator.actor))).toBe(403);
		expect(status(() => templates.saveItem(coordinator.actor, null, { sectionKey: 'sharing', title: 'x', guidance: '', weight: 1 }))).toBe(403);
		expect(status(() => templates.publish(coordinator.actor, 'x'))).toBe(403);
		expect(templates.saveItem(admin.actor, null, { sectionKey: 'sharing', title: '', guidance: '', weight: 11 })).toMatchObject({
			ok: false,
			errors: { title: 'Enter the item', weight: 'Enter a weight from 1 to 10' }
		});
		expect(templates.saveItem(admin.actor, null, { sectionKey: 'nope', title: 'A thing', guidance: '', weight: 1 })).toMatchObject({ ok: false, errors: { sectionKey: 'Choose a section from the list' } });
		expect(templates.publish(admin.actor, '  ')).toMatchObject({ ok: false, errors: { summary: 'Describe what changed in this version' } });
		const s = templates.saveSection(admin.actor, null, { title: 'Empty section' });
		expect(s.ok).toBe(true);
		expect(templates.publish(admin.actor, 'Added a section')).toMatchObject({ ok: false, errors: { form: expect.stringContaining('Empty section') } });
		expect(templates.deleteSection(admin.actor, 'successor')).toMatchObject({ ok: false, errors: { form: expect.stringContaining('Move or remove the 2 items') } });
		expect(templates.discardDraft(admin.actor)).toBe(true);
		expect(templates.draft()).toBeNull();
	});

	it('moves items and sections up and down in the draft', () => {
		const admin = makeMember({ authority: 'Westminster', role: 'admin' });
		templates.move(admin.actor, 'item', 'successor-willing', 'up');
		templates.move(admin.actor, 'section', 'introductions', 'up');
		const e = templates.editable(admin.actor);
		expect(e.isDraft).toBe(true);
		expect(e.sections[0].items.map((i) => i.key).slice(0, 2)).toEqual(['successor-willing', 'successor-identified']);
		expect(e.sections.map((s) => s.key).slice(-2)).toEqual(['introductions', 'sharing']);
		templates.discardDraft(admin.actor);
	});
});

describe('owners who leave', () => {
	it('keeps a member as owner after they leave the authority, and saving other fields does not drop them', () => {
		const lead = makeMember({ authority: 'Stockport', name: 'Staying Lead' });
		const leaver = makeMember({ authority: 'Stockport', name: 'Moving Deputy' });
		const it0 = itemOf(checklists.view(lead.actor, lead.authorityId, NOW), 'budget-position');
		checklists.updateItem(lead.actor, lead.authorityId, it0.key, it0.version, { owner: { memberId: leaver.id, name: '' } }, {}, NOW);
		members.applyPlace(leaver.id, { authorityId: authorityId('Trafford'), position: 'deputy', inRoleSince: null });
		const edit = checklists.item(lead.actor, lead.authorityId, 'budget-position', NOW);
		expect(edit.owners.find((o) => o.id === leaver.id)?.name).toBe('Moving Deputy (no longer a member for this authority)');
		const r = checklists.updateItem(lead.actor, lead.authorityId, 'budget-position', edit.item.version, { status: 'in-progress', owner: { memberId: leaver.id, name: '' }, note: 'Waiting for figures' }, {}, NOW);
		expect(r.ok).toBe(true);
		expect(itemOf(checklists.view(lead.actor, lead.authorityId, NOW), 'budget-position')).toMatchObject({ owner: 'Moving Deputy', status: 'in-progress' });
		// but a member of another authority cannot be made owner afresh
		const other = itemOf(checklists.view(lead.actor, lead.authorityId, NOW), 'priorities');
		expect(checklists.updateItem(lead.actor, lead.authorityId, other.key, other.version, { owner: { memberId: leaver.id, name: '' } }, {}, NOW).ok).toBe(false);
	});
});

describe('summaries (kept until the checklist changes or the day turns)', () => {
	it('follows every change, the election date and the day', () => {
		const lead = makeMember({ authority: 'Wokingham' });
		const v = checklists.view(lead.actor, lead.authorityId, NOW);
		const it0 = v.sections[0].items[0];
		const before = checklists.summaries([lead.authorityId], NOW).get(lead.authorityId)!;
		expect(checklists.summaries([lead.authorityId], NOW).get(lead.authorityId)).toBe(before); // kept
		expect(checklists.updateItem(lead.actor, lead.authorityId, it0.key, it0.version, { status: 'done' }, {}, NOW)).toMatchObject({ ok: true });
		const after = checklists.summaries([lead.authorityId], NOW).get(lead.authorityId)!;
		expect(after).not.toBe(before);
		expect(after.open).toBe(before.open - 1);
		const it1 = v.sections[0].items[1];
		expect(checklists.updateItem(lead.actor, lead.authorityId, it1.key, it1.version, { dueDate: '2026-11-30' }, {}, NOW)).toMatchObject({ ok: true });
		const due = checklists.summaries([lead.authorityId], NOW).get(lead.authorityId)!;
		expect(due.overdue).toBe(0);
		// A week later the same data is overdue: the day is part of what is kept.
		expect(checklists.summaries([lead.authorityId], NOW + 8 * 86_400_000).get(lead.authorityId)!.overdue).toBe(1);
		expect(checklists.setElection(lead.actor, lead.authorityId, '2027-05-06', {}, NOW)).toEqual({ ok: true });
		expect(checklists.summaries([lead.authorityId], NOW).get(lead.authorityId)!.electionDate).toBe('2027-05-06');
	});
});
