/**
 * Reading the audit trail (admins: everything; coordinators: their region's entries — those
 * tagged with the region, or done by or to a member of it). Read only: nothing here, or
 * anywhere in the app, edits an entry.
 */
import { and, desc, eq, gte, inArray, like, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { db } from '../db/client';
import { auditEvent, authority, member } from '../db/schema';
import { authorize, can, type Actor } from '../auth/policy';
import { regionName } from '../network/authorities';

/** Kinds of action, for the filter: each a label and the action prefixes it covers. */
export const ACTION_GROUPS = [
	['security', 'Signing in and account security', ['sign-in', 'two-factor', 'reauth', 'password', 'email']],
	['members', 'Members, roles and invitations', ['member', 'invite', 'join-request']],
	['moderation', 'Discussions and moderation', ['post', 'thread', 'report', 'category']],
	['mentoring', 'Mentoring', ['mentoring', 'pairing']],
	['training', 'Training events', ['event']],
	['succession', 'Succession checklists', ['checklist', 'template']],
	['digests', 'Digests', ['digest']]
] as const;

export type ActionGroup = (typeof ACTION_GROUPS)[number][0];

/** What each action means, in words. Unknown actions are shown as they are recorded. */
export const ACTION_WORDS: Record<string, string> = {
	'sign-in': 'Signed in with a password',
	'sign-in.failed': 'Failed to sign in',
	'sign-in.limited': 'Sign-in refused: too many attempts',
	'sign-in.link': 'Signed in with an emailed link',
	'sign-in.two-factor': 'Gave a two-factor code to sign in',
	'two-factor.enabled': 'Turned on two-factor authentication',
	'two-factor.changed': 'Moved to a new authenticator app',
	'two-factor.disabled': 'Turned off two-factor authentication',
	'two-factor.reset-by-admin': 'Two-factor turned off by an admin',
	'two-factor.failed': 'Gave a wrong two-factor code',
	'two-factor.limited': 'Code refused: too many wrong codes',
	'two-factor.code-accepted': 'Gave a two-factor code',
	'two-factor.recovery-code-used': 'Used a recovery code',
	'two-factor.recovery-codes-created': 'Made new recovery codes',
	'two-factor.browsers-forgotten': 'Forgot remembered browsers',
	reauth: 'Confirmed it was them again',
	'reauth.failed': 'Failed to confirm it was them',
	'password.changed': 'Changed their password',
	'password.reset': 'Reset their password',
	'email.changed': 'Changed their email address',
	'member.role-changed': 'Changed a member’s role',
	'member.deactivated': 'Deactivated an account',
	'member.reactivated': 'Reactivated an account',
	'member.authority-changed': 'Moved a member to another authority',
	'member.sessions-ended': 'Ended all of a member’s sessions',
	'member.data-exported': 'Downloaded their data',
	'member.delete-refused': 'Account deletion refused: wrong password',
	'member.deleted': 'Deleted their account',
	'invite.sent': 'Sent an invitation',
	'invite.accepted': 'Accepted an invitation',
	'invite.withdrawn': 'Withdrew an invitation',
	'join-request.approved': 'Approved a request to join',
	'join-request.declined': 'Declined a request to join',
	'post.hidden': 'Hid a post',
	'post.unhidden': 'Showed a hidden post again',
	'report.dismissed': 'Dismissed a report',
	'thread.locked': 'Locked a thread',
	'thread.unlocked': 'Unlocked a thread',
	'thread.pinned': 'Pinned a thread',
	'thread.unpinned': 'Unpinned a thread',
	'thread.moved': 'Moved a thread',
	'thread.answer-accepted': 'Accepted an answer',
	'category.created': 'Created a category',
	'category.renamed': 'Renamed a category',
	'category.archived': 'Archived a category',
	'category.restored': 'Restored a category',
	'checklist.item-updated': 'Changed a checklist item',
	'checklist.election-set': 'Set an election date',
	'checklist.reminder-sent': 'Sent a succession reminder',
	'checklist.upgraded': 'Moved a checklist to a new template',
	'template.published': 'Published a checklist template',
	'digest.sent': 'Sent a regional digest',
	'digest.scheduled': 'Scheduled a regional digest',
	'digest.unscheduled': 'Unscheduled a regional digest'
};

/** An action in words. */
export function describeAction(action: string): string {
	return ACTION_WORDS[action] ?? action.replace(/[.-]/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export type AuditFilter = {
	group?: ActionGroup;
	/** Part of a member's name or email: entries done by or to them. */
	who?: string;
	regionId?: string;
	/** 'YYYY-MM-DD' (UK dates, inclusive) as epoch ms bounds. */
	from?: number;
	to?: number;
	/** Keyset: entries older than this id. */
	before?: number;
	limit?: number;
};

export type AuditRow = {
	id: number;
	at: number;
	action: string;
	words: string;
	actor: { id: number; name: string } | null;
	actorLabel: string;
	subject: { type: string; id: string; name: string | null; memberId: number | null } | null;
	region: string | null;
	ipAddress: string;
	detail: string;
};

const membersOfRegion = (regionId: string) =>
	sql`(select ${member.id} from ${member} inner join ${authority} on ${authority.id} = ${member.authorityId} where ${authority.regionId} = ${regionId})`;

/** Which regions' entries an actor may read: null = all (admins), or one region (coordinators). */
export function scopeOf(actor: Actor): { all: true } | { all: false; regionId: string } | null {
	if (can(actor, 'audit.read', { regionId: null })) return { all: true };
	if (actor.role === 'coordinator' && actor.coordinatorRegionId && can(actor, 'audit.read', { regionId: actor.coordinatorRegionId })) {
		return { all: false, regionId: actor.coordinatorRegionId };
	}
	return null;
}

function detailText(d: Record<string, unknown> | null): string {
	if (!d) return '';
	return Object.entries(d)
		.map(([k, v]) => `${k}: ${typeof v === 'object' && v != null ? JSON.stringify(v) : String(v)}`)
		.join('; ')
		.slice(0, 500);
}

/** A page of entries, newest first, with names resolved. 403 for anyone who may not read any. */
export function list(actor: Actor, f: AuditFilter = {}): { rows: AuditRow[]; next: number | null; scope: 'all' | string } {
	const scope = scopeOf(actor);
	authorize(actor, 'audit.read', { regionId: scope && !scope.all ? scope.regionId : null });
	if (!scope) throw new Error('unreachable');
	const where: SQL[] = [];
	const regionFilter = scope.all ? f.regionId : scope.regionId;
	if (regionFilter) {
		where.push(
			or(
				eq(auditEvent.regionId, regionFilter),
				inArray(auditEvent.actorId, membersOfRegion(regionFilter)),
				and(eq(auditEvent.subjectType, 'member'), sql`cast(${auditEvent.subjectId} as integer) in ${membersOfRegion(regionFilter)}`)
			)!
		);
	}
	if (f.group) {
		const prefixes = ACTION_GROUPS.find(([k]) => k === f.group)?.[2] ?? [];
		where.push(or(...prefixes.flatMap((p) => [eq(auditEvent.action, p), like(auditEvent.action, `${p}.%`)]))!);
	}
	if (f.who) {
		const q = `%${f.who.toLowerCase().replace(/[%_\\]/g, (c) => '\\' + c)}%`;
		const ids = sql`(select ${member.id} from ${member} where lower(${member.name}) like ${q} escape '\\' or ${member.email} like ${q} escape '\\')`;
		where.push(or(inArray(auditEvent.actorId, ids), and(eq(auditEvent.subjectType, 'member'), sql`cast(${auditEvent.subjectId} as integer) in ${ids}`))!);
	}
	if (f.from != null) where.push(gte(auditEvent.at, f.from));
	if (f.to != null) where.push(lte(auditEvent.at, f.to));
	if (f.before != null) where.push(lt(auditEvent.id, f.before));
	const limit = f.limit ?? 50;
	const rows = db
		.select()
		.from(auditEvent)
		.where(and(...where))
		.orderBy(desc(auditEvent.id))
		.limit(limit + 1)
		.all();
	const page = rows.slice(0, limit);
	const memberIds = new Set<number>();
	for (const r of page) {
		if (r.actorId != null) memberIds.add(r.actorId);
		if (r.subjectType === 'member' && r.subjectId && /^\d+$/.test(r.subjectId)) memberIds.add(Number(r.subjectId));
	}
	const names = new Map(
		memberIds.size
			? db
					.select({ id: member.id, name: member.name })
					.from(member)
					.where(inArray(member.id, [...memberIds]))
					.all()
					.map((m) => [m.id, m.name])
			: []
	);
	const out: AuditRow[] = page.map((r) => {
		const subjectMemberId = r.subjectType === 'member' && r.subjectId && /^\d+$/.test(r.subjectId) ? Number(r.subjectId) : null;
		return {
			id: r.id,
			at: r.at,
			action: r.action,
			words: describeAction(r.action),
			actor: r.actorId != null ? { id: r.actorId, name: names.get(r.actorId) ?? 'Former member' } : null,
			actorLabel: r.actorId != null ? (names.get(r.actorId) ?? 'Former member') : r.action === 'member.deleted' ? 'Former member' : 'Someone not signed in',
			subject: r.subjectType
				? {
						type: r.subjectType,
						id: r.subjectId ?? '',
						name: subjectMemberId != null ? (names.get(subjectMemberId) ?? 'Former member') : null,
						memberId: subjectMemberId != null && names.has(subjectMemberId) ? subjectMemberId : null
					}
				: null,
			region: r.regionId ? regionName(r.regionId) : null,
			ipAddress: r.ipAddress,
			detail: detailText(r.detail)
		};
	});
	return { rows: out, next: rows.length > limit ? page.at(-1)!.id : null, scope: scope.all ? 'all' : scope.regionId };
}
