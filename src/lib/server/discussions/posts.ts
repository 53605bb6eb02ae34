/**
 * Posts: replying (with quotes), editing your own (earlier versions kept for admins), deleting
 * your own (a placeholder keeps the thread readable), and how a post looks to each viewer.
 * Markdown is rendered and sanitized once, here, when a post is written.
 */
import { error } from '@sveltejs/kit';
import { and, asc, between, eq, sql } from 'drizzle-orm';
import { db, immediate, prepared } from '../db/client';
import { post, postReport, postRevision, thread, type Post } from '../db/schema';
import * as members from '../network/members';
import { authorize, can, type Actor } from '../auth/policy';
import * as limits from '../auth/rate-limit';
import { quoteMarkdown } from '../markdown';
import { BODY_MAX, POSTS_PER_MINUTE, bodyError, cleanBody, cleanTitle, titleError } from './input';
import { renderPost } from './render';
import * as follows from './follows';
import * as unread from './unread';
import * as notifications from './notifications';
import * as attachments from './attachments';
import { checkChildSafety, warnedWords, type ChildSafetyWarning } from './child-safety';

export type Result<T = undefined> = { ok: true; value: T } | { ok: false; errors: Record<string, string>; childSafety?: ChildSafetyWarning[] };

/** The message beside the confirmation box when the child-safety check found something. */
export const CHILD_SAFETY_MESSAGE = 'Change the words the check found, or confirm that no child or young person can be identified from your post';

/**
 * The child-safety check for a post about to be written: warnings the author has not yet
 * confirmed refuse the post (with the warnings, to show); confirmed ones are returned so the
 * post is flagged to the moderators in the same transaction.
 */
export function childSafetyGate(text: string, confirmed: boolean | undefined): { refuse: { ok: false; errors: Record<string, string>; childSafety: ChildSafetyWarning[] } | null; confirmedWarnings: ChildSafetyWarning[] } {
	const { warnings } = checkChildSafety(text);
	if (warnings.length === 0) return { refuse: null, confirmedWarnings: [] };
	if (!confirmed) return { refuse: { ok: false, errors: { childSafeConfirmed: CHILD_SAFETY_MESSAGE }, childSafety: warnings }, confirmedWarnings: [] };
	return { refuse: null, confirmedWarnings: warnings };
}

/**
 * Flags a post the author confirmed after a child-safety warning: an open report in the
 * moderation queue, from the check rather than a member, naming the words. Call inside the
 * transaction that writes the post.
 */
export function flagConfirmedPost(postId: number, regionId: string | null, warnings: ChildSafetyWarning[], now: number): void {
	if (warnings.length === 0) return;
	const words = warnedWords(warnings)
		.slice(0, 12)
		.map((w) => `“${w.length > 60 ? `${w.slice(0, 59)}…` : w}”`)
		.join(', ');
	const note = `The child-safety check warned about ${words}; the author confirmed that no child or young person can be identified.`;
	db.insert(postReport).values({ postId, regionId, reporterId: null, source: 'check', reason: 'identifies-child', note: note.slice(0, 1000), createdAt: now }).run();
}

/** What the rules need to know about a thread. */
export type ThreadFacts = {
	id: number;
	title: string;
	regionId: string | null;
	categoryId: number;
	authorId: number | null;
	isQuestion: boolean;
	acceptedPostId: number | null;
	lockedAt: number | null;
	pinnedAt: number | null;
	postCount: number;
};

const threadFactColumns = {
	id: thread.id,
	title: thread.title,
	regionId: thread.regionId,
	categoryId: thread.categoryId,
	authorId: thread.authorId,
	isQuestion: thread.isQuestion,
	acceptedPostId: thread.acceptedPostId,
	lockedAt: thread.lockedAt,
	pinnedAt: thread.pinnedAt,
	postCount: thread.postCount
};

