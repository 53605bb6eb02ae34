/** Requests to join: anyone may ask; the region's coordinator or an admin decides. */
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { db, immediate } from '../db/client';
import { authority, joinRequest, member, type JoinRequest } from '../db/schema';
import { can, type Actor } from '../auth/policy';
import * as audit from '../auth/audit';
import * as outbox from '../mail/outbox';
import { renderEmail } from '../mail/layout';
import { authorityById } from './authorities';
import * as members from './members';
import * as invites from './invites';
import * as limits from '../auth/rate-limit';
import { quoted } from '../validation';
import { config } from '../config';

export type JoinInput = { name: string; email: string; authorityId: number; position: string; message: string };

const HOUR = 60 * 60 * 1000;
/** Requests naming one email address per day: past it they are held (answered as usual, nothing stored or sent). */
export const REQUESTS_PER_EMAIL_PER_DAY = 3;
/** Join-request emails to one coordinator or admin per hour: past it requests wait on the page without an email each. */
export const NOTICES_PER_RECIPIENT_PER_HOUR = 5;

/**
 * Records a request and tells the region's coordinator and the admins. Says the same whether or
 * not the address is known. Limited per network address (refused, `limited`) and per email
 * address (held: a pending request for the address, or too many for it lately, makes nothing
 * new); the emails about requests are limited per recipient, and the requester's own words
 * never reach a subject line unquoted.
 */
export function submit(input: JoinInput, meta: { ip?: string } = {}, now = Date.now()): { ok: true } | { ok: false; reason: 'limited' } {
	const ipKey = `join:ip:${meta.ip ?? 'unknown'}`;
	// Requests from one network address per hour (JOIN_REQUESTS_PER_ADDRESS, default 5): past it the form says to wait.
	if (limits.isLimited(ipKey, config().joinRequestsPerAddress, HOUR, now)) return { ok: false, reason: 'limited' };
	limits.record(ipKey, now);
	const auth = authorityById(input.authorityId);
	if (!auth) return { ok: true };
	const email = members.normaliseEmail(input.email);
	if (members.findByEmail(email)) return { ok: true }; // already a member: nothing to do, nothing revealed
	const emailKey = `join:email:${email}`;
	if (limits.isLimited(emailKey, REQUESTS_PER_EMAIL_PER_DAY, 24 * HOUR, now)) return { ok: true };
	limits.record(emailKey, now);
	const pending = db.select({ id: joinRequest.id }).from(joinRequest).where(and(eq(joinRequest.email, email), eq(joinRequest.status, 'pending'))).get();
	if (pending) return { ok: true };
	immediate(() => {
		const row = db
			.insert(joinRequest)
			.values({ name: input.name.trim(), email, authorityId: auth.id, position: input.position, message: input.message.trim(), createdAt: now })
			.returning()
			.get();
		for (const r of members.coordinatorsAndAdmins(auth.regionId)) {
			const noticeKey = `join-notice:${r.id}`;
			if (limits.isLimited(noticeKey, NOTICES_PER_RECIPIENT_PER_HOUR, HOUR, now)) continue; // it waits on the join requests page
			limits.record(noticeKey, now);
			const content = renderEmail({
				heading: 'Someone asked to join the network',
				blocks: [
					{ kind: 'paragraph', text: `${row.name} (${auth.name}) asked to join the Lead Member Network.` },
					...(row.message ? [{ kind: 'paragraph' as const, text: `Their message: “${row.message.slice(0, 500)}”` }] : []),
					{ kind: 'button', text: 'Review the request', href: '/admin/join-requests' }
				],
				reason: `You received this email because you coordinate the ${auth.regionName} network or are an admin.`
			});
			outbox.enqueue({ key: `join-request:${row.id}:to:${r.id}`, kind: 'join-request', to: r.email, recipientId: r.id, subject: `Request to join from ${quoted(row.name)}, ${auth.name}`, ...content }, now);
		}
	});
	return { ok: true };
}

/** Pending requests the actor may decide. */
export function listPending(actor: Actor) {
	const regionIds = actor.role === 'admin' ? null : actor.coordinatorRegionId ? [actor.coordinatorRegionId] : [];
	if (regionIds && regionIds.length === 0) return [];
	return db
		.select({ request: joinRequest, authorityName: authority.name, regionId: authority.regionId })
		.from(joinRequest)
		.innerJoin(authority, eq(authority.id, joinRequest.authorityId))
		.where(and(eq(joinRequest.status, 'pending'), regionIds ? inArray(authority.regionId, regionIds) : undefined))
		.orderBy(asc(joinRequest.createdAt))
		.all();
}

