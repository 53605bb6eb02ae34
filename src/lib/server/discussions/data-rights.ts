/**
 * Data rights for discussions (the trust area assembles every area's part):
 * everything of a member's here, as data; and erasure — their posts stay, as "Former member",
 * with their name and @handle taken out of other members' quotes and mentions.
 */
import { asc, eq, or, sql } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { db, immediate } from '../db/client';
import { category, notification, post, postReport, postRevision, thread, threadFollow, threadRead } from '../db/schema';
import { regionName } from '../network/authorities';
import * as members from '../network/members';
import { renderPost } from './render';

const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());

/** Everything of this member's in discussions. */
export function exportMemberData(memberId: number): Record<string, unknown> {
	const threads = db
		.select({ id: thread.id, title: thread.title, category: category.name, regionId: thread.regionId, isQuestion: thread.isQuestion, createdAt: thread.createdAt })
		.from(thread)
		.innerJoin(category, eq(category.id, thread.categoryId))
		.where(eq(thread.authorId, memberId))
		.orderBy(asc(thread.id))
		.all()
		.map((t) => ({ id: t.id, title: t.title, category: t.category, scope: regionName(t.regionId), question: t.isQuestion, startedAt: iso(t.createdAt) }));
	const posts = db
		.select({ id: post.id, threadId: post.threadId, threadTitle: thread.title, number: post.number, body: post.body, createdAt: post.createdAt, editedAt: post.editedAt, deletedAt: post.deletedAt, hiddenAt: post.hiddenAt, hiddenReason: post.hiddenReason })
		.from(post)
		.innerJoin(thread, eq(thread.id, post.threadId))
		.where(eq(post.authorId, memberId))
		.orderBy(asc(post.id))
		.all()
		.map((p) => ({ ...p, createdAt: iso(p.createdAt), editedAt: iso(p.editedAt), deletedAt: iso(p.deletedAt), hiddenAt: iso(p.hiddenAt) }));
	const earlierVersions = db
		.select({ postId: postRevision.postId, title: postRevision.title, body: postRevision.body, replacedAt: postRevision.replacedAt, reason: postRevision.reason })
		.from(postRevision)
		.innerJoin(post, eq(post.id, postRevision.postId))
		.where(eq(post.authorId, memberId))
		.orderBy(asc(postRevision.id))
		.all()
		.map((r) => ({ ...r, replacedAt: iso(r.replacedAt) }));
	const following = db
		.select({ threadId: threadFollow.threadId, title: thread.title, following: threadFollow.following, since: threadFollow.createdAt })
		.from(threadFollow)
		.innerJoin(thread, eq(thread.id, threadFollow.threadId))
		.where(eq(threadFollow.memberId, memberId))
		.all()
		.map((f) => ({ ...f, since: iso(f.since) }));
	const readMarkers = db
		.select({ threadId: threadRead.threadId, lastReadPost: threadRead.lastReadNumber, at: threadRead.updatedAt })
		.from(threadRead)
		.where(eq(threadRead.memberId, memberId))
		.all()
		.map((r) => ({ ...r, at: iso(r.at) }));
	const notifications = db
		.select({ kind: notification.kind, threadId: notification.threadId, title: thread.title, detail: notification.detail, createdAt: notification.createdAt, readAt: notification.readAt })
		.from(notification)
		.innerJoin(thread, eq(thread.id, notification.threadId))
		.where(eq(notification.memberId, memberId))
		.orderBy(asc(notification.id))
		.all()
		.map((n) => ({ ...n, createdAt: iso(n.createdAt), readAt: iso(n.readAt) }));
	const reports = db
		.select({ postId: postReport.postId, reason: postReport.reason, note: postReport.note, createdAt: postReport.createdAt, resolution: postReport.resolution })
		.from(postReport)
		.where(eq(postReport.reporterId, memberId))
		.all()
		.map((r) => ({ ...r, createdAt: iso(r.createdAt) }));
	return { threadsStarted: threads, posts, earlierVersionsOfPosts: earlierVersions, following, readMarkers, notifications, reportsMade: reports };
}

