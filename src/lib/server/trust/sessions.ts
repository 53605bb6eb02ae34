/**
 * Admins' view of one member's sign-in: their active sessions, two-factor state, remembered
 * browsers — and "end all sessions of this member", which also forgets their remembered
 * browsers so the next sign-in needs the password and a code again.
 */
import { authorize, type Actor } from '../auth/policy';
import * as audit from '../auth/audit';
import * as devices from '../auth/trusted-devices';
import * as twoFactor from '../network/two-factor';
import { describeUserAgent, endAllSessions, listSessions } from '../auth/session';
import * as members from '../network/members';

/** A member's sessions and two-factor state for the admin page; null when there is no such member. */
export function memberSecurity(actor: Actor, memberId: number, now = Date.now()) {
	authorize(actor, 'member.administer', {});
	const m = members.profile(memberId);
	if (!m) return null;
	const enabledAt = twoFactor.enabledAt(memberId);
	return {
		member: { id: m.id, name: m.name, email: m.email, role: m.role, active: m.deactivatedAt == null, regionName: m.regionName },
		sessions: listSessions(memberId, now).map((s) => ({ browser: describeUserAgent(s.userAgent), ipAddress: s.ipAddress, createdAt: s.createdAt, lastUsedAt: s.lastUsedAt })),
		twoFactor: { enabled: enabledAt != null, enabledAt, required: twoFactor.requiredFor(m.role) },
		rememberedBrowsers: devices.countFor(memberId, now),
		self: memberId === actor.id
	};
}

/** Ends every session of a member and forgets their remembered browsers; audited. */
export function endAllSessionsOf(actor: Actor, memberId: number, meta: { ip: string }, now = Date.now()): { ended: number; browsersForgotten: number } | null {
	authorize(actor, 'member.administer', {});
	authorize(actor, 'member.endAllSessions', { id: memberId });
	const m = members.profile(memberId);
	if (!m) return null;
	const ended = endAllSessions(memberId);
	const browsersForgotten = devices.forgetAll(memberId);
	audit.record({ actorId: actor.id, action: 'member.sessions-ended', subjectType: 'member', subjectId: memberId, regionId: m.regionId, ipAddress: meta.ip, detail: { ended, browsersForgotten } }, now);
	return { ended, browsersForgotten };
}
