import { describe, expect, it } from 'vitest';
import { makeMember } from '../../../../tests/support/members';
import { sqlite } from '../db/client';
import * as checklists from './checklists';
import * as history from './history';
import * as reminders from './reminders';
import { eraseMember, exportMemberData } from './data-rights';

const NOW = Date.parse('2026-11-23T10:00:00Z');

/** Every text cell in the succession tables. */
function successionText(): string {
	const tables = ['checklist', 'checklist_item', 'checklist_change', 'succession_reminder', 'checklist_template'];
	return tables.map((t) => JSON.stringify(sqlite().prepare(`select * from ${t}`).all())).join('\n');
}

describe('data rights', () => {
	it('exports the member’s changes, owned items, election dates and reminders — and nobody else’s', () => {
		const me = makeMember({ authority: 'Oldham', name: 'Exporting Member' });
		const colleague = makeMember({ authority: 'Oldham', name: 'Quiet Colleague' });
		const v = checklists.view(me.actor, me.authorityId, NOW);
		const [a, b] = v.sections[0].items;
		checklists.updateItem(me.actor, me.authorityId, a.key, a.version, { status: 'done', owner: { memberId: me.id, name: '' } }, {}, NOW);
		checklists.updateItem(colleague.actor, colleague.authorityId, b.key, b.version, { status: 'in-progress', note: 'Colleague note' }, {}, NOW);
		checklists.setElection(me.actor, me.authorityId, '2027-05-06', {}, NOW);
		const data = exportMemberData(me.id) as {
			checklistChanges: { authority: string; item: string | null; change: string; to: string }[];
			checklistItemsOwned: { item: string; status: string }[];
			electionDatesSet: { authority: string; electionDate: string }[];
			remindersSent: unknown[];
		};
		expect(data.checklistChanges.map((c) => [c.item, c.change, c.to])).toEqual(
			expect.arrayContaining([
				[a.title, 'Status', 'Done'],
				[a.title, 'Owner', 'Exporting Member'],
				[null, 'Next election', '6 May 2027']
			])
		);
		expect(data.checklistChanges.every((c) => c.authority === 'Oldham')).toBe(true);
		expect(JSON.stringify(data)).not.toContain('Colleague note');
		expect(data.checklistItemsOwned).toEqual([{ authority: 'Oldham', item: a.title, status: 'Done', dueDate: null }]);
		expect(data.electionDatesSet).toMatchObject([{ authority: 'Oldham', electionDate: '2027-05-06' }]);
		expect(data.remindersSent).toEqual([]);

		const coordinator = makeMember({ authority: 'Salford', role: 'coordinator', coordinatorRegionId: 'north-west' });
		reminders.send(coordinator.actor, me.authorityId, '', {}, NOW);
		expect((exportMemberData(coordinator.id) as { remindersSent: unknown[] }).remindersSent).toHaveLength(1);
	});

	it('erases the person but keeps each change as made by “Former member”', () => {
		const me = makeMember({ authority: 'Rochdale', name: 'Zebedee Quartermain', email: 'zebedee.q@example.org' });
		const colleague = makeMember({ authority: 'Rochdale', name: 'Staying Colleague' });
		const v = checklists.view(me.actor, me.authorityId, NOW);
		const [a, b, c] = v.sections.flatMap((s) => s.items);
		checklists.updateItem(me.actor, me.authorityId, a.key, a.version, { status: 'done', owner: { memberId: me.id, name: '' } }, {}, NOW);
		checklists.updateItem(colleague.actor, colleague.authorityId, b.key, b.version, { owner: { memberId: null, name: 'Zebedee Quartermain' }, note: 'Ask Zebedee Quartermain (zebedee.q@example.org) for the file' }, {}, NOW);
		checklists.updateItem(colleague.actor, colleague.authorityId, c.key, c.version, { owner: { memberId: me.id, name: '' } }, {}, NOW);
		checklists.setElection(me.actor, me.authorityId, '2027-05-06', {}, NOW);
		expect(successionText()).toContain('Zebedee Quartermain');

		eraseMember(me.id);

		const text = successionText();
		expect(text).not.toContain('Zebedee');
		expect(text).not.toContain('zebedee.q@example.org');
		expect(text).not.toContain(`"m:${me.id}"`);
		const h = history.list(colleague.actor, colleague.authorityId).entries;
		const mine = h.filter((e) => e.itemKey === a.key);
		expect(mine.length).toBe(2);
		expect(mine.every((e) => e.byName === 'Former member')).toBe(true);
		expect(h.find((e) => e.itemKey === c.key && e.what === 'Owner')!.to).toBe('Former member');
		const after = checklists.view(colleague.actor, colleague.authorityId, NOW);
		const items = after.sections.flatMap((s) => s.items);
		expect(items.find((i) => i.key === a.key)).toMatchObject({ status: 'done', owner: 'Former member', updatedByName: 'Former member' });
		expect(items.find((i) => i.key === b.key)!.note).toBe('Ask Former member (Former member) for the file');
		expect(after.checklist.electionDate).toBe('2027-05-06');
		expect(after.checklist.electionSetByName).toBeNull();
		// the colleague's own data is untouched
		expect(h.filter((e) => e.byName === 'Staying Colleague').length).toBeGreaterThan(0);
	});
});
