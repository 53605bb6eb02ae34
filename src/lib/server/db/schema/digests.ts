// Tables of the digests area. Owned by $lib/server/digests/; other areas call its functions, never these tables.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { member, region } from './network';

/** One line of a regional digest section (the same shape as an area's DigestItem). */
export type RegionalDigestItem = { text: string; href: string; note?: string };

/**
 * A section of a regional digest: suggested from an area (kept or dropped by the coordinator)
 * or written by the coordinator (Markdown `body`, sanitized into `bodyHtml` when saved).
 */
export type RegionalDigestSection = {
	/** Stable within the digest, e.g. "s3". */
	key: string;
	title: string;
	/** Where it came from: an area's name, 'members', or 'custom'. */
	source: string;
	items: RegionalDigestItem[];
	more?: number;
	moreHref?: string;
	body?: string;
	bodyHtml?: string;
	bodyText?: string;
	kept: boolean;
};

/**
 * A regional digest a coordinator composes (admins: any region, or national when `regionId` is
 * null). Drafts can be edited; a scheduled one goes at `scheduledFor`; once sending it is frozen
 * and has a page on the site. Its emails are outbox rows with batchKey `regional-digest:<id>`.
 */
export const regionalDigest = sqliteTable(
	'regional_digest',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** null = national */
		regionId: text('region_id').references(() => region.id),
		title: text('title').notNull(),
		/** Markdown as typed, and its sanitized HTML and plain text. */
		intro: text('intro').notNull().default(''),
		introHtml: text('intro_html').notNull().default(''),
		introText: text('intro_text').notNull().default(''),
		sections: text('sections', { mode: 'json' }).$type<RegionalDigestSection[]>().notNull(),
		/** Suggestions cover what happened from here to when they were made. */
		coversFrom: integer('covers_from').notNull(),
		/** sending: its emails are being queued (a crash mid-way is finished by the scheduler); sent: all queued. */
		status: text('status', { enum: ['draft', 'scheduled', 'sending', 'sent'] }).notNull().default('draft'),
		scheduledFor: integer('scheduled_for'),
		scheduledById: integer('scheduled_by_id').references(() => member.id, { onDelete: 'set null' }),
		sentAt: integer('sent_at'),
		sentById: integer('sent_by_id').references(() => member.id, { onDelete: 'set null' }),
		recipientCount: integer('recipient_count').notNull().default(0),
		createdById: integer('created_by_id').references(() => member.id, { onDelete: 'set null' }),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [
		index('regional_digest_region_idx').on(t.regionId, t.status, t.sentAt),
		index('regional_digest_status_idx').on(t.status, t.scheduledFor),
		index('regional_digest_sent_idx').on(t.status, t.sentAt)
	]
);

export type RegionalDigest = typeof regionalDigest.$inferSelect;

/**
 * Where each member's personal digest schedule stands: the last period handled (sent, or
 * skipped because nothing was new) and how far the last sent digest covered.
 */
export const personalDigestState = sqliteTable('personal_digest_state', {
	memberId: integer('member_id')
		.primaryKey()
		.references(() => member.id, { onDelete: 'cascade' }),
	/** The scheduled instant of the last period handled. */
	lastDueAt: integer('last_due_at').notNull(),
	lastPeriodKey: text('last_period_key'),
	/** Content up to here has been in a digest; the next one starts here. */
	coveredUntil: integer('covered_until').notNull(),
	lastSentAt: integer('last_sent_at'),
	updatedAt: integer('updated_at').notNull()
});

export type PersonalDigestState = typeof personalDigestState.$inferSelect;

/**
 * One row per member per period handled: a period is never handled twice (the unique index),
 * even when the member moves their hour after the day's digest has gone.
 */
export const personalDigestRun = sqliteTable(
	'personal_digest_run',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		memberId: integer('member_id')
			.notNull()
			.references(() => member.id, { onDelete: 'cascade' }),
		periodKey: text('period_key').notNull(),
		dueAt: integer('due_at').notNull(),
		coversFrom: integer('covers_from').notNull(),
		coversUntil: integer('covers_until').notNull(),
		/**
		 * sent: queued in the outbox; empty: nothing new, nothing sent; seen: not sent, the member
		 * had been on the site and seen all of it; held: not sent, the address is bouncing or the
		 * member has been away too long.
		 */
		outcome: text('outcome', { enum: ['sent', 'empty', 'seen', 'held'] }).notNull(),
		itemCount: integer('item_count').notNull().default(0),
		outboxId: integer('outbox_id'),
		createdAt: integer('created_at').notNull()
	},
	(t) => [uniqueIndex('personal_digest_run_period_uq').on(t.memberId, t.periodKey), index('personal_digest_run_member_idx').on(t.memberId, t.dueAt)]
);

export type PersonalDigestRun = typeof personalDigestRun.$inferSelect;

/** Small settings of the digest scheduler, e.g. when it first ran (so a fresh install sends no backlog). */
export const digestSetting = sqliteTable('digest_setting', {
	key: text('key').primaryKey(),
	value: integer('value').notNull()
});
