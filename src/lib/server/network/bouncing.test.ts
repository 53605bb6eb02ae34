import { describe, expect, it } from 'vitest';
import { makeMember } from '../../../../tests/support/members';
import { recordBounce } from '../mail/bounces';
import { bouncingList } from './bouncing';
import { setEmail, touchSignIn } from './members';

const status = (fn: () => unknown) => {
	try {
		fn();
		return 200;
	} catch (e) {
		return (e as { status: number }).status;
	}
};

describe('the list of members whose email bounces', () => {
	it('shows a coordinator their region’s, an admin everyone’s, and no one else anything; a new address or a sign-in takes a member off it', () => {
		const here = makeMember({ authority: 'Lancashire', name: 'Bouncing Here' });
		const there = makeMember({ authority: 'Camden', name: 'Bouncing There' });
		const fine = makeMember({ authority: 'Lancashire' });
		recordBounce(here.id, 'hard', '550 5.1.1 <x>: Recipient address rejected');
		recordBounce(there.id, 'hard', '550 No such user');
		const coordinator = makeMember({ role: 'coordinator', coordinatorRegionId: 'north-west', authority: 'Salford' });
		const admin = makeMember({ role: 'admin', authority: 'Leeds' });
		const nw = bouncingList(coordinator.actor).members.map((m) => m.id);
		expect(nw).toContain(here.id);
		expect(nw).not.toContain(there.id);
		expect(nw).not.toContain(fine.id);
		expect(bouncingList(coordinator.actor).scopeName).toBe('North West');
		const all = bouncingList(admin.actor).members;
		expect(all.map((m) => m.id)).toEqual(expect.arrayContaining([here.id, there.id]));
		expect(all.find((m) => m.id === here.id)).toMatchObject({ kind: 'hard', email: here.email, detail: '550 5.1.1 <x>: Recipient address rejected' });
		expect(status(() => bouncingList(fine.actor))).toBe(403);

		setEmail(here.id, `fixed-${here.email}`);
		expect(bouncingList(admin.actor).members.map((m) => m.id)).not.toContain(here.id);
		touchSignIn(there.id);
		expect(bouncingList(admin.actor).members.map((m) => m.id)).not.toContain(there.id);
	});
});
