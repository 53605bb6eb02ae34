/** The directory's edge cases and the admin functions for members. */
import { describe, expect, it } from 'vitest';
import { authorityId, makeMember } from '../../../../tests/support/members';
import { createSession, validateSessionToken } from '../auth/session';
import * as members from './members';

describe('the directory', () => {
	it('treats % and _ in a search as plain characters', () => {
		const me = makeMember({ name: 'Wildcard Viewer' });
		makeMember({ name: 'Percy 100% Sure' });
		makeMember({ name: 'Under_score Person' });
		makeMember({ name: 'Underxscore Person' });
		expect(members.directory(me.actor, { q: '100%' }).members.map((m) => m.name)).toEqual(['Percy 100% Sure']);
		expect(members.directory(me.actor, { q: 'under_s' }).members.map((m) => m.name)).toEqual(['Under_score Person']);
		expect(members.directory(me.actor, { q: '%' }).members.map((m) => m.name)).toEqual(['Percy 100% Sure']);
	});

	it('filters by authority and expertise, and leaves out deactivated members', () => {
		const admin = makeMember({ role: 'admin' });
		const a = makeMember({ name: 'Filter Alpha', authority: 'Derby', expertise: ['youth-justice'] });
		const b = makeMember({ name: 'Filter Beta', authority: 'Derby', expertise: ['send'] });
		expect(members.directory(a.actor, { q: 'Filter', authorityId: authorityId('Derby') }).members.map((m) => m.id)).toEqual([a.id, b.id]);
		expect(members.directory(a.actor, { q: 'Filter', expertise: 'youth-justice' }).members.map((m) => m.id)).toEqual([a.id]);
		members.setActive(admin.actor, b.id, false);
		expect(members.directory(a.actor, { q: 'Filter' }).members.map((m) => m.id)).toEqual([a.id]);
		expect(members.adminList(admin.actor, { q: 'Filter' }).members.map((m) => m.id)).toEqual([a.id, b.id]);
	});

	it('knows who is new in the role (under 12 months)', () => {
		const now = Date.parse('2026-11-23T12:00:00Z');
		expect(members.isNewInRole('2026-03-01', now)).toBe(true);
		expect(members.isNewInRole('2025-11-24', now)).toBe(true);
		expect(members.isNewInRole('2025-11-23', now)).toBe(false);
		expect(members.isNewInRole(null, now)).toBe(false);
	});

	it('finds a profile by handle, not a deactivated one', () => {
		const admin = makeMember({ role: 'admin' });
		const viewer = makeMember();
		const m = makeMember({ name: 'Handle Findable' });
		expect(members.profileByHandle(viewer.actor, m.handle)?.id).toBe(m.id);
		expect(members.profileByHandle(viewer.actor, 'no-such-handle')).toBeNull();
		members.setActive(admin.actor, m.id, false);
		expect(members.profileByHandle(viewer.actor, m.handle)).toBeNull();
	});
});

describe('profiles', () => {
	it('a member edits their own profile and nobody else’s; authority, position and a set date are not theirs to change', () => {
		const me = makeMember({ name: 'Editor Self', authority: 'Lancashire' });
		const other = makeMember({ name: 'Editor Other' });
		const update = { name: '  New Name  ', party: 'Green', inRoleSince: '2026-05-12', background: 'Teacher', expertise: ['send'], bio: 'Hello', position: 'deputy', authorityId: authorityId('Leeds') };
		members.updateProfile(me.actor, me.id, update);
		expect(members.profile(me.id)).toMatchObject({ name: 'New Name', position: 'lead-member', regionId: 'north-west', inRoleSince: '2024-05-01', expertise: ['send'] });
		// the first "in the role since" is theirs to set
		const fresh = makeMember();
		members.applyPlace(fresh.id, { authorityId: fresh.authorityId, position: fresh.position, inRoleSince: null });
		members.updateProfile(fresh.actor, fresh.id, { ...update, name: 'Fresh' });
		expect(members.profile(fresh.id)?.inRoleSince).toBe('2026-05-12');
		expect(() => members.updateProfile(me.actor, other.id, update)).toThrow();
		expect(members.profile(other.id)!.name).toBe('Editor Other');
	});
});

describe('admin', () => {
	it('only admins see the user list and user details', () => {
		const admin = makeMember({ role: 'admin' });
		const coordinator = makeMember({ role: 'coordinator', coordinatorRegionId: 'north-west' });
		const m = makeMember();
		expect(members.adminProfile(admin.actor, m.id)?.email).toBe(m.email);
		expect(() => members.adminProfile(coordinator.actor, m.id)).toThrow();
		expect(() => members.adminList(coordinator.actor)).toThrow();
		expect(() => members.adminList(m.actor)).toThrow();
	});

	it('sets roles, needing a region for a coordinator, never their own', () => {
		const admin = makeMember({ role: 'admin' });
		const m = makeMember();
		expect(members.setRole(admin.actor, m.id, 'coordinator', null)).toBe(false);
		expect(members.setRole(admin.actor, m.id, 'coordinator', 'london')).toBe(true);
		expect(members.actorById(m.id)).toMatchObject({ role: 'coordinator', coordinatorRegionId: 'london' });
		expect(members.setRole(admin.actor, m.id, 'member', 'london')).toBe(true);
		expect(members.actorById(m.id)).toMatchObject({ role: 'member', coordinatorRegionId: null });
		expect(() => members.setRole(admin.actor, admin.id, 'member', null)).toThrow();
		expect(() => members.setRole(m.actor, admin.id, 'member', null)).toThrow();
	});

	it('appoints a coordinator by email address', () => {
		const admin = makeMember({ role: 'admin' });
		const m = makeMember();
		expect(members.appointCoordinator(admin.actor, 'nobody@example.org', 'london')).toMatchObject({ ok: false, field: 'email' });
		expect(members.appointCoordinator(admin.actor, m.email, 'atlantis')).toMatchObject({ ok: false, field: 'regionId' });
		expect(members.appointCoordinator(admin.actor, admin.email, 'london')).toMatchObject({ ok: false, field: 'email' });
		expect(members.appointCoordinator(admin.actor, m.email.toUpperCase(), 'south-west')).toEqual({ ok: true, memberId: m.id });
		expect(members.coordinators().some((c) => c.id === m.id && c.regionId === 'south-west')).toBe(true);
		expect(() => members.appointCoordinator(m.actor, admin.email, 'london')).toThrow();
	});

	it('deactivates and reactivates, and signs a member out everywhere', () => {
		const admin = makeMember({ role: 'admin' });
		const m = makeMember();
		const s = createSession(m.id);
		expect(members.endSessionsOf(admin.actor, m.id)).toBe(1);
		expect(validateSessionToken(s.token)).toBeNull();
		expect(() => members.endSessionsOf(makeMember().actor, m.id)).toThrow();
		expect(members.setActive(admin.actor, m.id, false)).toBe(true);
		expect(members.actorById(m.id)).toBeNull();
		expect(members.setActive(admin.actor, m.id, true)).toBe(true);
		expect(members.actorById(m.id)).not.toBeNull();
		expect(() => members.setActive(admin.actor, admin.id, false)).toThrow();
	});
});
