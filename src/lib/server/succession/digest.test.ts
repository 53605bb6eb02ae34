import { describe, expect, it } from 'vitest';
import { makeMember } from '../../../../tests/support/members';
import type { DigestRecipient } from '../digest-items';
import * as checklists from './checklists';
import { digestSection, regionalDigestGroups } from './digest';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const DAY = 86_400_000;

function recipient(m: ReturnType<typeof makeMember>): DigestRecipient {
	return { id: m.id, name: m.name, email: m.email, authorityId: m.authorityId, regionId: m.regionId, role: m.role, coordinatorRegionId: m.coordinatorRegionId, expertise: m.expertise };
}

describe('personal digest section', () => {
	it('asks a member to start when their authority has no checklist, with nothing new', () => {
		const m = makeMember({ authority: 'Torbay' });
		const s = digestSection(recipient(m), NOW - 7 * DAY, NOW)!;
		expect(s.area).toBe('succession');
		expect(s.hasNew).toBe(false);
		expect(s.groups[0].items[0].text).toContain('Torbay has not started');
	});

	it('shows the score and countdown as standing information, new only when someone else changed something', () => {
		const me = makeMember({ authority: 'Plymouth', name: 'Plymouth Lead' });
		const colleague = makeMember({ authority: 'Plymouth', name: 'Plymouth Deputy' });
		const v = checklists.view(me.actor, me.authorityId, NOW - 10 * DAY);
		checklists.setElection(me.actor, me.authorityId, '2027-05-06', {}, NOW - 10 * DAY);
		const it = v.sections[0].items[0];
		checklists.updateItem(me.actor, me.authorityId, it.key, it.version, { status: 'done' }, {}, NOW - 2 * DAY);

		const mine = digestSection(recipient(me), NOW - 7 * DAY, NOW)!;
		expect(mine.hasNew).toBe(false); // my own change is not news to me
		expect(mine.groups[0].items.map((i) => i.text)).toEqual([expect.stringMatching(/^Readiness \d+% – Red$/), 'Next election 6 May 2027 (in 164 days)']);

		const theirs = digestSection(recipient(colleague), NOW - 7 * DAY, NOW)!;
		expect(theirs.hasNew).toBe(true);
		const changes = theirs.groups.find((g) => g.title === 'Changes since your last digest')!;
		expect(changes.items[0]).toMatchObject({ text: `${it.title}: status now Done`, note: 'Plymouth Lead' });
		// nothing since yesterday
		expect(digestSection(recipient(colleague), NOW - DAY, NOW)!.hasNew).toBe(false);
	});

	it('is new when an item became overdue or the election came within 120 days since the last digest', () => {
		const me = makeMember({ authority: 'Cornwall' });
		const v = checklists.view(me.actor, me.authorityId, NOW - 30 * DAY);
		const it = v.sections[1].items[0];
		checklists.updateItem(me.actor, me.authorityId, it.key, it.version, { dueDate: '2026-11-20' }, {}, NOW - 30 * DAY);
		const s = digestSection(recipient(me), NOW - 7 * DAY, NOW)!;
		expect(s.hasNew).toBe(true);
		expect(s.groups.find((g) => g.title === 'Overdue items')!.items[0].text).toBe(it.title);
		// already overdue at the last digest: not new
		expect(digestSection(recipient(me), Date.parse('2026-11-21T10:00:00Z'), NOW)!.hasNew).toBe(false);

		const other = makeMember({ authority: 'Wiltshire' });
		checklists.setElection(other.actor, other.authorityId, '2027-03-20', {}, NOW - 40 * DAY); // window opens 20 November 2026
		expect(digestSection(recipient(other), Date.parse('2026-11-19T10:00:00Z'), NOW)!.hasNew).toBe(true);
		expect(digestSection(recipient(other), Date.parse('2026-11-21T10:00:00Z'), NOW)!.hasNew).toBe(false);
	});

	it('in one run (one instant), each member gets their own authority’s lines, and others’ changes but not their own', () => {
		const [aLead, aDeputy, aOther] = ['Lead', 'Deputy', 'Other'].map((n) => makeMember({ authority: 'Dorset', name: `Dorset ${n}` }));
		const [bLead, bDeputy] = ['Lead', 'Deputy'].map((n) => makeMember({ authority: 'Somerset', name: `Somerset ${n}` }));
		const aItem = checklists.view(aLead.actor, aLead.authorityId, NOW - 3 * DAY).sections[0].items[0];
		checklists.updateItem(aLead.actor, aLead.authorityId, aItem.key, aItem.version, { status: 'done' }, {}, NOW - 2 * DAY);
		const bItem = checklists.view(bDeputy.actor, bDeputy.authorityId, NOW - 3 * DAY).sections[0].items[1];
		checklists.updateItem(bDeputy.actor, bDeputy.authorityId, bItem.key, bItem.version, { status: 'done' }, {}, NOW - 2 * DAY);

		const changesOf = (m: ReturnType<typeof makeMember>) => {
			const s = digestSection(recipient(m), NOW - 7 * DAY, NOW)!;
			return { s, lines: s.groups.find((g) => g.title === 'Changes since your last digest')?.items ?? [] };
		};
		// Interleaved, as a run takes members in name order across authorities.
		const a1 = changesOf(aLead);
		const b1 = changesOf(bLead);
		const a2 = changesOf(aDeputy);
		const b2 = changesOf(bDeputy);
		const a3 = changesOf(aOther);
		expect(a1.lines).toEqual([]);
		expect(b2.lines).toEqual([]);
		// The lead started the checklist and changed an item; the deputy did the same in Somerset.
		for (const x of [a2, a3]) expect(x.lines).toEqual([expect.objectContaining({ text: `${aItem.title}: status now Done`, note: 'Dorset Lead' }), expect.objectContaining({ note: 'Dorset Lead' })]);
		expect(b1.lines).toEqual([expect.objectContaining({ text: `${bItem.title}: status now Done`, note: 'Somerset Deputy' }), expect.objectContaining({ note: 'Somerset Deputy' })]);
		for (const x of [a1, a2, a3]) expect(JSON.stringify(x.s)).not.toContain('Somerset');
		for (const x of [b1, b2]) expect(JSON.stringify(x.s)).not.toContain('Dorset');
		expect(a1.s.title).toContain('Dorset');
		expect(b1.s.title).toContain('Somerset');
	});

	it('only ever shows the member’s own authority', () => {
		const a = makeMember({ authority: 'Swindon' });
		const b = makeMember({ authority: 'Bristol, City of' });
		const it = checklists.view(a.actor, a.authorityId, NOW - DAY).sections[0].items[0];
		checklists.updateItem(a.actor, a.authorityId, it.key, it.version, { status: 'done', note: 'Private note for Swindon' }, {}, NOW - DAY);
		const s = digestSection(recipient(b), NOW - 7 * DAY, NOW)!;
		expect(JSON.stringify(s)).not.toContain('Swindon');
		expect(JSON.stringify(s)).not.toContain('Private note');
	});
});

describe('regional digest groups', () => {
	it('gives figures for the region and names no authority', () => {
		const m = makeMember({ authority: 'Dorset' });
		const it = checklists.view(m.actor, m.authorityId, NOW - DAY).sections[0].items[0];
		checklists.updateItem(m.actor, m.authorityId, it.key, it.version, { status: 'done', note: 'Confidential succession note' }, {}, NOW - DAY);
		const groups = regionalDigestGroups('south-west', NOW - 7 * DAY, NOW);
		expect(groups).toHaveLength(1);
		expect(groups[0].title).toBe('Succession readiness in South West');
		const text = groups[0].items.map((i) => `${i.text} ${i.note ?? ''}`).join('\n');
		expect(text).toMatch(/updated since the last digest/);
		expect(text).not.toContain('Dorset');
		expect(text).not.toContain('Confidential');
		expect(regionalDigestGroups('north-east', NOW - 7 * DAY, NOW)).toEqual([]);
		expect(regionalDigestGroups(null, NOW - 7 * DAY, NOW)[0].title).toBe('Succession readiness in England');
	});
});
