/**
 * The coordinator's view of their region's new Lead Members: start date, days in the role, steps
 * done, mentor (or waiting since), last sign-in, and who has done nothing for 21 days; and the
 * friendly nudge, an email the coordinator may edit, sent through the outbox and logged.
 */
import { error } from '@sveltejs/kit';
import { and, desc, eq, gt, max, sql } from 'drizzle-orm';
import { db, immediate, inJson, jsonList, prepared } from '../db/client';
import { inductionNudge } from '../db/schema';
import { authorize, type Actor } from '../auth/policy';
import * as audit from '../auth/audit';
import * as members from '../network/members';
import { regionName } from '../network/authorities';
import { enqueue } from '../mail/outbox';
import { formatDate } from '../../time';
import { renderEmail } from '../mail/layout';
import { newInRegion, summaries, type StepView } from './paths';
import { STALLED_DAYS } from './dates';
import { pageOf } from '../paging';

export const NUDGE_MAX = 2_000;
/** A coordinator nudges one member at most once in this many days: one nudge is friendly, a stream of them is not. */
export const NUDGE_EVERY_DAYS = 7;
const DAY = 86_400_000;

export const SORTS = ['name', 'start', 'done', 'last-sign-in', 'activity'] as const;
export type Sort = (typeof SORTS)[number];
export const FILTERS = ['all', 'stalled', 'no-mentor', 'on-path', 'folded'] as const;
export type Filter = (typeof FILTERS)[number];

export type NewMemberRow = {
	id: number;
	name: string;
	handle: string;
	authorityName: string;
	startDay: string;
	daysInRole: number;
	done: number;
	total: number;
	mentorName: string | null;
	waitingSince: number | null;
	lastSignInAt: number | null;
	lastActivityAt: number;
	stalled: boolean;
	folded: boolean;
	markedNew: boolean;
	/** When the viewer last nudged them, if within the last seven days (the nudge link gives way to this). */
	nudgedAt: number | null;
};

const recentNudgesQuery = prepared(() =>
	db
		.select({ memberId: inductionNudge.memberId, at: max(inductionNudge.sentAt) })
		.from(inductionNudge)
		.where(and(eq(inductionNudge.sentById, sql.placeholder('senderId')), gt(inductionNudge.sentAt, sql.placeholder('since')), inJson(inductionNudge.memberId, 'ids')))
		.groupBy(inductionNudge.memberId)
		.prepare()
);

/** When `senderId` last nudged each of `memberIds` within the last {@link NUDGE_EVERY_DAYS} days. */
function recentNudges(senderId: number, memberIds: number[], now: number): Map<number, number> {
	if (!memberIds.length) return new Map();
	const rows = recentNudgesQuery().all({ senderId, since: now - NUDGE_EVERY_DAYS * DAY, ids: jsonList(memberIds) });
	return new Map(rows.filter((r) => r.at != null).map((r) => [r.memberId, r.at!]));
}

/** The first moment another nudge may follow one sent at `sentAt`. */
export const nudgeAgainFrom = (sentAt: number) => sentAt + NUDGE_EVERY_DAYS * DAY;

/** Whether nothing has been done on the path for 21 days. */
export function isStalled(lastActivityAt: number, done: number, total: number, now: number): boolean {
	return done < total && now - lastActivityAt >= STALLED_DAYS * DAY;
}

/** Rows on a page of the coordinator's list. */
export const PER_PAGE = 50;

type Listed = Omit<NewMemberRow, 'nudgedAt'>;

const keep: Record<Filter, (r: Listed) => boolean> = {
	all: () => true,
	stalled: (r) => r.stalled,
	'no-mentor': (r) => r.mentorName == null,
	'on-path': (r) => !r.folded,
	folded: (r) => r.folded
};

const sortKey: Record<Sort, (r: Listed) => string | number> = {
	name: (r) => r.name.toLowerCase(),
	start: (r) => r.startDay,
	done: (r) => (r.total ? r.done / r.total : 1),
	'last-sign-in': (r) => r.lastSignInAt ?? 0,
	activity: (r) => r.lastActivityAt
};

