/**
 * Moderation: any member reports a post; coordinators (their region's threads and national
 * ones) and admins work a queue — hide a post (its author is told why), dismiss reports — and
 * lock, pin or move threads. Every moderation action is audited.
 */
import { error } from '@sveltejs/kit';
import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import { db, immediate } from '../db/client';
import { post, postReport, thread, type PostReport } from '../db/schema';
import { authorize, can, type Actor } from '../auth/policy';
import * as audit from '../auth/audit';
import { regionName } from '../network/authorities';
import * as members from '../network/members';
import * as categories from './categories';
import * as notifications from './notifications';
import { REASON_MAX } from './input';
import { excerpt, inThread, threadFacts, visiblePost, type Result } from './posts';

export const REPORT_REASONS = [
	['identifies-child', 'It could identify a child or young person'],
	['personal-information', 'It shares someone’s personal information'],
	['abusive', 'It is abusive, offensive or discriminatory'],
	['spam', 'It is advertising or spam'],
	['off-topic', 'It does not belong in this network'],
	['other', 'Something else']
] as const;
export type ReportReason = PostReport['reason'];

type Meta = { ip?: string };

/** Reports a post the actor can see (not their own). A second report by the same member is ignored. */
export function report(actor: Actor, postId: number, input: { reason: ReportReason; note: string }, now = Date.now()): Result {
	const { post: p, thread: t } = visiblePost(actor, postId);
	authorize(actor, 'post.report', { regionId: t.regionId });
	if (p.authorId === actor.id) return { ok: false, errors: { reason: 'You cannot report your own post – edit or delete it instead' } };
	if (p.deletedAt != null) return { ok: false, errors: { reason: 'This post has already been deleted' } };
	if (!REPORT_REASONS.some(([v]) => v === input.reason)) return { ok: false, errors: { reason: 'Choose why you are reporting this post' } };
	const note = (input.note ?? '').trim();
	if (note.length > REASON_MAX) return { ok: false, errors: { note: `Enter at most ${REASON_MAX} characters` } };
	if (input.reason === 'other' && note.length === 0) return { ok: false, errors: { note: 'Tell the moderators what is wrong with the post' } };
	const already = db
		.select({ id: postReport.id })
		.from(postReport)
		.where(and(eq(postReport.postId, p.id), eq(postReport.reporterId, actor.id), isNull(postReport.resolvedAt)))
		.get();
	if (!already) db.insert(postReport).values({ postId: p.id, regionId: t.regionId, reporterId: actor.id, reason: input.reason, note, createdAt: now }).run();
	return { ok: true, value: undefined };
}

/** A post for the report page: 404 unless visible in this thread. */
export function forReport(actor: Actor, threadId: number, postId: number) {
	const { post: p, thread: t } = inThread(actor, threadId, postId);
	authorize(actor, 'post.report', { regionId: t.regionId });
	const own = p.authorId === actor.id;
	const refusal = own ? 'You cannot report your own post – edit or delete it instead.' : p.deletedAt != null || p.hiddenAt != null ? 'This post is no longer shown, so there is nothing to report.' : null;
	return { post: { id: p.id, number: p.number, excerpt: excerpt(p.plain, 300), authorName: p.authorId ? authorName(p.authorId) : 'Former member' }, thread: { id: t.id, title: t.title }, refusal };
}

/** A post for the hide page (moderators), with its open reports. */
export function forHide(actor: Actor, threadId: number, postId: number) {
	const { post: p, thread: t } = inThread(actor, threadId, postId);
	authorize(actor, 'thread.moderate', { regionId: t.regionId });
	const reports = db
		.select({ reason: postReport.reason, note: postReport.note, at: postReport.createdAt })
		.from(postReport)
		.where(and(eq(postReport.postId, p.id), isNull(postReport.resolvedAt)))
		.orderBy(asc(postReport.createdAt))
		.all()
		.map((r) => ({ ...r, reasonLabel: REPORT_REASONS.find(([v]) => v === r.reason)?.[1] ?? r.reason }));
	return {
		post: { id: p.id, number: p.number, html: p.html, authorName: p.authorId ? authorName(p.authorId) : 'Former member', hidden: p.hiddenAt != null, hiddenReason: p.hiddenReason, deleted: p.deletedAt != null },
		thread: { id: t.id, title: t.title },
		reports
	};
}

function authorName(id: number): string {
	return members.nameOf(id) ?? 'Former member';
}

/** Whether the actor moderates anything at all (coordinators and admins). */
export function isModerator(actor: Actor): boolean {
	return can(actor, 'thread.moderate', { regionId: null });
}