/** A thread's facts by id (no visibility check: callers check). */
export function threadFacts(id: number): ThreadFacts | null {
	if (!Number.isSafeInteger(id) || id < 1) return null;
	return threadFactsQuery().get({ id }) ?? null;
}

/** Prepared once: every reply, and each new member's home page (their region's introductions thread), asks. */
const threadFactsQuery = prepared(() => db.select(threadFactColumns).from(thread).where(eq(thread.id, sql.placeholder('id'))).prepare());

/** A post with its thread's facts (no visibility check: callers check). */
export function postWithThread(postId: number): { post: Post; thread: ThreadFacts } | null {
	if (!Number.isSafeInteger(postId) || postId < 1) return null;
	const row = db.select({ post, thread: threadFactColumns }).from(post).innerJoin(thread, eq(thread.id, post.threadId)).where(eq(post.id, postId)).get();
	return row ?? null;
}

/** Loads a post the actor may see, or throws 404 (unknown, or in a thread they cannot see). */
export function visiblePost(actor: Actor, postId: number): { post: Post; thread: ThreadFacts } {
	const found = postWithThread(postId);
	if (!found) error(404, 'Page not found');
	authorize(actor, 'thread.view', { regionId: found.thread.regionId }, { hide: true });
	return found;
}

const RATE_WINDOW_MS = 60_000;

/** The rate-limit message when the member has posted too often this minute, else null. */
export function rateLimitError(memberId: number, now = Date.now()): string | null {
	return limits.isLimited(`discussions.post:${memberId}`, POSTS_PER_MINUTE, RATE_WINDOW_MS, now)
		? `You have posted ${POSTS_PER_MINUTE} times in the last minute. Wait a minute, then post again – your text is kept below.`
		: null;
}

/** Counts one post towards the member's rate limit. */
export function recordPosting(memberId: number, now = Date.now()): void {
	limits.record(`discussions.post:${memberId}`, now);
}

