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
	it('a private draft: its author only — not coordinators, not admins; only its author may share it', () => {
		only((a) => can(a, 'library.view', { regionId: null, draft: true, authorId: memberNW.id }), ['memberNW']);
		only((a) => can(a, 'library.view', { regionId: 'north-west', draft: true, authorId: coordNW.id }), ['coordNW']);
		only((a) => can(a, 'library.view', { regionId: null, draft: true, authorId: null }), []);
		only((a) => can(a, 'library.publish', { regionId: 'north-west', authorId: memberNW.id }), ['memberNW']);
		only((a) => can(a, 'library.publish', { regionId: null, authorId: admin.id }), ['admin']);
		// Never attached or linked, even by its author.
		only((a) => can(a, 'library.attach', { regionId: null, hidden: false, draft: true, authorId: memberNW.id, audienceRegionId: null }), []);
		only((a) => can(a, 'library.linkToChecklist', { regionId: null, hidden: false, draft: true, authorId: memberNW.id, authorityId: 10, checklistAuthorityId: 10 }), []);
	});
	it('edit (new versions): the author, while they can see it — not coordinators or admins', () => {
		only((a) => can(a, 'library.edit', { regionId: null, authorId: memberY.id }), ['memberY']);
		only((a) => can(a, 'library.edit', { regionId: 'yorkshire-humber', authorId: memberNW.id }), []);
		only((a) => can(a, 'library.edit', { regionId: null, authorId: null }), []);
	});
	it('edit details: the author, and the entry’s moderators (coordinators for their region and national entries, admins) — no other member', () => {
		only((a) => can(a, 'library.editDetails', { regionId: 'north-west', authorId: memberNW.id }), ['memberNW', 'coordNW', 'admin']);
		only((a) => can(a, 'library.editDetails', { regionId: 'yorkshire-humber', authorId: memberY.id }), ['memberY', 'coordY', 'admin']);
		only((a) => can(a, 'library.editDetails', { regionId: null, authorId: memberY.id }), ['memberY', 'coordNW', 'coordY', 'admin', 'coordLondon']);
		// A former member's entry: its moderators only.
		only((a) => can(a, 'library.editDetails', { regionId: 'north-west', authorId: null }), ['coordNW', 'admin']);
		// The author who can no longer see it (moved region) cannot change it.
		only((a) => can(a, 'library.editDetails', { regionId: 'london', authorId: memberNW.id }), ['admin', 'coordLondon']);
	});
	it('widen who can see an entry: its author or an admin, never a coordinator on someone else’s', () => {
		only((a) => can(a, 'library.widen', { regionId: 'north-west', authorId: memberNW.id }), ['memberNW', 'admin']);
		only((a) => can(a, 'library.widen', { regionId: 'north-west', authorId: coordNW.id }), ['coordNW', 'admin']);
		only((a) => can(a, 'library.widen', { regionId: 'north-west', authorId: null }), ['admin']);
	});
	it('delete: the author or an admin', () => {
		only((a) => can(a, 'library.delete', { regionId: 'north-west', authorId: memberNW.id }), ['memberNW', 'admin']);
	});
	it('moderate: coordinators for their region and national entries, admins everywhere', () => {
		only((a) => can(a, 'library.moderate', { regionId: null }), ['coordNW', 'coordY', 'admin', 'coordLondon']);
		only((a) => can(a, 'library.moderate', { regionId: 'north-west' }), ['coordNW', 'admin']);
		only((a) => can(a, 'library.moderate', { regionId: 'yorkshire-humber' }), ['coordY', 'admin']);
	});
	it('attach to a post: an entry the member sees, not hidden, that every reader of the thread may open', () => {
		const entry = (regionId: string | null, audienceRegionId: string | null, hidden = false) => ({ regionId, hidden, authorId: memberNW.id, audienceRegionId });
		// A national entry goes into any thread its attacher can see.
		only((a) => can(a, 'library.attach', entry(null, null)), ALL);
		only((a) => can(a, 'library.attach', entry(null, 'yorkshire-humber')), ALL);
		// A regional entry: only into its own region's threads, and only by those who see it.
		only((a) => can(a, 'library.attach', entry('north-west', 'north-west')), ['memberNW', 'coordNW', 'coordY', 'admin']);
		only((a) => can(a, 'library.attach', entry('north-west', null)), []);
		only((a) => can(a, 'library.attach', entry('north-west', 'yorkshire-humber')), []);
		only((a) => can(a, 'library.attach', entry('yorkshire-humber', 'yorkshire-humber')), ['memberY', 'coordY', 'admin']);
		// Hidden: not even its author or a moderator may attach it.
		only((a) => can(a, 'library.attach', entry(null, null, true)), []);
		only((a) => can(a, 'library.attach', entry('north-west', 'north-west', true)), []);
	});
	it('link to a succession checklist item: only an entry of that authority, seen and not hidden', () => {
		const entry = (regionId: string | null, authority: number, hidden = false) => ({ regionId, hidden, authorId: memberNW.id, authorityId: authority, checklistAuthorityId: 10 });
		only((a) => can(a, 'library.linkToChecklist', entry(null, 10)), ALL);
		only((a) => can(a, 'library.linkToChecklist', entry('north-west', 10)), ['memberNW', 'coordNW', 'coordY', 'admin']);
		// Another authority's document, or a hidden one: nobody.
		only((a) => can(a, 'library.linkToChecklist', entry(null, 20)), []);
		only((a) => can(a, 'library.linkToChecklist', entry(null, 10, true)), []);
	});
	it('usage across the network: admins only', () => {
		only((a) => can(a, 'library.viewUsage', {}), ['admin']);
	});
});
