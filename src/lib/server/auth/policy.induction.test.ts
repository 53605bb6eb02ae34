/** The induction rows of the policy matrix: every role × every induction action, denials included. */
import { describe, expect, it } from 'vitest';
import { authorize, can, type Actor } from './policy';

const NEW_MEMBER = 1;
const MENTOR = 8;
const PATH = { memberId: NEW_MEMBER, mentorId: MENTOR, regionId: 'north-west' };

const actors: Record<string, Actor> = {
	newMember: { id: NEW_MEMBER, role: 'member', authorityId: 10, regionId: 'north-west', coordinatorRegionId: null },
	theirMentor: { id: MENTOR, role: 'member', authorityId: 40, regionId: 'london', coordinatorRegionId: null },
	memberSameRegion: { id: 2, role: 'member', authorityId: 11, regionId: 'north-west', coordinatorRegionId: null },
	memberOtherRegion: { id: 3, role: 'member', authorityId: 20, regionId: 'yorkshire-humber', coordinatorRegionId: null },
	coordinatorOfRegion: { id: 4, role: 'coordinator', authorityId: 12, regionId: 'north-west', coordinatorRegionId: 'north-west' },
	coordinatorOtherRegion: { id: 5, role: 'coordinator', authorityId: 21, regionId: 'yorkshire-humber', coordinatorRegionId: 'yorkshire-humber' },
	coordinatorOfAnotherRegionLivingHere: { id: 6, role: 'coordinator', authorityId: 11, regionId: 'north-west', coordinatorRegionId: 'north-east' },
	admin: { id: 7, role: 'admin', authorityId: 30, regionId: 'london', coordinatorRegionId: null }
};

// who may: [view path (steps, dates), see private notes, tick, coordinate north-west, region steps, national template]
const expected: Record<string, boolean[]> = {
	newMember: [true, true, true, false, false, false],
	theirMentor: [true, false, false, false, false, false],
	memberSameRegion: [false, false, false, false, false, false],
	memberOtherRegion: [false, false, false, false, false, false],
	coordinatorOfRegion: [true, false, false, true, true, false],
	coordinatorOtherRegion: [false, false, false, false, false, false],
	coordinatorOfAnotherRegionLivingHere: [false, false, false, false, false, false],
	admin: [true, false, false, true, true, true]
};

function decisions(a: Actor): boolean[] {
	return [
		can(a, 'induction.view', PATH),
		can(a, 'induction.viewNotes', { memberId: NEW_MEMBER }),
		can(a, 'induction.tick', { memberId: NEW_MEMBER }),
		can(a, 'induction.coordinate', { regionId: 'north-west' }),
		can(a, 'induction.manageRegionSteps', { regionId: 'north-west' }),
		can(a, 'induction.manageTemplate', {})
	];
}

describe('induction policy', () => {
	for (const [who, a] of Object.entries(actors)) {
		it(`decides correctly for ${who}`, () => {
			expect(decisions(a)).toEqual(expected[who]);
		});
	}

	it('lets a mentor see the path only while they are the mentor the caller names', () => {
		expect(can(actors.theirMentor, 'induction.view', { ...PATH, mentorId: null })).toBe(false);
		expect(can(actors.theirMentor, 'induction.view', { ...PATH, mentorId: 99 })).toBe(false);
	});

	it('denies everything to a signed-out visitor', () => {
		expect(can(null, 'induction.view', PATH)).toBe(false);
		expect(can(undefined, 'induction.tick', { memberId: NEW_MEMBER })).toBe(false);
		expect(can(null, 'induction.manageTemplate', {})).toBe(false);
	});

	it('refuses ticking someone else’s step with a 403', () => {
		expect(() => authorize(actors.coordinatorOfRegion, 'induction.tick', { memberId: NEW_MEMBER })).toThrow();
		expect(() => authorize(actors.theirMentor, 'induction.tick', { memberId: NEW_MEMBER })).toThrow();
	});
});
