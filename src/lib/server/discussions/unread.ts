/** Unread tracking: each member's last-read post per thread ("3 new", landing on the first unread post). */
import { and, eq, sql } from 'drizzle-orm';
import { db, prepared } from '../db/client';
import { threadRead } from '../db/schema';

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
