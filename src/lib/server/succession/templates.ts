/**
 * The checklist template and its versions. Admins edit a draft (a working copy of the latest
 * version); publishing the draft makes the next version. Published versions never change, so a
 * checklist on version 2 keeps reading version 2 until its authority moves to a newer one.
 */
import { error } from '@sveltejs/kit';
import { and, asc, count, desc, eq, like, or } from 'drizzle-orm';
import { db, immediate } from '../db/client';
import { checklist, checklistTemplate, templateItem, templateSection, type ChecklistTemplate, type TemplateItem, type TemplateSection } from '../db/schema';
import { authorize, type Actor } from '../auth/policy';
import * as audit from '../auth/audit';
import { firstFree, slugify } from '../slug';
import { DEFAULT_TEMPLATE, type TemplateSpec } from './default-template';
import { SUMMARY_MAX, versionedTemplate, type PublishResult } from '../templates/versions';

export const TEMPLATE_LIMITS = { title: 200, guidance: 2_000, summary: SUMMARY_MAX, minWeight: 1, maxWeight: 10 } as const;

export type SectionWithItems = Pick<TemplateSection, 'id' | 'key' | 'title' | 'position'> & { items: TemplateItem[] };
export type TemplateContents = { template: ChecklistTemplate; sections: SectionWithItems[] };
export type EditResult = { ok: true; key: string } | { ok: false; errors: Record<string, string> };

/** Writes a template spec as one version (used for the default template and in tests). */
export function installVersion(spec: TemplateSpec, opts: { version: number; status: 'draft' | 'published'; summary?: string; byId?: number | null; now?: number }): ChecklistTemplate {
	const now = opts.now ?? Date.now();
	return immediate(() => {
		const t = lifecycle.insertVersion({ ...opts, now });
		spec.forEach((s, si) => {
			const section = db.insert(templateSection).values({ templateId: t.id, key: s.key, title: s.title, position: si }).returning().get();
			s.items.forEach((item, ii) => {
				db.insert(templateItem)
					.values({ templateId: t.id, sectionId: section.id, key: item.key, title: item.title, guidance: item.guidance, weight: item.weight, position: ii })
					.run();
			});
		});
		return t;
	});
}

/** Copies a version's sections and items into a new draft. */
function copyContents(fromId: number, toId: number) {
	for (const s of contents(fromId)!.sections) {
		const section = db.insert(templateSection).values({ templateId: toId, key: s.key, title: s.title, position: s.position }).returning().get();
		for (const i of s.items) {
			db.insert(templateItem)
				.values({ templateId: toId, sectionId: section.id, key: i.key, title: i.title, guidance: i.guidance, weight: i.weight, position: i.position })
				.run();
		}
	}
}

/** What stops a draft being published: no items at all, or a section with none. */
function publishProblems(draftId: number): Record<string, string> {
	const c = contents(draftId)!;
	if (c.sections.every((s) => s.items.length === 0)) return { form: 'Add at least one item before publishing' };
	const empty = c.sections.find((s) => s.items.length === 0);
	return empty ? { form: `Add an item to “${empty.title}” or remove the section before publishing` } : {};
}

/** The shared draft / publish / versions lifecycle (templates/versions.ts) over this area's table. */
const lifecycle = versionedTemplate(checklistTemplate, {
	installFirst: (now) => installVersion(DEFAULT_TEMPLATE, { version: 1, status: 'published', summary: 'The first version of the checklist.', now }),
	copyContents,
	publishProblems,
	words: {
		nothingToPublish: 'There are no changes to publish. Change the template first.',
		audit: { published: 'template.published', discarded: 'template.draft-discarded', subjectType: 'checklist-template' }
	}
});

/** The latest published version, installing the default template first if there is none. */
export const current: (now?: number) => ChecklistTemplate = lifecycle.current;

/** One version by id (null if unknown). */
export const byId: (id: number) => ChecklistTemplate | null = lifecycle.byId;

/** One published version by its number (null if unknown or a draft). */
export const byVersion: (version: number) => ChecklistTemplate | null = lifecycle.byVersion;

/** The sections and items of a version, in order. */
export function contents(templateId: number): TemplateContents | null {
	const template = byId(templateId);
	if (!template) return null;
	const sections = db.select().from(templateSection).where(eq(templateSection.templateId, templateId)).orderBy(asc(templateSection.position), asc(templateSection.id)).all();
	const items = db.select().from(templateItem).where(eq(templateItem.templateId, templateId)).orderBy(asc(templateItem.position), asc(templateItem.id)).all();
	return {
		template,
		sections: sections.map((s) => ({ id: s.id, key: s.key, title: s.title, position: s.position, items: items.filter((i) => i.sectionId === s.id) }))
	};
}

