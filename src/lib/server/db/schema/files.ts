// Tables of the files store. Owned by $lib/server/files/; other areas call its functions, never this table.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * One stored file, named by the SHA-256 of its bytes (identical files are stored once), kept in
 * `DATA_DIR/files/<first two hex>/<hash>`. `refs` counts the things that point at it (library
 * versions); a file at 0 for longer than the grace period is removed by housekeeping.
 */
export const storedFile = sqliteTable(
	'stored_file',
	{
		hash: text('hash').primaryKey(),
		size: integer('size').notNull(),
		/** The kind decided from the content (files/types.ts). */
		kind: text('kind').notNull(),
		mime: text('mime').notNull(),
		/** A PDF with scripts, actions or embedded files: served only as an attachment. */
		activeContent: integer('active_content', { mode: 'boolean' }).notNull().default(false),
		refs: integer('refs').notNull().default(0),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [index('stored_file_unreferenced_idx').on(t.refs, t.updatedAt)]
);

export type StoredFile = typeof storedFile.$inferSelect;
