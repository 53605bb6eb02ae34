/**
 * The emails mail in sends back (issue 14): a confirmation for what was posted, a clear refusal
 * when the area said no, a polite rejection when the address or sender did not check out, and
 * the request to confirm a post held by the child-safety check. All through the outbox, keyed
 * on the inbound message so a message processed twice answers once; all marked
 * `Auto-Submitted: auto-replied` (RFC 3834) so auto-responders do not answer them.
 */
import { enqueue } from '../mail/outbox';
import { renderEmail, type EmailBlock } from '../mail/layout';

export type Reply = {
	inboundId: number;
	/** What this answer is: 'confirm', 'refuse', 'reject', 'held'. */
	what: string;
	to: string;
	recipientId: number | null;
	subject: string;
	heading: string;
	blocks: EmailBlock[];
	/** The Message-ID of the message we answer, for threading. */
	inReplyTo: string | null;
	replyTo?: string;
};

/** Queues one answer to an inbound message (idempotent per message and kind of answer). */
export function send(r: Reply, now = Date.now()): { id: number; created: boolean } {
	const { html, text } = renderEmail({
		heading: r.heading,
		blocks: r.blocks,
		reason: 'You get this email because an email was sent to the Lead Member Network from your address.'
	});
	const headers: Record<string, string> = { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' };
	if (r.inReplyTo && /^<[^<>\s]{1,500}>$/.test(r.inReplyTo) && !r.inReplyTo.includes('@no-message-id>')) {
		headers['In-Reply-To'] = r.inReplyTo;
		headers['References'] = r.inReplyTo;
	}
	if (r.replyTo) headers['Reply-To'] = r.replyTo;
	return enqueue(
		{
			key: `inbound:${r.inboundId}:${r.what}`,
			kind: `inbound-${r.what}`,
			to: r.to,
			recipientId: r.recipientId,
			subject: r.subject.slice(0, 200),
			text,
			html,
			headers
		},
		now
	);
}

/** "Re: <subject>" without piling up Re:s. */
export function reSubject(subject: string, fallback: string): string {
	const s = subject.replace(/^\s*((re|fw|fwd|aw)\s*:\s*)+/i, '').trim() || fallback;
	return `Re: ${s}`;
}