/** Every item of a version by key (for scoring and upgrades). */
export function itemsByKey(templateId: number): Map<string, TemplateItem & { sectionKey: string; sectionTitle: string; sectionPosition: number }> {
	const rows = db
		.select({ item: templateItem, sectionKey: templateSection.key, sectionTitle: templateSection.title, sectionPosition: templateSection.position })
		.from(templateItem)
		.innerJoin(templateSection, eq(templateSection.id, templateItem.sectionId))
		.where(eq(templateItem.templateId, templateId))
		.all();
	return new Map(rows.map((r) => [r.item.key, { ...r.item, sectionKey: r.sectionKey, sectionTitle: r.sectionTitle, sectionPosition: r.sectionPosition }]));
}

/** Published versions, newest first, with how many checklists are on each. */
export function versions(actor: Actor) {
	authorize(actor, 'template.manage', {});
	current();
	const rows = lifecycle.published();
	const counts = new Map(
		db
			.select({ templateId: checklist.templateId, n: count() })
			.from(checklist)
			.groupBy(checklist.templateId)
			.all()
			.map((r) => [r.templateId, r.n])
	);
	return rows.map((t) => ({ ...t, checklists: counts.get(t.id) ?? 0 }));
}

/** The draft, if an admin has started one. */
export const draft: () => ChecklistTemplate | null = lifecycle.draft;

/** What an admin edits: the draft if there is one, otherwise the latest version (a draft starts on the first change). */
export function editable(actor: Actor): TemplateContents & { isDraft: boolean; latest: ChecklistTemplate } {
	authorize(actor, 'template.manage', {});
	const latest = current();
	const d = draft();
	const c = contents((d ?? latest).id)!;
	return { ...c, isDraft: d != null, latest };
}

/** The draft, started as a copy of the latest version if needed. Call inside a transaction. */
const ensureDraft = (actor: Actor, now: number): ChecklistTemplate => lifecycle.ensureDraft(actor.id, now);

function slug(title: string): string {
	return slugify(title, 40).replace(/-+$/g, '') || 'item';
}

/** A key used by no version, ever: a removed item's key is never reused for a different item. */
function freshKey(title: string, table: typeof templateItem | typeof templateSection): string {
	const base = slug(title);
	const taken = new Set(
		db
			.select({ k: table.key })
			.from(table)
			.where(or(eq(table.key, base), like(table.key, `${base}-%`)))
			.all()
			.map((r) => r.k)
	);
	return firstFree(base, taken);
}

export type SectionInput = { title: string };

/** Adds a section to the draft (key omitted) or renames one. */
export function saveSection(actor: Actor, key: string | null, input: SectionInput, meta: { ip?: string } = {}, now = Date.now()): EditResult {
	authorize(actor, 'template.manage', {});
	const title = input.title.trim();
	if (!title) return { ok: false, errors: { title: 'Enter a section title' } };
	if (title.length > TEMPLATE_LIMITS.title) return { ok: false, errors: { title: `Enter a section title of at most ${TEMPLATE_LIMITS.title} characters` } };
	const result = immediate((): EditResult => {
		const d = ensureDraft(actor, now);
		if (key) {
			const changed = db
				.update(templateSection)
				.set({ title })
				.where(and(eq(templateSection.templateId, d.id), eq(templateSection.key, key)))
				.run().changes;
			if (!changed) return { ok: false, errors: { form: 'That section is not in the template any more' } };
			return { ok: true, key };
		}
		const last = db.select({ p: templateSection.position }).from(templateSection).where(eq(templateSection.templateId, d.id)).orderBy(desc(templateSection.position)).limit(1).get();
		const newKey = freshKey(title, templateSection);
		db.insert(templateSection).values({ templateId: d.id, key: newKey, title, position: (last?.p ?? -1) + 1 }).run();
		return { ok: true, key: newKey };
	});
	if (result.ok) audit.record({ actorId: actor.id, action: key ? 'template.section-renamed' : 'template.section-added', subjectType: 'template-section', subjectId: result.key, ipAddress: meta.ip, detail: { title } });
	return result;
}

/** Removes an empty section from the draft. */
export function deleteSection(actor: Actor, key: string, meta: { ip?: string } = {}, now = Date.now()): EditResult {
	authorize(actor, 'template.manage', {});
	const result = immediate((): EditResult => {
		const d = ensureDraft(actor, now);
		const section = db.select().from(templateSection).where(and(eq(templateSection.templateId, d.id), eq(templateSection.key, key))).get();
		if (!section) return { ok: false, errors: { form: 'That section is not in the template any more' } };
		const items = db.select({ n: count() }).from(templateItem).where(eq(templateItem.sectionId, section.id)).get()!.n;
		if (items > 0) return { ok: false, errors: { form: `Move or remove the ${items} item${items === 1 ? '' : 's'} in “${section.title}” first` } };
		db.delete(templateSection).where(eq(templateSection.id, section.id)).run();
		return { ok: true, key };
	});
	if (result.ok) audit.record({ actorId: actor.id, action: 'template.section-removed', subjectType: 'template-section', subjectId: key, ipAddress: meta.ip });
	return result;
}

