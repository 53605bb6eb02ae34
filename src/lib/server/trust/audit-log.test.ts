import { describe, expect, it } from 'vitest';
import { generateHOTP } from '@oslojs/otp';
import * as audit from '../auth/audit';
import * as accounts from '../network/accounts';
import { hashPassword } from '../auth/password';
import { createSession } from '../auth/session';
import * as twoFactor from '../network/two-factor';
import * as members from '../network/members';
import { makeMember } from '../../../../tests/support/members';
import { exportFor } from './export';
import { deleteAccount } from './erase';
import { describeAction, list } from './audit-log';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const IP = '192.0.2.44';

/** The HTTP status of a SvelteKit error thrown by fn. */
function statusOf(fn: () => unknown): number | null {
	try {
		fn();
		return null;
	} catch (e) {
		return (e as { status?: number }).status ?? null;
	}
}

describe('reading the audit trail', () => {
	it('admins read everything; coordinators only their region; members nothing', () => {
		const admin = makeMember({ role: 'admin', authority: 'Westminster' });
		const nw = makeMember({ role: 'coordinator', coordinatorRegionId: 'north-west', authority: 'Salford' });
		const lancs = makeMember({ authority: 'Lancashire', name: 'Audit Lancs Person' });
		const leeds = makeMember({ authority: 'Leeds', name: 'Audit Leeds Person' });
		// One tagged with the region; one untagged but done by a member of the region; one elsewhere.
		audit.record({ actorId: admin.id, action: 'member.role-changed', subjectType: 'member', subjectId: lancs.id, regionId: 'north-west' }, NOW);
		audit.record({ actorId: lancs.id, action: 'sign-in', subjectType: 'member', subjectId: lancs.id, ipAddress: IP }, NOW + 1);
		audit.record({ actorId: leeds.id, action: 'sign-in', subjectType: 'member', subjectId: leeds.id, ipAddress: IP }, NOW + 2);
		audit.record({ actorId: null, action: 'sign-in.failed', ipAddress: IP, detail: { email: 'nobody@example.net' } }, NOW + 3);

		const all = list(admin.actor).rows;
		expect(all.map((r) => r.action)).toEqual(expect.arrayContaining(['member.role-changed', 'sign-in', 'sign-in.failed']));
		const mine = list(nw.actor);
		expect(mine.scope).toBe('north-west');
		const seen = mine.rows.map((r) => [r.action, r.subject?.name]);
		expect(seen).toContainEqual(['member.role-changed', 'Audit Lancs Person']);
		expect(seen).toContainEqual(['sign-in', 'Audit Lancs Person']);
		expect(seen).not.toContainEqual(['sign-in', 'Audit Leeds Person']);
		expect(mine.rows.some((r) => r.action === 'sign-in.failed' && r.actor == null)).toBe(false);
		// A coordinator cannot widen their view with the region filter.
		expect(list(nw.actor, { regionId: 'yorkshire-humber' }).rows.some((r) => r.subject?.name === 'Audit Leeds Person')).toBe(false);
		expect(statusOf(() => list(lancs.actor))).toBe(403);
	});

	it('filters by kind of action, by person, by region and by dates, and pages by keyset', () => {
		const admin = makeMember({ role: 'admin' });
		const who = makeMember({ name: 'Filterable Fiona', authority: 'Leeds' });
		for (let i = 0; i < 5; i++) audit.record({ actorId: who.id, action: 'sign-in', subjectType: 'member', subjectId: who.id, ipAddress: IP }, NOW + i * 60_000);
		audit.record({ actorId: admin.id, action: 'post.hidden', subjectType: 'post', subjectId: 9, regionId: 'yorkshire-humber' }, NOW);
		expect(list(admin.actor, { who: 'filterable fi' }).rows).toHaveLength(5);
		expect(list(admin.actor, { who: 'Filterable', group: 'moderation' }).rows).toHaveLength(0);
		expect(list(admin.actor, { group: 'moderation', regionId: 'yorkshire-humber' }).rows.map((r) => r.action)).toContain('post.hidden');
		expect(list(admin.actor, { who: 'Filterable', from: NOW + 2 * 60_000, to: NOW + 3 * 60_000 }).rows).toHaveLength(2);
		const first = list(admin.actor, { who: 'Filterable', limit: 3 });
		expect(first.rows).toHaveLength(3);
		const second = list(admin.actor, { who: 'Filterable', limit: 3, before: first.next! });
		expect(second.rows).toHaveLength(2);
		expect(second.next).toBeNull();
		expect(list(admin.actor, { who: '%' }).rows.every((r) => r.actor?.name.includes('%') || r.subject?.name?.includes('%'))).toBe(true);
	});

	it('describes actions in words', () => {
		expect(describeAction('two-factor.enabled')).toBe('Turned on two-factor authentication');
		expect(describeAction('something.new-here')).toBe('Something new here');
	});
});

describe('sensitive actions are audited', () => {
	it('sign-ins and failures, two-factor changes, exports, end-sessions and deletions', async () => {
		const admin = makeMember({ role: 'admin' });
		const passwordHash = await hashPassword('the right password here');
		const m = makeMember({ name: 'Audited Person', email: 'audited@example.org', passwordHash, authority: 'Lancashire' });
		await accounts.signIn('audited@example.org', 'wrong password here', { ip: IP }, NOW);
		await accounts.signIn('audited@example.org', 'the right password here', { ip: IP }, NOW + 1);
		const s = createSession(m.id, {}, NOW);
		const setup = twoFactor.beginSetup(m.actor, NOW);
		const key = twoFactor.decodeSecret(setup.secret);
		twoFactor.confirmSetup(m.actor, s.session.id, generateHOTP(key, BigInt(Math.floor(NOW / 30_000)), 6), { ip: IP }, NOW);
		twoFactor.regenerateRecoveryCodes(m.actor, { ip: IP }, NOW + 2);
		exportFor(m.actor, m.id, 'json', { ip: IP }, NOW + 3);
		members.endSessionsOf(admin.actor, m.id, { ip: IP });
		twoFactor.turnOff(m.actor, { ip: IP }, NOW + 4);

		const actions = list(admin.actor, { who: 'Audited Person' }).rows.map((r) => r.action);
		for (const a of ['sign-in.failed', 'sign-in', 'two-factor.enabled', 'two-factor.recovery-codes-created', 'member.data-exported', 'member.sessions-ended', 'two-factor.disabled']) {
			expect(actions).toContain(a);
		}
		const entry = list(admin.actor, { who: 'Audited Person', group: 'security' }).rows.find((r) => r.action === 'two-factor.enabled')!;
		expect(entry).toMatchObject({ ipAddress: IP, region: 'North West', actor: { id: m.id, name: 'Audited Person' } });

		expect(await deleteAccount(m.actor, m.id, { password: 'the right password here' }, { ip: IP }, NOW + 5)).toEqual({ ok: true });
		const after = list(admin.actor, { group: 'members' }).rows.find((r) => r.action === 'member.deleted' && r.subject?.id === String(m.id))!;
		expect(after).toMatchObject({ actorLabel: 'Former member', region: 'North West', ipAddress: '' });
		// Their earlier entries remain, without the person.
		const earlier = list(admin.actor, { group: 'security' }).rows.filter((r) => r.subject?.id === String(m.id));
		expect(earlier.length).toBeGreaterThan(3);
		expect(earlier.every((r) => r.ipAddress === '' && r.subject?.name === 'Former member')).toBe(true);
	});
});
