// Tables of the library area. Owned by $lib/server/library/; other areas call its functions, never these tables.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { authority, member, region } from './network';
import { storedFile } from './files';

export type CaseStudy = {
	situation: string;
	whatWeDid: string;
	whatChanged: string;
	differently: string;
	contact: string;
};

/**
 * A library entry: a document (or a case study) shared nationally (`regionId` null) or within
 * one region — the same rule as regional threads. Summary and case-study fields are Markdown;
 * `*Html` are their sanitized renderings, made when saved. `plain` is the text search indexes.
 */
export const libraryEntry = sqliteTable(
	'library_entry',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		kind: text('kind').notNull(),
		title: text('title').notNull(),
		summary: text('summary').notNull(),
		summaryHtml: text('summary_html').notNull(),
		caseStudy: text('case_study', { mode: 'json' }).$type<CaseStudy | null>(),
		caseStudyHtml: text('case_study_html', { mode: 'json' }).$type<CaseStudy | null>(),
		/** Title, summary and case-study text, for search. */
		plain: text('plain').notNull().default(''),
		topics: text('topics', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
		authorityId: integer('authority_id')
			.notNull()
			.references(() => authority.id),
		/** null = national */
		regionId: text('region_id').references(() => region.id),
		/** 'YYYY-MM-DD' or null. */
		reviewBy: text('review_by'),
		authorId: integer('author_id').references(() => member.id, { onDelete: 'set null' }),
		usefulCount: integer('useful_count').notNull().default(0),
		/** A private draft: seen by its author only, until they share it. */
		draft: integer('draft', { mode: 'boolean' }).notNull().default(false),
		hiddenAt: integer('hidden_at'),
		hiddenById: integer('hidden_by_id').references(() => member.id, { onDelete: 'set null' }),
		hiddenReason: text('hidden_reason'),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [
		index('library_entry_created_idx').on(t.createdAt, t.id),
		index('library_entry_useful_idx').on(t.usefulCount, t.createdAt, t.id),
		index('library_entry_region_idx').on(t.regionId, t.createdAt),
		index('library_entry_authority_idx').on(t.authorityId, t.createdAt),
		index('library_entry_kind_idx').on(t.kind, t.createdAt),
		index('library_entry_author_idx').on(t.authorId, t.draft)
	]
);

/** A file of an entry; its content is its versions (the latest is current). */
export const libraryFile = sqliteTable(
	'library_file',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		entryId: integer('entry_id')
			.notNull()
			.references(() => libraryEntry.id, { onDelete: 'cascade' }),
		/** The number of its latest version. */
		latest: integer('latest').notNull().default(1),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('library_file_entry_idx').on(t.entryId)]
);

/** One uploaded version of a file. The bytes are in the file store under `hash`. */
export const libraryVersion = sqliteTable(
	'library_version',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		fileId: integer('file_id')
			.notNull()
			.references(() => libraryFile.id, { onDelete: 'cascade' }),
		number: integer('number').notNull(),
		hash: text('hash')
			.notNull()
			.references(() => storedFile.hash),
		/** The uploaded name, made safe. */
		name: text('name').notNull(),
		size: integer('size').notNull(),
		kind: text('kind').notNull(),
		uploadedById: integer('uploaded_by_id').references(() => member.id, { onDelete: 'set null' }),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('library_version_file_idx').on(t.fileId, t.number), index('library_version_uploader_idx').on(t.uploadedById), index('library_version_hash_idx').on(t.hash)]
);

/** "This was useful": one per member per entry. */
export const libraryUseful = sqliteTable(
	'library_useful',
	{
		entryId: integer('entry_id')
			.notNull()
			.references(() => libraryEntry.id, { onDelete: 'cascade' }),
		memberId: integer('member_id')
			.notNull()
			.references(() => member.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at').notNull()
	},
	// By member, newest first: the documents a member offers to attach (every thread page's reply form).
	(t) => [primaryKey({ columns: [t.entryId, t.memberId] }), index('library_useful_member_idx').on(t.memberId, t.createdAt)]
);

/** A member's report of an entry, for moderators. */
export const libraryReport = sqliteTable(
	'library_report',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		entryId: integer('entry_id')
			.notNull()
			.references(() => libraryEntry.id, { onDelete: 'cascade' }),
		reporterId: integer('reporter_id').references(() => member.id, { onDelete: 'set null' }),
		reason: text('reason').notNull(),
		note: text('note').notNull().default(''),
		createdAt: integer('created_at').notNull(),
		resolvedAt: integer('resolved_at')
	},
	(t) => [index('library_report_open_idx').on(t.resolvedAt, t.entryId)]
);

export type LibraryEntry = typeof libraryEntry.$inferSelect;
export type LibraryVersion = typeof libraryVersion.$inferSelect;

/**
 * Searchable text: one row per entry (title, summary, case study; `versionId` null) and one per
 * page of each current file version, extracted off the request path. Indexed by the FTS5 table
 * `library_text_fts` (custom migration, with triggers).
 */
export const libraryText = sqliteTable(
	'library_text',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		entryId: integer('entry_id')
			.notNull()
			.references(() => libraryEntry.id, { onDelete: 'cascade' }),
		versionId: integer('version_id').references(() => libraryVersion.id, { onDelete: 'cascade' }),
		/** 1-based page (PDF), 0 for the entry's own text and for files without pages. */
		page: integer('page').notNull().default(0),
		text: text('text').notNull()
	},
	(t) => [index('library_text_entry_idx').on(t.entryId), index('library_text_version_idx').on(t.versionId)]
);

/** Text extraction waiting to run: a queue the scheduler works through, kept across restarts. */
export const libraryTextJob = sqliteTable(
	'library_text_job',
	{
		versionId: integer('version_id')
			.primaryKey()
			.references(() => libraryVersion.id, { onDelete: 'cascade' }),
		attempts: integer('attempts').notNull().default(0),
		/** Not before this time (a failed attempt waits). */
		runAfter: integer('run_after').notNull(),
		/** A worker that claimed it, until when (a crash lets another take it after this). */
		leaseUntil: integer('lease_until'),
		lastError: text('last_error'),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('library_text_job_due_idx').on(t.runAfter)]
);