export type ItemInput = { sectionKey: string; title: string; guidance: string; weight: number };

/** Checks an item's fields; messages say what to do. */
export function checkItem(input: ItemInput): Record<string, string> {
	const errors: Record<string, string> = {};
	const title = input.title.trim();
	if (!title) errors.title = 'Enter the item';
	else if (title.length > TEMPLATE_LIMITS.title) errors.title = `Enter an item of at most ${TEMPLATE_LIMITS.title} characters`;
	if (input.guidance.length > TEMPLATE_LIMITS.guidance) errors.guidance = `Enter guidance of at most ${TEMPLATE_LIMITS.guidance.toLocaleString('en-GB')} characters`;
	if (!Number.isInteger(input.weight) || input.weight < TEMPLATE_LIMITS.minWeight || input.weight > TEMPLATE_LIMITS.maxWeight)
		errors.weight = `Enter a weight from ${TEMPLATE_LIMITS.minWeight} to ${TEMPLATE_LIMITS.maxWeight}`;
	return errors;
}

/** Adds an item to the draft (key omitted) or changes one, keeping its key so answers carry over. */
export function saveItem(actor: Actor, key: string | null, input: ItemInput, meta: { ip?: string } = {}, now = Date.now()): EditResult {
	authorize(actor, 'template.manage', {});
	const errors = checkItem(input);
	if (Object.keys(errors).length) return { ok: false, errors };
	const values = { title: input.title.trim(), guidance: input.guidance.trim(), weight: input.weight };
	const result = immediate((): EditResult => {
		const d = ensureDraft(actor, now);
		const section = db.select().from(templateSection).where(and(eq(templateSection.templateId, d.id), eq(templateSection.key, input.sectionKey))).get();
		if (!section) return { ok: false, errors: { sectionKey: 'Choose a section from the list' } };
		const nextPosition = () =>
			(db.select({ p: templateItem.position }).from(templateItem).where(eq(templateItem.sectionId, section.id)).orderBy(desc(templateItem.position)).limit(1).get()?.p ?? -1) + 1;
		if (key) {
			const item = db.select().from(templateItem).where(and(eq(templateItem.templateId, d.id), eq(templateItem.key, key))).get();
			if (!item) return { ok: false, errors: { form: 'That item is not in the template any more' } };
			const moved = item.sectionId !== section.id;
			db.update(templateItem)
				.set({ ...values, sectionId: section.id, position: moved ? nextPosition() : item.position })
				.where(eq(templateItem.id, item.id))
				.run();
			return { ok: true, key };
		}
		const newKey = freshKey(values.title, templateItem);
		db.insert(templateItem)
			.values({ templateId: d.id, sectionId: section.id, key: newKey, ...values, position: nextPosition() })
			.run();
		return { ok: true, key: newKey };
	});
	if (result.ok) audit.record({ actorId: actor.id, action: key ? 'template.item-changed' : 'template.item-added', subjectType: 'template-item', subjectId: result.key, ipAddress: meta.ip, detail: values });
	return result;
}

/** Removes an item from the draft. Checklists keep it until they move to the version without it. */
export function deleteItem(actor: Actor, key: string, meta: { ip?: string } = {}, now = Date.now()): EditResult {
	authorize(actor, 'template.manage', {});
	const result = immediate((): EditResult => {
		const d = ensureDraft(actor, now);
		const gone = db
			.delete(templateItem)
			.where(and(eq(templateItem.templateId, d.id), eq(templateItem.key, key)))
			.run().changes;
		return gone ? { ok: true, key } : { ok: false, errors: { form: 'That item is not in the template any more' } };
	});
	if (result.ok) audit.record({ actorId: actor.id, action: 'template.item-removed', subjectType: 'template-item', subjectId: key, ipAddress: meta.ip });
	return result;
}

