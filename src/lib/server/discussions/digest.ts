/**
 * The discussions part of digests and of the home page "your week" (digest-items.ts):
 * what is new for one member since T, and suggestions for a regional digest.
 * Visibility is enforced in every query: a region's threads never reach anyone outside it.
 */
import { and, count, desc, eq, gt, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { db, preparedBy } from '../db/client';
import { category, notification, post, thread } from '../db/schema';
import type { Actor } from '../auth/policy';
import type { DigestGroup, DigestItem, DigestRecipient, DigestSection } from '../digest-items';
import { get as preferencesOf } from '../mail/preferences';
import { regionName } from '../network/authorities';
import * as members from '../network/members';
import { postHref } from './notifications';
import { seenNotification } from './unread';
import * as attachments from './attachments';
import { visibilityKey, visibleWhere } from './visibility';
import { perInstant } from '../per-instant';

/** Items shown per group before "and N more". */
export const GROUP_SIZE = 5;
const DAY = 86_400_000;
/** Unanswered questions older than this are no longer suggested. */
const QUESTION_WINDOW = 30 * DAY;

const quoted = (title: string) => `“${title}”`;

/** The first `size` as a group, the rest counted in "more"; `toItem` turns only those shown into lines. */
function capped<T = DigestItem>(title: string, items: T[], moreHref: string, size = GROUP_SIZE, toItem: (t: T) => DigestItem = (t) => t as DigestItem): DigestGroup | null {
	if (items.length === 0) return null;
	const group: DigestGroup = { title, items: items.slice(0, size).map(toItem) };
	if (items.length > size) {
		group.more = items.length - size;
		group.moreHref = moreHref;
	}
	return group;
}

function actorOf(r: DigestRecipient): Actor {
	return { id: r.id, role: r.role, authorityId: r.authorityId, regionId: r.regionId, coordinatorRegionId: r.coordinatorRegionId };
}

/**
 * The member's notifications in (since, now], visible to them, newest first, without those they
 * have already seen (unread.ts: read on the site, answered, accepted, or emailed straight away).
 */
function recentNotifications(actor: Actor, since: number, now: number) {
	return notificationsQuery(actor)
		.all({ memberId: actor.id, since, now })
		.filter((n) => !n.seen);
}

/**
 * Every member's digest reads their notifications: one prepared statement per set of visible
 * regions (the regions are part of the statement, the member and the period its parameters).
 */
const notificationsQuery = preparedBy(visibilityKey, (actor: Actor) =>
	db
		.select({
			kind: notification.kind,
			detail: notification.detail,
			threadId: thread.id,
			title: thread.title,
			postNumber: post.number,
			postId: notification.postId,
			actorName: members.memberFacts.name(notification.actorId),
			createdAt: notification.createdAt,
			seen: sql<number>`${seenNotification()}`.mapWith(Boolean)
		})
		.from(notification)
		.innerJoin(thread, eq(thread.id, notification.threadId))
		.leftJoin(post, eq(post.id, notification.postId))
		.where(
			and(
				eq(notification.memberId, sql.placeholder('memberId')),
				gt(notification.createdAt, sql.placeholder('since')),
				lte(notification.createdAt, sql.placeholder('now')),
				visibleWhere(actor, thread.regionId)
			)
		)
		.orderBy(desc(notification.createdAt))
		.limit(500)
		.prepare()
);

type Candidate = {
	id: number;
	title: string;
	regionId: string | null;
	authorId: number | null;
	isQuestion: boolean;
	acceptedPostId: number | null;
	postCount: number;
	createdAt: number;
	lastPostAt: number;
	topics: string[];
	categoryName: string;
};

const candidateColumns = {
	id: thread.id,
	title: thread.title,
	regionId: thread.regionId,
	authorId: thread.authorId,
	isQuestion: thread.isQuestion,
	acceptedPostId: thread.acceptedPostId,
	postCount: thread.postCount,
	createdAt: thread.createdAt,
	lastPostAt: thread.lastPostAt,
	topics: category.topics,
	categoryName: category.name
};

/**
 * Threads started in (since, now] that the actor may see, newest first: a digest's and the home
 * page's "new discussions". Prepared once per set of visible regions (the home page asks on
 * every request); `steer: false` walks the created-at index for the period rather than every
 * visible thread.
 */
const freshThreads = preparedBy(visibilityKey, (actor: Actor) =>
	db
		.select(candidateColumns)
		.from(thread)
		.innerJoin(category, eq(category.id, thread.categoryId))
		.where(and(gt(thread.createdAt, sql.placeholder('since')), lte(thread.createdAt, sql.placeholder('now')), visibleWhere(actor, thread.regionId, { steer: false })))
		.orderBy(desc(thread.createdAt))
		.limit(301)
		.prepare()
);

/** Unanswered questions active since `activeAfter` that the actor may see, most recently active first ("questions you could help with"). */
const openQuestions = preparedBy(visibilityKey, (actor: Actor) =>
	db
		.select(candidateColumns)
		.from(thread)
		.innerJoin(category, eq(category.id, thread.categoryId))
		.where(
			and(
				eq(thread.isQuestion, true),
				isNull(thread.acceptedPostId),
				gt(thread.lastPostAt, sql.placeholder('activeAfter')),
				lte(thread.createdAt, sql.placeholder('now')),
				visibleWhere(actor, thread.regionId)
			)
		)
		.orderBy(desc(thread.lastPostAt))
		.limit(201)
		.prepare()
);

/** Thread candidates shared by every member who sees the same regions, once per digest run. */
const sameRun = perInstant<Candidate[]>();

function relevance(t: Candidate, expertise: Set<string>, regionId: string): number {
	let score = 0;
	if (t.topics.some((x) => expertise.has(x))) score += 4;
	if (t.isQuestion && t.acceptedPostId == null) score += 2;
	if (t.regionId === regionId) score += 1;
	score += Math.min(t.postCount - 1, 10) * 0.1;
	return score;
}

/** Documents attached to these posts that the member may open: `links(...posts)` gives `{ links }` for a digest line, or nothing. */
function documentLinks(actor: Actor, postIds: (number | null)[]) {
	const byPost = attachments.idsByPost(postIds.filter((x): x is number => x != null));
	const known = byPost.size ? attachments.lookup([...byPost.values()].flat()) : new Map();
	return (...posts: (number | null)[]): { links?: DigestItem['links'] } => {
		const ids = [...new Set(posts.flatMap((p) => (p != null ? (byPost.get(p) ?? []) : [])))];
		const links = ids.length ? attachments.linksFor(actor, ids, known) : [];
		return links.length ? { links } : {};
	};
}

/** What is new in discussions for this member since `since` (null when there is nothing at all). */
export function digestSection(recipient: DigestRecipient, since: number, now: number): DigestSection | null {
	const actor = actorOf(recipient);
	const expertise = new Set(recipient.expertise);
	const choices = preferencesOf(recipient.id).notifications;
	const wants = (kind: 'mention' | 'reply' | 'answer') => choices[kind] !== 'off';
	const notes = recentNotifications(actor, since, now);
	const groups: DigestGroup[] = [];
	// Documents attached to the posts these lines are about: those this member may open, as links under the line.
	const docs = documentLinks(actor, notes.map((n) => n.postId));

	if (wants('mention')) {
		const items = notes
			.filter((n) => n.kind === 'mention')
			.map((n) => ({ text: `${n.actorName ?? 'A member'} mentioned you in ${quoted(n.title)}`, href: postHref(n.threadId, n.postNumber), ...docs(n.postId) }));
		const g = capped('Mentions of you', items, '/notifications');
		if (g) groups.push(g);
	}

	if (wants('answer')) {
		const items = notes
			.filter((n) => n.kind === 'answer')
			.map((n) => ({
				text: n.detail === 'answerer' ? `Your reply was marked as the answer to ${quoted(n.title)}` : `An answer was accepted on your question ${quoted(n.title)}`,
				href: postHref(n.threadId, n.postNumber),
				...docs(n.postId)
			}));
		const g = capped('Answers', items, '/notifications');
		if (g) groups.push(g);
	}

	if (wants('reply')) {
		const byThread = new Map<number, { title: string; count: number; first: number | null; posts: (number | null)[] }>();
		for (const n of notes.filter((x) => x.kind === 'reply').reverse()) {
			const entry = byThread.get(n.threadId) ?? { title: n.title, count: 0, first: n.postNumber, posts: [] };
			entry.count++;
			entry.posts.push(n.postId);
			byThread.set(n.threadId, entry);
		}
		const items = [...byThread.entries()]
			.sort((a, b) => b[1].count - a[1].count)
			.map(([id, e]) => ({ text: e.title, href: postHref(id, e.first), note: e.count === 1 ? '1 new reply' : `${e.count} new replies`, ...docs(...e.posts) }));
		const g = capped('Replies in threads you follow', items, '/threads?view=following');
		if (g) groups.push(g);
	}

	// The same for every member who sees the same regions: one query per digest run, not per member.
	const scope = visibilityKey(actor);
	const notMine = (t: Candidate) => t.authorId == null || t.authorId !== recipient.id;
	const fresh = sameRun(now, `fresh:${scope}:${since}`, () => freshThreads(actor).all({ since, now }))
		.filter(notMine)
		.slice(0, 300);
	const helpable = (t: Candidate) => t.isQuestion && t.acceptedPostId == null && t.topics.some((x) => expertise.has(x));
	// Each thread's relevance worked out once, not in every comparison of the sort.
	const newThreads = fresh
		.filter((t) => !helpable(t))
		.map((t) => ({ t, score: relevance(t, expertise, recipient.regionId) }))
		.sort((a, b) => b.score - a.score || b.t.createdAt - a.t.createdAt)
		.map(({ t }) => t);
	const opening = attachments.openingPostIds(newThreads.slice(0, GROUP_SIZE).map((t) => t.id));
	const openingDocs = documentLinks(actor, [...opening.values()]);
	const newItem = (t: Candidate) => ({ text: t.title, href: `/threads/${t.id}`, note: `${t.categoryName} · ${regionName(t.regionId)}`, ...openingDocs(opening.get(t.id) ?? null) });

	const open =
		expertise.size === 0
			? []
			: sameRun(now, `open:${scope}`, () => openQuestions(actor).all({ activeAfter: now - QUESTION_WINDOW, now }))
					.filter(notMine)
					.slice(0, 200)
					.filter(helpable);
	const help = open
		.sort((a, b) => a.postCount - b.postCount || b.createdAt - a.createdAt)
		.map((t) => ({ text: t.title, href: `/threads/${t.id}`, note: t.postCount <= 1 ? 'no replies yet' : `${t.postCount - 1} ${t.postCount === 2 ? 'reply' : 'replies'}, no accepted answer` }));

	const helpGroup = capped('Questions you could help with', help, '/threads?view=unanswered');
	if (helpGroup) groups.push(helpGroup);
	const newGroup = capped('New discussions', newThreads, '/threads', GROUP_SIZE, newItem);
	if (newGroup) groups.push(newGroup);

	if (groups.length === 0) return null;
	const hasNew = groups.some((g) => g !== helpGroup) || open.some((t) => t.createdAt > since);
	return { area: 'discussions', title: 'Discussions', groups, hasNew };
}

/** Threads of a region (and national threads its members started), or national threads for `null`. */
function regionalScope(regionId: string | null) {
	if (regionId == null) return isNull(thread.regionId);
	// `+region_id`: look threads up by the other conditions (ids, dates), not every national and regional thread by region.
	return or(
		sql`+${thread.regionId} = ${regionId}`,
		and(sql`+${thread.regionId} is null`, inArray(thread.authorId, members.idsInRegion(regionId)))
	);
}

/** Suggestions for a coordinator's regional digest (or the national one when `regionId` is null). */
export function regionalDigestGroups(regionId: string | null, since: number, now: number): DigestGroup[] {
	const groups: DigestGroup[] = [];
	const counts = db
		.select({ threadId: post.threadId, n: count() })
		.from(post)
		.where(and(gt(post.createdAt, since), lte(post.createdAt, now), isNull(post.deletedAt), isNull(post.hiddenAt)))
		.groupBy(post.threadId)
		.all();
	const newPosts = new Map(counts.map((c) => [c.threadId, c.n]));
	if (newPosts.size > 0) {
		const active = db
			.select(candidateColumns)
			.from(thread)
			.innerJoin(category, eq(category.id, thread.categoryId))
			.where(and(inArray(thread.id, [...newPosts.keys()]), regionalScope(regionId)))
			.all()
			.sort((a, b) => (newPosts.get(b.id) ?? 0) - (newPosts.get(a.id) ?? 0) || b.lastPostAt - a.lastPostAt)
			.map((t) => {
				const created = t.createdAt > since;
				const replies = (newPosts.get(t.id) ?? 0) - (created ? 1 : 0);
				const note = [t.categoryName, created ? 'new thread' : null, replies > 0 ? `${replies} new ${replies === 1 ? 'reply' : 'replies'}` : null].filter(Boolean).join(' · ');
				return { text: t.title, href: `/threads/${t.id}`, note };
			});
		const g = capped('Most active discussions', active, regionId ? `/threads?scope=${regionId}` : '/threads?scope=national');
		if (g) groups.push(g);
	}
	const unanswered = db
		.select(candidateColumns)
		.from(thread)
		.innerJoin(category, eq(category.id, thread.categoryId))
		.where(and(eq(thread.isQuestion, true), isNull(thread.acceptedPostId), gt(thread.lastPostAt, now - QUESTION_WINDOW), lte(thread.createdAt, now), regionalScope(regionId)))
		.orderBy(desc(thread.lastPostAt))
		.limit(50)
		.all()
		.sort((a, b) => a.postCount - b.postCount || b.createdAt - a.createdAt)
		.map((t) => ({ text: t.title, href: `/threads/${t.id}`, note: t.postCount <= 1 ? 'no replies yet – can you help?' : `${t.postCount - 1} ${t.postCount === 2 ? 'reply' : 'replies'} so far` }));
	const g = capped('Questions waiting for an answer', unanswered, '/threads?view=unanswered');
	if (g) groups.push(g);
	return groups;
}

/** Each thread's region (null: national), for replying by email from a digest; unknown ids are left out. */
export function threadRegions(ids: number[]): Map<number, string | null> {
	if (ids.length === 0) return new Map();
	return new Map(
		db
			.select({ id: thread.id, regionId: thread.regionId })
			.from(thread)
			.where(inArray(thread.id, ids.slice(0, 500)))
			.all()
			.map((t) => [t.id, t.regionId])
	);
}

/** How many threads (visible to the actor) had activity since T — a small figure for the home page. */
export function activeThreadCount(actor: Actor, since: number): number {
	return (
		db
			.select({ n: count() })
			.from(thread)
			.where(and(gt(thread.lastPostAt, since), visibleWhere(actor, thread.regionId)))
			.get()?.n ?? 0
	);
}

