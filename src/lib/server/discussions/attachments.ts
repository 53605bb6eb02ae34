/**
 * Library documents attached to posts: checked when a post is written or edited (the library
 * decides who may attach what, policy `library.attach`), shown under the post and listed in the
 * emails about it — each reader sees only the documents they may open, and nothing of the rest.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { db, inJson, jsonList, prepared } from '../db/client';
import { post, postAttachment } from '../db/schema';
import type { Actor } from '../auth/policy';
import * as cards from '../library/cards';
import * as library from '../library/entries';
import type { EmailBlock } from '../mail/layout';
import { regionName } from '../network/authorities';

export type AttachmentCard = Pick<cards.EntryCard, 'id' | 'kindLabel' | 'title' | 'href' | 'files' | 'fileNote'>;

/** The form's two ways of choosing: ticked documents (`attach`) and pasted library links (`attachLinks`). */
export type AttachmentInput = { attach?: string[]; attachLinks?: string };

/** What was chosen, as entry ids, or the message to show beside the field. */
export function parse(input: AttachmentInput): { ok: true; ids: number[] } | { ok: false; error: string } {
	const ticked = (input.attach ?? []).filter((v) => /^\d{1,9}$/.test(v)).map(Number);
	const typed = cards.parseRefs(input.attachLinks ?? '');
	if (typed.bad.length) return { ok: false, error: `“${typed.bad[0]}” is not a library link. Paste the address of a library page, such as /library/12` };
	return { ok: true, ids: [...new Set([...ticked, ...typed.ids])] };
}

/** Checks the chosen documents for a post in a thread of `regionId` (null: national). */
export function check(actor: Actor, ids: number[], regionId: string | null): { ok: true; ids: number[] } | { ok: false; errors: Record<string, string> } {
	if (ids.length === 0) return { ok: true, ids: [] };
	const r = cards.checkAttachable(actor, ids, { regionId });
	return r.ok ? r : { ok: false, errors: { attachLinks: r.error } };
}

/** A file uploaded with a post: it becomes a library entry seen by the thread's readers, attached to the post. */
export type NewUpload = library.PostUpload;
export type CheckedUpload = library.CheckedPostUpload;

/** Checks a file uploaded with a post in a thread of `regionId` (before the post is written); a refusal is for the `file` field. */
export function checkUpload(actor: Actor, upload: NewUpload | null | undefined, regionId: string | null): { ok: true; checked: CheckedUpload | null } | { ok: false; errors: Record<string, string> } {
	if (!upload) return { ok: true, checked: null };
	const r = library.checkPostUpload(actor, upload, regionId);
	return r.ok ? { ok: true, checked: r.value } : r;
}

/** Markdown escapes for a thread title inside a link's text. */
const escapeMarkdown = (s: string) => s.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`);

/**
 * Writes a checked upload as a library entry, inside the transaction that writes the post (so
 * neither is ever kept without the other), and returns the post's attachments with it last.
 */
export function writeUpload(actor: Actor, checked: CheckedUpload | null, ids: number[], where: { threadId: number; title: string; number: number }, now: number): number[] {
	if (!checked) return ids;
	const link = `/threads/${where.threadId}?post=${where.number}#post-${where.number}`;
	const summary = `Shared with ${where.number === 1 ? 'the opening post' : 'a reply'} in the discussion [“${escapeMarkdown(where.title)}”](${link}).`;
	return [...ids, library.writePostUpload(actor, checked, summary, now)];
}

/** The entry ids attached to a post, in order. */
export function idsOf(postId: number): number[] {
	return db
		.select({ entryId: postAttachment.entryId })
		.from(postAttachment)
		.where(eq(postAttachment.postId, postId))
		.orderBy(asc(postAttachment.position))
		.all()
		.map((r) => r.entryId);
}

