/** Helpers for the discussions tests: a clock that moves on (so rate limits don't bite) and quick threads. */
import type { Actor } from '../../src/lib/server/auth/policy';
import * as categories from '../../src/lib/server/discussions/categories';
import * as threads from '../../src/lib/server/discussions/threads';
import * as posts from '../../src/lib/server/discussions/posts';

let clock = Date.UTC(2026, 10, 23, 9, 0, 0);

/** A time a little after the last one (61 seconds, so the posting rate limit never applies). */
export function tick(ms = 61_000): number {
	clock += ms;
	return clock;
}

/** The category id for a slug. */
export function categoryId(slug = 'inspection'): number {
	const c = categories.bySlug(slug);
	if (!c) throw new Error(`No category ${slug}`);
	return c.id;
}

/** Starts a thread and returns its id (throws on refusal). */
export function startThread(actor: Actor, over: Partial<threads.NewThread> & { category?: string } = {}, now = tick()): number {
	const r = threads.create(
		actor,
		{
			title: over.title ?? 'How do you prepare for an inspection?',
			body: over.body ?? 'I would like to hear how colleagues get ready.',
			categoryId: over.categoryId ?? categoryId(over.category ?? 'inspection'),
			regionId: over.regionId ?? null,
			isQuestion: over.isQuestion ?? false
		},
		now
	);
	if (!r.ok) throw new Error(`Thread refused: ${JSON.stringify(r.errors)}`);
	return r.value.id;
}

/** Replies and returns the new post's id and number (throws on refusal). */
export function replyTo(actor: Actor, threadId: number, body = 'Here is what worked for us.', now = tick(), replyToPostId: number | null = null) {
	const r = posts.reply(actor, threadId, { body, replyToPostId }, now);
	if (!r.ok) throw new Error(`Reply refused: ${JSON.stringify(r.errors)}`);
	return r.value;
}

/** The HTTP status a call throws (200 when it returns; 500 for an error without one). */
export function statusOf(fn: () => unknown): number {
	try {
		fn();
	} catch (e) {
		return (e as { status?: number }).status ?? 500;
	}
	return 200;
}
