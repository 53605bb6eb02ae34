/**
 * The policy matrix for the network, account and admin actions: every role × action, denials
 * included. Each area tests its own actions in policy.<area>.test.ts; the sweep at the end
 * makes sure no action in ACTIONS is left that nobody may do, or that everybody may do.
 */
import { describe, expect, it } from 'vitest';
import { ACTIONS, authorize, can, type Action, type Actor, type Resources } from './policy';

const NW = 'north-west';
const LONDON = 'london';

/** The cast: one of each role, here (North West) and elsewhere (London). */
const cast = {
	admin: { id: 1, role: 'admin', authorityId: 70, regionId: LONDON, coordinatorRegionId: null },
	coordinatorHere: { id: 2, role: 'coordinator', authorityId: 40, regionId: NW, coordinatorRegionId: NW },
	coordinatorElsewhere: { id: 3, role: 'coordinator', authorityId: 71, regionId: LONDON, coordinatorRegionId: LONDON },
	memberHere: { id: 4, role: 'member', authorityId: 41, regionId: NW, coordinatorRegionId: null },
	memberElsewhere: { id: 5, role: 'member', authorityId: 72, regionId: LONDON, coordinatorRegionId: null }
} satisfies Record<string, Actor>;

type Who = keyof typeof cast;
const everyone = Object.keys(cast) as Who[];
/** A member of the North West whom the actions below are done to. */
const target = { id: 99, regionId: NW };

type Row<A extends Action> = {
	action: A;
	what: string;
	facts: (actor: Actor) => Resources[A];
	allowed: Who[];
};
const row = <A extends Action>(action: A, what: string, facts: Resources[A] | ((actor: Actor) => Resources[A]), allowed: Who[]): Row<A> => ({
	action,
	what,
	facts: typeof facts === 'function' ? (facts as (a: Actor) => Resources[A]) : () => facts,
	allowed
});

const matrix: Row<Action>[] = [
	row('member.invite', 'into the North West', { regionId: NW }, ['admin', 'coordinatorHere']),
	row('member.invite', 'into London', { regionId: LONDON }, ['admin', 'coordinatorElsewhere']),
	row('joinRequest.decide', 'a North West request', { regionId: NW }, ['admin', 'coordinatorHere']),
	row('joinRequest.list', 'the North West’s requests', { regionId: NW }, ['admin', 'coordinatorHere']),
	row('joinRequest.list', 'every region’s requests', { regionId: null }, ['admin']),
	row('member.view', 'another member', { id: target.id }, everyone),
	row('member.view', 'themselves', (a) => ({ id: a.id }), everyone),
	row('member.editProfile', 'their own profile', (a) => ({ id: a.id }), everyone),
	row('member.editProfile', 'someone else’s profile', { id: target.id }, []),
	row('member.manage', 'a North West member', target, ['admin']),
	row('member.manage', 'themselves', (a) => ({ id: a.id, regionId: a.regionId }), []),
	row('member.setRole', 'another member', { id: target.id }, ['admin']),
	// Authority, position and "in the role since": a request, decided by the destination region.
	row('member.changePlace', 'directly, for another member', { id: target.id }, ['admin']),
	row('member.changePlace', 'directly, for themselves', (a) => ({ id: a.id }), []),
	row('placeChange.request', 'for themselves', (a) => ({ memberId: a.id }), everyone),
	row('placeChange.request', 'for someone else', { memberId: target.id }, []),
	row('placeChange.cancel', 'their own request', (a) => ({ memberId: a.id }), everyone),
	row('placeChange.cancel', 'someone else’s request', { memberId: target.id }, []),
	row('placeChange.decide', 'a move from London into the North West', { memberId: target.id, toRegionId: NW }, ['admin', 'coordinatorHere']),
	row('placeChange.decide', 'a move from the North West to London', { memberId: target.id, toRegionId: LONDON }, ['admin', 'coordinatorElsewhere']),
	row('placeChange.decide', 'their own request', (a) => ({ memberId: a.id, toRegionId: a.coordinatorRegionId ?? a.regionId }), []),
	row('placeChange.view', 'a move from the North West to London', { memberId: target.id, fromRegionId: NW, toRegionId: LONDON }, ['admin', 'coordinatorHere', 'coordinatorElsewhere']),
	row('placeChange.view', 'their own request', (a) => ({ memberId: a.id, fromRegionId: 'east-midlands', toRegionId: 'east-midlands' }), everyone),
	row('placeChange.list', 'the North West’s requests', { regionId: NW }, ['admin', 'coordinatorHere']),
	row('placeChange.list', 'every region’s requests', { regionId: null }, ['admin']),
	row('member.setRole', 'themselves', (a) => ({ id: a.id }), []),
	row('member.administer', 'the user pages', {}, ['admin']),
	row('member.endAllSessions', 'their own sessions', (a) => ({ id: a.id }), everyone),
	row('member.endAllSessions', 'someone else’s sessions', { id: target.id }, ['admin']),
	row('member.exportData', 'their own data', (a) => ({ id: a.id }), everyone),
	row('member.exportData', 'someone else’s data', { id: target.id }, []),
	row('member.delete', 'their own account', (a) => ({ id: a.id }), everyone),
	row('member.delete', 'someone else’s account', { id: target.id }, []),
	row('mailbox.read', 'the local mailbox', {}, ['admin']),
	row('admin.access', 'the admin pages', {}, ['admin', 'coordinatorHere', 'coordinatorElsewhere']),
	row('audit.read', 'the North West’s audit entries', { regionId: NW }, ['admin', 'coordinatorHere']),
	row('audit.read', 'the whole audit trail', { regionId: null }, ['admin']),
	row('audit.export', 'the audit trail as CSV', {}, ['admin'])
];

