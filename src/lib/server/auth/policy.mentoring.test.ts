/**
 * The mentoring rows of the policy matrix: every mentoring action for every kind of actor,
 * denials included. Goals and meeting notes are the pair's alone; coordinators see status.
 */
import { describe, expect, it } from 'vitest';
import { authorize, can, type Action, type Actor } from './policy';

const NW = 'north-west';
const mentor: Actor = { id: 1, role: 'member', authorityId: 10, regionId: 'yorkshire-humber', coordinatorRegionId: null };
const mentee: Actor = { id: 2, role: 'member', authorityId: 20, regionId: NW, coordinatorRegionId: null };
const sameAuthority: Actor = { id: 3, role: 'member', authorityId: 20, regionId: NW, coordinatorRegionId: null };
const coordinator: Actor = { id: 4, role: 'coordinator', authorityId: 21, regionId: NW, coordinatorRegionId: NW };
const otherCoordinator: Actor = { id: 5, role: 'coordinator', authorityId: 30, regionId: 'london', coordinatorRegionId: 'london' };
const admin: Actor = { id: 6, role: 'admin', authorityId: 31, regionId: 'london', coordinatorRegionId: null };

const actors = { mentor, mentee, sameAuthority, coordinator, otherCoordinator, admin };
type Who = keyof typeof actors;
const pair = { mentorId: mentor.id, menteeId: mentee.id, regionId: NW };

/** Who may do each pairing action; everyone else is refused. */
const pairRules: Record<Exclude<Extract<Action, `pairing.${string}` | 'proposal.answer'>, 'pairing.changeMeeting'>, Who[]> = {
	'pairing.viewPrivate': ['mentor', 'mentee'],
	'pairing.viewStatus': ['mentor', 'mentee', 'coordinator', 'admin'],
	'pairing.logMeeting': ['mentor', 'mentee'],
	'pairing.edit': ['mentor', 'mentee'],
	'pairing.close': ['mentor', 'mentee', 'coordinator', 'admin'],
	'proposal.answer': ['mentor', 'mentee']
};

describe('mentoring policy', () => {
	for (const [action, allowed] of Object.entries(pairRules) as [keyof typeof pairRules, Who[]][]) {
		for (const [who, actor] of Object.entries(actors) as [Who, Actor][]) {
			const expected = allowed.includes(who);
			it(`${expected ? 'allows' : 'refuses'} ${action} for ${who}`, () => {
				expect(can(actor, action, pair)).toBe(expected);
			});
		}
	}

	it('lets only its author change or delete a logged meeting, and only while one of the pair', () => {
		const byMentor = { ...pair, authorId: mentor.id };
		for (const [who, actor] of Object.entries(actors) as [Who, Actor][]) {
			expect(can(actor, 'pairing.changeMeeting', byMentor), who).toBe(who === 'mentor');
		}
		expect(can(mentee, 'pairing.changeMeeting', { ...pair, authorId: mentee.id })).toBe(true);
		// The author's account was deleted: no one may change it.
		expect(can(mentee, 'pairing.changeMeeting', { ...pair, authorId: null })).toBe(false);
		// An author who is no longer in the pair (their side deleted their account) may not.
		expect(can(mentor, 'pairing.changeMeeting', { mentorId: -1, menteeId: mentee.id, regionId: NW, authorId: mentor.id })).toBe(false);
		expect(can(null, 'pairing.changeMeeting', byMentor)).toBe(false);
	});

	it('lets every member offer to mentor and ask for a mentor', () => {
		for (const actor of Object.values(actors)) {
			expect(can(actor, 'mentoring.offer', {})).toBe(true);
			expect(can(actor, 'mentoring.request', {})).toBe(true);
		}
	});

	it('lets only the region’s coordinator and admins match', () => {
		expect(can(coordinator, 'mentoring.match', { regionId: NW })).toBe(true);
		expect(can(admin, 'mentoring.match', { regionId: NW })).toBe(true);
		expect(can(otherCoordinator, 'mentoring.match', { regionId: NW })).toBe(false);
		expect(can(mentor, 'mentoring.match', { regionId: NW })).toBe(false);
		expect(can(mentee, 'mentoring.match', { regionId: NW })).toBe(false);
	});

	it('refuses everything to a signed-out visitor', () => {
		for (const action of Object.keys(pairRules) as (keyof typeof pairRules)[]) expect(can(null, action, pair)).toBe(false);
		expect(can(null, 'mentoring.request', {})).toBe(false);
	});

	it('matches no one to the side of a pairing whose member deleted their account', () => {
		const orphan = { mentorId: -1, menteeId: mentee.id, regionId: NW };
		expect(can(mentor, 'pairing.viewPrivate', orphan)).toBe(false);
		expect(can(mentee, 'pairing.viewPrivate', orphan)).toBe(true);
	});

	it('hides private pairings as "not found" when asked', () => {
		const status = (fn: () => void) => {
			try {
				fn();
				return null;
			} catch (e) {
				return (e as { status: number }).status;
			}
		};
		expect(status(() => authorize(coordinator, 'pairing.viewPrivate', pair, { hide: true }))).toBe(404);
		expect(status(() => authorize(admin, 'pairing.logMeeting', pair, { hide: true }))).toBe(404);
		expect(status(() => authorize(otherCoordinator, 'pairing.viewStatus', pair))).toBe(403);
		expect(status(() => authorize(mentee, 'pairing.viewPrivate', pair, { hide: true }))).toBeNull();
	});
});