// Every thread page asks for its posts' attachments: prepared once, the post ids bound as one JSON array.
const attachedTo = prepared(() =>
	db
		.select({ postId: postAttachment.postId, entryId: postAttachment.entryId })
		.from(postAttachment)
		.where(inJson(postAttachment.postId, 'ids'))
		.orderBy(asc(postAttachment.postId), asc(postAttachment.position))
		.prepare()
);

/** The entry ids attached to each of these posts (posts without any are left out). */
export function idsByPost(postIds: number[]): Map<number, number[]> {
	const out = new Map<number, number[]>();
	if (postIds.length === 0) return out;
	for (const r of attachedTo().all({ ids: jsonList([...new Set(postIds)].slice(0, 1000)) })) {
		const ids = out.get(r.postId);
		if (ids) ids.push(r.entryId);
		else out.set(r.postId, [r.entryId]);
	}
	return out;
}

/** Each thread's opening post id. */
export function openingPostIds(threadIds: number[]): Map<number, number> {
	if (threadIds.length === 0) return new Map();
	return new Map(
		db
			.select({ threadId: post.threadId, id: post.id })
			.from(post)
			.where(and(inArray(post.threadId, threadIds), eq(post.number, 1)))
			.all()
			.map((r) => [r.threadId, r.id])
	);
}

/** Replaces a post's attachments (inside the transaction that writes the post). */
export function set(postId: number, ids: number[]): void {
	db.delete(postAttachment).where(eq(postAttachment.postId, postId)).run();
	if (ids.length) db.insert(postAttachment).values(ids.map((entryId, position) => ({ postId, entryId, position }))).run();
}

const shown = (c: cards.EntryCard): AttachmentCard => ({ id: c.id, kindLabel: c.kindLabel, title: c.title, href: c.href, files: c.files, fileNote: c.fileNote });

/** The documents under each of these posts that this reader may open (one query for the page). */
export function forPosts(actor: Actor, postIds: number[]): Map<number, AttachmentCard[]> {
	const out = new Map<number, AttachmentCard[]>();
	const byPost = idsByPost(postIds);
	if (byPost.size === 0) return out;
	const known = cards.cardsById([...byPost.values()].flat());
	for (const [postId, ids] of byPost) {
		const visible = cards.cardsFor(actor, ids, known).map(shown);
		if (visible.length) out.set(postId, visible);
	}
	return out;
}

/** The cards of a set of entries, looked up once, for filtering per reader (emails to many people). */
export function lookup(ids: number[]): Map<number, cards.EntryCard> {
	return cards.cardsById(ids);
}

/** The documents of `ids` this reader may open, as links for an email or a digest line. */
export function linksFor(actor: Actor, ids: number[], known: Map<number, cards.EntryCard>): { text: string; href: string; note: string }[] {
	return cards.cardsFor(actor, ids, known).map((c) => ({ text: c.title, href: c.href, note: cards.noteOf(c) }));
}

/** The email block listing a post's attachments for one reader (none when they may open none). */
export function emailBlocks(actor: Actor, ids: number[], known: Map<number, cards.EntryCard>): EmailBlock[] {
	const links = linksFor(actor, ids, known);
	if (links.length === 0) return [];
	return [
		{ kind: 'paragraph', text: links.length === 1 ? 'Attached from the library:' : `Attached from the library (${links.length}):` },
		{ kind: 'list', items: links }
	];
}

/** Entries the member can choose from in a post form, as checkbox options. */
export function choices(actor: Actor, include: number[] = []): { value: string; label: string; hint: string }[] {
	return cards.pickable(actor, { include }).map((c) => ({ value: String(c.id), label: c.title, hint: `${cards.noteOf(c)} · ${c.facts.regionId ? `${regionName(c.facts.regionId)} only` : 'national'}` }));
}

/** Titles of entries for the admins' post history (admins see every entry). */
export function titles(actor: Actor, ids: number[]): Map<number, string> {
	const known = cards.cardsById(ids);
	return new Map(cards.cardsFor(actor, [...known.keys()], known).map((c) => [c.id, c.title]));
}