describe('policy: network, accounts and admin', () => {
	for (const r of matrix) {
		describe(`${r.action} (${r.what})`, () => {
			for (const who of everyone) {
				const expected = r.allowed.includes(who);
				it(`${expected ? 'allows' : 'denies'} ${who}`, () => {
					expect(can(cast[who], r.action, r.facts(cast[who]))).toBe(expected);
				});
			}
			it('denies a signed-out visitor', () => {
				expect(can(null, r.action, r.facts(cast.memberHere))).toBe(false);
				expect(can(undefined, r.action, r.facts(cast.memberHere))).toBe(false);
			});
		});
	}

	it('authorize throws 403, or 404 when the denial must look like "not found"', () => {
		const status = (fn: () => void) => {
			try {
				fn();
				return 200;
			} catch (e) {
				return (e as { status: number }).status;
			}
		};
		expect(status(() => authorize(cast.memberHere, 'member.invite', { regionId: NW }))).toBe(403);
		expect(status(() => authorize(cast.memberHere, 'member.invite', { regionId: NW }, { hide: true }))).toBe(404);
		expect(status(() => authorize(null, 'member.view', { id: 1 }))).toBe(403);
		expect(status(() => authorize(cast.coordinatorHere, 'member.invite', { regionId: NW }))).toBe(200);
	});
});

/**
 * Facts for any action, built from the actor: every key any rule reads, set to the actor's own
 * (their region, authority, id) or to someone else's. A rule that reads a key not listed here
 * will come out "nobody may" below — add the key here when that happens.
 */
function worlds(a: Actor): Record<string, unknown>[] {
	const other = a.regionId === NW ? LONDON : NW;
	const own = { regionId: a.regionId, authorityId: a.authorityId, checklistAuthorityId: a.authorityId, id: a.id, authorId: a.id, mentorId: a.id, menteeId: 500, memberId: a.id, sharedWithMentorId: null, locked: false, fromRegionId: a.regionId, toRegionId: a.regionId };
	const asMentee = { ...own, mentorId: 500, menteeId: a.id };
	const sharedWithMe = { ...own, memberId: 500, sharedWithMentorId: a.id };
	const theirsHere = { regionId: a.regionId, authorityId: a.authorityId + 1000, checklistAuthorityId: a.authorityId, id: 500, authorId: 500, mentorId: 500, menteeId: 501, memberId: 500, sharedWithMentorId: null, locked: false, fromRegionId: a.regionId, toRegionId: a.regionId };
	const elsewhere = { ...theirsHere, regionId: other, fromRegionId: other, toRegionId: other };
	const national = { ...theirsHere, regionId: null };
	const coordinated = a.coordinatorRegionId ? [{ ...theirsHere, regionId: a.coordinatorRegionId, fromRegionId: other, toRegionId: a.coordinatorRegionId }, { ...theirsHere, regionId: a.coordinatorRegionId, locked: true }] : [];
	return [own, asMentee, sharedWithMe, theirsHere, elsewhere, national, { ...theirsHere, locked: true }, { ...national, locked: true }, ...coordinated];
}

describe('policy: every action', () => {
	it('has a rule for every action and refuses a signed-out visitor everything', () => {
		expect(ACTIONS.length).toBeGreaterThan(30);
		for (const action of ACTIONS) {
			for (const facts of worlds(cast.memberHere)) expect(can(null, action, facts as never), action).toBe(false);
		}
	});

	it('lets someone do each action and stops someone else', () => {
		const nobody: Action[] = [];
		const all: Action[] = [];
		for (const action of ACTIONS) {
			const outcomes = everyone.flatMap((who) => worlds(cast[who]).map((facts) => can(cast[who], action, facts as never)));
			if (!outcomes.includes(true)) nobody.push(action);
			if (!outcomes.includes(false) && !ALWAYS_ALLOWED.has(action)) all.push(action);
		}
		expect(nobody, 'actions nobody may do').toEqual([]);
		expect(all, 'actions everyone may do in every case (list them in ALWAYS_ALLOWED if that is meant)').toEqual([]);
	});

	it('covers every network, account and admin action in the matrix above, both ways', () => {
		const mine = ACTIONS.filter((a) => a.startsWith('member.') || a.startsWith('joinRequest.') || a.startsWith('admin.') || a.startsWith('mailbox.') || a.startsWith('audit.') || a.startsWith('placeChange.'));
		for (const action of mine) {
			const rows = matrix.filter((r) => r.action === action);
			expect(rows.length, `${action} has rows in the matrix`).toBeGreaterThan(0);
			const outcomes = rows.flatMap((r) => everyone.map((who) => r.allowed.includes(who)));
			expect(outcomes, `${action} has an allowed case`).toContain(true);
			if (!ALWAYS_ALLOWED.has(action)) expect(outcomes, `${action} has a denied case`).toContain(false);
		}
	});
});

/** Actions every signed-in member may do to anything (denied only when signed out). */
const ALWAYS_ALLOWED = new Set<Action>(['member.view', 'mentoring.offer', 'mentoring.request']);
