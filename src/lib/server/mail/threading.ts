/**
 * Threading headers (issue 14): every email about a thread carries a Message-ID of its own per
 * post (and recipient and kind, so each message's id is unique), and `In-Reply-To` and
 * `References` naming the thread's root id, so a mail client shows a thread's notifications
 * together. The root id is never sent as a message itself: it only ties them together, as
 * Discourse does. Replies go to the member's reply address for the thread (`Reply-To`).
 * Knows no area: a thread is an id.
 */
import { config } from '../config';

function host(): string {
	return new URL(config().origin).hostname;
}

/** The id every email about the thread refers to. */
export function threadRootId(threadId: number): string {
	return `<thread-${threadId}@${host()}>`;
}

/** The Message-ID of one email about a post (or the thread) to one member. */
export function postMessageId(threadId: number, postId: number | null | undefined, memberId: number, kind: string): string {
	const what = postId ? `post-${postId}` : 'thread';
	return `<thread-${threadId}.${what}.${kind.replace(/[^a-z0-9-]/gi, '')}.m${memberId}@${host()}>`;
}

/** Message-ID and headers for an email about a thread: In-Reply-To, References, and Reply-To when replies can be posted. */
export function threadMail(o: { threadId: number; postId?: number | null; memberId: number; kind: string; replyTo?: string }): { messageId: string; headers: Record<string, string> } {
	const root = threadRootId(o.threadId);
	return {
		messageId: postMessageId(o.threadId, o.postId, o.memberId, o.kind),
		headers: { 'In-Reply-To': root, References: root, ...(o.replyTo ? { 'Reply-To': o.replyTo } : {}) }
	};
}
