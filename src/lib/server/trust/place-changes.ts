/**
 * Changing a member's authority (and so region), position or "in the role since" date is a
 * request, not a switch. The member asks; until the destination region's coordinator (or an
 * admin) approves, nothing about their access changes. Both regions' coordinators are told by
 * email and see the request in their workbench (/admin/place-changes). On approval the member
 * keeps their sessions, sees the new region at once, their open mentoring request moves with
 * them, and they are told. Admins may change it directly, with a reason. Every step is in the
 * audit trail.
 *
 * This lives in trust/ (above the areas) because approval touches two areas: the network's
 * member row and mentoring's open requests.
 */
import { and, asc, desc, eq, inArray, ne, or } from 'drizzle-orm';
import { db, immediate } from '../db/client';
import { placeChange, type PlaceChange } from '../db/schema';
import { authorize, can, type Actor } from '../auth/policy';
import * as audit from '../auth/audit';
import * as outbox from '../mail/outbox';
import { renderEmail } from '../mail/layout';
import { authorities, authorityById, regionName } from '../network/authorities';
import * as members from '../network/members';
import * as mentorRequests from '../mentoring/requests';
import { POSITIONS, label } from '../../vocab';
import { formatDate } from '../../time';
import { roleStartProblem } from '../validation';

export type PlaceInput = { authorityId: number; position: string; inRoleSince: string | null };
type Meta = { ip?: string };
export type Result<T extends object = object> = ({ ok: true } & T) | { ok: false; message: string; field?: string };

const refuse = (message: string, field?: string): { ok: false; message: string; field?: string } => (field ? { ok: false, message, field } : { ok: false, message });

/** "14 May 2026" for 'YYYY-MM-DD'; "not set" for null. */
export const dayWords = (d: string | null) => (d ? formatDate(Date.parse(`${d}T12:00:00Z`)) : 'not set');
const positionWords = (p: string) => label(POSITIONS, p);

/** The request with its authorities and regions in words. */
export type PlaceChangeView = PlaceChange & {
	memberName: string;
	fromAuthorityName: string;
	toAuthorityName: string;
	fromRegionId: string;
	toRegionId: string;
	fromRegionName: string;
	toRegionName: string;
	/** What changes, one line each ("Authority: Lancashire → Leeds"). */
	changes: string[];
	/** Who may approve it, in words ("Priya Shah, coordinator of the Yorkshire and The Humber network"). */
	approvers: string;
};

function describe(r: PlaceChange, memberName?: string): PlaceChangeView {
	const from = authorityById(r.fromAuthorityId);
	const to = authorityById(r.toAuthorityId);
	const fromRegionId = from?.regionId ?? '';
	const toRegionId = to?.regionId ?? '';
	const changes: string[] = [];
	if (r.fromAuthorityId !== r.toAuthorityId) changes.push(`Authority: ${from?.name ?? 'unknown'} (${regionName(fromRegionId)}) to ${to?.name ?? 'unknown'} (${regionName(toRegionId)})`);
	if (r.fromPosition !== r.toPosition) changes.push(`Position: ${positionWords(r.fromPosition)} to ${positionWords(r.toPosition)}`);
	if (r.fromInRoleSince !== r.toInRoleSince) changes.push(`In the role since: ${dayWords(r.fromInRoleSince)} to ${dayWords(r.toInRoleSince)}`);
	return {
		...r,
		memberName: memberName ?? members.byId(r.memberId)?.name ?? 'Former member',
		fromAuthorityName: from?.name ?? '',
		toAuthorityName: to?.name ?? '',
		fromRegionId,
		toRegionId,
		fromRegionName: regionName(fromRegionId),
		toRegionName: regionName(toRegionId),
		changes,
		approvers: approversWords(toRegionId)
	};
}

/** Who decides a move into a region, in words. */
export function approversWords(regionId: string): string {
	const names = members.regionCoordinators(regionId).map((c) => c.name);
	const where = `the ${regionName(regionId)} network`;
	if (names.length === 0) return `an admin (${where} has no coordinator at the moment)`;
	return `${names.join(' or ')}, ${names.length === 1 ? 'coordinator' : 'coordinators'} of ${where}`;
}

/** The member's pending request, described; null when there is none. */
export function pendingFor(actor: Actor, memberId: number): PlaceChangeView | null {
	const row = db
		.select()
		.from(placeChange)
		.where(and(eq(placeChange.memberId, memberId), eq(placeChange.status, 'pending')))
		.get();
	if (!row) return null;
	const v = describe(row);
	authorize(actor, 'placeChange.view', { memberId, fromRegionId: v.fromRegionId, toRegionId: v.toRegionId });
	return v;
}