/** Requests the actor could decide that were decided lately, newest first. */
export function recentlyDecided(actor: Actor, limit = 20) {
	const regionIds = actor.role === 'admin' ? null : actor.coordinatorRegionId ? [actor.coordinatorRegionId] : [];
	if (regionIds && regionIds.length === 0) return [];
	return db
		.select({ request: joinRequest, authorityName: authority.name, regionId: authority.regionId, decidedByName: member.name })
		.from(joinRequest)
		.innerJoin(authority, eq(authority.id, joinRequest.authorityId))
		.leftJoin(member, eq(member.id, joinRequest.decidedById))
		.where(and(ne(joinRequest.status, 'pending'), regionIds ? inArray(authority.regionId, regionIds) : undefined))
		.orderBy(desc(joinRequest.decidedAt))
		.limit(limit)
		.all();
}

/** One pending request the actor may decide, with its authority's name; null otherwise. */
export function forDecision(actor: Actor, id: number) {
	const req = load(id);
	if (!req || req.status !== 'pending' || !can(actor, 'joinRequest.decide', { regionId: req.regionId })) return null;
	return { ...req, authorityName: authorityById(req.authorityId)?.name ?? '' };
}

function load(id: number): (JoinRequest & { regionId: string }) | null {
	const row = db.select().from(joinRequest).where(eq(joinRequest.id, id)).get();
	const auth = row && authorityById(row.authorityId);
	return row && auth ? { ...row, regionId: auth.regionId } : null;
}

/** Moves a pending request to its decision; false when it was no longer pending. */
function claim(id: number, status: 'approved' | 'declined', by: number, now: number): boolean {
	return (
		db
			.update(joinRequest)
			.set({ status, decidedById: by, decidedAt: now })
			.where(and(eq(joinRequest.id, id), eq(joinRequest.status, 'pending')))
			.run().changes === 1
	);
}

export type DecideResult = { ok: true } | { ok: false; message: string };

/** Approves a request: sends the invite. */
export function approve(actor: Actor, id: number, meta: { ip?: string } = {}, now = Date.now()): DecideResult {
	const req = load(id);
	if (!req || !can(actor, 'joinRequest.decide', { regionId: req.regionId })) return { ok: false, message: 'That request could not be found' };
	if (req.status !== 'pending') return { ok: false, message: `That request was already ${req.status}` };
	// Claim the request first, so two people deciding at once send one invite.
	if (!claim(id, 'approved', actor.id, now)) return { ok: false, message: 'Someone else has just decided that request' };
	const res = invites.create(actor, { email: req.email, name: req.name, authorityId: req.authorityId, position: req.position, joinRequestId: req.id }, meta, now);
	if (!res.ok) return { ok: false, message: res.message };
	audit.record({ actorId: actor.id, action: 'join-request.approved', subjectType: 'join-request', subjectId: id, regionId: req.regionId, ipAddress: meta.ip });
	return { ok: true };
}

/** Declines a request with a polite email. */
export function decline(actor: Actor, id: number, meta: { ip?: string } = {}, now = Date.now()): DecideResult {
	const req = load(id);
	if (!req || !can(actor, 'joinRequest.decide', { regionId: req.regionId })) return { ok: false, message: 'That request could not be found' };
	if (req.status !== 'pending') return { ok: false, message: `That request was already ${req.status}` };
	const claimed = immediate(() => {
		if (!claim(id, 'declined', actor.id, now)) return false;
		const content = renderEmail({
			heading: 'Your request to join the Lead Member Network',
			blocks: [
				{ kind: 'paragraph', text: `Dear ${req.name},` },
				{
					kind: 'paragraph',
					text: 'Thank you for asking to join the Lead Member Network. The network is for councillors and others who share responsibility for children’s services, and your regional coordinator was not able to approve this request.'
				},
				{ kind: 'paragraph', text: 'If you think this is a mistake, please contact your council’s children’s services team, who can put you in touch with the regional coordinator.' }
			],
			reason: 'You received this email because this address was used to ask to join the Lead Member Network.'
		});
		outbox.enqueue({ key: `join-request:${id}:declined`, kind: 'join-declined', to: req.email, subject: 'Your request to join the Lead Member Network', ...content }, now);
		return true;
	});
	if (!claimed) return { ok: false, message: 'Someone else has just decided that request' };
	audit.record({ actorId: actor.id, action: 'join-request.declined', subjectType: 'join-request', subjectId: id, regionId: req.regionId, ipAddress: meta.ip });
	return { ok: true };
}

/** The name on each request to join, by id (for the audit trail; unknown ids are left out). */
export function namesOf(ids: number[]): Map<number, string> {
	if (ids.length === 0) return new Map();
	return new Map(db.select({ id: joinRequest.id, name: joinRequest.name }).from(joinRequest).where(inArray(joinRequest.id, ids)).all().map((r) => [r.id, r.name]));
}
