// Tables of the induction area ("Your first 100 days"). Owned by $lib/server/induction/; other areas call its functions, never these tables.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { member, region } from './network';
import { templateVersionColumns, templateVersionIndexes } from './template-versions';

export const INDUCTION_PHASES = ['ten-days', 'month', 'hundred-days'] as const;
export type InductionPhase = (typeof INDUCTION_PHASES)[number];

/** Steps the network can see done by itself, each asked of the area where it is done. */
export const INDUCTION_RULES = ['mentor-requested', 'mentor-paired', 'meeting-logged', 'introduction-posted', 'induction-logged', 'handover-opened', 'event-going'] as const;
export type InductionRule = (typeof INDUCTION_RULES)[number];

/**
 * One version of the national path. At most one draft exists at a time; publishing freezes it.
 * A member's path points at the version they started on (as a checklist does in succession).
 */
export const inductionTemplate = sqliteTable('induction_template', templateVersionColumns(), (t) => templateVersionIndexes('induction_template', t));

/** A step of one template version. `key` is the step's identity across versions. */
export const inductionStep = sqliteTable(
	'induction_step',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		templateId: integer('template_id')
			.notNull()
			.references(() => inductionTemplate.id, { onDelete: 'cascade' }),
		key: text('key').notNull(),
		phase: text('phase', { enum: INDUCTION_PHASES }).notNull(),
		title: text('title').notNull(),
		/** What to do and why, in a few lines of plain text. */
		body: text('body').notNull().default(''),
		/** Where in the network it is done: a path on this site; `:authority` stands for the member's authority id. */
		link: text('link').notNull().default(''),
		linkText: text('link_text').notNull().default(''),
		/** Ticked by itself when the network sees it done (null: the member ticks it). */
		rule: text('rule', { enum: INDUCTION_RULES }),
		position: integer('position').notNull()
	},
	(t) => [uniqueIndex('induction_step_key_uq').on(t.templateId, t.key), index('induction_step_phase_idx').on(t.templateId, t.phase, t.position)]
);

/** A step a coordinator adds for their region only (at most five a region); members of the region see it on their path. */
export const inductionRegionStep = sqliteTable(
	'induction_region_step',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		regionId: text('region_id')
			.notNull()
			.references(() => region.id),
		/** `region-<id>`: never the key of a national step. */
		key: text('key').notNull(),
		phase: text('phase', { enum: INDUCTION_PHASES }).notNull(),
		title: text('title').notNull(),
		body: text('body').notNull().default(''),
		createdById: integer('created_by_id').references(() => member.id, { onDelete: 'set null' }),
		createdAt: integer('created_at').notNull()
	},
	(t) => [uniqueIndex('induction_region_step_key_uq').on(t.key), index('induction_region_step_region_idx').on(t.regionId, t.phase, t.id)]
);

/**
 * A member's path: the version they are on, and whether a coordinator marked them as new
 * (for someone whose role start date does not show it: a returning Lead Member, a new deputy).
 */
export const inductionPath = sqliteTable(
	'induction_path',
	{
		memberId: integer('member_id')
			.primaryKey()
			.references(() => member.id, { onDelete: 'cascade' }),
		templateId: integer('template_id')
			.notNull()
			.references(() => inductionTemplate.id),
		startedAt: integer('started_at').notNull(),
		markedNewAt: integer('marked_new_at'),
		markedNewById: integer('marked_new_by_id').references(() => member.id, { onDelete: 'set null' })
	},
	(t) => [index('induction_path_template_idx').on(t.templateId), index('induction_path_marked_idx').on(t.markedNewAt)]
);

/** A step the member ticked (with an optional private note) or marked "not relevant for me" (with a reason). */
export const inductionProgress = sqliteTable(
	'induction_progress',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		memberId: integer('member_id')
			.notNull()
			.references(() => member.id, { onDelete: 'cascade' }),
		stepKey: text('step_key').notNull(),
		status: text('status', { enum: ['done', 'not-relevant'] }).notNull(),
		/** Private to the member: never shown to their mentor, coordinator or admins. */
		note: text('note').notNull().default(''),
		reason: text('reason').notNull().default(''),
		at: integer('at').notNull()
	},
	(t) => [uniqueIndex('induction_progress_step_uq').on(t.memberId, t.stepKey), index('induction_progress_at_idx').on(t.memberId, t.at)]
);

/** A coordinator's friendly nudge to a new member (sent through the outbox). */
export const inductionNudge = sqliteTable(
	'induction_nudge',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		memberId: integer('member_id')
			.notNull()
			.references(() => member.id, { onDelete: 'cascade' }),
		sentById: integer('sent_by_id').references(() => member.id, { onDelete: 'set null' }),
		sentAt: integer('sent_at').notNull(),
		message: text('message').notNull()
	},
	(t) => [index('induction_nudge_member_idx').on(t.memberId, t.sentAt), index('induction_nudge_sent_by_idx').on(t.sentById)]
);

/** Each region's introductions thread (in discussions), started by the first introduction if there is none. */
export const inductionRegion = sqliteTable('induction_region', {
	regionId: text('region_id')
		.primaryKey()
		.references(() => region.id),
	introductionsThreadId: integer('introductions_thread_id')
});

export type InductionTemplate = typeof inductionTemplate.$inferSelect;
export type InductionStep = typeof inductionStep.$inferSelect;
export type InductionRegionStep = typeof inductionRegionStep.$inferSelect;
export type InductionPath = typeof inductionPath.$inferSelect;
export type InductionProgress = typeof inductionProgress.$inferSelect;