/** The member's latest decided request (to say "approved" or "declined, because …" on the profile). */
export function latestDecidedFor(actor: Actor, memberId: number): PlaceChangeView | null {
	authorize(actor, 'placeChange.request', { memberId });
	const row = db
		.select()
		.from(placeChange)
		.where(and(eq(placeChange.memberId, memberId), inArray(placeChange.status, ['approved', 'declined'])))
		.orderBy(desc(placeChange.id))
		.get();
	return row ? describe(row) : null;
}

/** Every request a member made, oldest first, described (for their data download; no check: callers check). */
export function historyOf(memberId: number): PlaceChangeView[] {
	return db
		.select()
		.from(placeChange)
		.where(eq(placeChange.memberId, memberId))
		.orderBy(asc(placeChange.id))
		.all()
		.map((r) => describe(r));
}

/** Whether these values differ from the member's current ones in a way that needs approval. */
export function needsApproval(current: PlaceInput, wanted: PlaceInput): boolean {
	return (
		current.authorityId !== wanted.authorityId ||
		current.position !== wanted.position ||
		// Setting the date for the first time is the member's own business (the welcome asks for it).
		(current.inRoleSince != null && current.inRoleSince !== wanted.inRoleSince)
	);
}

/**
 * A member asks to change their authority, position or date. Refused while another request
 * is waiting, for an unknown authority, or when nothing would change. Emails both regions'
 * coordinators (or the admins, where the destination has none).
 */
export function request(actor: Actor, wanted: PlaceInput & { note?: string }, meta: Meta = {}, now = Date.now()): Result<{ id: number }> {
	authorize(actor, 'placeChange.request', { memberId: actor.id });
	const to = authorityById(wanted.authorityId);
	if (!to) return refuse('Choose an authority from the list', 'authorityId');
	const me = members.byId(actor.id);
	if (!me) return refuse('Your account could not be found');
	const current: PlaceInput = { authorityId: me.authorityId, position: me.position, inRoleSince: me.inRoleSince };
	if (!needsApproval(current, wanted)) return refuse('Change your authority, position or the date you took on the role, or go back', 'authorityId');
	const id = immediate(() => {
		if (db.select({ id: placeChange.id }).from(placeChange).where(and(eq(placeChange.memberId, actor.id), eq(placeChange.status, 'pending'))).get()) return null;
		const row = db
			.insert(placeChange)
			.values({
				memberId: actor.id,
				fromAuthorityId: me.authorityId,
				toAuthorityId: to.id,
				fromPosition: me.position,
				toPosition: wanted.position,
				fromInRoleSince: me.inRoleSince,
				toInRoleSince: wanted.inRoleSince ?? null,
				note: (wanted.note ?? '').trim(),
				createdAt: now
			})
			.returning()
			.get();
		const v = describe(row, me.name);
		notifyCoordinators(v, now);
		audit.record({ actorId: actor.id, action: 'place-change.requested', subjectType: 'member', subjectId: actor.id, regionId: to.regionId, ipAddress: meta.ip, detail: placeDetail(row) }, now);
		return row.id;
	});
	if (id == null) return refuse('You have already asked for a change that is waiting for approval. Cancel that request first to ask for a different one.', 'authorityId');
	return { ok: true, id };
}

/**
 * The structured facts an audit entry keeps about a change (rendered into words when read).
 * `fromRegionId` lets the source region's coordinator find it in their audit trail too.
 */
function placeDetail(r: Pick<PlaceChange, 'id' | 'fromAuthorityId' | 'toAuthorityId' | 'fromPosition' | 'toPosition' | 'fromInRoleSince' | 'toInRoleSince'>) {
	return {
		...(r.id ? { requestId: r.id } : {}),
		fromRegionId: authorityById(r.fromAuthorityId)?.regionId ?? null,
		fromAuthorityId: r.fromAuthorityId,
		toAuthorityId: r.toAuthorityId,
		fromPosition: r.fromPosition,
		toPosition: r.toPosition,
		fromInRoleSince: r.fromInRoleSince,
		toInRoleSince: r.toInRoleSince
	};
}

/** A name fit for a subject line: no control characters, at most 60 characters. */
function subjectName(name: string): string {
	// eslint-disable-next-line no-control-regex
	const clean = name.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
	return clean.length > 60 ? `${clean.slice(0, 59)}…` : clean;
}

