/** The policy for digests and mail that members do not compose: every role, denials included. */
import { describe, expect, it } from 'vitest';
import { can, type Actor } from './policy';

const NW = 'north-west';
const LONDON = 'london';
const cast = {
	admin: { id: 1, role: 'admin', authorityId: 70, regionId: LONDON, coordinatorRegionId: null },
	coordinatorHere: { id: 2, role: 'coordinator', authorityId: 40, regionId: NW, coordinatorRegionId: NW },
	coordinatorElsewhere: { id: 3, role: 'coordinator', authorityId: 71, regionId: LONDON, coordinatorRegionId: LONDON },
	memberHere: { id: 4, role: 'member', authorityId: 41, regionId: NW, coordinatorRegionId: null },
	memberElsewhere: { id: 5, role: 'member', authorityId: 72, regionId: LONDON, coordinatorRegionId: null }
} satisfies Record<string, Actor>;
type Who = keyof typeof cast;
const everyone = Object.keys(cast) as Who[];

describe('mail.viewBouncing', () => {
	const cases: [string, string | null, Who[]][] = [
		['the North West’s list', NW, ['admin', 'coordinatorHere']],
		['London’s list', LONDON, ['admin', 'coordinatorElsewhere']],
		['everyone’s list', null, ['admin']]
	];
	for (const [what, regionId, allowed] of cases) {
		for (const who of everyone) {
			it(`${allowed.includes(who) ? 'allows' : 'denies'} ${who} ${what}`, () => {
				expect(can(cast[who], 'mail.viewBouncing', { regionId })).toBe(allowed.includes(who));
			});
		}
	}
	it('denies a signed-out visitor', () => expect(can(null, 'mail.viewBouncing', { regionId: NW })).toBe(false));
});

describe('digest.previewMember (the digest a North West member would get now)', () => {
	const allowed: Who[] = ['admin', 'coordinatorHere'];
	for (const who of everyone) {
		it(`${allowed.includes(who) ? 'allows' : 'denies'} ${who}`, () => {
			expect(can(cast[who], 'digest.previewMember', { regionId: NW })).toBe(allowed.includes(who));
		});
	}
	it('denies a member their own, and a signed-out visitor', () => {
		expect(can(cast.memberHere, 'digest.previewMember', { regionId: cast.memberHere.regionId })).toBe(false);
		expect(can(null, 'digest.previewMember', { regionId: NW })).toBe(false);
	});
});
