/** Invitations: an admin invites anyone; a coordinator invites into their own region. */
import { and, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { db, immediate } from '../db/client';
import { invite, type Invite } from '../db/schema';
import { authorize, can, type Actor } from '../auth/policy';
import { hashToken, randomToken } from '../auth/crypto';
import * as audit from '../auth/audit';
import * as tokens from '../auth/tokens';
import * as outbox from '../mail/outbox';
import { renderEmail } from '../mail/layout';
import { authorities, authorityById, authorityGroups } from './authorities';
import * as members from './members';

export const INVITE_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export type InviteInput = { email: string; name: string; authorityId: number; position: string; joinRequestId?: number | null };

/** `replaced`: how many earlier invitations to the same address stopped working (only the newest link works). */
export type InviteResult = { ok: true; invite: Invite; replaced: number } | { ok: false; field: 'email' | 'authorityId'; message: string };

/** Creates an invite and queues its email; an earlier open invitation to the address stops working. */
export function create(actor: Actor, input: InviteInput, meta: { ip?: string } = {}, now = Date.now()): InviteResult {
	const auth = authorityById(input.authorityId);
	if (!auth) return { ok: false, field: 'authorityId', message: 'Choose the authority from the list' };
	authorize(actor, 'member.invite', { regionId: auth.regionId });
	const email = members.normaliseEmail(input.email);
	if (members.findByEmail(email)) return { ok: false, field: 'email', message: 'This person is already a member of the network' };
	const token = randomToken(20);
	const { row, replaced } = immediate(() => {
		// Revoke earlier open invites to the same address: only the newest link works.
		const replaced = db
			.update(invite)
			.set({ revokedAt: now })
			.where(and(eq(invite.email, email), isNull(invite.usedAt), isNull(invite.revokedAt), gt(invite.expiresAt, now)))
			.run().changes;
		const created = db
			.insert(invite)
			.values({
				email,
				name: input.name.trim(),
				authorityId: auth.id,
				position: input.position,
				tokenHash: hashToken(token),
				invitedById: actor.id,
				joinRequestId: input.joinRequestId ?? null,
				expiresAt: now + INVITE_TTL_MS,
				createdAt: now
			})
			.returning()
			.get();
		const inviter = members.profile(actor.id);
		const content = renderEmail({
			heading: 'You are invited to the Lead Member Network',
			preheader: `${inviter?.name ?? 'A coordinator'} has invited you to join England’s network of Lead Members for Children’s Services.`,
			blocks: [
				{ kind: 'paragraph', text: `${input.name ? `Dear ${input.name},` : 'Hello,'}` },
				{
					kind: 'paragraph',
					text: `${inviter?.name ?? 'A network coordinator'} has invited you to join the Lead Member Network for ${auth.name}: a private place to ask other Lead Members questions between meetings, find a mentor, keep a training log and plan for succession.`
				},
				{ kind: 'button', text: 'Accept your invitation', href: `/invite/${token}` },
				{ kind: 'paragraph', text: 'The link works once and expires in 14 days. If you were not expecting this, you can ignore this email.' }
			],
			reason: 'You received this email because a network coordinator or admin invited this address.'
		});
		outbox.enqueue({ key: `invite:${created.id}`, kind: 'invite', to: email, subject: 'Your invitation to the Lead Member Network', ...content }, now);
		return { row: created, replaced };
	});
	audit.record({ actorId: actor.id, action: 'invite.sent', subjectType: 'invite', subjectId: row.id, regionId: auth.regionId, ipAddress: meta.ip, detail: { email } });
	return { ok: true, invite: row, replaced };
}

/**
 * Why a link does not work: `replaced` (a newer invitation to the same address was sent, so only
 * its link works), `withdrawn` (a coordinator or admin withdrew it), `used`, `expired`, or
 * `unknown` (no such link: mistyped or cut short).
 */
export type InviteProblem = 'unknown' | 'used' | 'expired' | 'replaced' | 'withdrawn';
export type InviteState = { ok: true; invite: Invite } | { ok: false; reason: InviteProblem };

/** Looks an invite up by its link token. */
export function find(token: string, now = Date.now()): InviteState {
	if (!token || token.length > 200) return { ok: false, reason: 'unknown' };
	const row = db.select().from(invite).where(eq(invite.tokenHash, hashToken(token))).get();
	if (!row) return { ok: false, reason: 'unknown' };
	if (row.revokedAt != null) return { ok: false, reason: replacedBy(row) ? 'replaced' : 'withdrawn' };
	if (row.usedAt != null) return { ok: false, reason: 'used' };
	if (now >= row.expiresAt) return { ok: false, reason: 'expired' };
	return { ok: true, invite: row };
}

/**
 * Accepts an invite: creates the member with the name and password given. Single use — a
 * second acceptance (even a simultaneous one) gets `used`.
 */
export function accept(token: string, input: { name: string; passwordHash: string; inRoleSince?: string | null }, now = Date.now()) {
	return immediate(() => {
		const state = find(token, now);
		if (!state.ok) return state;
		if (members.findByEmail(state.invite.email)) return { ok: false as const, reason: 'used' as const };
		db.update(invite).set({ usedAt: now }).where(eq(invite.id, state.invite.id)).run();
		const m = members.create({ email: state.invite.email, name: input.name, passwordHash: input.passwordHash, authorityId: state.invite.authorityId, position: state.invite.position, inRoleSince: input.inRoleSince ?? null }, now);
		audit.record({ actorId: m.id, action: 'invite.accepted', subjectType: 'invite', subjectId: state.invite.id, regionId: authorityById(m.authorityId)?.regionId });
		return { ok: true as const, memberId: m.id };
	});
}

/** The invitation sent to the same address that revoked this one (sent in the same moment), if any. */
function replacedBy(row: Invite): Invite | undefined {
	return db
		.select()
		.from(invite)
		.where(and(eq(invite.email, row.email), eq(invite.createdAt, row.revokedAt!), gt(invite.id, row.id)))
		.get();
}

/** Words for an invitation link that cannot be used, for the page that says so. */
export function explain(reason: InviteProblem): string {
	if (reason === 'replaced') return 'A newer invitation has been sent to the same email address, so this link no longer works. Use the link in the most recent invitation email.';
	if (reason === 'withdrawn') return 'This invitation has been withdrawn by the coordinator or admin who sent it.';
	return tokens.explain(reason, 'invitation');
}

/** Open invites the actor may see (admins: all; coordinators: their region). */
export function listOpen(actor: Actor, now = Date.now()) {
	const rows = db
		.select()
		.from(invite)
		.where(and(isNull(invite.usedAt), isNull(invite.revokedAt), gt(invite.expiresAt, now)))
		.orderBy(desc(invite.createdAt))
		.limit(200)
		.all();
	return rows.filter((r) => {
		const a = authorityById(r.authorityId);
		return a && can(actor, 'member.invite', { regionId: a.regionId });
	});
}

/** The authorities the actor may invite into (admins: all; coordinators: their region's). */
export function invitableAuthorities(actor: Actor) {
	return authorities().filter((a) => can(actor, 'member.invite', { regionId: a.regionId }));
}

/** The same, grouped by region in the regions' usual order (as the join form lists them). */
export function invitableGroups(actor: Actor) {
	return authorityGroups((a) => can(actor, 'member.invite', { regionId: a.regionId }));
}

/** Withdraws an open invite: its link stops working. False when it is not open or not the actor's to withdraw. */
export function withdraw(actor: Actor, id: number, meta: { ip?: string } = {}, now = Date.now()): boolean {
	const row = db.select().from(invite).where(eq(invite.id, id)).get();
	const auth = row && authorityById(row.authorityId);
	if (!row || !auth || !can(actor, 'member.invite', { regionId: auth.regionId })) return false;
	const changed = db
		.update(invite)
		.set({ revokedAt: now })
		.where(and(eq(invite.id, id), isNull(invite.usedAt), isNull(invite.revokedAt)))
		.run().changes;
	if (changed === 0) return false;
	audit.record({ actorId: actor.id, action: 'invite.withdrawn', subjectType: 'invite', subjectId: id, regionId: auth.regionId, ipAddress: meta.ip, detail: { email: row.email } }, now);
	return true;
}

/** Who each invitation was for (name, or the address when no name was given), by id; for the audit trail. */
export function labelsOf(ids: number[]): Map<number, string> {
	if (ids.length === 0) return new Map();
	return new Map(
		db
			.select({ id: invite.id, name: invite.name, email: invite.email })
			.from(invite)
			.where(inArray(invite.id, ids))
			.all()
			.map((r) => [r.id, r.name || r.email])
	);
}
