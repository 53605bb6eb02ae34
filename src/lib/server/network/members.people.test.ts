// The network's read functions for other areas: people by id, active members by place, and
// who to tell in a region. Each test file has its own database, so the counts here are exact.
import { describe, expect, it } from 'vitest';
import { makeMember } from '../../../../tests/support/members';
import * as members from './members';

const admin = makeMember({ name: 'People Admin', authority: 'Camden', role: 'admin' });
const leeds = makeMember({ name: 'Leeds Lead', authority: 'Leeds', party: 'Independent', inRoleSince: '2025-01-15', expertise: ['send'] });
const gone = makeMember({ name: 'Gone Member', authority: 'Gateshead' });
const coordinator = makeMember({ name: 'North East Coordinator', authority: 'Sunderland', role: 'coordinator', coordinatorRegionId: 'north-east' });
const goneCoordinator = makeMember({ name: 'Former Coordinator', authority: 'Sunderland', role: 'coordinator', coordinatorRegionId: 'north-east' });
const goneAdmin = makeMember({ name: 'Former Admin', role: 'admin' });
for (const m of [gone, goneCoordinator, goneAdmin]) members.setActive(admin.actor, m.id, false);

describe('people', () => {
	it('gives each member with their authority, region and role in it', () => {
		const p = members.people([leeds.id]).get(leeds.id);
		expect(p).toEqual({
			id: leeds.id,
			name: 'Leeds Lead',
			email: leeds.email,
			handle: 'leeds-lead',
			authorityId: leeds.authorityId,
			authorityName: 'Leeds',
			authorityKind: expect.any(String),
			regionId: 'yorkshire-humber',
			regionName: 'Yorkshire and The Humber',
			position: 'lead-member',
			party: 'Independent',
			inRoleSince: '2025-01-15',
			expertise: ['send'],
			deactivatedAt: null
		});
		expect(p).not.toHaveProperty('bio');
		expect(p).not.toHaveProperty('passwordHash');
	});

	it('includes deactivated members, marked, and leaves out null, unknown ids and repeats', () => {
		const found = members.people([gone.id, null, undefined, 987_654, leeds.id, gone.id]);
		expect([...found.keys()].sort((a, b) => a - b)).toEqual([leeds.id, gone.id].sort((a, b) => a - b));
		expect(found.get(gone.id)?.deactivatedAt).toEqual(expect.any(Number));
		expect(found.get(gone.id)?.regionName).toBe('North East');
	});

	it('answers an empty list with an empty map', () => {
		expect(members.people([]).size).toBe(0);
		expect(members.people([null, undefined]).size).toBe(0);
	});

	it('finds more members than fit in one statement', () => {
		const many = Array.from({ length: 1_203 }, (_, i) => makeMember({ name: `Many ${i}`, authority: 'Lancashire' }).id);
		const found = members.people([...many, leeds.id]);
		expect(found.size).toBe(1_204);
		expect(many.every((id) => found.get(id)?.authorityName === 'Lancashire')).toBe(true);
	});
});

describe('activeMemberPlaces', () => {
	it('lists the active members of a region with their authority', () => {
		const ne = members.activeMemberPlaces('north-east');
		expect(ne).toEqual([{ id: coordinator.id, authorityId: coordinator.authorityId, regionId: 'north-east' }]);
		expect(members.activeMemberPlaces('atlantis')).toEqual([]);
	});

	it('lists every active member of the network without a region', () => {
		const all = members.activeMemberPlaces();
		const ids = new Set(all.map((m) => m.id));
		expect(ids.has(admin.id) && ids.has(leeds.id) && ids.has(coordinator.id)).toBe(true);
		expect([gone.id, goneCoordinator.id, goneAdmin.id].some((id) => ids.has(id))).toBe(false);
		expect(all.find((m) => m.id === leeds.id)).toEqual({ id: leeds.id, authorityId: leeds.authorityId, regionId: 'yorkshire-humber' });
	});
});

describe('who to tell', () => {
	it('names the active coordinators of a region', () => {
		expect(members.regionCoordinators('north-east')).toEqual([{ id: coordinator.id, name: 'North East Coordinator', email: coordinator.email }]);
		expect(members.regionCoordinators('london')).toEqual([]);
	});

	it('names the active admins', () => {
		expect(members.admins()).toEqual([{ id: admin.id, name: 'People Admin', email: admin.email }]);
	});

	it('still tells a region’s coordinators and the admins about join requests', () => {
		const ids = members.coordinatorsAndAdmins('north-east').map((m) => m.id);
		expect(ids.sort((a, b) => a - b)).toEqual([admin.id, coordinator.id].sort((a, b) => a - b));
	});
});
