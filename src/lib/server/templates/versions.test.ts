/**
 * The versioned-template lifecycle on a template of its own (two small tables made here, on the
 * real in-memory database), so what is tested is the lifecycle and not either area's contents:
 * the first version written once, a draft copied from the latest version, publishing (a summary,
 * the area's problems, nothing to publish), discarding, and published versions left alone.
 */
import { describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { db } from '../db/client';
import { auditEvent } from '../db/schema';
import { templateVersionColumns, templateVersionIndexes } from '../db/schema/template-versions';
import { makeMember } from '../../../../tests/support/members';
import { versionedTemplate, SUMMARY_MAX } from './versions';

const NOW = Date.parse('2026-11-23T12:00:00Z');

const recipe = sqliteTable('recipe_version', templateVersionColumns(), (t) => templateVersionIndexes('recipe_version', t));
const line = sqliteTable('recipe_line', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	templateId: integer('template_id')
		.notNull()
		.references(() => recipe.id, { onDelete: 'cascade' }),
	key: text('key').notNull()
});
db.run(sql`CREATE TABLE recipe_version (id integer PRIMARY KEY AUTOINCREMENT, version integer NOT NULL, status text NOT NULL, summary text DEFAULT '' NOT NULL,
	created_by_id integer REFERENCES member(id) ON DELETE SET NULL, created_at integer NOT NULL, published_by_id integer REFERENCES member(id) ON DELETE SET NULL, published_at integer)`);
db.run(sql`CREATE UNIQUE INDEX recipe_version_version_uq ON recipe_version (version)`);
db.run(sql`CREATE TABLE recipe_line (id integer PRIMARY KEY AUTOINCREMENT, template_id integer NOT NULL REFERENCES recipe_version(id) ON DELETE CASCADE, key text NOT NULL)`);

const linesOf = (templateId: number) =>
	db
		.select({ key: line.key })
		.from(line)
		.where(eq(line.templateId, templateId))
		.orderBy(asc(line.id))
		.all()
		.map((l) => l.key);

let installs = 0;
const recipes = versionedTemplate(recipe, {
	installFirst: (now) => {
		installs++;
		const t = recipes.insertVersion({ version: 1, status: 'published', summary: 'The first recipe.', now });
		for (const key of ['flour', 'eggs']) db.insert(line).values({ templateId: t.id, key }).run();
		return t;
	},
	copyContents: (fromId, toId) => {
		for (const key of linesOf(fromId)) db.insert(line).values({ templateId: toId, key }).run();
	},
	publishProblems: (draftId): Record<string, string> => (linesOf(draftId).length ? {} : { form: 'Add a line before publishing' }),
	words: { nothingToPublish: 'Nothing to publish: change the recipe first', audit: { published: 'recipe.published', discarded: 'recipe.draft-discarded', subjectType: 'recipe' } }
});

describe('a versioned template', () => {
	it('writes the first version once, then edits a draft copied from the latest version and publishes it as the next', () => {
		const admin = makeMember({ role: 'admin' });
		expect(recipes.draft()).toBeNull();
		const first = recipes.current(NOW);
		expect(first).toMatchObject({ version: 1, status: 'published', summary: 'The first recipe.', publishedAt: NOW });
		expect(recipes.current(NOW + 1).id).toBe(first.id);
		expect(installs).toBe(1);

		// Nothing to publish until a draft exists; the summary is checked first.
		expect(recipes.publish(admin.id, '', {}, NOW)).toEqual({ ok: false, errors: { summary: 'Describe what changed in this version' } });
		expect(recipes.publish(admin.id, 'x'.repeat(SUMMARY_MAX + 1), {}, NOW)).toEqual({ ok: false, errors: { summary: 'Describe what changed in at most 1,000 characters' } });
		expect(recipes.publish(admin.id, 'More eggs', {}, NOW)).toEqual({ ok: false, errors: { form: 'Nothing to publish: change the recipe first' } });

		// The first change makes a draft: the next number, a copy of the latest contents; a second call finds the same draft.
		const d = recipes.ensureDraft(admin.id, NOW);
		expect(d).toMatchObject({ version: 2, status: 'draft', createdById: admin.id, publishedAt: null });
		expect(recipes.ensureDraft(admin.id, NOW).id).toBe(d.id);
		expect(linesOf(d.id)).toEqual(['flour', 'eggs']);
		expect(recipes.byVersion(2)).toBeNull();
		expect(recipes.current(NOW).id).toBe(first.id);

		// The area's problems stop publishing, with its own words.
		db.delete(line).where(eq(line.templateId, d.id)).run();
		expect(recipes.publish(admin.id, 'No lines', {}, NOW)).toEqual({ ok: false, errors: { form: 'Add a line before publishing' } });
		db.insert(line).values({ templateId: d.id, key: 'butter' }).run();
		expect(recipes.publish(admin.id, '  Butter instead of eggs  ', { ip: '127.0.0.1' }, NOW + 5)).toEqual({ ok: true, version: 2 });

		expect(recipes.current(NOW)).toMatchObject({ id: d.id, version: 2, status: 'published', summary: 'Butter instead of eggs', publishedById: admin.id, publishedAt: NOW + 5 });
		expect(recipes.byVersion(2)?.id).toBe(d.id);
		expect(recipes.byVersion(1.5)).toBeNull();
		expect(recipes.published().map((v) => v.version)).toEqual([2, 1]);
		expect(recipes.draft()).toBeNull();
		// The published version 1 is as it was.
		expect(linesOf(first.id)).toEqual(['flour', 'eggs']);
		const logged = db.select().from(auditEvent).where(eq(auditEvent.action, 'recipe.published')).all();
		expect(logged.map((a) => [a.actorId, a.subjectType, a.subjectId, a.ipAddress])).toEqual([[admin.id, 'recipe', '2', '127.0.0.1']]);
	});

	it('throws a draft away with its contents, and says when there is none', () => {
		const admin = makeMember({ role: 'admin' });
		expect(recipes.discardDraft(admin.id)).toBe(false);
		const d = recipes.ensureDraft(admin.id, NOW);
		expect(linesOf(d.id).length).toBeGreaterThan(0);
		expect(recipes.discardDraft(admin.id)).toBe(true);
		expect(recipes.draft()).toBeNull();
		expect(recipes.byId(d.id)).toBeNull();
		expect(linesOf(d.id)).toEqual([]);
		expect(db.select().from(auditEvent).where(eq(auditEvent.action, 'recipe.draft-discarded')).all().map((a) => a.subjectId)).toEqual([String(d.version)]);
	});
});
