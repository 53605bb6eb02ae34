// Tables of the training area. Owned by $lib/server/training/; other areas call its functions, never these tables.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { member, region } from './network';
import { libraryEntry } from './library';

/**
 * An event published for a region (or nationally when `regionId` is null): a network meeting,
 * course, webinar or conference. The description is Markdown; `descriptionHtml` is its
 * sanitized rendering, made when the event is saved.
 */
export const trainingEvent = sqliteTable(
	'training_event',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** null = national */
		regionId: text('region_id').references(() => region.id),
		title: text('title').notNull(),
		kind: text('kind').notNull(),
		startsAt: integer('starts_at').notNull(),
		endsAt: integer('ends_at').notNull(),
		/** Where it happens in person ('' when online only). */
		location: text('location').notNull().default(''),
		/** A link to join online ('' when in person only). */
		onlineUrl: text('online_url').notNull().default(''),
		provider: text('provider').notNull().default(''),
		/** JSON array of topic values */
		topics: text('topics', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
		description: text('description').notNull().default(''),
		descriptionHtml: text('description_html').notNull().default(''),
		createdById: integer('created_by_id').references(() => member.id, { onDelete: 'set null' }),
		cancelledAt: integer('cancelled_at'),
		/** When every member it is for had been emailed about it (null: not yet; the scheduler does it once). */
		announcedAt: integer('announced_at'),
		/**
		 * How far the announcement has gone while it is being sent: the highest member id done
		 * (null: not begun). Moved in the transaction that queues each slice's emails, so a run
		 * cut short resumes after it and two runs never take the same members.
		 */
		announcedThrough: integer('announced_through'),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [
		index('training_event_region_starts_idx').on(t.regionId, t.startsAt),
		index('training_event_starts_idx').on(t.startsAt),
		index('training_event_created_idx').on(t.createdAt),
		index('training_event_creator_idx').on(t.createdById),
		index('training_event_announced_idx').on(t.announcedAt)
	]
);

/**
 * One entry in a member's training log. Dates are London calendar dates ('YYYY-MM-DD');
 * a single-day entry has `endDate` equal to `startDate`. Time is kept in whole minutes so
 * totals add up exactly. `sourceKey` makes entries added by the system idempotent
 * ('event:12', 'mentoring:meeting:34').
 */
export const trainingEntry = sqliteTable(
	'training_entry',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		memberId: integer('member_id')
			.notNull()
			.references(() => member.id, { onDelete: 'cascade' }),
		startDate: text('start_date').notNull(),
		endDate: text('end_date').notNull(),
		title: text('title').notNull(),
		provider: text('provider').notNull().default(''),
		kind: text('kind').notNull(),
		/** JSON array of topic values */
		topics: text('topics', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
		minutes: integer('minutes').notNull(),
		reflection: text('reflection').notNull().default(''),
		link: text('link').notNull().default(''),
		eventId: integer('event_id').references(() => trainingEvent.id, { onDelete: 'set null' }),
		sourceKey: text('source_key'),
		/** The library document this learning was (read through the library's functions; null when none, or deleted since). */
		libraryEntryId: integer('library_entry_id').references(() => libraryEntry.id, { onDelete: 'set null' }),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [
		index('training_entry_member_date_idx').on(t.memberId, t.startDate),
		index('training_entry_library_idx').on(t.libraryEntryId),
		index('training_entry_member_kind_idx').on(t.memberId, t.kind, t.startDate),
		index('training_entry_end_date_idx').on(t.endDate),
		index('training_entry_event_idx').on(t.eventId),
		uniqueIndex('training_entry_source_uq').on(t.memberId, t.sourceKey)
	]
);

/** "I'm going": a member's intention to attend an event. */
export const trainingEventAttendance = sqliteTable(
	'training_event_attendance',
	{
		eventId: integer('event_id')
			.notNull()
			.references(() => trainingEvent.id, { onDelete: 'cascade' }),
		memberId: integer('member_id')
			.notNull()
			.references(() => member.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at').notNull(),
		/** When the "it's tomorrow" reminder was sent (or skipped for their email settings): once only. */
		remindedAt: integer('reminded_at')
	},
	(t) => [primaryKey({ columns: [t.eventId, t.memberId] }), index('training_event_attendance_member_idx').on(t.memberId)]
);

/**
 * A member's choice to share their log with their mentor. It names the mentor it was given
 * to: when the member gets a different mentor, the log is not shared with them until the
 * member says so again.
 */
export const trainingSharing = sqliteTable(
	'training_sharing',
	{
		memberId: integer('member_id')
			.primaryKey()
			.references(() => member.id, { onDelete: 'cascade' }),
		mentorId: integer('mentor_id')
			.notNull()
			.references(() => member.id, { onDelete: 'cascade' }),
		sharedAt: integer('shared_at').notNull()
	},
	(t) => [index('training_sharing_mentor_idx').on(t.mentorId)]
);

export type TrainingEvent = typeof trainingEvent.$inferSelect;
export type TrainingEntry = typeof trainingEntry.$inferSelect;
export type TrainingEventAttendance = typeof trainingEventAttendance.$inferSelect;
export type TrainingSharing = typeof trainingSharing.$inferSelect;
