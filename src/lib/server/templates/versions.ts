/**
 * A versioned template: what succession's checklist template and induction's path have in
 * common. Admins edit one draft, a copy of the latest published version made on their first
 * change; publishing it makes the next version. Published versions never change, so whatever
 * started on one (a checklist, a member's path) keeps reading it until it moves to a newer one.
 *
 * This module knows the version table (`db/schema/template-versions.ts`: number, status, summary,
 * who and when) and nothing of what a version holds: the area that owns the template says how
 * to write its first version, how to copy a version's contents into the draft and what stops a
 * draft being published. The area asks the policy before calling in here.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { BuildColumns } from 'drizzle-orm/column-builder';
import type { SQLiteTableWithColumns } from 'drizzle-orm/sqlite-core';
import { db, immediate, prepared } from '../db/client';
import type { templateVersionColumns } from '../db/schema/template-versions';
import * as audit from '../auth/audit';

/** A table declared with `templateVersionColumns()`. */
export type VersionTable = SQLiteTableWithColumns<{
	name: string;
	schema: undefined;
	dialect: 'sqlite';
	columns: BuildColumns<string, ReturnType<typeof templateVersionColumns>, 'sqlite'>;
}>;

export type VersionRow = VersionTable['$inferSelect'];

/** How summaries are checked: what changed in a version, in the admin's words. */
export const SUMMARY_MAX = 1_000;

export type PublishResult = { ok: true; version: number } | { ok: false; errors: Record<string, string> };

export type VersionedTemplate = ReturnType<typeof versionedTemplate>;

/**
 * The version lifecycle of one area's template.
 *
 * - `installFirst(now)`: writes version 1 (the area's default contents), published.
 * - `copyContents(fromId, toId)`: copies a version's contents into a new draft.
 * - `publishProblems(draftId)`: field → message for whatever stops the draft being published
 *   (an empty record when nothing does).
 * - `words`: the area's wording and audit names.
 */
export function versionedTemplate(
	table: VersionTable,
	parts: {
		installFirst: (now: number) => VersionRow;
		copyContents: (fromId: number, toId: number) => void;
		publishProblems: (draftId: number) => Record<string, string>;
		words: { nothingToPublish: string; audit: { published: string; discarded: string; subjectType: string } };
	}
) {
	// Asked on every page that shows the template (the home page of each new member): prepared once.
	const latestPublishedQuery = prepared(() => db.select().from(table).where(eq(table.status, 'published')).orderBy(desc(table.version)).limit(1).prepare());
	const latestPublished = (): VersionRow | null => latestPublishedQuery().get() ?? null;

	/** The latest published version, writing the first one if there is none. */
	function current(now = Date.now()): VersionRow {
		return latestPublished() ?? immediate(() => latestPublished() ?? parts.installFirst(now));
	}

	/** One version by id (null if unknown). */
	function byId(id: number): VersionRow | null {
		return db.select().from(table).where(eq(table.id, id)).get() ?? null;
	}

	/** One published version by its number (null if unknown or a draft). */
	function byVersion(version: number): VersionRow | null {
		if (!Number.isSafeInteger(version)) return null;
		return db.select().from(table).where(and(eq(table.version, version), eq(table.status, 'published'))).get() ?? null;
	}

	/** The draft, if an admin has started one. */
	function draft(): VersionRow | null {
		return db.select().from(table).where(eq(table.status, 'draft')).get() ?? null;
	}

	/** Published versions, newest first. */
	function published(): VersionRow[] {
		return db.select().from(table).where(eq(table.status, 'published')).orderBy(desc(table.version)).all();
	}

	/** Writes the row of a version (its contents are the caller's): for the first version, and tests. */
	function insertVersion(opts: { version: number; status: 'draft' | 'published'; summary?: string; byId?: number | null; now: number }): VersionRow {
		const published = opts.status === 'published';
		return db
			.insert(table)
			.values({
				version: opts.version,
				status: opts.status,
				summary: opts.summary ?? '',
				createdById: opts.byId ?? null,
				createdAt: opts.now,
				publishedById: published ? (opts.byId ?? null) : null,
				publishedAt: published ? opts.now : null
			})
			.returning()
			.get();
	}

	/** The draft, started as a copy of the latest version if needed. Call inside a transaction. */
	function ensureDraft(byId: number, now: number): VersionRow {
		const existing = draft();
		if (existing) return existing;
		const latest = current(now);
		const t = insertVersion({ version: latest.version + 1, status: 'draft', byId, now });
		parts.copyContents(latest.id, t.id);
		return t;
	}

	/** Publishes the draft as the next version: needs a summary, and nothing in `publishProblems`. */
	function publish(byId: number, summary: string, meta: { ip?: string } = {}, now = Date.now()): PublishResult {
		const text = summary.trim();
		if (!text) return { ok: false, errors: { summary: 'Describe what changed in this version' } };
		if (text.length > SUMMARY_MAX) return { ok: false, errors: { summary: `Describe what changed in at most ${SUMMARY_MAX.toLocaleString('en-GB')} characters` } };
		const result = immediate((): PublishResult => {
			const d = draft();
			if (!d) return { ok: false, errors: { form: parts.words.nothingToPublish } };
			const problems = parts.publishProblems(d.id);
			if (Object.keys(problems).length) return { ok: false, errors: problems };
			db.update(table).set({ status: 'published', summary: text, publishedAt: now, publishedById: byId }).where(eq(table.id, d.id)).run();
			return { ok: true, version: d.version };
		});
		if (result.ok) audit.record({ actorId: byId, action: parts.words.audit.published, subjectType: parts.words.audit.subjectType, subjectId: result.version, ipAddress: meta.ip, detail: { summary: text } });
		return result;
	}

	/** Throws the draft away (its contents go with it, by cascade). */
	function discardDraft(byId: number, meta: { ip?: string } = {}): boolean {
		const d = draft();
		if (!d) return false;
		db.delete(table).where(eq(table.id, d.id)).run();
		audit.record({ actorId: byId, action: parts.words.audit.discarded, subjectType: parts.words.audit.subjectType, subjectId: d.version, ipAddress: meta.ip });
		return true;
	}

	return { current, byId, byVersion, draft, published, insertVersion, ensureDraft, publish, discardDraft };
}
