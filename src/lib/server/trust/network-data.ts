/**
 * The network's own part of data rights (profile, account, sessions, two-factor, email
 * choices, emails sent, emails received from them and their engagement, the audit trail, join
 * requests and invitations) — the part no area
 * owns. Every area adds its own part through its `data-rights.ts` (see ./areas.ts).
 */
import { and, asc, desc, eq, gte, inArray, or, sql } from 'drizzle-orm';
import { db } from '../db/client';
import { auditEvent, invite, joinRequest, member, outboxMessage, rateLimitEvent } from '../db/schema';
import * as members from '../network/members';
import * as preferences from '../mail/preferences';
import * as inbound from '../mail/inbound';
import * as engagement from '../mail/engagement';
import { bounceStatus, lastInboundAt } from '../mail/bounces';
import { config } from '../config';
import * as twoFactor from '../network/two-factor';
import * as recovery from '../auth/recovery-codes';
import * as devices from '../auth/trusted-devices';
import { describeUserAgent, endAllSessions, listSessions } from '../auth/session';
import { authorityById, regionName } from '../network/authorities';
import { POSITIONS, ROLES, TOPICS, label } from '../../vocab';
import { EMAILS_KEPT_DAYS } from './retention';
import { describeRows } from './audit-log';
import * as placeChanges from './place-changes';

const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());

/** Audit entries done by the member or about them. */
function auditWhere(memberId: number) {
	return or(eq(auditEvent.actorId, memberId), and(eq(auditEvent.subjectType, 'member'), eq(auditEvent.subjectId, String(memberId))));
}

/** Everything the network itself holds about a member, as plain data. */
export function exportNetworkData(memberId: number, now = Date.now()): Record<string, unknown> {
	const m = members.byId(memberId);
	if (!m) return {};
	const authority = authorityById(m.authorityId);
	const since = now - EMAILS_KEPT_DAYS * 86_400_000;
	const emails = db
		.select()
		.from(outboxMessage)
		.where(and(or(eq(outboxMessage.recipientId, memberId), eq(outboxMessage.toAddress, m.email)), gte(outboxMessage.createdAt, since)))
		.orderBy(desc(outboxMessage.createdAt))
		.all();
	const audit = db.select().from(auditEvent).where(auditWhere(memberId)).orderBy(asc(auditEvent.id)).all();
	const prefs = preferences.get(memberId);
	const seen = engagement.of(memberId, m.createdAt, now);
	const bounce = bounceStatus(memberId, now);
	const rawDays = config().inbound.rawDays;
	const tfAt = twoFactor.enabledAt(memberId);
	return {
		profile: {
			name: m.name,
			email: m.email,
			handle: `@${m.handle}`,
			authority: authority?.name ?? null,
			region: regionName(authority?.regionId),
			position: label(POSITIONS, m.position),
			partyOrGroup: m.party,
			inTheRoleSince: m.inRoleSince,
			professionalBackground: m.background,
			areasOfExpertise: m.expertise.map((t) => label(TOPICS, t)),
			bio: m.bio
		},
		account: {
			memberNumber: m.id,
			role: label(ROLES, m.role),
			coordinatorOf: m.coordinatorRegionId ? regionName(m.coordinatorRegionId) : null,
			joined: iso(m.createdAt),
			profileLastChanged: iso(m.updatedAt),
			lastSignIn: iso(m.lastSignInAt),
			deactivated: iso(m.deactivatedAt),
			password: m.passwordHash ? 'Set (we keep only a one-way hash of it, which is not included here)' : 'Not set'
		},
		sessions: listSessions(memberId, now).map((s) => ({
			browser: describeUserAgent(s.userAgent),
			userAgent: s.userAgent,
			ipAddress: s.ipAddress,
			signedIn: iso(s.createdAt),
			lastUsed: iso(s.lastUsedAt)
		})),
		twoFactorAuthentication: {
			on: tfAt != null,
			since: iso(tfAt),
			recoveryCodesLeft: tfAt != null ? recovery.remaining(memberId) : 0,
			rememberedBrowsers: devices.listFor(memberId, now).map((d) => ({
				browser: describeUserAgent(d.userAgent),
				remembered: iso(d.createdAt),
				lastUsed: iso(d.lastUsedAt),
				until: iso(d.expiresAt)
			})),
			note: 'The secret key of your authenticator app and your recovery codes are not included: they would let anyone holding this file sign in as you.'
		},
		emailPreferences: {
			personalDigest: prefs.digestFrequency,
			digestWeekday: prefs.digestWeekday,
			digestHourUkTime: prefs.digestHour,
			regionalDigest: prefs.regionalDigest,
			notifications: Object.fromEntries(Object.entries(prefs.notifications).map(([k, v]) => [preferences.NOTIFICATION_KINDS[k as preferences.NotificationKind]?.label ?? k, v]))
		},
		emailYouSentToTheNetwork: inbound.forMember(memberId, m.email).map((r) => ({
			received: iso(r.receivedAt),
			via: r.via,
			from: r.fromAddress ?? r.envelopeFrom,
			toReplyAddress: r.toKey,
			subject: r.subject,
			whatHappened: r.outcome,
			what: r.action,
			why: r.reason,
			whereItWasPosted: r.outcome === 'posted' ? r.resultPath : null,
			wholeEmailKept: r.hasRaw ? `until ${iso(r.receivedAt + rawDays * 86_400_000)} (not included here: ask an admin for a copy)` : 'no longer (only this record is kept)'
		})),
		emailAndActivity: {
			lastOnTheSite: iso(seen.seenAt),
			lastActive: iso(seen.activeAt),
			lastEmailToTheNetwork: iso(lastInboundAt(memberId)),
			areYouStillThereEmailSent: seen.askedForActiveAt != null ? `yes, after being quiet since ${iso(seen.askedForActiveAt)}` : 'no',
			sendMyDigestEvenWhenIHaveBeenOnTheSite: prefs.digestWhenVisited,
			addressBouncing: bounce.bouncing,
			bounceScore: bounce.score,
			lastBounce: bounce.lastAt != null ? { at: iso(bounce.lastAt), kind: bounce.lastKind, detail: bounce.lastDetail } : null,
			note: `Emails are paused when you have not been on the site nor emailed the network for ${config().inactiveMonths} months (after one “are you still there?” email), and while your address bounces.`
		},
		emailsSentToYouInTheLast90Days: emails.map((e) => ({
			to: e.toAddress,
			subject: e.subject,
			kind: e.kind,
			status: e.status,
			queued: iso(e.createdAt),
			sent: iso(e.sentAt),
			text: e.text
		})),
		auditTrail: describeRows(audit, false).map((a, i) => ({
			at: iso(a.at),
			whatHappened: a.text,
			action: a.action,
			byYou: audit[i].actorId === memberId,
			ipAddress: a.ipAddress,
			detail: audit[i].detail
		})),
		changesOfAuthorityOrRole: placeChanges.historyOf(memberId).map((c) => ({
			asked: iso(c.createdAt),
			changes: c.changes,
			yourNote: c.note,
			status: c.status,
			decided: iso(c.decidedAt),
			reason: c.reason
		})),
		joinRequests: db
			.select({ createdAt: joinRequest.createdAt, message: joinRequest.message, status: joinRequest.status, decidedAt: joinRequest.decidedAt })
			.from(joinRequest)
			.where(eq(joinRequest.email, m.email))
			.all()
			.map((j) => ({ asked: iso(j.createdAt), message: j.message, status: j.status, decided: iso(j.decidedAt) })),
		invitationsToYou: db
			.select({ createdAt: invite.createdAt, usedAt: invite.usedAt, name: invite.name })
			.from(invite)
			.where(eq(invite.email, m.email))
			.all()
			.map((i) => ({ sent: iso(i.createdAt), accepted: iso(i.usedAt), nameOnInvitation: i.name }))
	};
}

