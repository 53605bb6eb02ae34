/**
 * Library documents linked to succession checklist items: the authority's own documents (its
 * corporate parenting strategy on "Corporate parenting arrangements"), shown on the item and in
 * the printable handover pack. The library decides what may be linked (policy
 * `library.linkToChecklist`) and who may see each document; a reader sees only those they may open.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { db, immediate } from '../db/client';
import { checklist, checklistChange, checklistItem, checklistItemDocument, templateItem } from '../db/schema';
import { authorize, type Actor } from '../auth/policy';
import * as audit from '../auth/audit';
import * as cards from '../library/cards';
import { authorityInfo, ensure, existing, type Meta } from './checklists';

export type DocumentCard = { id: number; title: string; href: string; kindLabel: string; fileNote: string };

const shown = (c: cards.EntryCard): DocumentCard => ({ id: c.id, title: c.title, href: c.href, kindLabel: c.kindLabel, fileNote: c.fileNote });

/** The documents linked to each of these items that this reader may open. */
export function forItems(actor: Actor, itemIds: number[]): Map<number, DocumentCard[]> {
	const out = new Map<number, DocumentCard[]>();
	if (itemIds.length === 0) return out;
	const rows = db
		.select({ itemId: checklistItemDocument.itemId, entryId: checklistItemDocument.entryId })
		.from(checklistItemDocument)
		.where(inArray(checklistItemDocument.itemId, itemIds))
		.orderBy(asc(checklistItemDocument.itemId), asc(checklistItemDocument.position))
		.all();
	if (rows.length === 0) return out;
	const known = cards.cardsById(rows.map((r) => r.entryId));
	const byItem = new Map<number, number[]>();
	for (const r of rows) byItem.set(r.itemId, [...(byItem.get(r.itemId) ?? []), r.entryId]);
	for (const [itemId, ids] of byItem) {
		const visible = cards.cardsFor(actor, ids, known).map(shown);
		if (visible.length) out.set(itemId, visible);
	}
	return out;
}

/** The documents on each item of an authority's checklist (by item key) that this reader may open. */
export function byItemKey(actor: Actor, authorityId: number): Record<string, DocumentCard[]> {
	const a = authorityInfo(authorityId);
	authorize(actor, 'checklist.view', { authorityId: a.id, regionId: a.regionId }, { hide: true });
	const c = existing(a.id);
	if (!c) return {};
	const items = db.select({ id: checklistItem.id, key: checklistItem.itemKey }).from(checklistItem).where(eq(checklistItem.checklistId, c.id)).all();
	const linked = forItems(actor, items.map((i) => i.id));
	return Object.fromEntries(items.filter((i) => linked.has(i.id)).map((i) => [i.key, linked.get(i.id)!]));
}

/** The authority's documents to choose from on an item's page (with those already linked). */
export function choices(actor: Actor, authorityId: number): { value: string; label: string; hint: string }[] {
	return cards.ofAuthority(actor, authorityId).map((c) => ({ value: String(c.id), label: c.title, hint: cards.noteOf(c) }));
}

/**
 * Sets the documents linked to an item (its authority's members, as for every change to the
 * checklist). Refused with a message for another authority's document, a hidden one, or one
 * the member cannot see. The change goes into the item's history and the audit log.
 */
export function setForItem(actor: Actor, authorityId: number, key: string, ids: number[], meta: Meta = {}, now = Date.now()): { ok: true; changed: boolean } | { ok: false; errors: Record<string, string> } {
	const a = authorityInfo(authorityId);
	const f = { authorityId: a.id, regionId: a.regionId };
	authorize(actor, 'checklist.view', f, { hide: true });
	authorize(actor, 'checklist.edit', f);
	const c = ensure(a.id, actor.id, now);
	const row = db
		.select({ id: checklistItem.id, title: templateItem.title })
		.from(checklistItem)
		.innerJoin(templateItem, eq(templateItem.id, checklistItem.templateItemId))
		.where(and(eq(checklistItem.checklistId, c.id), eq(checklistItem.itemKey, key)))
		.get();
	if (!row) return { ok: false, errors: { documents: `That item is not on the ${a.name} checklist. Go back to the checklist and choose an item from it.` } };
	const before = db
		.select({ entryId: checklistItemDocument.entryId })
		.from(checklistItemDocument)
		.where(eq(checklistItemDocument.itemId, row.id))
		.orderBy(asc(checklistItemDocument.position))
		.all()
		.map((r) => r.entryId);
	// Documents already linked stay even if they could no longer be linked now; new ones are checked.
	const added = ids.filter((id) => !before.includes(id));
	const check = cards.checkLinkable(actor, added, { authorityId: a.id, authorityName: a.name });
	if (!check.ok) return { ok: false, errors: { documents: check.error } };
	const after = [...new Set(ids)];
	if (after.join(',') === before.join(',')) return { ok: true, changed: false };
	const known = cards.cardsById([...before, ...after]);
	const titles = (list: number[]) => list.map((id) => known.get(id)?.title ?? 'A deleted document').join('; ');
	immediate(() => {
		db.delete(checklistItemDocument).where(eq(checklistItemDocument.itemId, row.id)).run();
		if (after.length) db.insert(checklistItemDocument).values(after.map((entryId, position) => ({ itemId: row.id, entryId, position, addedById: actor.id, addedAt: now }))).run();
		db.insert(checklistChange).values({ checklistId: c.id, itemKey: key, itemTitle: row.title, field: 'documents', fromValue: titles(before), toValue: titles(after), changedById: actor.id, at: now }).run();
		db.update(checklist).set({ updatedAt: now, updatedById: actor.id }).where(eq(checklist.id, c.id)).run();
	});
	audit.record({ actorId: actor.id, action: 'checklist.item-updated', subjectType: 'checklist', subjectId: a.id, regionId: a.regionId, ipAddress: meta.ip, detail: { item: key, fields: ['documents'] } }, now);
	return { ok: true, changed: true };
}
