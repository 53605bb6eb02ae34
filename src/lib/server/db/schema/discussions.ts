// Tables of the discussions area. Owned by $lib/server/discussions/; other areas call its functions, never these tables.
// Full-text search (FTS5 over post titles and bodies, with triggers) is in ../custom/discussions-fts.sql;
// the words offered back for "Did you mean …?" in ../custom/discussions-words.sql.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { member, region } from './network';
import { libraryEntry } from './library';

/** A discussion category (corporate parenting, safeguarding …), managed by admins. */
export const category = sqliteTable(
	'category',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** Stable name for URLs, e.g. "corporate-parenting"; kept when the category is renamed. */
		slug: text('slug').notNull(),
		name: text('name').notNull(),
		description: text('description').notNull().default(''),
		/** Topics (vocab TOPICS) this category is about, to rank threads for a member's expertise. */
		topics: text('topics', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
		sortOrder: integer('sort_order').notNull(),
		archivedAt: integer('archived_at'),
		createdAt: integer('created_at').notNull()
	},
	(t) => [uniqueIndex('category_slug_uq').on(t.slug), index('category_order_idx').on(t.sortOrder)]
);

/**
 * A thread: its first post is the question or opening post. `regionId` null = national;
 * otherwise only that region's members, its coordinator and admins may see it.
 * Activity fields (`lastPostAt`, `postCount` …) are kept up to date on every post so lists
 * need no aggregate queries.
 */
export const thread = sqliteTable(
	'thread',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		title: text('title').notNull(),
		categoryId: integer('category_id')
			.notNull()
			.references(() => category.id),
		regionId: text('region_id').references(() => region.id),
		authorId: integer('author_id').references(() => member.id, { onDelete: 'set null' }),
		isQuestion: integer('is_question', { mode: 'boolean' }).notNull().default(false),
		/** The reply marked as the answer (questions only). */
		acceptedPostId: integer('accepted_post_id'),
		acceptedById: integer('accepted_by_id').references(() => member.id, { onDelete: 'set null' }),
		acceptedAt: integer('accepted_at'),
		pinnedAt: integer('pinned_at'),
		lockedAt: integer('locked_at'),
		lockedById: integer('locked_by_id').references(() => member.id, { onDelete: 'set null' }),
		/** Number of posts including the first; also the number of the last post. */
		postCount: integer('post_count').notNull().default(0),
		lastPostAt: integer('last_post_at').notNull(),
		lastPosterId: integer('last_poster_id').references(() => member.id, { onDelete: 'set null' }),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [
		index('thread_activity_idx').on(t.lastPostAt, t.id),
		index('thread_category_activity_idx').on(t.categoryId, t.lastPostAt, t.id),
		index('thread_region_activity_idx').on(t.regionId, t.lastPostAt, t.id),
		index('thread_unanswered_idx').on(t.isQuestion, t.acceptedPostId, t.lastPostAt, t.id),
		index('thread_author_activity_idx').on(t.authorId, t.lastPostAt, t.id),
		index('thread_category_pinned_idx').on(t.categoryId, t.pinnedAt),
		index('thread_created_idx').on(t.createdAt)
	]
);

/**
 * A post in a thread. `number` is its place in the thread (1 = the opening post) and never
 * changes: deleted and hidden posts keep their place as placeholders. `html` is the sanitized
 * rendering stored at write time; `plain` is the plain text that search indexes.
 * `title` holds the thread title on the opening post (empty on replies) so that the search
 * index covers titles; it is kept in step when the title changes.
 */
export const post = sqliteTable(
	'post',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		threadId: integer('thread_id')
			.notNull()
			.references(() => thread.id, { onDelete: 'cascade' }),
		number: integer('number').notNull(),
		authorId: integer('author_id').references(() => member.id, { onDelete: 'set null' }),
		title: text('title').notNull().default(''),
		body: text('body').notNull(),
		html: text('html').notNull(),
		plain: text('plain').notNull(),
		/** The post this one quotes (quote-reply), if any. */
		replyToPostId: integer('reply_to_post_id'),
		createdAt: integer('created_at').notNull(),
		editedAt: integer('edited_at'),
		editCount: integer('edit_count').notNull().default(0),
		deletedAt: integer('deleted_at'),
		hiddenAt: integer('hidden_at'),
		hiddenById: integer('hidden_by_id').references(() => member.id, { onDelete: 'set null' }),
		hiddenReason: text('hidden_reason')
	},
	(t) => [
		uniqueIndex('post_thread_number_uq').on(t.threadId, t.number),
		index('post_author_idx').on(t.authorId, t.createdAt),
		index('post_created_idx').on(t.createdAt)
	]
);

/** Earlier versions of a post, kept on every edit and on deletion (visible to admins). */
export const postRevision = sqliteTable(
	'post_revision',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		postId: integer('post_id')
			.notNull()
			.references(() => post.id, { onDelete: 'cascade' }),
		title: text('title').notNull().default(''),
		body: text('body').notNull(),
		/** Who made the change that replaced this version. */
		editorId: integer('editor_id').references(() => member.id, { onDelete: 'set null' }),
		/** When this version was replaced. */
		replacedAt: integer('replaced_at').notNull(),
		reason: text('reason', { enum: ['edit', 'delete'] }).notNull().default('edit'),
		/** The library entries attached to this version, in order (null: from before attachments were kept). */
		attachments: text('attachments', { mode: 'json' }).$type<number[] | null>()
	},
	(t) => [index('post_revision_post_idx').on(t.postId, t.replacedAt)]
);

