import { describe, expect, it } from 'vitest';
import { makeMember } from '../../../../tests/support/members';
import * as members from './members';
import { authorities, regions } from './authorities';

describe('reference data', () => {
	it('has the nine regions and all 153 authorities', () => {
		expect(regions()).toHaveLength(9);
		expect(authorities()).toHaveLength(153);
		expect(authorities().find((a) => a.name === 'Bournemouth, Christchurch and Poole')?.regionName).toBe('South West');
	});
});

describe('members', () => {
	it('gives each member a unique mention handle', () => {
		const a = makeMember({ name: 'Jane O’Neill' });
		const b = makeMember({ name: 'Jane O’Neill' });
		expect(a.handle).toBe('jane-oneill');
		expect(b.handle).toBe('jane-oneill-2');
	});

	it('finds members in the directory by name, region and new in role', () => {
		const me = makeMember({ name: 'Directory Tester', authority: 'Leeds', inRoleSince: '2026-09-01', expertise: ['send'] });
		const now = Date.parse('2026-11-23T12:00:00Z');
		const byName = members.directory(me.actor, { q: 'Directory Tes' }, now);
		expect(byName.members.map((m) => m.id)).toEqual([me.id]);
		expect(members.directory(me.actor, { q: 'Directory', regionId: 'london' }, now).members).toHaveLength(0);
		expect(members.directory(me.actor, { q: 'Directory', newInRole: true, expertise: 'send' }, now).members).toHaveLength(1);
		expect(members.directory(me.actor, { q: '%' }, now).members.every((m) => m.name.includes('%'))).toBe(true);
	});

	it('pages the directory by keyset', () => {
		const me = makeMember({ name: 'Pager Zero' });
		for (let i = 0; i < 5; i++) makeMember({ name: `Pager ${i}` });
		const first = members.directory(me.actor, { q: 'Pager', limit: 4 });
		expect(first.members).toHaveLength(4);
		const second = members.directory(me.actor, { q: 'Pager', limit: 4, after: first.next! });
		expect(second.members).toHaveLength(2);
		expect(new Set([...first.members, ...second.members].map((m) => m.id)).size).toBe(6);
	});
});
