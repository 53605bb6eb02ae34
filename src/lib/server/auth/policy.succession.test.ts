/** The succession rows of the policy matrix: every role × every succession action, denials included. */
import { describe, expect, it } from 'vitest';
import { authorize, can, type Actor } from './policy';

const LANCASHIRE = { authorityId: 10, regionId: 'north-west' };

const actors: Record<string, Actor> = {
	memberOfAuthority: { id: 1, role: 'member', authorityId: 10, regionId: 'north-west', coordinatorRegionId: null },
	memberSameRegion: { id: 2, role: 'member', authorityId: 11, regionId: 'north-west', coordinatorRegionId: null },
	memberOtherRegion: { id: 3, role: 'member', authorityId: 20, regionId: 'yorkshire-humber', coordinatorRegionId: null },
	coordinatorOfRegion: { id: 4, role: 'coordinator', authorityId: 12, regionId: 'north-west', coordinatorRegionId: 'north-west' },
	coordinatorOtherRegion: { id: 5, role: 'coordinator', authorityId: 21, regionId: 'yorkshire-humber', coordinatorRegionId: 'yorkshire-humber' },
	coordinatorOfAnotherRegionLivingHere: { id: 6, role: 'coordinator', authorityId: 11, regionId: 'north-west', coordinatorRegionId: 'north-east' },
	admin: { id: 7, role: 'admin', authorityId: 30, regionId: 'london', coordinatorRegionId: null }
};

// who may: [view, edit, setElection, remind, viewRegion(north-west), viewNational, template.manage, reopenNotApplicable]
const expected: Record<string, boolean[]> = {
	memberOfAuthority: [true, true, true, false, false, false, false, false],
	memberSameRegion: [false, false, false, false, false, false, false, false],
	memberOtherRegion: [false, false, false, false, false, false, false, false],
	coordinatorOfRegion: [true, false, true, true, true, false, false, true],
	coordinatorOtherRegion: [false, false, false, false, false, false, false, false],
	coordinatorOfAnotherRegionLivingHere: [false, false, false, false, false, false, false, false],
	admin: [true, false, true, true, true, true, true, true]
};

function decisions(a: Actor): boolean[] {
	return [
		can(a, 'checklist.view', LANCASHIRE),
		can(a, 'checklist.edit', LANCASHIRE),
		can(a, 'checklist.setElection', LANCASHIRE),
		can(a, 'checklist.remind', LANCASHIRE),
		can(a, 'succession.viewRegion', { regionId: 'north-west' }),
		can(a, 'succession.viewRegion', { regionId: null }),
		can(a, 'template.manage', {}),
		can(a, 'checklist.reopenNotApplicable', LANCASHIRE)
	];
}

describe('succession policy', () => {
	for (const [who, a] of Object.entries(actors)) {
		it(`decides correctly for ${who}`, () => {
			expect(decisions(a)).toEqual(expected[who]);
		});
	}

	it('denies everything to a signed-out visitor', () => {
		expect(can(null, 'checklist.view', LANCASHIRE)).toBe(false);
		expect(can(undefined, 'template.manage', {})).toBe(false);
	});

	it('hides another authority’s checklist as not found, and refuses edits by readers with 403', () => {
		const statusOf = (fn: () => void) => {
			try {
				fn();
				return null;
			} catch (e) {
				return (e as { status: number }).status;
			}
		};
		expect(statusOf(() => authorize(actors.memberSameRegion, 'checklist.view', LANCASHIRE, { hide: true }))).toBe(404);
		expect(statusOf(() => authorize(actors.memberOtherRegion, 'checklist.view', LANCASHIRE, { hide: true }))).toBe(404);
		expect(statusOf(() => authorize(actors.coordinatorOtherRegion, 'succession.viewRegion', { regionId: 'north-west' }, { hide: true }))).toBe(404);
		expect(statusOf(() => authorize(actors.coordinatorOfRegion, 'checklist.edit', LANCASHIRE))).toBe(403);
		expect(statusOf(() => authorize(actors.memberOfAuthority, 'checklist.remind', LANCASHIRE))).toBe(403);
		expect(statusOf(() => authorize(actors.coordinatorOfRegion, 'template.manage', {}))).toBe(403);
		expect(statusOf(() => authorize(actors.memberOfAuthority, 'checklist.edit', LANCASHIRE))).toBeNull();
		expect(statusOf(() => authorize(actors.memberOfAuthority, 'checklist.reopenNotApplicable', LANCASHIRE))).toBe(403);
		expect(statusOf(() => authorize(actors.coordinatorOtherRegion, 'checklist.reopenNotApplicable', LANCASHIRE))).toBe(403);
	});
});