/**
 * A library entry attached to a post, shown under it and linked from emails about it. The entry
 * belongs to the library area (read through its functions); a deleted entry drops off the post.
 */
export const postAttachment = sqliteTable(
	'post_attachment',
	{
		postId: integer('post_id')
			.notNull()
			.references(() => post.id, { onDelete: 'cascade' }),
		entryId: integer('entry_id')
			.notNull()
			.references(() => libraryEntry.id, { onDelete: 'cascade' }),
		/** Its place under the post (0 first). */
		position: integer('position').notNull()
	},
	(t) => [primaryKey({ columns: [t.postId, t.entryId] }), index('post_attachment_entry_idx').on(t.entryId)]
);

/**
 * Following a thread. A row with `following = false` records that the member turned it off,
 * so replying again does not follow them back in.
 */
export const threadFollow = sqliteTable(
	'thread_follow',
	{
		memberId: integer('member_id')
			.notNull()
			.references(() => member.id, { onDelete: 'cascade' }),
		threadId: integer('thread_id')
			.notNull()
			.references(() => thread.id, { onDelete: 'cascade' }),
		following: integer('following', { mode: 'boolean' }).notNull().default(true),
		createdAt: integer('created_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.memberId, t.threadId] }), index('thread_follow_thread_idx').on(t.threadId, t.following)]
);

/** Each member's last-read post per thread (unread markers, "3 new"). */
export const threadRead = sqliteTable(
	'thread_read',
	{
		memberId: integer('member_id')
			.notNull()
			.references(() => member.id, { onDelete: 'cascade' }),
		threadId: integer('thread_id')
			.notNull()
			.references(() => thread.id, { onDelete: 'cascade' }),
		/** The highest post number the member has seen. */
		lastReadNumber: integer('last_read_number').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.memberId, t.threadId] }), index('thread_read_thread_idx').on(t.threadId)]
);

/** A member's report of a post to the moderators. */
export const postReport = sqliteTable(
	'post_report',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		postId: integer('post_id')
			.notNull()
			.references(() => post.id, { onDelete: 'cascade' }),
		/** Copied from the thread so the queue filters by region from an index. */
		regionId: text('region_id').references(() => region.id),
		reporterId: integer('reporter_id').references(() => member.id, { onDelete: 'set null' }),
		/** `member`: a member reported it; `check`: the child-safety check warned and the author confirmed. */
		source: text('source', { enum: ['member', 'check'] }).notNull().default('member'),
		reason: text('reason', { enum: ['identifies-child', 'personal-information', 'abusive', 'spam', 'off-topic', 'other'] }).notNull(),
		note: text('note').notNull().default(''),
		createdAt: integer('created_at').notNull(),
		resolvedAt: integer('resolved_at'),
		resolvedById: integer('resolved_by_id').references(() => member.id, { onDelete: 'set null' }),
		resolution: text('resolution', { enum: ['hidden', 'dismissed'] })
	},
	(t) => [
		index('post_report_open_idx').on(t.resolvedAt, t.regionId, t.createdAt),
		index('post_report_post_idx').on(t.postId),
		index('post_report_reporter_idx').on(t.reporterId)
	]
);

/** An in-app notification (mention, reply in a followed thread, accepted answer, moderation). */
export const notification = sqliteTable(
	'notification',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		memberId: integer('member_id')
			.notNull()
			.references(() => member.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['mention', 'reply', 'answer', 'moderation'] }).notNull(),
		threadId: integer('thread_id')
			.notNull()
			.references(() => thread.id, { onDelete: 'cascade' }),
		postId: integer('post_id').references(() => post.id, { onDelete: 'cascade' }),
		actorId: integer('actor_id').references(() => member.id, { onDelete: 'set null' }),
		/** Extra words, e.g. the reason a post was hidden. */
		detail: text('detail').notNull().default(''),
		createdAt: integer('created_at').notNull(),
		readAt: integer('read_at'),
		/** When it was emailed to the member straight away (null: not emailed; a digest does not repeat it). */
		emailedAt: integer('emailed_at')
	},
	(t) => [
		index('notification_member_idx').on(t.memberId, t.id),
		index('notification_unread_idx').on(t.memberId, t.readAt),
		index('notification_member_created_idx').on(t.memberId, t.createdAt),
		uniqueIndex('notification_once_uq').on(t.memberId, t.kind, t.threadId, t.postId),
		index('notification_thread_idx').on(t.threadId),
		index('notification_post_idx').on(t.postId),
		index('notification_actor_idx').on(t.actorId)
	]
);

export type Category = typeof category.$inferSelect;
export type Thread = typeof thread.$inferSelect;
export type Post = typeof post.$inferSelect;
export type PostRevision = typeof postRevision.$inferSelect;
export type PostAttachment = typeof postAttachment.$inferSelect;
export type ThreadFollow = typeof threadFollow.$inferSelect;
export type ThreadRead = typeof threadRead.$inferSelect;
export type PostReport = typeof postReport.$inferSelect;
export type Notification = typeof notification.$inferSelect;
