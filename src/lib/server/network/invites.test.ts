import { describe, expect, it } from 'vitest';
import { makeMember, authorityId } from '../../../../tests/support/members';
import * as outbox from '../mail/outbox';
import { hashPassword } from '../auth/password';
import * as invites from './invites';
import * as members from './members';
import { authorityGroups } from './authorities';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-11-23T09:00:00Z');
let n = 0;
const address = () => `invitee-${++n}-${Math.random().toString(36).slice(2, 7)}@council.example.org`;

/** The link token in the invitation email to `to`. */
function inviteToken(to: string): string {
	const m = /\/invite\/([a-z0-9]+)/.exec(outbox.messagesTo(to)[0]?.text ?? '');
	if (!m) throw new Error(`No invitation link in the email to ${to}`);
	return m[1];
}

describe('sending invitations', () => {
	it('lets an admin invite into any authority and emails a single-use link', () => {
		const admin = makeMember({ role: 'admin' });
		const to = address();
		const result = invites.create(admin.actor, { email: to, name: 'Nadia Okafor', authorityId: authorityId('Cornwall'), position: 'lead-member' }, {}, NOW);
		expect(result.ok).toBe(true);
		const mail = outbox.messagesTo(to)[0];
		expect(mail.subject).toMatch(/invitation/i);
		expect(mail.text).toContain('Cornwall');
		const token = inviteToken(to);
		expect(token.length).toBeGreaterThanOrEqual(26);
		expect(result.ok && result.invite.tokenHash).not.toBe(token);
	});

	it('lets a coordinator invite into their own region only', () => {
		const coordinator = makeMember({ role: 'coordinator', coordinatorRegionId: 'north-west' });
		expect(invites.create(coordinator.actor, { email: address(), name: 'A', authorityId: authorityId('Lancashire'), position: 'deputy' }, {}, NOW).ok).toBe(true);
		expect(() => invites.create(coordinator.actor, { email: address(), name: 'B', authorityId: authorityId('Leeds'), position: 'deputy' }, {}, NOW)).toThrow();
		expect(invites.invitableAuthorities(coordinator.actor).every((a) => a.regionId === 'north-west')).toBe(true);
		expect(invites.invitableAuthorities(coordinator.actor).length).toBeGreaterThan(10);
	});

	it('does not let a member invite anyone', () => {
		const m = makeMember();
		expect(() => invites.create(m.actor, { email: address(), name: 'C', authorityId: m.authorityId, position: 'other' }, {}, NOW)).toThrow();
		expect(invites.invitableAuthorities(m.actor)).toEqual([]);
	});

	it('refuses to invite an existing member, and an unknown authority', () => {
		const admin = makeMember({ role: 'admin' });
		const existing = makeMember();
		expect(invites.create(admin.actor, { email: existing.email.toUpperCase(), name: 'D', authorityId: existing.authorityId, position: 'other' }, {}, NOW)).toMatchObject({ ok: false, field: 'email' });
		expect(invites.create(admin.actor, { email: address(), name: 'E', authorityId: 999_999, position: 'other' }, {}, NOW)).toMatchObject({ ok: false, field: 'authorityId' });
	});

	it('makes only the newest invitation to an address work', async () => {
		const admin = makeMember({ role: 'admin' });
		const to = address();
		invites.create(admin.actor, { email: to, name: 'F', authorityId: authorityId('Leeds'), position: 'other' }, {}, NOW);
		const first = inviteToken(to);
		invites.create(admin.actor, { email: to, name: 'F', authorityId: authorityId('Leeds'), position: 'other' }, {}, NOW + 1000);
		const second = inviteToken(to);
		expect(second).not.toBe(first);
		expect(invites.find(first, NOW + 2000)).toEqual({ ok: false, reason: 'replaced' });
		expect(invites.explain('replaced')).toMatch(/newer invitation/);
		expect(invites.find(second, NOW + 2000).ok).toBe(true);
	});

	it('says how many earlier links a new invitation replaced', () => {
		const admin = makeMember({ role: 'admin' });
		const to = address();
		const first = invites.create(admin.actor, { email: to, name: 'G', authorityId: authorityId('Leeds'), position: 'other' }, {}, NOW);
		expect(first).toMatchObject({ ok: true, replaced: 0 });
		const second = invites.create(admin.actor, { email: to.toUpperCase(), name: 'G', authorityId: authorityId('Leeds'), position: 'other' }, {}, NOW + 1000);
		expect(second).toMatchObject({ ok: true, replaced: 1 });
		// An expired invitation is not "replaced": its link had stopped working already.
		const later = invites.create(admin.actor, { email: to, name: 'G', authorityId: authorityId('Leeds'), position: 'other' }, {}, NOW + 15 * DAY);
		expect(later).toMatchObject({ ok: true, replaced: 0 });
	});

	it('lists the authorities a coordinator may invite into in the regions’ usual order, like the join form', () => {
		const admin = makeMember({ role: 'admin' });
		const nw = makeMember({ role: 'coordinator', coordinatorRegionId: 'north-west' });
		const regionsInOrder = authorityGroups().map((g) => g.label);
		expect(invites.invitableGroups(admin.actor).map((g) => g.label)).toEqual(regionsInOrder);
		expect(invites.invitableGroups(nw.actor).map((g) => g.label)).toEqual(['North West']);
	});
});

