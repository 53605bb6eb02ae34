/**
 * Library entries as other areas show them — under a post, on a succession checklist item, in
 * emails about them: a small card (kind, title, the current file's type and size, a link) given
 * only to a reader the policy lets see the entry. Other areas call these functions, never the
 * library's tables (ARCHITECTURE rule 4).
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { db, inJson, jsonList, prepared } from '../db/client';
import { libraryEntry, libraryFile, libraryUseful, libraryVersion } from '../db/schema';
import { can, type Actor } from '../auth/policy';
import * as files from '../files';
import { LIBRARY_KINDS, label } from '../../vocab';

export type CardFile = { name: string; typeLabel: string; size: string };

/** One entry as another area shows it. `facts` are what the policy needs; they never reach a page. */
export type EntryCard = {
	id: number;
	kind: string;
	kindLabel: string;
	title: string;
	href: string;
	files: CardFile[];
	/** "PDF, 1.2 MB" (the first file, and how many more), or '' when it has none — for one-line mentions. */
	fileNote: string;
	/** Core topics (vocab TOPICS). */
	topics: string[];
	authorityId: number;
	facts: { regionId: string | null; hidden: boolean; draft: boolean; authorId: number | null };
};

// Every thread page (the reply form's choices, each post's attachments) reads cards: the
// statements are prepared once, with the ids bound as one JSON array.
const entryRows = prepared(() =>
	db
		.select({ id: libraryEntry.id, kind: libraryEntry.kind, title: libraryEntry.title, topics: libraryEntry.topics, authorityId: libraryEntry.authorityId, regionId: libraryEntry.regionId, hiddenAt: libraryEntry.hiddenAt, draft: libraryEntry.draft, authorId: libraryEntry.authorId })
		.from(libraryEntry)
		.where(inJson(libraryEntry.id, 'ids'))
		.prepare()
);
const currentFiles = prepared(() =>
	db
		.select({ entryId: libraryFile.entryId, fileId: libraryFile.id, name: libraryVersion.name, size: libraryVersion.size, kind: libraryVersion.kind })
		.from(libraryFile)
		.innerJoin(libraryVersion, and(eq(libraryVersion.fileId, libraryFile.id), eq(libraryVersion.number, libraryFile.latest)))
		.where(inJson(libraryFile.entryId, 'ids'))
		.orderBy(libraryFile.id)
		.prepare()
);

/** Entries by id with their current files, whoever asks (callers filter with `visibleTo`). */
export function cardsById(ids: number[]): Map<number, EntryCard> {
	const wanted = [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id > 0))].slice(0, 500);
	if (wanted.length === 0) return new Map();
	const rows = entryRows().all({ ids: jsonList(wanted) });
	const filesOf = new Map<number, CardFile[]>();
	if (rows.length) {
		for (const f of currentFiles().all({ ids: jsonList(rows.map((r) => r.id)) })) {
			const file = { name: f.name, typeLabel: files.FILE_TYPES[f.kind as files.FileKind]?.label ?? f.kind, size: files.formatBytes(f.size) };
			const list = filesOf.get(f.entryId);
			if (list) list.push(file);
			else filesOf.set(f.entryId, [file]);
		}
	}
	const cards = new Map<number, EntryCard>();
	for (const r of rows) {
		const fs = filesOf.get(r.id) ?? [];
		const kindLabel = label(LIBRARY_KINDS, r.kind);
		cards.set(r.id, {
			id: r.id,
			kind: r.kind,
			kindLabel,
			title: r.title,
			href: `/library/${r.id}`,
			files: fs,
			fileNote: fs[0] ? `${fs[0].typeLabel}, ${fs[0].size}${fs.length > 1 ? ` and ${fs.length - 1} more ${fs.length === 2 ? 'file' : 'files'}` : ''}` : '',
			topics: r.topics,
			authorityId: r.authorityId,
			facts: { regionId: r.regionId, hidden: r.hiddenAt != null, draft: r.draft, authorId: r.authorId }
		});
	}
	return cards;
}

/** May this reader see the entry behind a card? (The entry page's own check.) */
export function visibleTo(actor: Actor, card: EntryCard): boolean {
	return can(actor, 'library.view', card.facts);
}

/** The cards of `ids` this reader may see, in the order of `ids`; the others are left out without a trace. */
export function cardsFor(actor: Actor, ids: number[], known: Map<number, EntryCard> = cardsById(ids)): EntryCard[] {
	return ids.map((id) => known.get(id)).filter((c): c is EntryCard => !!c && visibleTo(actor, c));
}

