/**
 * Following threads. Authors and repliers follow automatically; anyone may switch it off or on.
 * Switching it off is remembered, so replying again does not follow the member back in.
 */
import { error } from '@sveltejs/kit';
import { and, eq, sql } from 'drizzle-orm';
import { db, prepared } from '../db/client';
import { thread, threadFollow } from '../db/schema';
import { authorize, type Actor } from '../auth/policy';

/** Is the member following the thread? */
const followingQuery = prepared(() =>
	db
		.select({ following: threadFollow.following })
		.from(threadFollow)
		.where(and(eq(threadFollow.memberId, sql.placeholder('memberId')), eq(threadFollow.threadId, sql.placeholder('threadId'))))
		.prepare()
);

export function isFollowing(memberId: number, threadId: number): boolean {
	const row = followingQuery().get({ memberId, threadId });
	return row?.following ?? false;
}

/** Follows the thread for the member unless they have chosen before (author or replier). */
export function autoFollow(memberId: number, threadId: number, now = Date.now()): void {
	db.insert(threadFollow).values({ memberId, threadId, following: true, createdAt: now }).onConflictDoNothing().run();
}

/** The actor follows or stops following a thread they can see (404 for one they cannot). */
export function setFollowing(actor: Actor, threadId: number, following: boolean, now = Date.now()): void {
	const t = db.select({ regionId: thread.regionId }).from(thread).where(eq(thread.id, threadId)).get();
	if (!t) error(404, 'Page not found');
	authorize(actor, 'thread.view', { regionId: t.regionId }, { hide: true });
	db.insert(threadFollow)
		.values({ memberId: actor.id, threadId, following, createdAt: now })
		.onConflictDoUpdate({ target: [threadFollow.memberId, threadFollow.threadId], set: { following } })
		.run();
}

/** Ids of the members following a thread. */
export function followerIds(threadId: number): number[] {
	return db
		.select({ id: threadFollow.memberId })
		.from(threadFollow)
		.where(and(eq(threadFollow.threadId, threadId), eq(threadFollow.following, true)))
		.all()
		.map((r) => r.id);
}