function notifyCoordinators(v: PlaceChangeView, now: number) {
	const recipients = new Map<number, { id: number; name: string; email: string; decides: boolean }>();
	for (const c of members.regionCoordinators(v.toRegionId)) recipients.set(c.id, { ...c, decides: true });
	if (recipients.size === 0) for (const a of members.admins()) recipients.set(a.id, { ...a, decides: true });
	if (v.fromRegionId !== v.toRegionId) for (const c of members.regionCoordinators(v.fromRegionId)) if (!recipients.has(c.id)) recipients.set(c.id, { ...c, decides: false });
	recipients.delete(v.memberId);
	for (const r of recipients.values()) {
		const content = renderEmail({
			heading: r.decides ? 'A member asks to change their authority or role' : 'A member of your region asks to move',
			blocks: [
				{ kind: 'paragraph', text: `${v.memberName} asked to change:` },
				{ kind: 'list', items: v.changes.map((text) => ({ text })) },
				...(v.note ? [{ kind: 'paragraph' as const, text: `Their note: “${v.note.slice(0, 500)}”` }] : []),
				{
					kind: 'paragraph',
					text: r.decides
						? 'Nothing changes until you approve it. Until then they keep the access they have now.'
						: `The ${v.toRegionName} coordinator decides. Nothing changes until then; you can see the request in your admin pages.`
				},
				{ kind: 'button', text: r.decides ? 'Review the request' : 'See the request', href: '/admin/place-changes' }
			],
			reason: `You received this email because you coordinate the ${r.decides ? v.toRegionName : v.fromRegionName} network${r.decides && members.regionCoordinators(v.toRegionId).length === 0 ? ' or are an admin' : ''}.`
		});
		outbox.enqueue(
			{ key: `place-change:${v.id}:to:${r.id}`, kind: 'place-change', to: r.email, recipientId: r.id, subject: `Change of authority or role to approve: ${subjectName(v.memberName)}`, ...content },
			now
		);
	}
}

function tellMember(memberId: number, key: string, heading: string, paragraphs: string[], changes: string[], now: number) {
	const m = members.byId(memberId);
	if (!m) return;
	const content = renderEmail({
		heading,
		blocks: [
			{ kind: 'paragraph', text: `Hello ${m.name},` },
			...(changes.length ? [{ kind: 'list' as const, items: changes.map((text) => ({ text })) }] : []),
			...paragraphs.map((text) => ({ kind: 'paragraph' as const, text })),
			{ kind: 'button', text: 'See your profile', href: '/settings/profile' }
		],
		reason: 'You received this email because it is about your Lead Member Network account.'
	});
	outbox.enqueue({ key, kind: 'place-change', to: m.email, recipientId: m.id, subject: heading, ...content }, now);
}

/** The member withdraws their own pending request. */
export function cancel(actor: Actor, meta: Meta = {}, now = Date.now()): Result {
	authorize(actor, 'placeChange.cancel', { memberId: actor.id });
	const row = db
		.update(placeChange)
		.set({ status: 'cancelled', decidedById: actor.id, decidedAt: now })
		.where(and(eq(placeChange.memberId, actor.id), eq(placeChange.status, 'pending')))
		.returning()
		.get();
	if (!row) return refuse('You have no request waiting for approval');
	const v = describe(row);
	audit.record({ actorId: actor.id, action: 'place-change.cancelled', subjectType: 'member', subjectId: actor.id, regionId: v.toRegionId, ipAddress: meta.ip, detail: { requestId: row.id } }, now);
	return { ok: true };
}

/** Requests the actor's workbench shows: pending ones into or out of their region (admins: all), and a few decided lately. */
export function workbench(actor: Actor) {
	const scope = actor.role === 'admin' ? null : actor.coordinatorRegionId;
	authorize(actor, 'placeChange.list', { regionId: scope });
	const authorityIds = scope ? authorities().filter((a) => a.regionId === scope).map((a) => a.id) : null;
	const inScope = authorityIds ? or(inArray(placeChange.fromAuthorityId, authorityIds), inArray(placeChange.toAuthorityId, authorityIds)) : undefined;
	const pending = db
		.select()
		.from(placeChange)
		.where(and(eq(placeChange.status, 'pending'), inScope))
		.orderBy(asc(placeChange.createdAt))
		.all()
		.map((r) => describe(r))
		.map((v) => ({ ...v, canDecide: can(actor, 'placeChange.decide', { memberId: v.memberId, toRegionId: v.toRegionId }) }));
	const decided = db
		.select()
		.from(placeChange)
		.where(and(ne(placeChange.status, 'pending'), inScope))
		.orderBy(desc(placeChange.decidedAt))
		.limit(10)
		.all()
		.map((r) => ({ ...describe(r), decidedByName: r.decidedById ? (members.byId(r.decidedById)?.name ?? 'Former member') : null }));
	return { pending, decided, scopeName: scope ? regionName(scope) : null };
}

