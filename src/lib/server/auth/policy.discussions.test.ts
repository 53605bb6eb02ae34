import { describe, expect, it } from 'vitest';
import { can, authorize, type Actor } from './policy';

// Pure policy: actors and facts written out, no database.
const memberNW: Actor = { id: 1, role: 'member', authorityId: 10, regionId: 'north-west', coordinatorRegionId: null };
const memberY: Actor = { id: 2, role: 'member', authorityId: 20, regionId: 'yorkshire-humber', coordinatorRegionId: null };
const coordNW: Actor = { id: 3, role: 'coordinator', authorityId: 11, regionId: 'north-west', coordinatorRegionId: 'north-west' };
/** Lives in the North West, coordinates Yorkshire: sees both regions, moderates only Yorkshire. */
const coordY: Actor = { id: 4, role: 'coordinator', authorityId: 12, regionId: 'north-west', coordinatorRegionId: 'yorkshire-humber' };
const admin: Actor = { id: 5, role: 'admin', authorityId: 30, regionId: 'london', coordinatorRegionId: null };
const coordLondon: Actor = { id: 6, role: 'coordinator', authorityId: 31, regionId: 'london', coordinatorRegionId: 'london' };

const actors = { memberNW, memberY, coordNW, coordY, admin, coordLondon };
type Who = keyof typeof actors;

const NATIONAL = { regionId: null };
const NW = { regionId: 'north-west' };
const Y = { regionId: 'yorkshire-humber' };

/** Expects exactly `allowed` (and nobody else, nor a signed-out visitor) to pass. */
function only(check: (a: Actor | null) => boolean, allowed: Who[]) {
	for (const [name, actor] of Object.entries(actors) as [Who, Actor][]) {
		expect(check(actor), `${name}`).toBe(allowed.includes(name));
	}
	expect(check(null), 'signed out').toBe(false);
}

describe('policy: discussions', () => {
	it('thread.view and thread.create: national for all, regional for the region, its coordinator and admins', () => {
		for (const action of ['thread.view', 'thread.create'] as const) {
			only((a) => can(a, action, NATIONAL), ['memberNW', 'memberY', 'coordNW', 'coordY', 'admin', 'coordLondon']);
			only((a) => can(a, action, NW), ['memberNW', 'coordNW', 'coordY', 'admin']);
			only((a) => can(a, action, Y), ['memberY', 'coordY', 'admin']);
		}
	});

	it('thread.reply: whoever sees an open thread; a locked one only its moderators', () => {
		only((a) => can(a, 'thread.reply', { ...NW, authorId: 1, locked: false }), ['memberNW', 'coordNW', 'coordY', 'admin']);
		only((a) => can(a, 'thread.reply', { ...NW, authorId: 1, locked: true }), ['coordNW', 'admin']);
		only((a) => can(a, 'thread.reply', { ...Y, authorId: 2, locked: true }), ['coordY', 'admin']);
		only((a) => can(a, 'thread.reply', { ...NATIONAL, authorId: 1, locked: true }), ['admin']);
	});

	it('thread.acceptAnswer: the asker, coordinators (own region or national) and admins', () => {
		only((a) => can(a, 'thread.acceptAnswer', { ...NATIONAL, authorId: memberY.id }), ['memberY', 'coordNW', 'coordY', 'admin', 'coordLondon']);
		only((a) => can(a, 'thread.acceptAnswer', { ...NW, authorId: memberNW.id }), ['memberNW', 'coordNW', 'admin']);
		only((a) => can(a, 'thread.acceptAnswer', { ...Y, authorId: memberY.id }), ['memberY', 'coordY', 'admin']);
		// An author who can no longer see their thread (moved region) cannot accept on it.
		only((a) => can(a, 'thread.acceptAnswer', { ...Y, authorId: memberNW.id }), ['coordY', 'admin']);
		only((a) => can(a, 'thread.acceptAnswer', { ...NATIONAL, authorId: null }), ['coordNW', 'coordY', 'admin', 'coordLondon']);
	});

	it('thread.moderate: coordinators for their region and national threads, admins everywhere', () => {
		only((a) => can(a, 'thread.moderate', NATIONAL), ['coordNW', 'coordY', 'admin', 'coordLondon']);
		only((a) => can(a, 'thread.moderate', NW), ['coordNW', 'admin']);
		only((a) => can(a, 'thread.moderate', Y), ['coordY', 'admin']);
	});

	it('post.edit and post.delete: the author only — not coordinators, not admins', () => {
		for (const action of ['post.edit', 'post.delete'] as const) {
			only((a) => can(a, action, { authorId: memberNW.id }), ['memberNW']);
			only((a) => can(a, action, { authorId: admin.id }), ['admin']);
			only((a) => can(a, action, { authorId: null }), []);
		}
	});

	it('post.viewHistory: admins only', () => {
		only((a) => can(a, 'post.viewHistory', { authorId: memberNW.id }), ['admin']);
		only((a) => can(a, 'post.viewHistory', { authorId: null }), ['admin']);
	});

	it('post.report: anyone who can see the thread', () => {
		only((a) => can(a, 'post.report', NATIONAL), ['memberNW', 'memberY', 'coordNW', 'coordY', 'admin', 'coordLondon']);
		only((a) => can(a, 'post.report', NW), ['memberNW', 'coordNW', 'coordY', 'admin']);
	});

	it('category.manage: admins only', () => {
		only((a) => can(a, 'category.manage', {}), ['admin']);
	});

	it('authorize hides a regional thread as 404 and refuses other things with 403', () => {
		const status = (fn: () => void) => {
			try {
				fn();
				return 200;
			} catch (e) {
				return (e as { status: number }).status;
			}
		};
		expect(status(() => authorize(memberY, 'thread.view', NW, { hide: true }))).toBe(404);
		expect(status(() => authorize(memberNW, 'thread.view', NW, { hide: true }))).toBe(200);
		expect(status(() => authorize(memberNW, 'post.edit', { authorId: memberY.id }))).toBe(403);
		expect(status(() => authorize(coordNW, 'category.manage', {}))).toBe(403);
		expect(status(() => authorize(null, 'thread.view', NATIONAL))).toBe(403);
	});
});
