/**
 * Reply by email from a digest (issue 14): one email has one Reply-To, but a digest lists many
 * threads, so each thread in it gets its own "Reply by email" link (mailto: the member's reply
 * address for that thread) saying who will see the reply.
 */
import type { ItemReply } from '../mail/layout';
import { replyAddress } from '../mail/reply-keys';
import { audienceOf } from '../discussions/notifications';
import { threadRegions } from '../discussions/digest';

/** A thread's id from a digest link (`/threads/12`, `/threads/12?post=3#post-3`); null for anything else. */
export function threadIdOf(href: string): number | null {
	const m = /^\/threads\/(\d{1,12})(?:[?#]|$)/.exec(href);
	return m ? Number(m[1]) : null;
}

export type Replies = (item: { text: string; href?: string }) => ItemReply | undefined;

/**
 * The reply links for one member's digest over these links: threads only (others get none).
 * `regions` gives each thread's region (null: national); looked up once for the hrefs when not given.
 */
export function repliesFor(memberId: number, hrefs: string[], regions?: Map<number, string | null>): Replies {
	const ids = [...new Set(hrefs.map(threadIdOf).filter((id): id is number => id != null))];
	const scope = regions ?? threadRegions(ids);
	return (item) => {
		const id = item.href ? threadIdOf(item.href) : null;
		if (id == null || !scope.has(id)) return undefined;
		return { address: replyAddress(memberId, { kind: 'thread', id }), subject: `Re: ${item.text}`.slice(0, 200), visibleTo: audienceOf(scope.get(id) ?? null) };
	};
}

/** The line in a digest saying how replying works. */
export const DIGEST_REPLY_LINE = 'To answer a thread by email, use “Reply by email” beside it: your reply is posted in that thread, visible to the members shown. Replying to this email itself posts nothing.';