/**
 * The region's new members for its coordinator (admins: any region), filtered, sorted and a page
 * of them (50). Every new member's counts and dates are worked out (the filters, sorts and counts
 * need them), but only the page's rows are asked when they were last nudged.
 */
export function newMembers(actor: Actor, regionId: string, opts: { sort?: Sort; filter?: Filter; descending?: boolean; page?: number } = {}, now = Date.now()) {
	authorize(actor, 'induction.coordinate', { regionId });
	const list = newInRegion(regionId, now);
	const mentors = members.people(list.map((s) => s.seen.mentoring.mentorId));
	const all: Listed[] = list.map((s) => ({
		id: s.member.id,
		name: s.person.name,
		handle: s.person.handle,
		authorityName: s.person.authorityName,
		startDay: s.startDay,
		daysInRole: s.dayOfPath,
		done: s.counts.done,
		total: s.counts.total,
		mentorName: s.seen.mentoring.mentorId != null ? (mentors.get(s.seen.mentoring.mentorId)?.name ?? null) : null,
		waitingSince: s.seen.mentoring.waitingSince,
		lastSignInAt: s.person.lastSignInAt,
		lastActivityAt: s.lastActivityAt,
		stalled: isStalled(s.lastActivityAt, s.counts.done, s.counts.total, now),
		folded: s.folded,
		markedNew: s.markedNew
	}));
	const filter = opts.filter ?? 'all';
	const counts = Object.fromEntries(FILTERS.map((f) => [f, all.filter(keep[f]).length])) as Record<Filter, number>;
	const sort = opts.sort ?? 'start';
	const dir = (opts.descending ?? sort === 'start') ? -1 : 1;
	// Each row's key once (not once per comparison); ties go by name, A to Z either way.
	const k = sortKey[sort];
	const keyed = all.filter(keep[filter]).map((r) => ({ r, k: k(r) }));
	keyed.sort((a, b) => (a.k < b.k ? -dir : a.k > b.k ? dir : a.r.name.localeCompare(b.r.name)));
	const { items: shown, paging } = pageOf(keyed, opts.page, PER_PAGE);
	const nudged = recentNudges(actor.id, shown.map((x) => x.r.id), now);
	const rows: NewMemberRow[] = shown.map(({ r }) => ({ ...r, nudgedAt: nudged.get(r.id) ?? null }));
	return {
		regionId,
		regionName: regionName(regionId),
		rows,
		sort,
		filter,
		descending: dir === -1,
		total: all.length,
		stalledCount: counts.stalled,
		/** How many members each filter shows. */
		counts,
		pagination: { ...paging, matching: keyed.length }
	};
}

/** The region the actor looks after: a coordinator's own, or for an admin the one asked for (404 when unknown). */
export function regionFor(actor: Actor, asked: string | null): string {
	const regionId = actor.role === 'admin' ? asked || actor.regionId : actor.coordinatorRegionId;
	if (!regionId || !regionName(regionId)) error(404, 'Page not found');
	authorize(actor, 'induction.coordinate', { regionId });
	return regionId;
}

function nudgeTarget(actor: Actor, memberId: number, now: number) {
	const p = members.profile(memberId);
	if (!p || p.deactivatedAt != null) error(404, 'Page not found');
	authorize(actor, 'induction.coordinate', { regionId: p.regionId }, { hide: true });
	const [s] = summaries([{ id: p.id, authorityId: p.authorityId, regionId: p.regionId, inRoleSince: p.inRoleSince }], now);
	return { person: p, path: s ?? null };
}

/** The message a coordinator starts from; they may change it. */
export function defaultNudge(firstName: string, next: StepView[], senderName: string): string {
	const lines = [`Dear ${firstName},`, '', 'I hope the new role is going well. I wanted to check in on your first 100 days on the Lead Member Network.'];
	if (next.length) lines.push('', `A good next step might be: ${next[0].title.charAt(0).toLowerCase()}${next[0].title.slice(1)}.`);
	lines.push('', 'If there is anything I can help with, just reply to this email or get in touch.', '', 'Best wishes,', senderName);
	return lines.join('\n');
}

