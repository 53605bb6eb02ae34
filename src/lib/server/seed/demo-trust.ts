/**
 * Demo data for the trust area: the demo admin and coordinator use two-factor sign-in with one
 * fixed, published key (DEMO_TOTP_SECRET — add it to any authenticator app to sign in as them),
 * and the audit trail has a few weeks of history so the audit page has something to show.
 * Never use a published key outside the demo.
 */
import type { DemoContext } from './context';
import * as audit from '../auth/audit';
import * as twoFactor from '../network/two-factor';
import { placeChange } from '../db/schema';
import { isoDate } from '../../time';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Seeds two-factor for the demo admin and coordinator, and some audit history. */
export function seedTrust(ctx: DemoContext): void {
	const key = twoFactor.decodeSecret(twoFactor.DEMO_TOTP_SECRET);
	const admin = ctx.memberId('admin@example.org');
	const coordinator = ctx.memberId('coordinator@example.org');
	const mentor = ctx.memberId('mentor@example.org');
	const member = ctx.memberId('member@example.org');
	const regionOf = (id: number) => ctx.members.find((m) => m.id === id)?.regionId ?? null;
	const at = (daysAgo: number, hour = 9) => ctx.now - daysAgo * DAY + hour * HOUR - 9 * HOUR;

	twoFactor.enableWithKey(admin, key, at(85));
	twoFactor.enableWithKey(coordinator, key, at(80));

	const log = (daysAgo: number, hour: number, e: Omit<audit.AuditInput, 'regionId'> & { regionId?: string | null }) =>
		audit.record({ regionId: e.subjectId != null && e.subjectType === 'member' ? regionOf(Number(e.subjectId)) : null, ...e }, at(daysAgo, hour));

	log(85, 10, { actorId: admin, action: 'two-factor.enabled', subjectType: 'member', subjectId: admin, ipAddress: '192.0.2.10' });
	log(82, 11, { actorId: admin, action: 'member.role-changed', subjectType: 'member', subjectId: coordinator, ipAddress: '192.0.2.10', detail: { from: 'member', to: 'coordinator', coordinatorRegionId: 'north-west' } });
	log(80, 9, { actorId: coordinator, action: 'two-factor.enabled', subjectType: 'member', subjectId: coordinator, ipAddress: '198.51.100.23' });

	// A few weeks of signing in, with the odd mistyped password.
	const people = [
		{ id: admin, ip: '192.0.2.10' },
		{ id: coordinator, ip: '198.51.100.23' },
		{ id: mentor, ip: '203.0.113.54' },
		{ id: member, ip: '203.0.113.77' }
	];
	for (let d = 28; d >= 1; d--) {
		for (const p of people) {
			if (ctx.random() < 0.55) continue;
			const hour = 7 + Math.floor(ctx.random() * 12);
			if (ctx.random() < 0.1) log(d, hour, { actorId: p.id, action: 'sign-in.failed', subjectType: 'member', subjectId: p.id, ipAddress: p.ip });
			log(d, hour, { actorId: p.id, action: 'sign-in', subjectType: 'member', subjectId: p.id, ipAddress: p.ip });
			if (p.id === admin || p.id === coordinator) log(d, hour, { actorId: p.id, action: 'sign-in.two-factor', subjectType: 'member', subjectId: p.id, ipAddress: p.ip, detail: { method: 'app' } });
		}
	}
	log(6, 14, { actorId: member, action: 'member.data-exported', subjectType: 'member', subjectId: member, ipAddress: '203.0.113.77', detail: { format: 'json' } });
	log(3, 16, { actorId: null, action: 'sign-in.failed', ipAddress: '198.51.100.200', detail: { email: 'someone@example.net' } });

	// A change of role waiting for the North West coordinator: Lancashire has moved from the
	// deputy model to sharing the portfolio between two cabinet members.
	const aisha = ctx.memberId('aisha.patel@example.org');
	const lancashire = ctx.authorityId('Lancashire');
	const request = ctx.db
		.insert(placeChange)
		.values({
			memberId: aisha,
			fromAuthorityId: lancashire,
			toAuthorityId: lancashire,
			fromPosition: 'deputy',
			toPosition: 'cabinet-sharing',
			fromInRoleSince: '2026-06-03',
			toInRoleSince: isoDate(at(9)),
			note: 'After the cabinet reshuffle the portfolio is split: I now hold education and SEND in cabinet, and Tom keeps social care and corporate parenting.',
			createdAt: at(2, 18)
		})
		.returning({ id: placeChange.id })
		.get();
	const fromRegionId = regionOf(aisha);
	log(2, 18, {
		actorId: aisha,
		action: 'place-change.requested',
		subjectType: 'member',
		subjectId: aisha,
		ipAddress: '203.0.113.91',
		detail: { requestId: request.id, fromRegionId, fromAuthorityId: lancashire, toAuthorityId: lancashire, fromPosition: 'deputy', toPosition: 'cabinet-sharing', fromInRoleSince: '2026-06-03', toInRoleSince: isoDate(at(9)) }
	});
}