function escapeRegExp(s: string) {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes a member's personal data from discussions before their account is deleted.
 * Their posts and threads stay, without an author ("Former member"); their follows, read
 * markers and notifications go; their reports stay for the moderators without reporter or
 * note; their name and @handle are replaced in every post, earlier version and title.
 */
export function eraseMember(memberId: number): void {
	const who = members.byId(memberId);
	immediate(() => {
		db.delete(notification).where(eq(notification.memberId, memberId)).run();
		db.update(notification).set({ actorId: null }).where(eq(notification.actorId, memberId)).run();
		db.delete(threadFollow).where(eq(threadFollow.memberId, memberId)).run();
		db.delete(threadRead).where(eq(threadRead.memberId, memberId)).run();
		db.update(postReport).set({ reporterId: null, note: '' }).where(eq(postReport.reporterId, memberId)).run();
		db.update(postReport).set({ resolvedById: null }).where(eq(postReport.resolvedById, memberId)).run();
		db.update(post).set({ authorId: null }).where(eq(post.authorId, memberId)).run();
		db.update(post).set({ hiddenById: null }).where(eq(post.hiddenById, memberId)).run();
		db.update(postRevision).set({ editorId: null }).where(eq(postRevision.editorId, memberId)).run();
		db.update(thread).set({ authorId: null }).where(eq(thread.authorId, memberId)).run();
		db.update(thread).set({ lastPosterId: null }).where(eq(thread.lastPosterId, memberId)).run();
		db.update(thread).set({ acceptedById: null }).where(eq(thread.acceptedById, memberId)).run();
		db.update(thread).set({ lockedById: null }).where(eq(thread.lockedById, memberId)).run();
		if (who) scrubName(who.name, who.handle);
	});
}

/** Replaces a name and @handle wherever they appear in discussions text. */
function scrubName(name: string, handle: string): void {
	const patterns: [RegExp, string][] = [[new RegExp(`(?<![a-z0-9-])@${escapeRegExp(handle)}(?![a-z0-9-])`, 'gi'), '@former-member']];
	if (name.trim().length >= 3) patterns.push([new RegExp(escapeRegExp(name.trim()), 'gi'), 'Former member']);
	const scrub = (s: string) => patterns.reduce((acc, [re, by]) => acc.replace(re, by), s);
	const needles = [`@${handle.toLowerCase()}`, name.trim().toLowerCase()].filter((n) => n.length >= 3);
	const hit = (col: AnySQLiteColumn) =>
		or(...needles.map((n) => sql`instr(lower(${col}), ${n}) > 0`));

	const posts = db.select({ id: post.id, title: post.title, body: post.body, deletedAt: post.deletedAt }).from(post).where(or(hit(post.body), hit(post.title))).all();
	for (const p of posts) {
		const body = scrub(p.body);
		const rendered = p.deletedAt != null ? { html: '', plain: '' } : renderPost(body);
		db.update(post).set({ title: scrub(p.title), body, html: rendered.html, plain: rendered.plain }).where(eq(post.id, p.id)).run();
	}
	const revisions = db.select({ id: postRevision.id, title: postRevision.title, body: postRevision.body }).from(postRevision).where(or(hit(postRevision.body), hit(postRevision.title))).all();
	for (const r of revisions) db.update(postRevision).set({ title: scrub(r.title), body: scrub(r.body) }).where(eq(postRevision.id, r.id)).run();
	const threads = db.select({ id: thread.id, title: thread.title }).from(thread).where(hit(thread.title)).all();
	for (const t of threads) db.update(thread).set({ title: scrub(t.title) }).where(eq(thread.id, t.id)).run();
	const notes = db.select({ id: notification.id, detail: notification.detail }).from(notification).where(or(...needles.map((n) => sql`instr(lower(${notification.detail}), ${n}) > 0`))).all();
	for (const n of notes) db.update(notification).set({ detail: scrub(n.detail) }).where(eq(notification.id, n.id)).run();
}
