// The columns and indexes of a versioned template's version table, shared by succession's
// checklist template and induction's path (`$lib/server/templates/versions.ts` works on either).
// Not a table itself: each area declares its own table with these columns.
import { index, integer, text, uniqueIndex, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { member } from './network';

export const TEMPLATE_STATUSES = ['draft', 'published'] as const;

/** The columns of one version: its number, draft or published, what changed, who and when. */
export function templateVersionColumns() {
	return {
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** 1, 2, 3 … — a draft carries the number it will be published as. */
		version: integer('version').notNull(),
		status: text('status', { enum: TEMPLATE_STATUSES }).notNull(),
		/** What changed in this version, in the admin's words. */
		summary: text('summary').notNull().default(''),
		createdById: integer('created_by_id').references(() => member.id, { onDelete: 'set null' }),
		createdAt: integer('created_at').notNull(),
		publishedById: integer('published_by_id').references(() => member.id, { onDelete: 'set null' }),
		publishedAt: integer('published_at')
	};
}

/** One row per version number; the latest published version is found by (status, version). */
export function templateVersionIndexes(table: string, t: { version: SQLiteColumn; status: SQLiteColumn }) {
	return [uniqueIndex(`${table}_version_uq`).on(t.version), index(`${table}_status_idx`).on(t.status, t.version)];
}
