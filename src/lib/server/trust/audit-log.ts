/**
 * Reading the audit trail (admins: everything; coordinators: their region's entries — those
 * tagged with the region, or done by or to a member of it). Read only: nothing here, or
 * anywhere in the app, edits an entry.
 */
import { and, desc, eq, gte, inArray, like, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { db } from '../db/client';
import { auditEvent, type AuditEvent } from '../db/schema';
import { authorize, can, type Actor } from '../auth/policy';
import { authorityById, regionById, regionName } from '../network/authorities';
import * as members from '../network/members';
import * as invites from '../network/invites';
import * as joinRequests from '../network/join-requests';
import * as posts from '../discussions/posts';
import * as categories from '../discussions/categories';
import * as events from '../training/events';
import * as pairings from '../mentoring/pairings';
import * as proposals from '../mentoring/proposals';
import * as regionalDigests from '../digests/regional';
import { plain, sentence, type Lookup, type Part } from './audit-words';
import { toCsv } from '../csv';
import { formatDateTime, isoDate, londonDateTimeToUtc } from '../../time';

/** Kinds of action, for the filter: each a label and the action prefixes it covers. */
export const ACTION_GROUPS = [
	['security', 'Signing in and account security', ['sign-in', 'two-factor', 'reauth', 'password', 'email']],
	['members', 'Members, roles and invitations', ['member', 'invite', 'join-request', 'place-change']],
	['moderation', 'Discussions and moderation', ['post', 'thread', 'report', 'category']],
	['mail', 'Mail delivery', ['mail']],
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
	'sign-in.new-browser': 'Signed in from a new browser',
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
	'member.name-changed': 'Changed a name',
	'member.in-role-since-set': 'Gave the date they took on the role',
	'place-change.requested': 'Asked to change authority or role',
	'place-change.approved': 'Approved a change of authority or role',
	'place-change.declined': 'Declined a change of authority or role',
	'place-change.cancelled': 'Cancelled a request to change authority or role',
	'place-change.direct': 'Changed a member’s authority or role directly',
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
	'post.by-email': 'Replied in a thread by email',
	'thread.by-email': 'Asked a question by email',
	'pairing.note-by-email': 'Added a meeting note by email',
	'category.created': 'Created a category',
	'category.renamed': 'Renamed a category',
	'category.archived': 'Archived a category',
	'category.restored': 'Restored a category',
	'mentoring.proposal-confirmed': 'Proposed a mentor',
	'mentoring.proposal-withdrawn': 'Withdrew a mentoring proposal',
	'mentoring.proposal-accepted': 'Accepted a mentoring proposal',
	'mentoring.proposal-declined': 'Declined a mentoring proposal',
	'mentoring.pairing-closed': 'Closed a mentoring pairing',
	'event.publish': 'Published an event',
	'event.update': 'Changed an event',
	'event.cancel': 'Cancelled an event',
	'mail.retried': 'Retried an email',
	'checklist.item-updated': 'Changed a checklist item',
	'checklist.item-reopened': 'Sent a not-applicable checklist item back to do',
	'checklist.election-set': 'Set an election date',
	'checklist.reminder-sent': 'Sent a succession reminder',
	'checklist.upgraded': 'Moved a checklist to a new template',
	'template.published': 'Published a checklist template',
	'digest.sent': 'Sent a regional digest',
	'digest.scheduled': 'Scheduled a regional digest',
	'digest.unscheduled': 'Unscheduled a regional digest',
	'digest.test-sent': 'Sent a test of a regional digest'
};

/** An action in words. */
export function describeAction(action: string): string {
	return ACTION_WORDS[action] ?? action.replace(/[.-]/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export type AuditFilter = {
	group?: ActionGroup;
	/** Part of a member's name or email: entries done by or to them. */
	who?: string;
	/** One member by id: entries done by or to them. */
	memberId?: number;
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
	/** The entry as a sentence, names linked to what still exists. */
	sentence: Part[];
	/** The same sentence as plain text. */
	text: string;
};

/** Which regions' entries an actor may read: null = all (admins), or one region (coordinators). */
export function scopeOf(actor: Actor): { all: true } | { all: false; regionId: string } | null {
	if (can(actor, 'audit.read', { regionId: null })) return { all: true };
	if (actor.role === 'coordinator' && actor.coordinatorRegionId && can(actor, 'audit.read', { regionId: actor.coordinatorRegionId })) {
		return { all: false, regionId: actor.coordinatorRegionId };
	}
	return null;
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
				// a move out of the region is the source region's business too
				sql`json_extract(${auditEvent.detail}, '$.fromRegionId') = ${regionFilter}`,
				inArray(auditEvent.actorId, members.idsInRegion(regionFilter)),
				and(eq(auditEvent.subjectType, 'member'), sql`cast(${auditEvent.subjectId} as integer) in ${members.idsInRegion(regionFilter)}`)
			)!
		);
	}
	if (f.group) {
		const prefixes = ACTION_GROUPS.find(([k]) => k === f.group)?.[2] ?? [];
		where.push(or(...prefixes.flatMap((p) => [eq(auditEvent.action, p), like(auditEvent.action, `${p}.%`)]))!);
	}
	if (f.who) {
		const ids = members.idsMatching(f.who);
		where.push(or(inArray(auditEvent.actorId, ids), and(eq(auditEvent.subjectType, 'member'), sql`cast(${auditEvent.subjectId} as integer) in ${ids}`))!);
	}
	if (f.memberId != null) {
		where.push(or(eq(auditEvent.actorId, f.memberId), and(eq(auditEvent.subjectType, 'member'), eq(auditEvent.subjectId, String(f.memberId))))!);
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
	const out = describeRows(page, scope.all);
	return { rows: out, next: rows.length > limit ? page.at(-1)!.id : null, scope: scope.all ? 'all' : scope.regionId };
}

const num = (v: unknown): number | null => {
	const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
	return Number.isSafeInteger(n) && n > 0 ? n : null;
};

/**
 * Names for a page of entries, looked up once per kind of thing through each area's own
 * functions (members, threads, events, digests, pairings …), so sentences name things as they
 * are called today and link only to what still exists.
 */
export function lookupFor(rows: Pick<AuditEvent, 'actorId' | 'subjectType' | 'subjectId' | 'detail'>[], admin: boolean): Lookup {
	const ids = (type: string) => [...new Set(rows.filter((r) => r.subjectType === type).map((r) => num(r.subjectId)).filter((n): n is number => n != null))];
	const pairingIds = ids('pairing');
	const proposalIds = ids('mentoring_proposal');
	for (const r of rows) if (r.subjectType === 'mentoring_proposal' && num(r.detail?.pairingId) != null) pairingIds.push(num(r.detail?.pairingId)!);
	const pairingPeople = pairings.membersOf(pairingIds);
	const proposalPeople = proposals.membersOf(proposalIds);
	const personIds = new Set<number>();
	for (const r of rows) {
		if (r.actorId != null) personIds.add(r.actorId);
		if (r.subjectType === 'member' && num(r.subjectId) != null) personIds.add(num(r.subjectId)!);
		if (num(r.detail?.mentorId) != null) personIds.add(num(r.detail?.mentorId)!);
	}
	for (const p of [...pairingPeople.values(), ...proposalPeople.values()]) {
		if (p.mentorId != null) personIds.add(p.mentorId);
		if (p.menteeId != null) personIds.add(p.menteeId);
	}
	const people = members.people(personIds);
	const eventTitles = events.titlesOf(ids('event'));
	const digestTitles = regionalDigests.titlesOf(ids('regional-digest'));
	const inviteLabels = invites.labelsOf(ids('invite'));
	const requestNames = joinRequests.namesOf(ids('join-request'));
	const threadCache = new Map<number, { id: number; title: string } | null>();
	return {
		admin,
		person: (id) => {
			const p = id != null ? people.get(id) : undefined;
			return p ? { id: p.id, name: p.name, handle: p.handle, active: p.deactivatedAt == null } : null;
		},
		authority: (id) => {
			const a = num(id) != null ? authorityById(num(id)!) : null;
			return a ? { id: a.id, name: a.name, regionName: a.regionName } : null;
		},
		regionName: (id) => (typeof id === 'string' ? (regionById(id)?.name ?? null) : null),
		thread: (id) => {
			if (!threadCache.has(id)) {
				const t = posts.threadFacts(id);
				threadCache.set(id, t ? { id: t.id, title: t.title } : null);
			}
			return threadCache.get(id)!;
		},
		post: (id) => {
			const p = posts.postWithThread(id);
			return p && p.post.deletedAt == null ? { number: p.post.number, thread: { id: p.thread.id, title: p.thread.title } } : null;
		},
		category: (id) => {
			const c = categories.byId(id);
			return c ? { id: c.id, name: c.name } : null;
		},
		event: (id) => eventTitles.get(id) ?? null,
		digest: (id) => digestTitles.get(id) ?? null,
		pairing: (id) => pairingPeople.get(id) ?? null,
		proposal: (id) => proposalPeople.get(id) ?? null,
		joinRequest: (id) => requestNames.get(id) ?? null,
		invite: (id) => inviteLabels.get(id) ?? null
	};
}

/** Entries as rows for the page and the CSV: who, what (a sentence), where. */
export function describeRows(page: AuditEvent[], admin: boolean): AuditRow[] {
	const l = lookupFor(page, admin);
	return page.map((r) => {
		const subjectMemberId = r.subjectType === 'member' ? num(r.subjectId) : null;
		const actorPerson = l.person(r.actorId);
		const subjectPerson = l.person(subjectMemberId);
		const parts = sentence(r, l);
		return {
			id: r.id,
			at: r.at,
			action: r.action,
			words: describeAction(r.action),
			actor: r.actorId != null ? { id: r.actorId, name: actorPerson?.name ?? 'Former member' } : null,
			actorLabel: r.actorId != null ? (actorPerson?.name ?? 'Former member') : r.action === 'member.deleted' ? 'Former member' : 'Someone not signed in',
			subject: r.subjectType
				? {
						type: r.subjectType,
						id: r.subjectId ?? '',
						name: subjectMemberId != null ? (subjectPerson?.name ?? 'Former member') : null,
						memberId: subjectPerson ? subjectPerson.id : null
					}
				: null,
			region: r.regionId ? regionName(r.regionId) : null,
			ipAddress: r.ipAddress,
			sentence: parts,
			text: plain(parts) + '.'
		};
	});
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filters as given in the address (?group=&who=&member=&region=&from=&to=&before=), checked. */
export function parseFilter(p: URLSearchParams) {
	const group = ACTION_GROUPS.find(([k]) => k === p.get('group'))?.[0];
	const who = (p.get('who') ?? '').trim().slice(0, 100);
	const memberId = num(p.get('member'));
	const regionId = regionById(p.get('region'))?.id;
	const from = DATE.test(p.get('from') ?? '') ? londonDateTimeToUtc(p.get('from')!, '00:00') : null;
	const toStart = DATE.test(p.get('to') ?? '') ? londonDateTimeToUtc(p.get('to')!, '00:00') : null;
	const before = num(p.get('before'));
	const errors: Record<string, string> = {};
	if (p.get('from') && from == null) errors.from = 'Enter the “from” date as a real date, like 2026-11-01';
	if (p.get('to') && toStart == null) errors.to = 'Enter the “to” date as a real date, like 2026-11-23';
	if (from != null && toStart != null && from > toStart) errors.to = 'The “to” date must be the same as or after the “from” date';
	const filter: AuditFilter = {
		group,
		who: who || undefined,
		memberId: memberId ?? undefined,
		regionId,
		from: errors.from ? undefined : (from ?? undefined),
		// to the end of that UK day
		to: errors.to || toStart == null ? undefined : toStart + 86_400_000 - 1,
		before: before ?? undefined
	};
	return { filter, errors, values: { group: group ?? '', who, member: memberId ? String(memberId) : '', region: regionId ?? '', from: p.get('from') ?? '', to: p.get('to') ?? '' } };
}

/** The member a `member` filter names (for the page to say whose entries these are). */
export function memberName(actor: Actor, id: number | undefined): string | null {
	if (id == null || !scopeOf(actor)) return null;
	return members.people([id]).get(id)?.name ?? 'a former member';
}

/**
 * The audit trail (with the page's filters) as a CSV file, newest first: admins only. Read in
 * pages, so a long trail does not hold everything in memory twice.
 */
export function csv(actor: Actor, f: AuditFilter, now = Date.now()): { filename: string; body: string } {
	authorize(actor, 'audit.export', {});
	const rows: (string | number)[][] = [];
	let before = f.before;
	for (;;) {
		const page = list(actor, { ...f, before, limit: 500 });
		for (const r of page.rows) rows.push([formatDateTime(r.at), r.actorLabel, r.text, r.words, r.region ?? '', r.ipAddress, r.action]);
		if (page.next == null) break;
		before = page.next;
	}
	return {
		filename: `audit-trail-${isoDate(now)}.csv`,
		body: toCsv(['When (UK time)', 'Who', 'What happened', 'Kind of action', 'Region', 'Internet address', 'Action code'], rows)
	};
}
