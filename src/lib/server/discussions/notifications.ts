/**
 * Notifications: in the app (a count in the header, a page, mark read) and by email as each
 * member chooses (immediately through the outbox, in their digest, or off).
 *
 * Nobody is notified about a thread they cannot see, and lists check visibility again in the
 * query (a member who moves region stops seeing the old region's notifications).
 */
import { and, count, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { db, param, prepared, preparedBy } from '../db/client';
import { notification, post, thread, type Notification } from '../db/schema';
import * as members from '../network/members';
import type { Actor } from '../auth/policy';
import { enqueue } from '../mail/outbox';
import { mayEmail } from '../mail/engagement';
import { renderEmail, type EmailBlock } from '../mail/layout';
import { choiceFor, type NotificationKind } from '../mail/preferences';
import { listHeaders, unsubscribeUrl } from '../mail/unsubscribe';
import { replyAddress } from '../mail/reply-keys';
import { threadMail } from '../mail/threading';
import { regionName } from '../network/authorities';
import { canSee, visibilityKey, visibleWhere } from './visibility';
import * as attachments from './attachments';

export type Kind = Notification['kind'];

/** What one notification is about, before we know who may receive it. */
export type NewNotification = { memberId: number; kind: Kind; postId: number | null; detail?: string };

/** The thread and post the notifications concern, and who caused them. */
export type NotifyContext = {
	thread: { id: number; title: string; regionId: string | null };
	/** `attachments`: library entries on the post, listed (to those who may open them) in the email. */
	post: { id: number; number: number; excerpt: string; attachments?: number[] } | null;
	actor: { id: number; name: string } | null;
};

/** Who sees a reply posted in a thread of this region (null: national): "North West members", "all members". */
export function audienceOf(regionId: string | null): string {
	return regionId ? `${regionName(regionId)} members` : 'all members';
}

/** The line next to the reply instruction in every email about a thread. */
export function replyLine(regionId: string | null): string {
	return `Reply to this email to post in the thread — your reply is visible to ${audienceOf(regionId)}.`;
}

/** The link to a post (or the thread when there is no post). */
export function postHref(threadId: number, number: number | null | undefined): string {
	return number && number > 1 ? `/threads/${threadId}?post=${number}#post-${number}` : `/threads/${threadId}`;
}

type Recipient = { id: number; email: string; name: string; actor: Actor };

/** Loads possible recipients (active members only) with what the policy needs, in one query. */
function recipients(ids: number[]): Map<number, Recipient> {
	return members.recipients(ids);
}

const LIST_NAMES: Record<Kind, string> = {
	mention: 'Mentions',
	reply: 'Replies in threads you follow',
	answer: 'Accepted answers',
	moderation: 'Moderation of your posts'
};

const REASONS: Record<Kind, string> = {
	mention: 'You get this email because someone mentioned you on the Lead Member Network and you asked to hear about mentions straight away.',
	reply: 'You get this email because you follow this thread and asked to hear about replies straight away.',
	answer: 'You get this email because you asked to hear straight away when an answer is accepted.',
	moderation: 'You get this email because a moderator acted on one of your posts.'
};

function quote(title: string) {
	return `“${title}”`;
}

/** Subject, heading and words for one notification email. */
function emailFor(n: NewNotification, c: NotifyContext, r: Recipient, attached: EmailBlock[] = []): { subject: string; blocks: EmailBlock[] } {
	const who = c.actor?.name ?? 'A member';
	const t = quote(c.thread.title);
	const href = postHref(c.thread.id, c.post?.number);
	const excerpt: EmailBlock[] = c.post?.excerpt ? [{ kind: 'paragraph', text: c.post.excerpt }, ...attached] : [];
	switch (n.kind) {
		case 'mention':
			return { subject: `${who} mentioned you in ${t}`, blocks: [{ kind: 'paragraph', text: `${who} mentioned you in ${t}:` }, ...excerpt, { kind: 'button', text: 'Read the post', href }] };
		case 'reply':
			return { subject: `New reply in ${t}`, blocks: [{ kind: 'paragraph', text: `${who} replied in ${t}:` }, ...excerpt, { kind: 'button', text: 'Read the reply', href }] };
		case 'answer':
			return n.detail === 'answerer'
				? { subject: `Your reply was marked as the answer to ${t}`, blocks: [{ kind: 'paragraph', text: `${who} marked your reply as the answer to ${t}. Thank you for helping a colleague.` }, { kind: 'button', text: 'See the answer', href }] }
				: { subject: `An answer was accepted on ${t}`, blocks: [{ kind: 'paragraph', text: `${who} marked a reply as the answer to your question ${t}:` }, ...excerpt, { kind: 'button', text: 'See the answer', href }] };
		case 'moderation':
			return {
				subject: `A moderator hid your post in ${t}`,
				blocks: [
					{ kind: 'paragraph', text: `Hello ${r.name}, a moderator hid one of your posts in ${t}.` },
					{ kind: 'paragraph', text: `The reason given: ${n.detail || 'no reason was given'}` },
					{ kind: 'paragraph', text: 'Only you and the moderators can still read it. If you think this was a mistake, reply to your regional coordinator.' },
					{ kind: 'button', text: 'See the thread', href }
				]
			};
	}
}

/**
 * Creates notifications for everyone in `items` who may see the thread (one per member, kind
 * and post — repeats are ignored) and queues an email for those who chose "immediately".
 * Call inside the transaction that made the post, so both happen or neither. Returns the ids of
 * the members notified.
 */
/** A reply in a thread with hundreds of followers inserts hundreds of these: prepared once. */
const insertNotification = prepared(() =>
	db
		.insert(notification)
		.values({
			memberId: sql.placeholder('memberId'),
			kind: sql.placeholder('kind'),
			threadId: sql.placeholder('threadId'),
			postId: sql.placeholder('postId'),
			actorId: sql.placeholder('actorId'),
			detail: sql.placeholder('detail'),
			createdAt: sql.placeholder('createdAt'),
			emailedAt: sql.placeholder('emailedAt')
		})
		.onConflictDoNothing()
		.returning({ id: notification.id })
		.prepare()
);

export function deliver(items: NewNotification[], c: NotifyContext, now = Date.now()): number[] {
	const wanted = items.filter((n) => n.memberId !== c.actor?.id);
	const people = recipients([...new Set(wanted.map((n) => n.memberId))]);
	const notified: number[] = [];
	const attachedIds = c.post?.attachments ?? [];
	// The documents are looked up once; each recipient's email lists those they may open.
	const known = attachedIds.length ? attachments.lookup(attachedIds) : new Map();
	for (const n of wanted) {
		const r = people.get(n.memberId);
		if (!r || !canSee(r.actor, c.thread.regionId)) continue;
		// Emailed now or not at all: recorded on the row, so the digest does not repeat it.
		const emailed = choiceFor(r.id, n.kind as NotificationKind) === 'immediately' && mayEmail(r, now);
		const row = insertNotification().get({
			memberId: r.id,
			kind: n.kind,
			threadId: c.thread.id,
			postId: n.postId ?? null,
			actorId: c.actor?.id ?? null,
			detail: n.detail ?? '',
			createdAt: now,
			emailedAt: emailed ? now : null
		});
		if (!row) continue;
		notified.push(r.id);
		if (!emailed) continue;
		const { subject, blocks } = emailFor(n, c, r, attachedIds.length ? attachments.emailBlocks(r.actor, attachedIds, known) : []);
		// Replies post in the thread (not to a moderation notice: that asks them to write to their coordinator).
		const replies = n.kind !== 'moderation';
		const threading = threadMail({ threadId: c.thread.id, postId: c.post?.id, memberId: r.id, kind: n.kind, replyTo: replies ? replyAddress(r.id, { kind: 'thread', id: c.thread.id }) : undefined });
		const { html, text } = renderEmail({
			heading: subject,
			preheader: c.post?.excerpt.slice(0, 120),
			blocks,
			...(replies ? { reply: { line: replyLine(c.thread.regionId) } } : {}),
			reason: REASONS[n.kind],
			footerLinks: [
				{ text: 'Change your email settings', href: '/settings/email' },
				{ text: `Unsubscribe from emails about ${LIST_NAMES[n.kind].toLowerCase()}`, href: unsubscribeUrl(r.id, n.kind) }
			]
		});
		enqueue(
			{
				key: `notification:${n.kind}:${row.id}`,
				kind: `notification-${n.kind}`,
				to: r.email,
				recipientId: r.id,
				subject,
				text,
				html,
				messageId: threading.messageId,
				headers: { ...listHeaders(r.id, n.kind, `${LIST_NAMES[n.kind]} – Lead Member Network`), ...threading.headers }
			},
			now
		);
	}
	return notified;
}

/** Unread notifications the actor may still see (the header count). */
export function unreadCount(actor: Actor): number {
	return unreadCountQuery(actor).get({ memberId: actor.id })?.n ?? 0;
}

/** The header's count runs on every page: one prepared statement per set of visible regions (a dozen at most). */
const unreadCountQuery = preparedBy(visibilityKey, (actor: Actor) =>
	db
		.select({ n: count() })
		.from(notification)
		.innerJoin(thread, eq(thread.id, notification.threadId))
		.where(and(eq(notification.memberId, sql.placeholder('memberId')), isNull(notification.readAt), visibleWhere(actor, thread.regionId)))
		.prepare()
);

export type NotificationRow = {
	id: number;
	kind: Kind;
	threadId: number;
	threadTitle: string;
	postNumber: number | null;
	actorName: string | null;
	detail: string;
	createdAt: number;
	readAt: number | null;
	href: string;
};

/** The query behind the notifications page (exported for the query-plan test). */
export function listQuery(actor: Actor, opts: { before?: number | null; limit?: number; unreadOnly?: boolean } = {}) {
	const limit = Math.min(Math.max(opts.limit ?? 30, 1), 100);
	return db
		.select({
			id: notification.id,
			kind: notification.kind,
			threadId: notification.threadId,
			threadTitle: thread.title,
			postNumber: post.number,
			actorName: members.memberFacts.name(notification.actorId),
			detail: notification.detail,
			createdAt: notification.createdAt,
			readAt: notification.readAt
		})
		.from(notification)
		.innerJoin(thread, eq(thread.id, notification.threadId))
		.leftJoin(post, eq(post.id, notification.postId))
		.where(
			and(
				eq(notification.memberId, actor.id),
				opts.before ? lt(notification.id, opts.before) : undefined,
				opts.unreadOnly ? isNull(notification.readAt) : undefined,
				visibleWhere(actor, thread.regionId)
			)
		)
		.orderBy(desc(notification.id))
		.limit(limit + 1);
}

/** The actor's notifications, newest first, keyset-paginated by id. */
export function list(actor: Actor, opts: { before?: number | null; limit?: number; unreadOnly?: boolean } = {}): { items: NotificationRow[]; next: number | null } {
	const limit = Math.min(Math.max(opts.limit ?? 30, 1), 100);
	const rows = listQuery(actor, opts).all();
	const page = rows.slice(0, limit).map((r) => ({ ...r, href: postHref(r.threadId, r.postNumber) }));
	return { items: page, next: rows.length > limit ? page[page.length - 1].id : null };
}

/** A page of notifications about one thread, shown under the thread's title. */
export type ThreadNotifications = { threadId: number; threadTitle: string; href: string; unread: number; items: NotificationRow[] };

/**
 * Notifications grouped by thread: a thread's group stands where its newest notification was,
 * its notifications newest first within it.
 */
export function groupByThread(items: NotificationRow[]): ThreadNotifications[] {
	const groups = new Map<number, ThreadNotifications>();
	for (const n of items) {
		let g = groups.get(n.threadId);
		if (!g) {
			g = { threadId: n.threadId, threadTitle: n.threadTitle, href: `/threads/${n.threadId}`, unread: 0, items: [] };
			groups.set(n.threadId, g);
		}
		g.items.push(n);
		if (n.readAt == null) g.unread++;
	}
	return [...groups.values()];
}

/** The notifications page: the actor's notifications, newest first, keyset-paginated, grouped by thread. */
export function listByThread(actor: Actor, opts: { before?: number | null; unreadOnly?: boolean } = {}): { threads: ThreadNotifications[]; next: number | null } {
	const { items, next } = list(actor, opts);
	return { threads: groupByThread(items), next };
}

/** Marks one of the actor's notifications read. Returns false when it is not theirs. */
export function markRead(actor: Actor, id: number, now = Date.now()): boolean {
	const res = db
		.update(notification)
		.set({ readAt: now })
		.where(and(eq(notification.id, id), eq(notification.memberId, actor.id), isNull(notification.readAt)))
		.run();
	if (res.changes > 0) return true;
	return !!db.select({ id: notification.id }).from(notification).where(and(eq(notification.id, id), eq(notification.memberId, actor.id))).get();
}

/** Marks all the actor's notifications read. Returns how many changed. */
export function markAllRead(actor: Actor, now = Date.now()): number {
	return db.update(notification).set({ readAt: now }).where(and(eq(notification.memberId, actor.id), isNull(notification.readAt))).run().changes;
}

/** Marks read the actor's unread notifications about these posts (they have just been shown). */
export function markPostsSeen(actor: Actor, postIds: number[], now = Date.now()): number {
	if (postIds.length === 0) return 0;
	// Every thread page calls this: the member's unread notifications are few, so read them by
	// the unread index and match the page's posts in SQL, with statements prepared once. The
	// update (a write) runs only when there is something to mark.
	const ids = JSON.stringify(postIds);
	const unread = unreadAboutPosts().all({ memberId: actor.id, ids });
	if (unread.length === 0) return 0;
	return markSeen().run({ memberId: actor.id, ids, now }).changes;
}

const aboutPosts = (ids: ReturnType<typeof sql.placeholder>) => sql`${notification.postId} in (select value from json_each(${ids}))`;

const unreadAboutPosts = prepared(() =>
	db
		.select({ id: notification.id })
		.from(notification)
		.where(and(eq(notification.memberId, sql.placeholder('memberId')), isNull(notification.readAt), aboutPosts(sql.placeholder('ids'))))
		.prepare()
);

const markSeen = prepared(() =>
	db
		.update(notification)
		.set({ readAt: param('now') })
		.where(and(eq(notification.memberId, sql.placeholder('memberId')), isNull(notification.readAt), aboutPosts(sql.placeholder('ids'))))
		.prepare()
);

/** Removes notifications that point at a post (it was deleted by its author). */
export function forgetPost(postId: number): void {
	db.delete(notification).where(and(eq(notification.postId, postId), inArray(notification.kind, ['mention', 'reply']))).run();
}
