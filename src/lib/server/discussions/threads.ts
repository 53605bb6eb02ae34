/**
 * Threads: the lists (latest, unanswered, mine, following; by category and scope; keyset
 * pagination), the thread page, starting a thread, and accepted answers.
 *
 * Every list and page query is served from an index (see threads.plan.test.ts) and fetches
 * what a row shows in one query — no query per row.
 */
import { error } from '@sveltejs/kit';
import { and, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { db, immediate, prepared, preparedBy } from '../db/client';
import { category, post, thread, threadFollow, threadRead } from '../db/schema';
import { authorize, can, type Actor } from '../auth/policy';
import * as audit from '../auth/audit';
import { regionName, regions } from '../network/authorities';
import { memberFacts } from '../network/members';
import { bodyError, cleanBody, cleanTitle, titleError } from './input';
import { previewPost, renderPost } from './render';
import { checkChildSafety, type ChildSafetyWarning } from './child-safety';
import * as categories from './categories';
import * as follows from './follows';
import * as unread from './unread';
import * as notifications from './notifications';
import * as attachments from './attachments';
import { childSafetyGate, excerpt, flagConfirmedPost, nameOf, oneRow, pageRows, quoteFor, rateLimitError, recordPosting, threadFacts, toView, type PostView, type Result, type ThreadFacts } from './posts';
import { openReportCounts } from './moderation';
import { canSee, visibilityKey, visibleRegionIds, visibleWhere } from './visibility';

/** Posts per page of a thread. */
export const PAGE_SIZE = 20;
/** Threads per page of a list. */
export const LIST_SIZE = 25;

export const LIST_VIEWS = [
	['latest', 'Latest'],
	['unanswered', 'Unanswered questions'],
	['mine', 'My threads'],
	['following', 'Following']
] as const;
export type ListView = (typeof LIST_VIEWS)[number][0];

export type ListFilter = {
	view?: ListView;
	categoryId?: number | null;
	/** 'national', or a region id. */
	scope?: string | null;
	/** The cursor from the previous page. */
	after?: string | null;
	limit?: number;
};

/** Reads a list cursor ("lastPostAt.id"); null when it is not one. */
export function parseCursor(c: string | null | undefined): { at: number; id: number } | null {
	const m = /^(\d{1,16})\.(\d{1,12})$/.exec(c ?? '');
	if (!m) return null;
	const at = Number(m[1]);
	const id = Number(m[2]);
	return Number.isSafeInteger(at) && Number.isSafeInteger(id) ? { at, id } : null;
}

/** The values a list query takes; in a prepared statement each is a placeholder of that name. */
type ListValues = { memberId: number; categoryId: number | null; scope: string | null; at: number | null; id: number | null; limit: number };
type ListParam = <K extends keyof ListValues>(name: K) => ListValues[K];

function listValues(actor: Actor, f: ListFilter): ListValues {
	const cursor = parseCursor(f.after);
	return {
		memberId: actor.id,
		categoryId: f.categoryId || null,
		scope: f.scope && f.scope !== 'national' ? f.scope : null,
		at: cursor?.at ?? null,
		id: cursor?.id ?? null,
		limit: Math.min(Math.max(f.limit ?? LIST_SIZE, 1), 100) + 1
	};
}

function listWhere(actor: Actor, f: ListFilter, excludePinned: boolean, p: ListParam): SQL | undefined {
	const where: (SQL | undefined)[] = [visibleWhere(actor, thread.regionId, { steer: false })];
	if (f.categoryId) where.push(eq(thread.categoryId, p('categoryId')!));
	if (f.scope === 'national') where.push(isNull(thread.regionId));
	else if (f.scope) where.push(eq(thread.regionId, p('scope')!));
	switch (f.view ?? 'latest') {
		case 'unanswered':
			where.push(eq(thread.isQuestion, true), isNull(thread.acceptedPostId));
			break;
		case 'mine':
			where.push(eq(thread.authorId, p('memberId')));
			break;
		case 'following':
			where.push(
				inArray(
					thread.id,
					db
						.select({ id: threadFollow.threadId })
						.from(threadFollow)
						.where(and(eq(threadFollow.memberId, p('memberId')), eq(threadFollow.following, true)))
				)
			);
			break;
	}
	if (excludePinned) where.push(isNull(thread.pinnedAt));
	if (parseCursor(f.after)) where.push(sql`(${thread.lastPostAt}, ${thread.id}) < (${p('at')}, ${p('id')})`);
	return and(...where);
}

const rowColumns = {
	id: thread.id,
	title: thread.title,
	regionId: thread.regionId,
	isQuestion: thread.isQuestion,
	acceptedPostId: thread.acceptedPostId,
	pinnedAt: thread.pinnedAt,
	lockedAt: thread.lockedAt,
	postCount: thread.postCount,
	lastPostAt: thread.lastPostAt,
	createdAt: thread.createdAt,
	categoryId: category.id,
	categorySlug: category.slug,
	categoryName: category.name,
	authorName: memberFacts.name(thread.authorId),
	authorityName: memberFacts.authorityName(thread.authorId),
	lastPosterName: memberFacts.name(thread.lastPosterId),
	lastRead: threadRead.lastReadNumber
};

function baseListQuery(p: ListParam) {
	return db
		.select(rowColumns)
		.from(thread)
		.innerJoin(category, eq(category.id, thread.categoryId))
		.leftJoin(threadRead, and(eq(threadRead.threadId, thread.id), eq(threadRead.memberId, p('memberId'))));
}

/** The query behind a list page (exported for the query-plan test). */
export function listQuery(actor: Actor, f: ListFilter) {
	const v = listValues(actor, f);
	return buildListQuery(actor, f, (name) => v[name]);
}

function buildListQuery(actor: Actor, f: ListFilter, p: ListParam) {
	return baseListQuery(p)
		.where(listWhere(actor, f, isPinnedView(f), p))
		.orderBy(desc(thread.lastPostAt), desc(thread.id))
		.limit(p('limit'));
}

/** The query for a category's pinned threads (exported for the query-plan test). */
export function pinnedQuery(actor: Actor, categoryId: number) {
	const v = listValues(actor, { categoryId });
	return buildPinnedQuery(actor, (name) => v[name]);
}

function buildPinnedQuery(actor: Actor, p: ListParam) {
	return baseListQuery(p)
		.where(and(eq(thread.categoryId, p('categoryId')!), isNotNull(thread.pinnedAt), visibleWhere(actor, thread.regionId)))
		.orderBy(desc(thread.pinnedAt))
		.limit(10);
}

/**
 * The list is the busiest page after the thread page: its statements are built once per shape
 * (who sees what, which filters are on) and kept prepared. The shapes are few: the sets of
 * regions members can see (about a dozen) times the filters.
 */
const placeholder: ListParam = (name) => sql.placeholder(name) as never;

const listStatement = preparedBy(
	({ actor, f }: { actor: Actor; f: ListFilter }) =>
		[visibilityKey(actor), f.view ?? 'latest', f.categoryId ? 'c' : '', f.scope === 'national' ? 'n' : f.scope ? 'r' : '', parseCursor(f.after) ? 'a' : ''].join('|'),
	({ actor, f }) => buildListQuery(actor, { ...f }, placeholder).prepare()
);
const pinnedStatement = preparedBy(visibilityKey, (actor: Actor) => buildPinnedQuery(actor, placeholder).prepare());

function listRows(actor: Actor, f: ListFilter): Row[] {
	return listStatement({ actor, f }).all(listValues(actor, f));
}

function pinnedRows(actor: Actor, categoryId: number): Row[] {
	return pinnedStatement(actor).all({ memberId: actor.id, categoryId });
}

/** Pinned threads show at the top of their category's latest list (first page). */
function isPinnedView(f: ListFilter): boolean {
	return !!f.categoryId && (f.view ?? 'latest') === 'latest';
}

type Row = Awaited<ReturnType<ReturnType<typeof listQuery>['all']>>[number];

/** One row of a thread list. */
export type ThreadRow = {
	id: number;
	title: string;
	href: string;
	category: { id: number; slug: string; name: string };
	scope: { regionId: string | null; name: string };
	authorName: string;
	authorityName: string | null;
	replyCount: number;
	lastPostAt: number;
	lastPosterName: string;
	isQuestion: boolean;
	answered: boolean;
	pinned: boolean;
	locked: boolean;
	/** Posts the member has not read yet (0 when up to date or never opened). */
	unread: number;
	/** True when the member has never opened the thread. */
	unseen: boolean;
};

function toRow(r: Row): ThreadRow {
	const { unread: n, firstUnread } = unread.unreadState(r.postCount, r.lastRead);
	return {
		id: r.id,
		title: r.title,
		href: firstUnread ? `/threads/${r.id}?post=${firstUnread}#post-${firstUnread}` : `/threads/${r.id}`,
		category: { id: r.categoryId, slug: r.categorySlug, name: r.categoryName },
		scope: { regionId: r.regionId, name: regionName(r.regionId) },
		authorName: r.authorName ?? 'Former member',
		authorityName: r.authorityName,
		replyCount: Math.max(r.postCount - 1, 0),
		lastPostAt: r.lastPostAt,
		lastPosterName: r.lastPosterName ?? 'Former member',
		isQuestion: r.isQuestion,
		answered: r.acceptedPostId != null,
		pinned: r.pinnedAt != null,
		locked: r.lockedAt != null,
		unread: n,
		unseen: r.lastRead == null
	};
}

/** A page of threads the actor may see, newest activity first; `next` is the cursor for the following page. */
export function list(actor: Actor, f: ListFilter = {}): { threads: ThreadRow[]; pinned: ThreadRow[]; next: string | null } {
	authorize(actor, 'thread.view', { regionId: null });
	if (f.scope && f.scope !== 'national' && !visibleScope(actor, f.scope)) return { threads: [], pinned: [], next: null };
	const limit = Math.min(Math.max(f.limit ?? LIST_SIZE, 1), 100);
	const rows = listRows(actor, f);
	const page = rows.slice(0, limit).map(toRow);
	const last = rows.length > limit ? rows[limit - 1] : null;
	const pinned = isPinnedView(f) && !parseCursor(f.after) ? pinnedRows(actor, f.categoryId!).map(toRow) : [];
	return { threads: page, pinned, next: last ? `${last.lastPostAt}.${last.id}` : null };
}

function visibleScope(actor: Actor, regionId: string): boolean {
	const ids = visibleRegionIds(actor);
	return ids == null ? regions().some((r) => r.id === regionId) : ids.includes(regionId);
}

/** Scopes the actor may filter by or post in: national, then the regions they may see. */
export function scopeOptions(actor: Actor): [string, string][] {
	const ids = visibleRegionIds(actor);
	const rs = regions().filter((r) => ids == null || ids.includes(r.id));
	return [['national', 'National – every member'], ...rs.map((r) => [r.id, `${r.name} only`] as [string, string])];
}

/** The query for a thread's header (exported for the query-plan test). */
export function headerQuery(threadId: number) {
	return db
		.select({
			...rowColumns,
			lastRead: sql<null>`null`,
			authorId: thread.authorId,
			authorHandle: memberFacts.handle(thread.authorId),
			categoryArchived: category.archivedAt
		})
		.from(thread)
		.innerJoin(category, eq(category.id, thread.categoryId))
		.where(eq(thread.id, threadId));
}

const preparedHeader = prepared(() => headerQuery(sql.placeholder('threadId') as unknown as number).prepare());

export type ThreadPage = {
	thread: {
		id: number;
		title: string;
		category: { id: number; slug: string; name: string };
		scope: { regionId: string | null; name: string };
		authorId: number | null;
		authorName: string;
		authorHandle: string | null;
		authorityName: string | null;
		isQuestion: boolean;
		answered: boolean;
		locked: boolean;
		pinned: boolean;
		postCount: number;
		createdAt: number;
		lastPostAt: number;
	};
	posts: PostView[];
	answer: PostView | null;
	page: number;
	pageCount: number;
	following: boolean;
	/** The first post that was new to the member when they opened the page (null: nothing new). */
	firstUnread: number | null;
	can: { reply: boolean; moderate: boolean; follow: boolean };
	/** Why the member cannot reply, when they cannot. */
	replyRefusal: string | null;
	/** Markdown quoting the post asked for with `quote`, to start the reply with. */
	quote: { postId: number; text: string } | null;
	/** For moderators: the categories to move the thread to, and open reports per post id. */
	moderation: { categories: [number, string][]; reports: Record<number, number> } | null;
};

/**
 * A page of a thread as the actor sees it, or null when it does not exist or they may not see
 * it (the route answers 404 either way). `post` picks the page holding that post number.
 * Marks what is shown as read, and the notifications about it.
 */
export function view(actor: Actor, threadId: number, opts: { page?: number | null; post?: number | null; quote?: number | null } = {}, now = Date.now()): ThreadPage | null {
	if (!Number.isSafeInteger(threadId) || threadId < 1) return null;
	const h = preparedHeader().get({ threadId });
	if (!h || !canSee(actor, h.regionId)) return null;
	const facts: ThreadFacts = {
		id: h.id,
		title: h.title,
		regionId: h.regionId,
		categoryId: h.categoryId,
		authorId: h.authorId,
		isQuestion: h.isQuestion,
		acceptedPostId: h.acceptedPostId,
		lockedAt: h.lockedAt,
		pinnedAt: h.pinnedAt,
		postCount: h.postCount
	};
	const pageCount = Math.max(1, Math.ceil(h.postCount / PAGE_SIZE));
	const wanted = opts.post && opts.post > 0 ? Math.ceil(opts.post / PAGE_SIZE) : (opts.page ?? 1);
	const page = Math.min(Math.max(Number.isFinite(wanted) ? Math.floor(wanted) : 1, 1), pageCount);
	const rows = pageRows(threadId, (page - 1) * PAGE_SIZE + 1, page * PAGE_SIZE);
	const attached = attachments.forPosts(actor, [...rows.map((r) => r.id), ...(h.acceptedPostId && page === 1 ? [h.acceptedPostId] : [])]);
	const posts = rows.map((r) => toView(actor, facts, r, attached.get(r.id)));
	let answer: PostView | null = null;
	if (h.acceptedPostId && page === 1) {
		const a = oneRow(h.acceptedPostId);
		if (a) answer = toView(actor, facts, a, attached.get(a.id));
	}
	const last = unread.lastRead(actor.id, threadId);
	const firstUnread = last != null && last < h.postCount ? last + 1 : null;
	const highest = rows.at(-1)?.number ?? 0;
	if (highest > 0 && (last == null || highest > last)) unread.markRead(actor.id, threadId, highest, now);
	notifications.markPostsSeen(actor, rows.map((r) => r.id), now);
	const locked = h.lockedAt != null;
	const canReply = can(actor, 'thread.reply', { regionId: h.regionId, authorId: h.authorId, locked });
	const moderate = can(actor, 'thread.moderate', { regionId: h.regionId });
	const quoted = canReply && opts.quote ? quoteFor(actor, threadId, opts.quote) : null;
	return {
		thread: {
			id: h.id,
			title: h.title,
			category: { id: h.categoryId, slug: h.categorySlug, name: h.categoryName },
			scope: { regionId: h.regionId, name: regionName(h.regionId) },
			authorId: h.authorId,
			authorName: h.authorName ?? 'Former member',
			authorHandle: h.authorHandle ?? null,
			authorityName: h.authorityName,
			isQuestion: h.isQuestion,
			answered: h.acceptedPostId != null,
			locked,
			pinned: h.pinnedAt != null,
			postCount: h.postCount,
			createdAt: h.createdAt,
			lastPostAt: h.lastPostAt
		},
		posts,
		answer,
		page,
		pageCount,
		following: follows.isFollowing(actor.id, threadId),
		firstUnread,
		can: { reply: canReply, moderate, follow: true },
		replyRefusal: canReply ? null : 'This thread is locked, so it cannot take new replies.',
		quote: quoted && opts.quote ? { postId: opts.quote, text: quoted } : null,
		moderation: moderate
			? {
					categories: categories.all().map((c) => [c.id, c.archivedAt ? `${c.name} (archived)` : c.name] as [number, string]),
					reports: openReportCounts(actor, h.regionId, rows.map((r) => r.id))
				}
			: null
	};
}

export type NewThread = {
	title: string;
	body: string;
	categoryId: number;
	regionId: string | null;
	isQuestion: boolean;
	/** The author ticked "no child can be identified" after the child-safety check warned. */
	childSafeConfirmed?: boolean;
	/** Library entries to attach to the opening post. */
	attachments?: number[];
	/** A new file to attach: it becomes a library entry seen by the thread's readers. */
	upload?: attachments.NewUpload | null;
};

/**
 * Starts a thread (its opening post is the question when `isQuestion`). Refused with messages
 * for a bad title or body, an archived or unknown category, a scope the member may not post in,
 * or more than 10 posts in a minute. The author follows it; mentioned members are notified.
 */
export function create(actor: Actor, input: NewThread, now = Date.now()): Result<{ id: number }> {
	authorize(actor, 'thread.view', { regionId: null });
	const errors: Record<string, string> = {};
	const title = cleanTitle(input.title ?? '');
	const body = cleanBody(input.body ?? '');
	const titleProblem = titleError(title);
	if (titleProblem) errors.title = titleProblem;
	const bodyProblem = bodyError(body, 'your post');
	if (bodyProblem) errors.body = bodyProblem;
	const cat = categories.byId(input.categoryId);
	if (!cat || cat.archivedAt != null) errors.categoryId = 'Choose a category from the list';
	const regionId = input.regionId || null;
	if (regionId != null && !regions().some((r) => r.id === regionId)) errors.regionId = 'Choose who can see the thread';
	else if (!can(actor, 'thread.create', { regionId })) errors.regionId = 'You can only start threads for everyone or for your own region';
	const attached = errors.regionId ? null : attachments.check(actor, input.attachments ?? [], regionId);
	if (attached && !attached.ok) Object.assign(errors, attached.errors);
	const upload = errors.regionId ? null : attachments.checkUpload(actor, input.upload, regionId);
	if (upload && !upload.ok) Object.assign(errors, upload.errors);
	if (Object.keys(errors).length) return { ok: false, errors };
	const gate = childSafetyGate(`${title}\n\n${body}`, input.childSafeConfirmed);
	if (gate.refuse) return gate.refuse;
	const limited = rateLimitError(actor.id, now);
	if (limited) return { ok: false, errors: { form: limited } };
	const rendered = renderPost(body);
	const id = immediate(() => {
		const t = db
			.insert(thread)
			.values({ title, categoryId: cat!.id, regionId, authorId: actor.id, isQuestion: !!input.isQuestion, postCount: 1, lastPostAt: now, lastPosterId: actor.id, createdAt: now, updatedAt: now })
			.returning({ id: thread.id })
			.get();
		const p = db
			.insert(post)
			.values({ threadId: t.id, number: 1, authorId: actor.id, title, body, html: rendered.html, plain: rendered.plain, createdAt: now })
			.returning({ id: post.id })
			.get();
		const attachedIds = attachments.writeUpload(actor, upload?.ok ? upload.checked : null, attached?.ok ? attached.ids : [], { threadId: t.id, title, number: 1 }, now);
		attachments.set(p.id, attachedIds);
		flagConfirmedPost(p.id, regionId, gate.confirmedWarnings, now);
		follows.autoFollow(actor.id, t.id, now);
		unread.markRead(actor.id, t.id, 1, now);
		recordPosting(actor.id, now);
		notifications.deliver(
			rendered.mentions.map((m) => ({ memberId: m.id, kind: 'mention' as const, postId: p.id })),
			{ thread: { id: t.id, title, regionId }, post: { id: p.id, number: 1, excerpt: excerpt(rendered.plain), attachments: attachedIds }, actor: { id: actor.id, name: nameOf(actor.id) } },
			now
		);
		return t.id;
	});
	return { ok: true, value: { id } };
}

/** Renders Markdown for a preview (nothing is saved). */
export function preview(body: string): { html: string; unknownMentions: string[] } {
	return previewPost(cleanBody(body));
}

/** The child-safety check's warnings for a post being previewed (title and body). */
export function previewWarnings(body: string, title = ''): ChildSafetyWarning[] {
	return checkChildSafety(`${cleanTitle(title)}\n\n${cleanBody(body)}`).warnings;
}

/**
 * Marks a reply as the answer to a question (or, with `postId` null, clears it). Allowed for
 * the asker, a coordinator (their region's threads and national ones) and admins. Tells the
 * asker and the answer's author.
 */
export function acceptAnswer(actor: Actor, threadId: number, postId: number | null, meta: { ip?: string } = {}, now = Date.now()): Result {
	const t = threadFacts(threadId);
	if (!t) error(404, 'Page not found');
	authorize(actor, 'thread.view', { regionId: t.regionId }, { hide: true });
	authorize(actor, 'thread.acceptAnswer', { regionId: t.regionId, authorId: t.authorId });
	if (!t.isQuestion) return { ok: false, errors: { form: 'Only questions can have an accepted answer' } };
	if (postId == null) {
		db.update(thread).set({ acceptedPostId: null, acceptedById: null, acceptedAt: null, updatedAt: now }).where(eq(thread.id, threadId)).run();
		return { ok: true, value: undefined };
	}
	const p = db
		.select({ id: post.id, number: post.number, authorId: post.authorId, deletedAt: post.deletedAt, hiddenAt: post.hiddenAt, plain: post.plain })
		.from(post)
		.where(and(eq(post.id, postId), eq(post.threadId, threadId)))
		.get();
	if (!p || p.number === 1 || p.deletedAt != null || p.hiddenAt != null) return { ok: false, errors: { form: 'Choose a reply in this thread as the answer' } };
	immediate(() => {
		db.update(thread).set({ acceptedPostId: p.id, acceptedById: actor.id, acceptedAt: now, updatedAt: now }).where(eq(thread.id, threadId)).run();
		const items: notifications.NewNotification[] = [];
		if (t.authorId) items.push({ memberId: t.authorId, kind: 'answer', postId: p.id, detail: 'asker' });
		if (p.authorId && p.authorId !== t.authorId) items.push({ memberId: p.authorId, kind: 'answer', postId: p.id, detail: 'answerer' });
		notifications.deliver(items, { thread: t, post: { id: p.id, number: p.number, excerpt: excerpt(p.plain) }, actor: { id: actor.id, name: nameOf(actor.id) } }, now);
	});
	if (actor.id !== t.authorId) audit.record({ actorId: actor.id, action: 'thread.answer-accepted', subjectType: 'thread', subjectId: threadId, regionId: t.regionId, ipAddress: meta.ip, detail: { postId: p.id } }, now);
	return { ok: true, value: undefined };
}

/** A thread's title and scope for page titles and forms, or null when the actor may not see it. */
export function summary(actor: Actor, threadId: number): { id: number; title: string; regionId: string | null; categoryId: number; lockedAt: number | null; pinnedAt: number | null; authorId: number | null; isQuestion: boolean } | null {
	const t = threadFacts(threadId);
	if (!t || !canSee(actor, t.regionId)) return null;
	return { id: t.id, title: t.title, regionId: t.regionId, categoryId: t.categoryId, lockedAt: t.lockedAt, pinnedAt: t.pinnedAt, authorId: t.authorId, isQuestion: t.isQuestion };
}