/** The open-report queue query (exported for the query-plan test). */
export function queueQuery(actor: Actor) {
	const scope = actor.role === 'admin' ? undefined : or(isNull(postReport.regionId), eq(postReport.regionId, actor.coordinatorRegionId ?? '\u0000'));
	return db
		.select({
			reportId: postReport.id,
			reason: postReport.reason,
			source: postReport.source,
			note: postReport.note,
			reportedAt: postReport.createdAt,
			reporterName: members.memberFacts.name(postReport.reporterId),
			postId: post.id,
			postNumber: post.number,
			html: post.html,
			hiddenAt: post.hiddenAt,
			deletedAt: post.deletedAt,
			authorName: members.memberFacts.name(post.authorId),
			threadId: thread.id,
			threadTitle: thread.title,
			regionId: thread.regionId,
			lockedAt: thread.lockedAt
		})
		.from(postReport)
		.innerJoin(post, eq(post.id, postReport.postId))
		.innerJoin(thread, eq(thread.id, post.threadId))
		.where(and(isNull(postReport.resolvedAt), scope))
		.orderBy(asc(postReport.createdAt))
		.limit(500);
}

export type QueueItem = {
	postId: number;
	postNumber: number;
	html: string;
	hidden: boolean;
	deleted: boolean;
	authorName: string;
	thread: { id: number; title: string; scope: string; locked: boolean };
	firstReportedAt: number;
	/** Whether the child-safety check flagged it (the author confirmed after a warning). */
	flaggedByCheck: boolean;
	reports: { id: number; reason: ReportReason; reasonLabel: string; note: string; reporterName: string; byCheck: boolean; at: number }[];
};

/** Open reports the actor may act on, one item per reported post, oldest first. */
export function queue(actor: Actor): QueueItem[] {
	authorize(actor, 'thread.moderate', { regionId: null });
	const items = new Map<number, QueueItem>();
	for (const r of queueQuery(actor).all()) {
		if (!can(actor, 'thread.moderate', { regionId: r.regionId })) continue;
		let item = items.get(r.postId);
		if (!item) {
			item = {
				postId: r.postId,
				postNumber: r.postNumber,
				html: r.html,
				hidden: r.hiddenAt != null,
				deleted: r.deletedAt != null,
				authorName: r.authorName ?? 'Former member',
				thread: { id: r.threadId, title: r.threadTitle, scope: regionName(r.regionId), locked: r.lockedAt != null },
				firstReportedAt: r.reportedAt,
				flaggedByCheck: false,
				reports: []
			};
			items.set(r.postId, item);
		}
		const byCheck = r.source === 'check';
		if (byCheck) item.flaggedByCheck = true;
		item.reports.push({
			id: r.reportId,
			reason: r.reason,
			reasonLabel: REPORT_REASONS.find(([v]) => v === r.reason)?.[1] ?? r.reason,
			note: r.note,
			reporterName: byCheck ? 'the child-safety check; the author confirmed' : (r.reporterName ?? 'Former member'),
			byCheck,
			at: r.reportedAt
		});
	}
	return [...items.values()];
}

/** How many posts wait in the actor's queue (for a count on admin pages). */
export function queueSize(actor: Actor): number {
	if (!isModerator(actor)) return 0;
	return queue(actor).length;
}

function resolveReports(postId: number, resolution: 'hidden' | 'dismissed', actorId: number, now: number): number {
	return db
		.update(postReport)
		.set({ resolvedAt: now, resolvedById: actorId, resolution })
		.where(and(eq(postReport.postId, postId), isNull(postReport.resolvedAt)))
		.run().changes;
}

/** A post for a moderator, or 404/403. */
function moderatedPost(actor: Actor, postId: number) {
	const found = visiblePost(actor, postId);
	authorize(actor, 'thread.moderate', { regionId: found.thread.regionId });
	return found;
}

/** Hides a post with a reason the author is told; resolves its open reports. */
export function hidePost(actor: Actor, postId: number, reason: string, meta: Meta = {}, now = Date.now()): Result {
	const { post: p, thread: t } = moderatedPost(actor, postId);
	const why = reason.replace(/\s+/g, ' ').trim();
	if (why.length === 0) return { ok: false, errors: { reason: 'Enter the reason – the author will be told it' } };
	if (why.length > REASON_MAX) return { ok: false, errors: { reason: `Enter a reason of at most ${REASON_MAX} characters` } };
	if (p.deletedAt != null) return { ok: false, errors: { reason: 'This post has already been deleted by its author' } };
	immediate(() => {
		db.update(post).set({ hiddenAt: now, hiddenById: actor.id, hiddenReason: why }).where(eq(post.id, p.id)).run();
		if (t.acceptedPostId === p.id) db.update(thread).set({ acceptedPostId: null, acceptedById: null, acceptedAt: null, updatedAt: now }).where(eq(thread.id, t.id)).run();
		resolveReports(p.id, 'hidden', actor.id, now);
		if (p.authorId) {
			notifications.deliver(
				[{ memberId: p.authorId, kind: 'moderation', postId: p.id, detail: why }],
				{ thread: t, post: { id: p.id, number: p.number, excerpt: excerpt(p.plain) }, actor: { id: actor.id, name: 'A moderator' } },
				now
			);
		}
		audit.record({ actorId: actor.id, action: 'post.hidden', subjectType: 'post', subjectId: p.id, regionId: t.regionId, ipAddress: meta.ip, detail: { threadId: t.id, reason: why } }, now);
	});
	return { ok: true, value: undefined };
}