/** The first few words of a post, for emails and notifications. */
export function excerpt(plain: string, max = 240): string {
	const text = plain.replace(/\s+/g, ' ').trim();
	if (text.length <= max) return text;
	const cut = text.slice(0, max - 1);
	const space = cut.lastIndexOf(' ');
	return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

export type ReplyInput = {
	body: string;
	replyToPostId?: number | null;
	/** The author ticked "no child can be identified" after the child-safety check warned. */
	childSafeConfirmed?: boolean;
	/** Library entries to attach. */
	attachments?: number[];
	/** A new file to attach: it becomes a library entry seen by the thread's readers. */
	upload?: attachments.NewUpload | null;
};

/**
 * Replies in a thread. Refused with a message when the thread is locked, the body is empty or
 * too long, or the member has posted 10 times in the last minute. Notifies mentioned members,
 * the quoted author and followers (each once), and follows the thread for the replier.
 */
export function reply(actor: Actor, threadId: number, input: ReplyInput, now = Date.now()): Result<{ id: number; number: number }> {
	const t = threadFacts(threadId);
	if (!t) error(404, 'Page not found');
	authorize(actor, 'thread.view', { regionId: t.regionId }, { hide: true });
	if (!can(actor, 'thread.reply', { regionId: t.regionId, authorId: t.authorId, locked: t.lockedAt != null })) {
		return { ok: false, errors: { body: 'This thread is locked, so it cannot take new replies. Start a new thread if you need to carry on the discussion.' } };
	}
	const body = cleanBody(input.body ?? '');
	const problem = bodyError(body, 'your reply');
	const attached = attachments.check(actor, input.attachments ?? [], t.regionId);
	const upload = attachments.checkUpload(actor, input.upload, t.regionId);
	if (problem || !attached.ok || !upload.ok) return { ok: false, errors: { ...(problem ? { body: problem } : {}), ...(attached.ok ? {} : attached.errors), ...(upload.ok ? {} : upload.errors) } };
	const gate = childSafetyGate(body, input.childSafeConfirmed);
	if (gate.refuse) return gate.refuse;
	const limited = rateLimitError(actor.id, now);
	if (limited) return { ok: false, errors: { body: limited } };
	const rendered = renderPost(body);
	const created = immediate(() => {
		const current = threadFacts(threadId)!;
		const number = current.postCount + 1;
		let replyTo: { id: number; authorId: number | null } | null = null;
		if (input.replyToPostId) {
			replyTo = db.select({ id: post.id, authorId: post.authorId }).from(post).where(and(eq(post.id, input.replyToPostId), eq(post.threadId, threadId))).get() ?? null;
		}
		const row = db
			.insert(post)
			.values({ threadId, number, authorId: actor.id, body, html: rendered.html, plain: rendered.plain, replyToPostId: replyTo?.id ?? null, createdAt: now })
			.returning({ id: post.id })
			.get();
		db.update(thread).set({ postCount: number, lastPostAt: now, lastPosterId: actor.id, updatedAt: now }).where(eq(thread.id, threadId)).run();
		const attachedIds = attachments.writeUpload(actor, upload.checked, attached.ids, { threadId, title: current.title, number }, now);
		attachments.set(row.id, attachedIds);
		flagConfirmedPost(row.id, current.regionId, gate.confirmedWarnings, now);
		follows.autoFollow(actor.id, threadId, now);
		unread.markRead(actor.id, threadId, number, now);
		recordPosting(actor.id, now);
		const mentioned = new Set(rendered.mentions.map((m) => m.id));
		const items: notifications.NewNotification[] = rendered.mentions.map((m) => ({ memberId: m.id, kind: 'mention', postId: row.id }));
		if (replyTo?.authorId && !mentioned.has(replyTo.authorId)) items.push({ memberId: replyTo.authorId, kind: 'reply', postId: row.id, detail: 'quoted' });
		const told = new Set(items.map((i) => i.memberId));
		for (const id of follows.followerIds(threadId)) if (!told.has(id)) items.push({ memberId: id, kind: 'reply', postId: row.id });
		notifications.deliver(items, { thread: current, post: { id: row.id, number, excerpt: excerpt(rendered.plain), attachments: attachedIds }, actor: { id: actor.id, name: nameOf(actor.id) } }, now);
		return { id: row.id, number };
	});
	return { ok: true, value: created };
}

/** A member's display name (for emails). */
export function nameOf(memberId: number): string {
	return members.nameOf(memberId) ?? 'A member';
}

/** `attachments` undefined: leave them as they are. `upload`: a new file to attach as well. */
export type EditInput = { body: string; title?: string | null; attachments?: number[]; upload?: attachments.NewUpload | null };

/**
 * Edits the actor's own post (and the thread title, for the opening post). The earlier version
 * is kept; the post shows as edited. Newly mentioned members are notified. Someone else's
 * post: 403.
 */
export function edit(actor: Actor, postId: number, input: EditInput, now = Date.now()): Result {
	const { post: p, thread: t } = visiblePost(actor, postId);
	authorize(actor, 'post.edit', { authorId: p.authorId });
	if (p.deletedAt != null) return { ok: false, errors: { body: 'This post has been deleted, so it cannot be edited' } };
	if (p.hiddenAt != null) return { ok: false, errors: { body: 'A moderator has hidden this post, so it cannot be edited. Contact your regional coordinator if you think this is a mistake.' } };
	if (t.lockedAt != null && !can(actor, 'thread.moderate', { regionId: t.regionId })) {
		return { ok: false, errors: { body: 'This thread is locked, so its posts cannot be edited' } };
	}
	const errors: Record<string, string> = {};
	const body = cleanBody(input.body ?? '');
	const bodyProblem = bodyError(body, 'your post');
	if (bodyProblem) errors.body = bodyProblem;
	let title = t.title;
	if (p.number === 1 && input.title != null) {
		title = cleanTitle(input.title);
		const titleProblem = titleError(title);
		if (titleProblem) errors.title = titleProblem;
	}
	const attachedBefore = attachments.idsOf(p.id);
	// Documents already on the post stay even if the member could no longer attach them (hidden since, say); new ones are checked.
	const wanted = input.attachments ?? attachedBefore;
	const added = attachments.check(actor, wanted.filter((id) => !attachedBefore.includes(id)), t.regionId);
	if (!added.ok) Object.assign(errors, added.errors);
	const upload = attachments.checkUpload(actor, input.upload, t.regionId);
	if (!upload.ok) Object.assign(errors, upload.errors);
	if (Object.keys(errors).length || !upload.ok) return { ok: false, errors };
	const chosen = [...new Set(wanted)];
	const attachmentsChanged = upload.checked != null || chosen.join(',') !== attachedBefore.join(',');
	if (body === p.body && title === t.title && !attachmentsChanged) return { ok: true, value: undefined };
	const before = new Set(renderPost(p.body).mentions.map((m) => m.id));
	const rendered = renderPost(body);
	immediate(() => {
		db.insert(postRevision).values({ postId: p.id, title: p.title, body: p.body, attachments: attachedBefore, editorId: actor.id, replacedAt: now, reason: 'edit' }).run();
		const attachedAfter = attachments.writeUpload(actor, upload.checked, chosen, { threadId: t.id, title, number: p.number }, now);
		if (attachmentsChanged) attachments.set(p.id, attachedAfter);
		db.update(post)
			.set({ body, html: rendered.html, plain: rendered.plain, title: p.number === 1 ? title : '', editedAt: now, editCount: sql`${post.editCount} + 1` })
			.where(eq(post.id, p.id))
			.run();
		if (title !== t.title) db.update(thread).set({ title, updatedAt: now }).where(eq(thread.id, t.id)).run();
		const fresh = rendered.mentions.filter((m) => !before.has(m.id));
		notifications.deliver(
			fresh.map((m) => ({ memberId: m.id, kind: 'mention' as const, postId: p.id })),
			{ thread: { ...t, title }, post: { id: p.id, number: p.number, excerpt: excerpt(rendered.plain), attachments: attachedAfter }, actor: { id: actor.id, name: nameOf(actor.id) } },
			now
		);
	});
	return { ok: true, value: undefined };
}

/**
 * Deletes the actor's own post: the text goes (kept in the history for admins) and a
 * placeholder keeps its place. Someone else's post: 403.
 */
export function remove(actor: Actor, postId: number, now = Date.now()): Result {
	const { post: p, thread: t } = visiblePost(actor, postId);
	authorize(actor, 'post.delete', { authorId: p.authorId });
	if (p.deletedAt != null) return { ok: true, value: undefined };
	immediate(() => {
		db.insert(postRevision).values({ postId: p.id, title: p.title, body: p.body, attachments: attachments.idsOf(p.id), editorId: actor.id, replacedAt: now, reason: 'delete' }).run();
		db.update(post).set({ body: '', html: '', plain: '', deletedAt: now }).where(eq(post.id, p.id)).run();
		attachments.set(p.id, []);
		if (t.acceptedPostId === p.id) db.update(thread).set({ acceptedPostId: null, acceptedById: null, acceptedAt: null, updatedAt: now }).where(eq(thread.id, t.id)).run();
		notifications.forgetPost(p.id);
	});
	return { ok: true, value: undefined };
}

/** A post and its thread for a page about it: 404 unless it is in `threadId` and the actor can see it. */
export function inThread(actor: Actor, threadId: number, postId: number): { post: Post; thread: ThreadFacts } {
	const found = visiblePost(actor, postId);
	if (found.thread.id !== threadId) error(404, 'Page not found');
	return found;
}

/** The actor's own post, ready to edit (403 for someone else's; a message when it cannot be edited). */
export function forEdit(actor: Actor, threadId: number, postId: number) {
	const { post: p, thread: t } = inThread(actor, threadId, postId);
	authorize(actor, 'post.edit', { authorId: p.authorId });
	let refusal: string | null = null;
	if (p.deletedAt != null) refusal = 'This post has been deleted, so it cannot be edited.';
	else if (p.hiddenAt != null) refusal = 'A moderator has hidden this post, so it cannot be edited.';
	else if (t.lockedAt != null && !can(actor, 'thread.moderate', { regionId: t.regionId })) refusal = 'This thread is locked, so its posts cannot be edited.';
	return { post: { id: p.id, number: p.number, body: p.body, attachments: attachments.idsOf(p.id) }, thread: { id: t.id, title: t.title, regionId: t.regionId }, isOpening: p.number === 1, refusal };
}

/** The actor's own post, for the page that confirms deleting it (403 for someone else's). */
export function forDelete(actor: Actor, threadId: number, postId: number) {
	const { post: p, thread: t } = inThread(actor, threadId, postId);
	authorize(actor, 'post.delete', { authorId: p.authorId });
	return { post: { id: p.id, number: p.number, excerpt: excerpt(p.plain, 300), deleted: p.deletedAt != null }, thread: { id: t.id, title: t.title } };
}

/** Admins: a post's earlier versions, newest first, with the post as it is now. */
export function history(actor: Actor, postId: number) {
	const { post: p, thread: t } = visiblePost(actor, postId);
	authorize(actor, 'post.viewHistory', { authorId: p.authorId });
	const revisions = db
		.select({ id: postRevision.id, title: postRevision.title, body: postRevision.body, attachments: postRevision.attachments, replacedAt: postRevision.replacedAt, reason: postRevision.reason, editorName: members.memberFacts.name(postRevision.editorId) })
		.from(postRevision)
		.where(eq(postRevision.postId, p.id))
		.orderBy(sql`${postRevision.replacedAt} desc, ${postRevision.id} desc`)
		.all();
	const authorName = p.authorId ? members.nameOf(p.authorId) : null;
	const current = attachments.idsOf(p.id);
	const titles = attachments.titles(actor, [...current, ...revisions.flatMap((r) => r.attachments ?? [])]);
	const named = (ids: number[] | null) => (ids ?? []).map((id) => titles.get(id) ?? 'A library document that has since been deleted');
	return {
		post: { id: p.id, number: p.number, body: p.body, title: p.title, createdAt: p.createdAt, editedAt: p.editedAt, deletedAt: p.deletedAt, authorName: authorName ?? 'Former member', attachments: named(current) },
		thread: { id: t.id, title: t.title },
		revisions: revisions.map((r) => ({ ...r, attachments: named(r.attachments) }))
	};
}

/** Markdown quoting a post, to start a reply with; null when the post cannot be quoted. */
export function quoteFor(actor: Actor, threadId: number, postId: number): string | null {
	const found = postWithThread(postId);
	if (!found || found.thread.id !== threadId || !can(actor, 'thread.view', { regionId: found.thread.regionId })) return null;
	if (found.post.deletedAt != null || found.post.hiddenAt != null) return null;
	const name = found.post.authorId ? nameOf(found.post.authorId) : 'Former member';
	const text = quoteMarkdown(found.post.body, name);
	return text.length > BODY_MAX - 1000 ? null : text;
}

/** One post as a viewer sees it. `html` is null when they may not read it (deleted, or hidden from them). */
export type PostView = {
	id: number;
	number: number;
	authorId: number | null;
	authorName: string;
	authorHandle: string | null;
	authorityName: string | null;
	html: string | null;
	state: 'ok' | 'deleted' | 'hidden';
	hiddenReason: string | null;
	createdAt: number;
	editedAt: number | null;
	isAnswer: boolean;
	/** Library documents attached, those this viewer may open (none on a post they may not read). */
	attachments: attachments.AttachmentCard[];
	can: { edit: boolean; delete: boolean; report: boolean; history: boolean; hide: boolean; quote: boolean; accept: boolean };
};

const postColumns = {
	id: post.id,
	number: post.number,
	authorId: post.authorId,
	authorName: members.memberFacts.name(post.authorId),
	authorHandle: members.memberFacts.handle(post.authorId),
	authorityName: members.memberFacts.authorityName(post.authorId),
	html: post.html,
	createdAt: post.createdAt,
	editedAt: post.editedAt,
	editCount: post.editCount,
	deletedAt: post.deletedAt,
	hiddenAt: post.hiddenAt,
	hiddenReason: post.hiddenReason
};

/** The query for one page of a thread's posts (numbers `from` to `to`), served by the (thread_id, number) index. */
export function pageQuery(threadId: number, from: number, to: number) {
	return db
		.select(postColumns)
		.from(post)
		.where(and(eq(post.threadId, threadId), between(post.number, from, to)))
		.orderBy(asc(post.number));
}

/** pageQuery and oneQuery, prepared once (every thread page runs them). */
const preparedPage = prepared(() => pageQuery(sql.placeholder('threadId') as unknown as number, sql.placeholder('from') as unknown as number, sql.placeholder('to') as unknown as number).prepare());
const preparedOne = prepared(() => oneQuery(sql.placeholder('postId') as unknown as number).prepare());

/** Posts numbered `from` to `to` of a thread, in order. */
export function pageRows(threadId: number, from: number, to: number) {
	return preparedPage().all({ threadId, from, to });
}

/** One post by id, as a thread page shows it. */
export function oneRow(postId: number) {
	return preparedOne().get({ postId });
}

/** The query for one post by id (the accepted answer shown under the question). */
export function oneQuery(postId: number) {
	return db
		.select(postColumns)
		.from(post)
		.where(eq(post.id, postId));
}

type PostRow = Awaited<ReturnType<ReturnType<typeof pageQuery>['all']>>[number];

/** How a post row looks to this viewer in this thread. */
export function toView(actor: Actor, t: ThreadFacts, row: PostRow, attached: attachments.AttachmentCard[] = []): PostView {
	const moderator = can(actor, 'thread.moderate', { regionId: t.regionId });
	const own = row.authorId != null && row.authorId === actor.id;
	const state: PostView['state'] = row.deletedAt != null ? 'deleted' : row.hiddenAt != null ? 'hidden' : 'ok';
	const readable = state === 'ok' || (state === 'hidden' && (own || moderator));
	const locked = t.lockedAt != null;
	const canReply = can(actor, 'thread.reply', { regionId: t.regionId, authorId: t.authorId, locked });
	return {
		id: row.id,
		number: row.number,
		authorId: row.authorId,
		authorName: row.authorName ?? 'Former member',
		authorHandle: row.authorHandle ?? null,
		authorityName: row.authorityName ?? null,
		html: readable ? row.html : null,
		state,
		hiddenReason: state === 'hidden' && (own || moderator) ? row.hiddenReason : null,
		createdAt: row.createdAt,
		editedAt: row.editedAt,
		isAnswer: t.acceptedPostId === row.id,
		attachments: readable ? attached : [],
		can: {
			edit: state === 'ok' && can(actor, 'post.edit', { authorId: row.authorId }) && (!locked || moderator),
			delete: state !== 'deleted' && can(actor, 'post.delete', { authorId: row.authorId }),
			report: state === 'ok' && !own && can(actor, 'post.report', { regionId: t.regionId }),
			history: (row.editCount > 0 || state === 'deleted') && can(actor, 'post.viewHistory', { authorId: row.authorId }),
			hide: moderator && state !== 'deleted',
			quote: state === 'ok' && canReply,
			accept: t.isQuestion && row.number > 1 && state === 'ok' && can(actor, 'thread.acceptAnswer', { regionId: t.regionId, authorId: t.authorId })
		}
	};
}

export { BODY_MAX };
