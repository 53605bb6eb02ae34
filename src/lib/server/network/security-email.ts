/**
 * Security notices: short emails telling a member that something changed on their account
 * (two-factor turned on or off, a recovery code used, wrong codes entered). They go whatever
 * the member's email choices, because they are about the safety of the account.
 */
import * as outbox from '../mail/outbox';
import { renderEmail } from '../mail/layout';
import * as members from './members';

export type SecurityNotice = {
	/** Unique per event, e.g. `two-factor-on:12:1763900000000`. */
	key: string;
	subject: string;
	heading: string;
	paragraphs: string[];
	/** An optional button, e.g. to the two-factor settings. */
	action?: { text: string; href: string };
};

/** Queues a security notice to a member (nothing when the member is unknown). */
export function sendSecurityNotice(memberId: number, n: SecurityNotice, now = Date.now()) {
	const m = members.byId(memberId);
	if (!m) return;
	const content = renderEmail({
		heading: n.heading,
		blocks: [
			{ kind: 'paragraph', text: `Hello ${m.name},` },
			...n.paragraphs.map((text) => ({ kind: 'paragraph' as const, text })),
			...(n.action ? [{ kind: 'button' as const, ...n.action }] : []),
			{ kind: 'paragraph', text: 'If this was not you, change your password straight away and tell your regional coordinator.' }
		],
		reason: 'You received this email because it is about the security of your Lead Member Network account. We always send these.'
	});
	outbox.enqueue({ key: `security:${n.key}`, kind: 'security', to: m.email, recipientId: m.id, subject: n.subject, ...content }, now);
}