/** Shows a hidden post again. */
export function unhidePost(actor: Actor, postId: number, meta: Meta = {}, now = Date.now()): void {
	const { post: p, thread: t } = moderatedPost(actor, postId);
	if (p.hiddenAt == null) return;
	db.update(post).set({ hiddenAt: null, hiddenById: null, hiddenReason: null }).where(eq(post.id, p.id)).run();
	audit.record({ actorId: actor.id, action: 'post.unhidden', subjectType: 'post', subjectId: p.id, regionId: t.regionId, ipAddress: meta.ip, detail: { threadId: t.id } }, now);
}

/** Closes a post's open reports without acting on the post. */
export function dismissReports(actor: Actor, postId: number, meta: Meta = {}, now = Date.now()): number {
	const { post: p, thread: t } = moderatedPost(actor, postId);
	const n = resolveReports(p.id, 'dismissed', actor.id, now);
	if (n > 0) audit.record({ actorId: actor.id, action: 'report.dismissed', subjectType: 'post', subjectId: p.id, regionId: t.regionId, ipAddress: meta.ip, detail: { threadId: t.id, reports: n } }, now);
	return n;
}

/** A thread for a moderator, or 404/403. */
function moderatedThread(actor: Actor, threadId: number) {
	const t = threadFacts(threadId);
	if (!t) error(404, 'Page not found');
	authorize(actor, 'thread.view', { regionId: t.regionId }, { hide: true });
	authorize(actor, 'thread.moderate', { regionId: t.regionId });
	return t;
}

/** Locks a thread (no new replies) or unlocks it. */
export function setLocked(actor: Actor, threadId: number, locked: boolean, meta: Meta = {}, now = Date.now()): void {
	const t = moderatedThread(actor, threadId);
	if ((t.lockedAt != null) === locked) return;
	db.update(thread)
		.set({ lockedAt: locked ? now : null, lockedById: locked ? actor.id : null, updatedAt: now })
		.where(eq(thread.id, threadId))
		.run();
	audit.record({ actorId: actor.id, action: locked ? 'thread.locked' : 'thread.unlocked', subjectType: 'thread', subjectId: threadId, regionId: t.regionId, ipAddress: meta.ip }, now);
}

/** Pins a thread at the top of its category, or unpins it. */
export function setPinned(actor: Actor, threadId: number, pinned: boolean, meta: Meta = {}, now = Date.now()): void {
	const t = moderatedThread(actor, threadId);
	if ((t.pinnedAt != null) === pinned) return;
	db.update(thread)
		.set({ pinnedAt: pinned ? now : null, updatedAt: now })
		.where(eq(thread.id, threadId))
		.run();
	audit.record({ actorId: actor.id, action: pinned ? 'thread.pinned' : 'thread.unpinned', subjectType: 'thread', subjectId: threadId, regionId: t.regionId, ipAddress: meta.ip }, now);
}

/** Moves a thread to another category (archived ones included: moderators tidy up). */
export function move(actor: Actor, threadId: number, categoryId: number, meta: Meta = {}, now = Date.now()): Result {
	const t = moderatedThread(actor, threadId);
	const to = categories.byId(categoryId);
	if (!to) return { ok: false, errors: { categoryId: 'Choose a category from the list' } };
	if (to.id === t.categoryId) return { ok: true, value: undefined };
	db.update(thread).set({ categoryId: to.id, updatedAt: now }).where(eq(thread.id, threadId)).run();
	audit.record({ actorId: actor.id, action: 'thread.moved', subjectType: 'thread', subjectId: threadId, regionId: t.regionId, ipAddress: meta.ip, detail: { from: t.categoryId, to: to.id } }, now);
	return { ok: true, value: undefined };
}

/** Open reports on these posts, for moderators' eyes on the thread page (post id → count). */
export function openReportCounts(actor: Actor, regionId: string | null, postIds: number[]): Record<number, number> {
	if (postIds.length === 0 || !can(actor, 'thread.moderate', { regionId })) return {};
	const out: Record<number, number> = {};
	for (const r of db
		.select({ postId: postReport.postId })
		.from(postReport)
		.where(and(inArray(postReport.postId, postIds), isNull(postReport.resolvedAt)))
		.all())
		out[r.postId] = (out[r.postId] ?? 0) + 1;
	return out;
}