/** Pending requests the actor may decide (for the admin home badge). */
export function waitingCount(actor: Actor): number {
	const scope = actor.role === 'admin' ? null : actor.coordinatorRegionId;
	if (!can(actor, 'placeChange.list', { regionId: scope })) return 0;
	return workbench(actor).pending.filter((p) => p.canDecide).length;
}

/** One pending request the actor may decide; null otherwise (shown as not found). */
export function forDecision(actor: Actor, id: number): PlaceChangeView | null {
	const row = db.select().from(placeChange).where(eq(placeChange.id, id)).get();
	if (!row || row.status !== 'pending') return null;
	const v = describe(row);
	return can(actor, 'placeChange.decide', { memberId: v.memberId, toRegionId: v.toRegionId }) ? v : null;
}

/** Claims a pending request for a decision; null when it was no longer pending. */
function claim(id: number, status: 'approved' | 'declined', by: number, reason: string, now: number): PlaceChange | null {
	return (
		db
			.update(placeChange)
			.set({ status, decidedById: by, decidedAt: now, reason })
			.where(and(eq(placeChange.id, id), eq(placeChange.status, 'pending')))
			.returning()
			.get() ?? null
	);
}

/** Moves a member to a place and lets their open mentoring request follow. */
function move(memberId: number, to: PlaceInput, now: number) {
	members.applyPlace(memberId, to, now);
	const regionId = authorityById(to.authorityId)?.regionId;
	if (regionId) mentorRequests.followMember(memberId, regionId, now);
}

/**
 * The destination region's coordinator (or an admin) approves: the member's authority, position
 * and date change at once; their sessions stay (the next page they open sees the new region).
 * The source region's coordinator may not approve (403), nor may the member.
 */
export function approve(actor: Actor, id: number, meta: Meta = {}, now = Date.now()): Result {
	const row = db.select().from(placeChange).where(eq(placeChange.id, id)).get();
	if (!row) return refuse('That request could not be found');
	const v = describe(row);
	authorize(actor, 'placeChange.decide', { memberId: v.memberId, toRegionId: v.toRegionId });
	if (row.status !== 'pending') return refuse(`That request was already ${row.status}`);
	const done = immediate(() => {
		const claimed = claim(id, 'approved', actor.id, '', now);
		if (!claimed) return false;
		move(claimed.memberId, { authorityId: claimed.toAuthorityId, position: claimed.toPosition, inRoleSince: claimed.toInRoleSince }, now);
		tellMember(claimed.memberId, `place-change:${id}:approved`, 'Your change of authority or role was approved', ['Your profile now shows the change, and you see what members of your region see.'], v.changes, now);
		audit.record({ actorId: actor.id, action: 'place-change.approved', subjectType: 'member', subjectId: claimed.memberId, regionId: v.toRegionId, ipAddress: meta.ip, detail: placeDetail(claimed) }, now);
		return true;
	});
	return done ? { ok: true } : refuse('Someone else has just decided that request');
}

/** Declines with a reason, which the member is told. */
export function decline(actor: Actor, id: number, reason: string, meta: Meta = {}, now = Date.now()): Result {
	const row = db.select().from(placeChange).where(eq(placeChange.id, id)).get();
	if (!row) return refuse('That request could not be found');
	const v = describe(row);
	authorize(actor, 'placeChange.decide', { memberId: v.memberId, toRegionId: v.toRegionId });
	const why = reason.trim();
	if (why.length < 10) return refuse('Enter a reason of at least 10 characters: the member is told it', 'reason');
	if (row.status !== 'pending') return refuse(`That request was already ${row.status}`);
	const done = immediate(() => {
		const claimed = claim(id, 'declined', actor.id, why, now);
		if (!claimed) return false;
		tellMember(claimed.memberId, `place-change:${id}:declined`, 'Your change of authority or role was not approved', [`The reason given: “${why.slice(0, 1000)}”`, 'Your profile stays as it was. You can ask again from your profile.'], v.changes, now);
		audit.record({ actorId: actor.id, action: 'place-change.declined', subjectType: 'member', subjectId: claimed.memberId, regionId: v.toRegionId, ipAddress: meta.ip, detail: { ...placeDetail(claimed), reason: why } }, now);
		return true;
	});
	return done ? { ok: true } : refuse('Someone else has just decided that request');
}