/**
 * Removes what the network holds about a member, before the member row itself is deleted
 * (which cascades to sessions, tokens, email choices and two-factor): emails to them,
 * invitations and join requests with their address, rate-limit counters naming them; their
 * audit entries keep the action and time but lose the address and details.
 */
export function eraseNetworkData(memberId: number): void {
	const m = members.byId(memberId);
	if (!m) return;
	const email = m.email.toLowerCase();
	endAllSessions(memberId);
	inbound.eraseFor(memberId, email);
	db.delete(outboxMessage)
		.where(or(eq(outboxMessage.recipientId, memberId), sql`lower(${outboxMessage.toAddress}) = ${email}`))
		.run();
	db.delete(invite).where(sql`lower(${invite.email}) = ${email}`).run();
	db.delete(joinRequest).where(sql`lower(${joinRequest.email}) = ${email}`).run();
	db.delete(rateLimitEvent)
		.where(
			or(
				sql`instr(lower(${rateLimitEvent.key}), ${email}) > 0`,
				inArray(rateLimitEvent.key, [
					`two-factor-fail:member:${memberId}`,
					`two-factor-fail:day:${memberId}`,
					`reauth-fail:${memberId}`,
					`password-recheck-fail:${memberId}`
				])
			)
		)
		.run();
	db.update(auditEvent).set({ ipAddress: '', detail: null }).where(auditWhere(memberId)).run();
	db.update(auditEvent)
		.set({ detail: null })
		.where(sql`instr(lower(${auditEvent.detail}), ${email}) > 0`)
		.run();
}

/** Deletes the member row (the database cascades or clears every reference to it). */
export function deleteMemberRow(memberId: number): void {
	db.delete(member).where(eq(member.id, memberId)).run();
}

/** Members other than this one with exactly the same name (then the name alone cannot be scrubbed). */
export function nameIsShared(memberId: number, name: string): boolean {
	return (
		db
			.select({ id: member.id })
			.from(member)
			.where(and(sql`lower(${member.name}) = ${name.toLowerCase()}`, sql`${member.id} <> ${memberId}`))
			.limit(1)
			.get() != null
	);
}
