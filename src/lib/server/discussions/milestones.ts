/** Dates other parts of the network ask of discussions: when each of a set of members first posted in a thread. */
import { and, eq, isNull, min, sql } from 'drizzle-orm';
import { db, inJson, jsonList, prepared } from '../db/client';
import { post } from '../db/schema';

const firstPostsQuery = prepared(() =>
	db
		.select({ authorId: post.authorId, at: min(post.createdAt) })
		.from(post)
		.where(and(eq(post.threadId, sql.placeholder('threadId')), inJson(post.authorId, 'ids'), isNull(post.deletedAt), isNull(post.hiddenAt)))
		.groupBy(post.authorId)
		.prepare()
);

/** When each member first posted in the thread (a post since deleted or hidden does not count; members who never did are left out). */
export function firstPostsIn(threadId: number, memberIds: number[]): Map<number, number> {
	if (memberIds.length === 0) return new Map();
	const rows = firstPostsQuery().all({ threadId, ids: jsonList(memberIds) });
	return new Map(rows.flatMap((r) => (r.authorId == null || r.at == null ? [] : [[r.authorId, r.at] as const])));
}