/**
 * An admin changes a member's authority, position or date directly, with a reason (kept in the
 * audit trail and told to the member). A request the member had waiting is closed by it.
 */
export function setDirectly(actor: Actor, memberId: number, to: PlaceInput, reason: string, meta: Meta = {}, now = Date.now()): Result {
	authorize(actor, 'member.changePlace', { id: memberId });
	const m = members.byId(memberId);
	if (!m) return refuse('That member could not be found');
	const auth = authorityById(to.authorityId);
	if (!auth) return refuse('Choose an authority from the list', 'authorityId');
	const started = to.inRoleSince ? roleStartProblem(to.inRoleSince, now, 'they') : null;
	if (started) return refuse(started, 'inRoleSince');
	const why = reason.trim();
	if (why.length < 10) return refuse('Enter the reason for the change, at least 10 characters', 'reason');
	const from = { id: 0, fromAuthorityId: m.authorityId, toAuthorityId: to.authorityId, fromPosition: m.position, toPosition: to.position, fromInRoleSince: m.inRoleSince, toInRoleSince: to.inRoleSince };
	if (from.fromAuthorityId === from.toAuthorityId && from.fromPosition === from.toPosition && from.fromInRoleSince === from.toInRoleSince) return refuse('Nothing would change. Choose a different authority, position or date', 'authorityId');
	const changes = describe({ ...from, memberId, note: '', status: 'approved', decidedById: actor.id, decidedAt: now, reason: why, createdAt: now } as PlaceChange, m.name).changes;
	immediate(() => {
		const closed = db
			.update(placeChange)
			.set({ status: 'cancelled', decidedById: actor.id, decidedAt: now, reason: 'An admin changed the member’s details directly' })
			.where(and(eq(placeChange.memberId, memberId), eq(placeChange.status, 'pending')))
			.run().changes;
		move(memberId, to, now);
		tellMember(memberId, `place-change:direct:${memberId}:${now}`, 'An admin changed your authority or role', [`The reason given: “${why.slice(0, 1000)}”`, ...(closed ? ['The request you had waiting is closed.'] : [])], changes, now);
		audit.record({ actorId: actor.id, action: 'place-change.direct', subjectType: 'member', subjectId: memberId, regionId: auth.regionId, ipAddress: meta.ip, detail: { ...placeDetail(from), reason: why } }, now);
	});
	return { ok: true };
}

export type ProfileInput = members.ProfileUpdate & PlaceInput;

/**
 * Saves the member's own profile form: what they may change at once is saved; a different
 * authority, position or (already set) date becomes a request for approval. All or nothing: an
 * unknown authority, or a second request while one waits, writes nothing.
 */
export function saveProfile(actor: Actor, input: ProfileInput, meta: Meta = {}, now = Date.now()): Result<{ requested: PlaceChangeView | null }> {
	authorize(actor, 'member.editProfile', { id: actor.id });
	const me = members.byId(actor.id);
	if (!me) return refuse('Your account could not be found');
	if (!authorityById(input.authorityId)) return refuse('Choose an authority from the list', 'authorityId');
	const started = input.inRoleSince ? roleStartProblem(input.inRoleSince, now) : null;
	if (started) return refuse(started, 'inRoleSince');
	const current: PlaceInput = { authorityId: me.authorityId, position: me.position, inRoleSince: me.inRoleSince };
	const wanted: PlaceInput = { authorityId: input.authorityId, position: input.position, inRoleSince: input.inRoleSince };
	const asks = needsApproval(current, wanted);
	return immediate(() => {
		let requested: PlaceChangeView | null = null;
		if (asks) {
			const r = request(actor, wanted, meta, now);
			if (!r.ok) return r;
			requested = pendingFor(actor, actor.id);
		}
		members.updateProfile(actor, actor.id, { name: input.name, party: input.party, background: input.background, expertise: input.expertise, bio: input.bio, inRoleSince: asks ? null : input.inRoleSince }, now);
		const name = input.name.trim();
		if (name !== me.name) audit.record({ actorId: actor.id, action: 'member.name-changed', subjectType: 'member', subjectId: actor.id, regionId: authorityById(me.authorityId)?.regionId, ipAddress: meta.ip, detail: { from: me.name, to: name } }, now);
		if (!asks && me.inRoleSince == null && input.inRoleSince)
			audit.record({ actorId: actor.id, action: 'member.in-role-since-set', subjectType: 'member', subjectId: actor.id, regionId: authorityById(me.authorityId)?.regionId, ipAddress: meta.ip, detail: { to: input.inRoleSince } }, now);
		return { ok: true as const, requested };
	});
}