/** Reads entry references typed or pasted into a form: library addresses (/library/12, a full URL) or bare numbers. */
export function parseRefs(text: string): { ids: number[]; bad: string[] } {
	const ids: number[] = [];
	const bad: string[] = [];
	for (const raw of text.split(/[\s,;]+/).filter(Boolean).slice(0, 50)) {
		const m = /^(?:(?:https?:\/\/[^/\s]+)?\/library\/)?(\d{1,9})(?:[/?#].*)?$/i.exec(raw);
		if (m) ids.push(Number(m[1]));
		else bad.push(raw.length > 60 ? `${raw.slice(0, 59)}…` : raw);
	}
	return { ids, bad };
}

/** At most this many entries on one post or one checklist item. */
export const MAX_LINKED = 10;

export type LinkCheck = { ok: true; ids: number[] } | { ok: false; error: string };

/**
 * Checks entries a member wants to attach where `audience` can read them (a thread of a region,
 * or national). The member must see each entry, and the entry must be visible to everyone who
 * can see the place it goes (policy `library.attach`): a regional document never goes into a
 * national thread, so no reader learns of a document they cannot open.
 */
export function checkAttachable(actor: Actor, ids: number[], audience: { regionId: string | null }): LinkCheck {
	const unique = [...new Set(ids)];
	if (unique.length > MAX_LINKED) return { ok: false, error: `Attach at most ${MAX_LINKED} library documents to one post` };
	const known = cardsById(unique);
	for (const id of unique) {
		const c = known.get(id);
		if (!c || !visibleTo(actor, c)) return { ok: false, error: `There is no library document number ${id} that you can see – check the link` };
		if (!can(actor, 'library.attach', { ...c.facts, audienceRegionId: audience.regionId })) {
			if (c.facts.hidden) return { ok: false, error: `“${c.title}” has been hidden by a moderator, so it cannot be attached` };
			if (c.facts.draft) return { ok: false, error: `“${c.title}” is your private draft. Share it from its library page first, then attach it` };
			return { ok: false, error: `“${c.title}” is shared only within its region, so it can be attached only in a thread of that region` };
		}
	}
	return { ok: true, ids: unique };
}

const ownNewest = prepared(() =>
	db
		.select({ id: libraryEntry.id })
		.from(libraryEntry)
		.where(eq(libraryEntry.authorId, sql.placeholder('memberId')))
		.orderBy(desc(libraryEntry.createdAt), desc(libraryEntry.id))
		.limit(sql.placeholder('limit'))
		.prepare()
);
const usefulNewest = prepared(() =>
	db
		.select({ id: libraryUseful.entryId })
		.from(libraryUseful)
		.where(eq(libraryUseful.memberId, sql.placeholder('memberId')))
		.orderBy(desc(libraryUseful.createdAt))
		.limit(sql.placeholder('limit'))
		.prepare()
);

/** Entries to offer in a form: the member's own and those they marked useful, newest first (plus `include`). */
export function pickable(actor: Actor, opts: { include?: number[]; limit?: number } = {}): EntryCard[] {
	const q = { memberId: actor.id, limit: opts.limit ?? 20 };
	const ids = [...new Set([...(opts.include ?? []), ...ownNewest().all(q).map((r) => r.id), ...usefulNewest().all(q).map((u) => u.id)])];
	return cardsFor(actor, ids).filter((c) => !c.facts.hidden && !c.facts.draft);
}

/** "Strategy or policy · PDF, 1.2 MB" — the kind, and the file when there is one. */
export function noteOf(c: Pick<EntryCard, 'kindLabel' | 'fileNote'>): string {
	return c.fileNote ? `${c.kindLabel} · ${c.fileNote}` : c.kindLabel;
}

/**
 * Checks entries to link to a succession checklist item of `authorityId` (policy
 * `library.linkToChecklist`): each must be the authority's own, seen by the member, not hidden.
 */
export function checkLinkable(actor: Actor, ids: number[], checklist: { authorityId: number; authorityName: string }): LinkCheck {
	const unique = [...new Set(ids)];
	if (unique.length > MAX_LINKED) return { ok: false, error: `Link at most ${MAX_LINKED} library documents to one item` };
	const known = cardsById(unique);
	for (const id of unique) {
		const c = known.get(id);
		if (!c || !visibleTo(actor, c)) return { ok: false, error: `There is no library document number ${id} that you can see – choose one from the list` };
		if (!can(actor, 'library.linkToChecklist', { ...c.facts, authorityId: c.authorityId, checklistAuthorityId: checklist.authorityId }))
			return {
				ok: false,
				error: c.facts.hidden
					? `“${c.title}” has been hidden by a moderator, so it cannot be linked`
					: c.facts.draft
						? `“${c.title}” is your private draft. Share it from its library page first, then link it`
						: `“${c.title}” is not from ${checklist.authorityName}. Link only ${checklist.authorityName}’s own documents`
			};
	}
	return { ok: true, ids: unique };
}

/** An authority's documents this member may see (not hidden), newest first: what can be linked to its checklist. */
export function ofAuthority(actor: Actor, authorityId: number, limit = 50): EntryCard[] {
	const ids = db
		.select({ id: libraryEntry.id })
		.from(libraryEntry)
		.where(eq(libraryEntry.authorityId, authorityId))
		.orderBy(desc(libraryEntry.createdAt), desc(libraryEntry.id))
		.limit(limit)
		.all()
		.map((r) => r.id);
	return cardsFor(actor, ids).filter((c) => !c.facts.hidden && !c.facts.draft);
}