/** Moves an item or a section one place up or down in the draft. */
export function move(actor: Actor, kind: 'item' | 'section', key: string, direction: 'up' | 'down', now = Date.now()): EditResult {
	authorize(actor, 'template.manage', {});
	return immediate((): EditResult => {
		const d = ensureDraft(actor, now);
		const table = kind === 'item' ? templateItem : templateSection;
		const rows =
			kind === 'item'
				? (() => {
						const item = db.select().from(templateItem).where(and(eq(templateItem.templateId, d.id), eq(templateItem.key, key))).get();
						if (!item) return null;
						return db.select({ id: templateItem.id, key: templateItem.key }).from(templateItem).where(eq(templateItem.sectionId, item.sectionId)).orderBy(asc(templateItem.position), asc(templateItem.id)).all();
					})()
				: db.select({ id: templateSection.id, key: templateSection.key }).from(templateSection).where(eq(templateSection.templateId, d.id)).orderBy(asc(templateSection.position), asc(templateSection.id)).all();
		const at = rows?.findIndex((r) => r.key === key) ?? -1;
		if (!rows || at < 0) return { ok: false, errors: { form: `That ${kind} is not in the template any more` } };
		const to = direction === 'up' ? at - 1 : at + 1;
		if (to >= 0 && to < rows.length) [rows[at], rows[to]] = [rows[to], rows[at]];
		rows.forEach((r, i) => db.update(table).set({ position: i }).where(eq(table.id, r.id)).run());
		return { ok: true, key };
	});
}

/** Publishes the draft as the next version: refused while it has no items or a section has none. */
export function publish(actor: Actor, summary: string, meta: { ip?: string } = {}, now = Date.now()): PublishResult {
	authorize(actor, 'template.manage', {});
	return lifecycle.publish(actor.id, summary, meta, now);
}

/** Throws the draft away. */
export function discardDraft(actor: Actor, meta: { ip?: string } = {}): boolean {
	authorize(actor, 'template.manage', {});
	return lifecycle.discardDraft(actor.id, meta);
}

export type TemplateDiff = {
	added: { key: string; title: string; sectionTitle: string }[];
	removed: { key: string; title: string; sectionTitle: string }[];
	changed: { key: string; title: string; before: string; changes: string[] }[];
};

/** What is different between two versions, by item key. */
export function diff(fromTemplateId: number, toTemplateId: number): TemplateDiff {
	const before = itemsByKey(fromTemplateId);
	const after = itemsByKey(toTemplateId);
	const out: TemplateDiff = { added: [], removed: [], changed: [] };
	for (const [key, item] of after) {
		const old = before.get(key);
		if (!old) {
			out.added.push({ key, title: item.title, sectionTitle: item.sectionTitle });
			continue;
		}
		const changes: string[] = [];
		if (old.title !== item.title) changes.push('wording');
		if (old.guidance !== item.guidance) changes.push('guidance');
		if (old.weight !== item.weight) changes.push(`weight ${old.weight} → ${item.weight}`);
		if (old.sectionKey !== item.sectionKey) changes.push(`moved to “${item.sectionTitle}”`);
		if (changes.length) out.changed.push({ key, title: item.title, before: old.title, changes });
	}
	for (const [key, item] of before) if (!after.has(key)) out.removed.push({ key, title: item.title, sectionTitle: item.sectionTitle });
	return out;
}

/** The sections an item can go in, as [key, title] pairs. */
function sectionOptions(c: TemplateContents): [string, string][] {
	return c.sections.map((s) => [s.key, s.title]);
}

/** One item of the draft (or latest version) for its edit page; 404 when unknown. */
export function editableItem(actor: Actor, key: string) {
	const e = editable(actor);
	for (const s of e.sections) {
		const item = s.items.find((i) => i.key === key);
		if (item) return { item, sectionKey: s.key, sections: sectionOptions(e), isDraft: e.isDraft, version: e.template.version };
	}
	error(404, 'Page not found');
}

/** One section of the draft (or latest version) for its edit page; 404 when unknown. */
export function editableSection(actor: Actor, key: string) {
	const e = editable(actor);
	const section = e.sections.find((s) => s.key === key);
	if (!section) error(404, 'Page not found');
	return { section, isDraft: e.isDraft, version: e.template.version };
}

/** What a new item can be added to. */
export function newItemForm(actor: Actor) {
	const e = editable(actor);
	return { sections: sectionOptions(e), isDraft: e.isDraft, version: e.isDraft ? e.template.version : e.template.version + 1 };
}

/** A published version with what changed from the one before it; 404 when unknown. */
export function publishedVersion(actor: Actor, version: number) {
	authorize(actor, 'template.manage', {});
	const t = byVersion(version);
	if (!t) error(404, 'Page not found');
	const previous = t.version > 1 ? byVersion(t.version - 1) : null;
	return { ...contents(t.id)!, changes: previous ? diff(previous.id, t.id) : null, latest: current().version };
}

/** The template admin page: what is being edited, and every published version. */
export function overview(actor: Actor) {
	return { ...editable(actor), versions: versions(actor) };
}
