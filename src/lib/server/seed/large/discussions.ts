/**
 * Threads and posts for the large network: national and regional threads across the
 * categories, replies over days or months, a few long threads of 500+ posts, quote-replies,
 * mentions, accepted answers; followers, read markers and in-app notifications as the app
 * would have made them. Posts are rendered with the app's own Markdown pipeline.
 */
import { TOPICS, type Topic } from '../../../vocab';
import { renderMarkdown } from '../../markdown';
import { memberPath, plainText } from '../../discussions/render';
import { DAY, HOUR, timeAgo, type LargeContext, type Person } from './context';
import { between, pick, postBody, RARE_WORD, threadTitle } from './text';

export type DiscussionTargets = { threads: number; posts: number; longThreads: number; longMin: number };
export type DiscussionResult = { twentyPost: number; long: number; longPosts: number; threads: number; posts: number; follows: number; notifications: number };

type Spec = { start: number; end: number; regionId: string | null; categoryId: number; topic: Topic; author: Person; posts: number; long?: boolean; twenty?: boolean };

const TOPIC_VALUES = TOPICS.map(([v]) => v) as Topic[];

export function seedLargeDiscussions(ctx: LargeContext, targets: DiscussionTargets): DiscussionResult {
	const { sqlite, random, now } = ctx;
	const categories = (sqlite.prepare('SELECT id, topics FROM category WHERE archived_at IS NULL ORDER BY sort_order').all() as { id: number; topics: string }[]).map((c) => ({
		id: c.id,
		topics: (JSON.parse(c.topics) as Topic[]).length ? (JSON.parse(c.topics) as Topic[]) : TOPIC_VALUES
	}));
	const have = sqlite.prepare('SELECT (SELECT count(*) FROM thread) AS threads, (SELECT count(*) FROM post) AS posts').get() as { threads: number; posts: number };
	const authorityName = new Map(ctx.authorities.map((a) => [a.id, a.name]));
	const national = ctx.people;

	// --- Shapes: long threads, one thread of exactly 20 posts, the rest skewed (most short) ----
	const specs: Spec[] = [];
	const newSpec = (extra: Partial<Spec>, posts: number): Spec => {
		const c = pick(random, categories);
		const regional = !extra.long && !extra.twenty && random() < 0.3;
		const author = pick(random, national);
		const start = extra.start ?? timeAgo(ctx, 540, 0.05, 0.8);
		return { start, end: now, regionId: regional ? author.regionId : null, categoryId: c.id, topic: pick(random, c.topics), author, posts, ...extra };
	};
	let budget = targets.posts - have.posts;
	for (let i = 0; i < targets.longThreads; i++) {
		const n = targets.longMin + between(random, 0, 120);
		specs.push(newSpec({ long: true, start: timeAgo(ctx, 400, 200) }, n));
		budget -= n;
	}
	specs.push(newSpec({ twenty: true, start: now - 20 * DAY }, 20));
	budget -= 20;
	const rest = targets.threads - have.threads - specs.length;
	const weights = Array.from({ length: rest }, () => Math.pow(random(), 3));
	const sum = weights.reduce((a, b) => a + b, 0);
	const replies = budget - rest;
	const counts = weights.map((w) => 1 + Math.floor((w / sum) * replies));
	for (let left = budget - counts.reduce((a, b) => a + b, 0); left > 0; left--) counts[Math.floor(random() * rest)]++;
	for (const n of counts) specs.push(newSpec({}, n));
	specs.sort((a, b) => a.start - b.start);

	// --- Statements -----------------------------------------------------------------------------
	const insertThread = sqlite.prepare(
		`INSERT INTO thread (title, category_id, region_id, author_id, is_question, pinned_at, post_count, last_post_at, last_poster_id, created_at, updated_at)
		 VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`
	);
	const insertPost = sqlite.prepare(
		`INSERT INTO post (thread_id, number, author_id, title, body, html, plain, reply_to_post_id, created_at, edited_at, edit_count)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const finishThread = sqlite.prepare('UPDATE thread SET post_count = ?, last_post_at = ?, last_poster_id = ?, updated_at = ?, accepted_post_id = ?, accepted_by_id = ?, accepted_at = ? WHERE id = ?');
	const insertFollow = sqlite.prepare('INSERT OR IGNORE INTO thread_follow (member_id, thread_id, following, created_at) VALUES (?, ?, 1, ?)');
	const insertRead = sqlite.prepare('INSERT OR REPLACE INTO thread_read (member_id, thread_id, last_read_number, updated_at) VALUES (?, ?, ?, ?)');
	const insertNotification = sqlite.prepare('INSERT OR IGNORE INTO notification (member_id, kind, thread_id, post_id, actor_id, created_at, read_at) VALUES (?, ?, ?, ?, ?, ?, ?)');

	const handles = new Map(ctx.people.map((p) => [p.handle, p]));
	const mentionHref = (h: string) => (handles.has(h) ? memberPath(handles.get(h)!.handle) : null);
	const rareAt = new Set<number>();
	while (rareAt.size < 12) rareAt.add(Math.floor(random() * (targets.posts - have.posts)));

	let postSeq = 0;
	let follows = 0;
	let notifications = 0;
	let twentyPost = 0;
	let long = 0;
	let longPosts = 0;
	for (const s of specs) {
		const pool = s.regionId ? (ctx.byRegion.get(s.regionId) ?? national) : national;
		// A thread's conversation is among a circle of people: a few for short threads, hundreds for long ones.
		const circleSize = s.long ? 180 : Math.min(2 + Math.ceil(s.posts * 0.7), 40);
		const circle = [s.author, ...Array.from({ length: circleSize }, () => pick(random, pool))];
		const title = threadTitle(random, s.topic, authorityName.get(s.author.authorityId) ?? '');
		const isQuestion = title.endsWith('?') || random() < 0.3;
		const span = s.long ? now - 30 * 60_000 - s.start : Math.min(now - 30 * 60_000 - s.start, (s.twenty ? 19 : between(random, 1, 30)) * DAY);
		const times = Array.from({ length: s.posts }, (_, i) => (i === 0 ? s.start : s.start + Math.floor(random() * span))).sort((a, b) => a - b);
		const pinned = !s.regionId && random() < 0.002 ? s.start : null;
		const threadId = Number(insertThread.run(title, s.categoryId, s.regionId, s.author.id, isQuestion ? 1 : 0, pinned, s.start, s.author.id, s.start, s.start).lastInsertRowid);

		const postIds: number[] = [];
		const bodies: string[] = [];
		const authors: Person[] = [];
		const lastRead = new Map<number, number>();
		for (let n = 1; n <= s.posts; n++) {
			const author = n === 1 ? s.author : pick(random, circle);
			const at = times[n - 1];
			const quoteOf = n > 2 && random() < 0.1 ? between(random, 1, n - 1) : 0;
			const mention = n > 1 && random() < 0.04 ? pick(random, authors) : null;
			const body = postBody(random, s.topic, { opening: n === 1, quote: quoteOf ? bodies[quoteOf - 1] : undefined, mention: mention && mention.id !== author.id ? mention.handle : undefined, rare: rareAt.has(postSeq++) });
			const html = renderMarkdown(body, { mentionHref });
			const edited = random() < 0.02 ? at + between(random, 5, 120) * 60_000 : null;
			const id = Number(insertPost.run(threadId, n, author.id, n === 1 ? title : '', body, html, plainText(body), quoteOf ? postIds[quoteOf - 1] : null, at, edited, edited ? 1 : 0).lastInsertRowid);
			postIds.push(id);
			bodies.push(body);
			authors.push(author);
			if (insertFollow.run(author.id, threadId, at).changes) follows++;
			lastRead.set(author.id, n);
			// Notifications as the app makes them: a reply tells the thread's author; a mention tells the one mentioned.
			const readAt = at < now - 14 * DAY || random() < 0.5 ? at + between(random, 1, 72) * HOUR : null;
			if (n > 1 && author.id !== s.author.id) notifications += insertNotification.run(s.author.id, 'reply', threadId, id, author.id, at, readAt).changes;
			if (mention && mention.id !== author.id) notifications += insertNotification.run(mention.id, 'mention', threadId, id, author.id, at, readAt).changes;
		}
		for (const [memberId, number] of lastRead) insertRead.run(memberId, threadId, random() < 0.7 ? s.posts : number, times[s.posts - 1]);
		const last = s.posts - 1;
		let accepted: number | null = null;
		if (isQuestion && s.posts > 2 && random() < 0.4) {
			accepted = postIds[between(random, 1, last)];
			notifications += insertNotification.run(authors[postIds.indexOf(accepted)].id, 'answer', threadId, accepted, s.author.id, times[last], null).changes;
		}
		finishThread.run(s.posts, times[last], authors[last].id, times[last], accepted, accepted ? s.author.id : null, accepted ? times[last] : null, threadId);
		if (s.twenty) twentyPost = threadId;
		if (s.long && !long) {
			long = threadId;
			longPosts = s.posts;
		}
	}
	const totals = sqlite.prepare('SELECT (SELECT count(*) FROM thread) AS threads, (SELECT count(*) FROM post) AS posts').get() as { threads: number; posts: number };
	ctx.log(`discussions: ${totals.threads} threads, ${totals.posts} posts ("${RARE_WORD}" in ${rareAt.size}), ${follows} follows, ${notifications} notifications`);
	return { twentyPost, long, longPosts, threads: totals.threads, posts: totals.posts, follows, notifications };
}
