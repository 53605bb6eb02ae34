import { describe, expect, it } from 'vitest';
import { can, type Actor } from './policy';

// Pure policy: actors and facts written out, no database.
const memberNW: Actor = { id: 1, role: 'member', authorityId: 10, regionId: 'north-west', coordinatorRegionId: null };
const memberY: Actor = { id: 2, role: 'member', authorityId: 20, regionId: 'yorkshire-humber', coordinatorRegionId: null };
const coordNW: Actor = { id: 3, role: 'coordinator', authorityId: 11, regionId: 'north-west', coordinatorRegionId: 'north-west' };
/** Lives in the North West, coordinates Yorkshire. */
const coordY: Actor = { id: 4, role: 'coordinator', authorityId: 12, regionId: 'north-west', coordinatorRegionId: 'yorkshire-humber' };
const admin: Actor = { id: 5, role: 'admin', authorityId: 30, regionId: 'london', coordinatorRegionId: null };
const coordLondon: Actor = { id: 6, role: 'coordinator', authorityId: 31, regionId: 'london', coordinatorRegionId: 'london' };

const actors = { memberNW, memberY, coordNW, coordY, admin, coordLondon };
type Who = keyof typeof actors;
const ALL: Who[] = ['memberNW', 'memberY', 'coordNW', 'coordY', 'admin', 'coordLondon'];

function only(check: (a: Actor | null) => boolean, allowed: Who[]) {
	for (const [name, actor] of Object.entries(actors) as [Who, Actor][]) expect(check(actor), name).toBe(allowed.includes(name));
	expect(check(null), 'signed out').toBe(false);
}

describe('policy: library', () => {
	it('view and create follow regional threads: national for all, a region for its members, coordinator and admins', () => {
		for (const action of ['library.view', 'library.create', 'library.report'] as const) {
			only((a) => can(a, action, { regionId: null }), ALL);
			only((a) => can(a, action, { regionId: 'north-west' }), ['memberNW', 'coordNW', 'coordY', 'admin']);
			only((a) => can(a, action, { regionId: 'yorkshire-humber' }), ['memberY', 'coordY', 'admin']);
		}
	});
	it('a hidden entry: its author and its moderators only', () => {
		only((a) => can(a, 'library.view', { regionId: 'north-west', hidden: true, authorId: memberNW.id }), ['memberNW', 'coordNW', 'admin']);
		only((a) => can(a, 'library.view', { regionId: null, hidden: true, authorId: memberY.id }), ['memberY', 'coordNW', 'coordY', 'admin', 'coordLondon']);
	});
	it('edit (new versions): the author, while they can see it — not coordinators or admins', () => {
		only((a) => can(a, 'library.edit', { regionId: null, authorId: memberY.id }), ['memberY']);
		only((a) => can(a, 'library.edit', { regionId: 'yorkshire-humber', authorId: memberNW.id }), []);
		only((a) => can(a, 'library.edit', { regionId: null, authorId: null }), []);
	});
	it('delete: the author or an admin', () => {
		only((a) => can(a, 'library.delete', { regionId: 'north-west', authorId: memberNW.id }), ['memberNW', 'admin']);
	});
	it('moderate: coordinators for their region and national entries, admins everywhere', () => {
		only((a) => can(a, 'library.moderate', { regionId: null }), ['coordNW', 'coordY', 'admin', 'coordLondon']);
		only((a) => can(a, 'library.moderate', { regionId: 'north-west' }), ['coordNW', 'admin']);
		only((a) => can(a, 'library.moderate', { regionId: 'yorkshire-humber' }), ['coordY', 'admin']);
	});
	it('usage across the network: admins only', () => {
		only((a) => can(a, 'library.viewUsage', {}), ['admin']);
	});
});
