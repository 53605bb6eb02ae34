/**
 * Unread tracking: each member's last-read post per thread ("3 new", landing on the first unread
 * post), and the one definition of a notification the member has already seen, which the home
 * page's "your week" and the personal digest both apply.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { db, prepared } from '../db/client';
import { notification, post, thread, threadRead } from '../db/schema';

/** The highest post number the member has seen in the thread, or null if they never opened it. */
const lastReadQuery = prepared(() =>
	db
		.select({ n: threadRead.lastReadNumber })
		.from(threadRead)
		.where(and(eq(threadRead.memberId, sql.placeholder('memberId')), eq(threadRead.threadId, sql.placeholder('threadId'))))
		.prepare()
);

export function lastRead(memberId: number, threadId: number): number | null {
	const row = lastReadQuery().get({ memberId, threadId });
	return row?.n ?? null;
}

/** Records that the member has seen the thread up to post `number` (never moves backwards). */
export function markRead(memberId: number, threadId: number, number: number, now = Date.now()): void {
	db.insert(threadRead)
		.values({ memberId, threadId, lastReadNumber: number, updatedAt: now })
		.onConflictDoUpdate({
			target: [threadRead.memberId, threadRead.threadId],
			set: { lastReadNumber: sql`max(${threadRead.lastReadNumber}, excluded.last_read_number)`, updatedAt: now }
		})
		.run();
}

/** How many posts are new to a member and where to land, from a thread's post count and their last-read number. */
export function unreadState(postCount: number, last: number | null): { unread: number; firstUnread: number | null } {
	if (last == null) return { unread: 0, firstUnread: null };
	const unread = Math.max(postCount - last, 0);
	return { unread, firstUnread: unread > 0 ? last + 1 : null };
}

/**
 * Whether the member has already seen what a notification is about, as SQL over a query that
 * joins `notification` to its `thread` and (left) its `post`. Seen means any of:
 *  - read on the site: the notification was marked read (opening the post does that), or the
 *    member has read the thread up to the post (replying moves that mark to their own post, so
 *    a post they answered is seen too, whether they replied on the site or by email);
 *  - emailed to them straight away (the digest must not repeat it);
 *  - they accepted an answer in the thread after it arrived (they had the thread in front of them).
 * Seen notifications are not "new" on the home page and are left out of the digest.
 */
export function seenNotification(): SQL {
	return sql`(
		${notification.readAt} is not null
		or ${notification.emailedAt} is not null
		or exists (
			select 1 from ${threadRead}
			where ${threadRead.memberId} = ${notification.memberId} and ${threadRead.threadId} = ${notification.threadId}
				and ${threadRead.lastReadNumber} >= coalesce(${post.number}, 1)
		)
		or (${thread.acceptedById} = ${notification.memberId} and ${thread.acceptedAt} >= ${notification.createdAt})
	)`;
}