/** What the nudge form needs: who it goes to, their progress, the message to start from, earlier nudges. */
export function nudgeForm(actor: Actor, memberId: number, now = Date.now()) {
	const { person, path } = nudgeTarget(actor, memberId, now);
	const sender = members.nameOf(actor.id) ?? 'Your coordinator';
	const next = path ? path.steps.filter((s) => s.state === 'to-do').slice(0, 3) : [];
	const nudgedAt = recentNudges(actor.id, [person.id], now).get(person.id) ?? null;
	return {
		member: { id: person.id, name: person.name, authorityName: person.authorityName, regionId: person.regionId },
		counts: path?.counts ?? null,
		message: defaultNudge(person.name.split(' ')[0], next, sender),
		/** Set while the viewer may not nudge again: when they last did, and from when they may. */
		nudged: nudgedAt == null ? null : { at: nudgedAt, againFrom: nudgeAgainFrom(nudgedAt) },
		past: db.select({ sentAt: inductionNudge.sentAt, sentById: inductionNudge.sentById }).from(inductionNudge).where(eq(inductionNudge.memberId, memberId)).orderBy(desc(inductionNudge.sentAt)).all()
	};
}

export type NudgeResult = { ok: true; name: string } | { ok: false; errors: Record<string, string> };

/** Why `actor` may not nudge this member yet (they did so within the last seven days), or null. */
function tooSoon(actor: Actor, person: { id: number; name: string }, now: number): string | null {
	const at = recentNudges(actor.id, [person.id], now).get(person.id);
	if (at == null) return null;
	return `You nudged ${person.name} on ${formatDate(at)}. You can send another nudge from ${formatDate(nudgeAgainFrom(at))}.`;
}

/** Sends the friendly nudge: one email through the outbox, a row, an audit entry. At most one per member per coordinator per seven days. */
export function nudge(actor: Actor, memberId: number, message: string, meta: { ip?: string } = {}, now = Date.now()): NudgeResult {
	const { person } = nudgeTarget(actor, memberId, now);
	const text = message.replace(/\r\n/g, '\n').trim();
	if (!text) return { ok: false, errors: { message: 'Enter the message to send' } };
	if (text.length > NUDGE_MAX) return { ok: false, errors: { message: `Enter a message of at most ${NUDGE_MAX.toLocaleString('en-GB')} characters` } };
	const recipient = members.recipients([person.id]).get(person.id);
	if (!recipient) error(404, 'Page not found');
	const sender = members.nameOf(actor.id) ?? 'Your coordinator';
	const region = regionName(person.regionId);
	const email = renderEmail({
		heading: 'Your first 100 days',
		preheader: `A note from ${sender}`,
		blocks: [
			...text.split(/\n{2,}/).map((para) => ({ kind: 'paragraph' as const, text: para })),
			{ kind: 'button', text: 'See your first 100 days', href: '/induction' }
		],
		reason: `You got this email because ${sender}, who ${actor.role === 'coordinator' ? `coordinates the ${region} network` : 'helps run the network'}, sent it to you about your first 100 days as a member.`,
		footerLinks: [{ text: 'Your email settings', href: '/settings/email' }]
	});
	// The check and the insert share one transaction, so a double click sends one nudge.
	const sent = immediate((): { ok: true; id: number } | { ok: false; refused: string } => {
		const refused = tooSoon(actor, person, now);
		if (refused) return { ok: false, refused };
		const row = db.insert(inductionNudge).values({ memberId: person.id, sentById: actor.id, sentAt: now, message: text }).returning({ id: inductionNudge.id }).get();
		enqueue(
			{ key: `induction-nudge:${row.id}`, kind: 'induction-nudge', to: recipient.email, recipientId: person.id, subject: `${sender}: your first 100 days`, text: email.text, html: email.html },
			now
		);
		return { ok: true, id: row.id };
	});
	if (!sent.ok) return { ok: false, errors: { form: sent.refused } };
	audit.record({ actorId: actor.id, action: 'induction.nudged', subjectType: 'member', subjectId: person.id, regionId: person.regionId, ipAddress: meta.ip, detail: { nudge: sent.id } }, now);
	return { ok: true, name: person.name };
}