describe('accepting an invitation', () => {
	it('creates the member with the invited authority and position, once', async () => {
		const admin = makeMember({ role: 'admin' });
		const to = address();
		invites.create(admin.actor, { email: to, name: 'Gareth Lloyd', authorityId: authorityId('Kent'), position: 'scrutiny-chair' }, {}, NOW);
		const token = inviteToken(to);
		const passwordHash = await hashPassword('a sound passphrase here');
		const result = invites.accept(token, { name: 'Gareth Lloyd', passwordHash }, NOW + DAY);
		expect(result.ok).toBe(true);
		const m = members.findByEmail(to)!;
		expect(m).toMatchObject({ name: 'Gareth Lloyd', authorityId: authorityId('Kent'), position: 'scrutiny-chair', role: 'member' });
		expect(invites.accept(token, { name: 'Someone Else', passwordHash }, NOW + DAY)).toEqual({ ok: false, reason: 'used' });
		expect(invites.find(token, NOW + DAY)).toEqual({ ok: false, reason: 'used' });
	});

	it('expires after 14 days', () => {
		const admin = makeMember({ role: 'admin' });
		const to = address();
		invites.create(admin.actor, { email: to, name: 'H', authorityId: authorityId('Kent'), position: 'other' }, {}, NOW);
		const token = inviteToken(to);
		expect(invites.find(token, NOW + 14 * DAY - 1).ok).toBe(true);
		expect(invites.accept(token, { name: 'H', passwordHash: 'x' }, NOW + 14 * DAY)).toEqual({ ok: false, reason: 'expired' });
		expect(members.findByEmail(to)).toBeNull();
	});

	it('lets only one of two simultaneous acceptances through', async () => {
		const admin = makeMember({ role: 'admin' });
		const to = address();
		invites.create(admin.actor, { email: to, name: 'Iris', authorityId: authorityId('Kent'), position: 'other' }, {}, NOW);
		const token = inviteToken(to);
		// Two browsers submit at once: each hashes its password (async), then accepts.
		const attempt = async (password: string) => invites.accept(token, { name: 'Iris', passwordHash: await hashPassword(password) }, NOW + 1000);
		const results = await Promise.all([attempt('first browser passphrase'), attempt('second browser passphrase')]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'used' }]);
		expect(members.directory(admin.actor, { q: 'Iris', includeInactive: true }).members.filter((m) => m.email === to)).toHaveLength(1);
	});

	it('says unknown for a made-up, empty or huge token', () => {
		expect(invites.find('not-a-real-token', NOW)).toEqual({ ok: false, reason: 'unknown' });
		expect(invites.find('', NOW)).toEqual({ ok: false, reason: 'unknown' });
		expect(invites.find('a'.repeat(10_000), NOW)).toEqual({ ok: false, reason: 'unknown' });
	});
});

describe('open invitations', () => {
	it('are listed for the region’s coordinator and admins, and can be withdrawn', () => {
		const admin = makeMember({ role: 'admin' });
		const nw = makeMember({ role: 'coordinator', coordinatorRegionId: 'north-west' });
		const london = makeMember({ role: 'coordinator', coordinatorRegionId: 'london' });
		const to = address();
		const created = invites.create(nw.actor, { email: to, name: 'J', authorityId: authorityId('Wigan'), position: 'other' }, {}, NOW);
		const id = created.ok ? created.invite.id : 0;
		const token = inviteToken(to);
		expect(invites.listOpen(nw.actor, NOW).some((i) => i.id === id)).toBe(true);
		expect(invites.listOpen(admin.actor, NOW).some((i) => i.id === id)).toBe(true);
		expect(invites.listOpen(london.actor, NOW).some((i) => i.id === id)).toBe(false);
		expect(invites.withdraw(london.actor, id, {}, NOW)).toBe(false);
		expect(invites.withdraw(nw.actor, id, {}, NOW)).toBe(true);
		expect(invites.withdraw(nw.actor, id, {}, NOW)).toBe(false);
		expect(invites.find(token, NOW)).toEqual({ ok: false, reason: 'withdrawn' });
		expect(invites.listOpen(nw.actor, NOW).some((i) => i.id === id)).toBe(false);
	});
});
