/**
 * The training rows of the policy matrix: every role against every training action, denials
 * included. Pure: no database.
 */
import { describe, expect, it } from 'vitest';
import { can, type Actor } from './policy';

const actor = (over: Partial<Actor> & { id: number }): Actor => ({ role: 'member', authorityId: 1, regionId: 'north-west', coordinatorRegionId: null, ...over });

const member = actor({ id: 1 });
const mentor = actor({ id: 2, regionId: 'yorkshire-humber', authorityId: 2 });
const otherMember = actor({ id: 3 });
const coordinatorNW = actor({ id: 4, role: 'coordinator', coordinatorRegionId: 'north-west' });
const coordinatorLondon = actor({ id: 5, role: 'coordinator', regionId: 'london', authorityId: 5, coordinatorRegionId: 'london' });
const admin = actor({ id: 6, role: 'admin', regionId: 'london', authorityId: 6 });

describe('training.view', () => {
	const unshared = { memberId: member.id, sharedWithMentorId: null };
	const shared = { memberId: member.id, sharedWithMentorId: mentor.id };
	it.each([
		['the member', member, unshared, true],
		['the member (shared)', member, shared, true],
		['their mentor, not shared', mentor, unshared, false],
		['their mentor, shared', mentor, shared, true],
		['another member', otherMember, shared, false],
		['the region’s coordinator', coordinatorNW, shared, false],
		['another coordinator', coordinatorLondon, shared, false],
		['an admin', admin, shared, false]
	] as const)('%s → %s', (_who, a, facts, allowed) => {
		expect(can(a, 'training.view', facts)).toBe(allowed);
	});
	it('refuses the signed-out', () => {
		expect(can(null, 'training.view', unshared)).toBe(false);
	});
});

describe('training.edit', () => {
	it.each([
		['the member', member, true],
		['their mentor', mentor, false],
		['another member', otherMember, false],
		['a coordinator', coordinatorNW, false],
		['an admin', admin, false]
	] as const)('%s → %s', (_who, a, allowed) => {
		expect(can(a, 'training.edit', { memberId: member.id })).toBe(allowed);
	});
});

describe('training.viewAggregates', () => {
	it.each([
		['a member, own region', member, 'north-west', false],
		['a member, national', member, null, false],
		['the region’s coordinator', coordinatorNW, 'north-west', true],
		['a coordinator, another region', coordinatorLondon, 'north-west', false],
		['a coordinator, national', coordinatorNW, null, false],
		['an admin, any region', admin, 'north-west', true],
		['an admin, national', admin, null, true]
	] as const)('%s → %s', (_who, a, regionId, allowed) => {
		expect(can(a, 'training.viewAggregates', { regionId })).toBe(allowed);
	});
});

describe('event.publish', () => {
	it.each([
		['a member, own region', member, 'north-west', false],
		['a member, national', member, null, false],
		['the region’s coordinator', coordinatorNW, 'north-west', true],
		['a coordinator, another region', coordinatorLondon, 'north-west', false],
		['a coordinator, national', coordinatorNW, null, false],
		['an admin, a region', admin, 'north-west', true],
		['an admin, national', admin, null, true]
	] as const)('%s → %s', (_who, a, regionId, allowed) => {
		expect(can(a, 'event.publish', { regionId })).toBe(allowed);
	});
});

describe('event.view', () => {
	it.each([
		['a member, own region', member, 'north-west', true],
		['a member, national', member, null, true],
		['a member, another region', member, 'london', false],
		['a coordinator, the region they coordinate', coordinatorLondon, 'london', true],
		['a coordinator, another region', coordinatorNW, 'london', false],
		['an admin, any region', admin, 'north-west', true]
	] as const)('%s → %s', (_who, a, regionId, allowed) => {
		expect(can(a, 'event.view', { regionId })).toBe(allowed);
	});
});
