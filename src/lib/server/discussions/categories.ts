/** Discussion categories: seeded with the network's subjects, managed by admins (add, rename, reorder, archive). */
import { and, asc, desc, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import { db, immediate, prepared } from '../db/client';
import { category, type Category } from '../db/schema';
import { authorize, type Actor } from '../auth/policy';
import * as audit from '../auth/audit';
import { slugify } from '../slug';
import type { Topic } from '../../vocab';

/** The categories every network starts with, in order, with the topics each is about. */
export const DEFAULT_CATEGORIES: { slug: string; name: string; description: string; topics: Topic[] }[] = [
	{ slug: 'corporate-parenting', name: 'Corporate parenting', description: 'Being a good corporate parent: panels, Regulation 44 visits, pledges, care leavers and placements.', topics: ['corporate-parenting', 'care-leavers', 'placements'] },
	{ slug: 'safeguarding', name: 'Safeguarding', description: 'Safeguarding partnerships, early help, serious incidents and how the Lead Member holds the system to account.', topics: ['safeguarding', 'early-help'] },
	{ slug: 'education-send', name: 'Education and SEND', description: 'Schools, place planning, exclusions, SEND reforms, EHC plans and high-needs budgets.', topics: ['education', 'send'] },
	{ slug: 'partnerships', name: 'Partnerships and the children’s trust', description: 'Working with health, police, schools and the voluntary sector; youth justice; children’s mental health.', topics: ['health-partnerships', 'youth-justice', 'mental-health', 'working-with-dcs'] },
	{ slug: 'engaging-children', name: 'Engaging children and young people', description: 'Children in care councils, youth voice, participation and hearing from children directly.', topics: ['participation'] },
	{ slug: 'the-role', name: 'The role: manageability and sharing', description: 'Managing the largest portfolio in the cabinet, deputies and shared portfolios, working with the DCS and scrutiny.', topics: ['working-with-dcs', 'scrutiny'] },
	{ slug: 'training', name: 'Training and development', description: 'Courses, induction, leadership programmes and learning on the job.', topics: ['workforce'] },
	{ slug: 'succession', name: 'Succession and handover', description: 'Preparing a successor, handover packs, elections and changes of party control.', topics: [] },
	{ slug: 'inspection', name: 'Inspection', description: 'ILACS, focused visits, JTAIs, area SEND inspections and what the Lead Member does before, during and after.', topics: ['inspection'] },
	{ slug: 'budgets', name: 'Budgets and commissioning', description: 'Budget setting, placement costs, commissioning and sufficiency.', topics: ['budgets', 'placements'] }
];

export const NAME_MIN = 3;
export const NAME_MAX = 60;
export const DESCRIPTION_MAX = 300;

/** Inserts the default categories when there are none (a fresh database). Returns whether it did. */
export function ensureDefaults(now = Date.now()): boolean {
	if (db.select({ id: category.id }).from(category).limit(1).get()) return false;
	immediate(() => {
		if (db.select({ id: category.id }).from(category).limit(1).get()) return;
		DEFAULT_CATEGORIES.forEach((c, i) => {
			db.insert(category)
				.values({ ...c, sortOrder: (i + 1) * 10, createdAt: now })
				.run();
		});
	});
	return true;
}

/** Every category in order, archived ones included. */
const allQuery = prepared(() => db.select().from(category).orderBy(asc(category.sortOrder), asc(category.id)).prepare());

export function all(): Category[] {
	const rows = allQuery().all();
	if (rows.length > 0) return rows;
	ensureDefaults();
	return allQuery().all();
}

/** Categories open for new threads, in order. */
export function active(): Category[] {
	return all().filter((c) => c.archivedAt == null);
}

/** One category by id (null if unknown). */
export function byId(id: number): Category | null {
	return db.select().from(category).where(eq(category.id, id)).get() ?? null;
}

/** One category by slug (null if unknown). */
export function bySlug(slug: string): Category | null {
	ensureDefaults();
	return db.select().from(category).where(eq(category.slug, slug)).get() ?? null;
}

export type CategoryInput = { name: string; description: string };
export type Result<T = undefined> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

function checkInput(input: CategoryInput, exceptId?: number): Record<string, string> | null {
	const name = input.name.replace(/\s+/g, ' ').trim();
	const errors: Record<string, string> = {};
	if (name.length < NAME_MIN) errors.name = `Enter a name of at least ${NAME_MIN} characters`;
	else if (name.length > NAME_MAX) errors.name = `Enter a name of at most ${NAME_MAX} characters`;
	else {
		const clash = db
			.select({ id: category.id })
			.from(category)
			.where(and(sql`lower(${category.name}) = lower(${name})`, exceptId ? ne(category.id, exceptId) : undefined))
			.get();
		if (clash) errors.name = 'There is already a category with this name – choose another';
	}
	if (input.description.trim().length > DESCRIPTION_MAX) errors.description = `Enter a description of at most ${DESCRIPTION_MAX} characters`;
	return Object.keys(errors).length ? errors : null;
}

function slugFor(name: string): string {
	const base = slugify(name, 50) || 'category';
	let slug = base;
	for (let i = 2; db.select({ id: category.id }).from(category).where(eq(category.slug, slug)).get(); i++) slug = `${base}-${i}`;
	return slug;
}

/** Admin: adds a category at the end of the list. */
export function create(actor: Actor, input: CategoryInput, meta: { ip?: string } = {}, now = Date.now()): Result<Category> {
	authorize(actor, 'category.manage', {});
	const errors = checkInput(input);
	if (errors) return { ok: false, errors };
	const name = input.name.replace(/\s+/g, ' ').trim();
	const row = immediate(() => {
		const last = db.select({ sortOrder: category.sortOrder }).from(category).orderBy(desc(category.sortOrder)).limit(1).get();
		return db
			.insert(category)
			.values({ slug: slugFor(name), name, description: input.description.trim(), sortOrder: (last?.sortOrder ?? 0) + 10, createdAt: now })
			.returning()
			.get();
	});
	audit.record({ actorId: actor.id, action: 'category.created', subjectType: 'category', subjectId: row.id, ipAddress: meta.ip, detail: { name } }, now);
	return { ok: true, value: row };
}

/** Admin: renames a category or changes its description (its URL stays the same). */
export function update(actor: Actor, id: number, input: CategoryInput, meta: { ip?: string } = {}, now = Date.now()): Result {
	authorize(actor, 'category.manage', {});
	const before = byId(id);
	if (!before) return { ok: false, errors: { form: 'That category no longer exists' } };
	const errors = checkInput(input, id);
	if (errors) return { ok: false, errors };
	const name = input.name.replace(/\s+/g, ' ').trim();
	db.update(category).set({ name, description: input.description.trim() }).where(eq(category.id, id)).run();
	if (name !== before.name) audit.record({ actorId: actor.id, action: 'category.renamed', subjectType: 'category', subjectId: id, ipAddress: meta.ip, detail: { from: before.name, to: name } }, now);
	return { ok: true, value: undefined };
}

/** Admin: moves a category one place up or down the list. Returns false at either end. */
export function move(actor: Actor, id: number, direction: 'up' | 'down'): boolean {
	authorize(actor, 'category.manage', {});
	return immediate(() => {
		const me = byId(id);
		if (!me) return false;
		const neighbour = db
			.select()
			.from(category)
			.where(direction === 'up' ? lt(category.sortOrder, me.sortOrder) : gt(category.sortOrder, me.sortOrder))
			.orderBy(direction === 'up' ? desc(category.sortOrder) : asc(category.sortOrder))
			.limit(1)
			.get();
		if (!neighbour) return false;
		db.update(category).set({ sortOrder: neighbour.sortOrder }).where(eq(category.id, me.id)).run();
		db.update(category).set({ sortOrder: me.sortOrder }).where(eq(category.id, neighbour.id)).run();
		return true;
	});
}

/** Admin: archives a category (no new threads; its threads stay readable) or brings it back. */
export function setArchived(actor: Actor, id: number, archived: boolean, meta: { ip?: string } = {}, now = Date.now()): Result {
	authorize(actor, 'category.manage', {});
	const before = byId(id);
	if (!before) return { ok: false, errors: { form: 'That category no longer exists' } };
	if (archived && before.archivedAt == null) {
		const others = db.select({ id: category.id }).from(category).where(and(isNull(category.archivedAt), ne(category.id, id))).limit(1).get();
		if (!others) return { ok: false, errors: { form: 'Keep at least one category open for new threads' } };
	}
	db.update(category)
		.set({ archivedAt: archived ? (before.archivedAt ?? now) : null })
		.where(eq(category.id, id))
		.run();
	audit.record({ actorId: actor.id, action: archived ? 'category.archived' : 'category.restored', subjectType: 'category', subjectId: id, ipAddress: meta.ip, detail: { name: before.name } }, now);
	return { ok: true, value: undefined };
}
