/**
 * "Reply as this member" on the local mailbox page (issue 14, the demo): sends a reply to a
 * message in the local mailbox as its recipient would — from their address to the message's
 * Reply-To, quoting it below, as a mail program does — into the built-in SMTP receiver, so
 * `npm start` shows the whole loop. Only for admins, only with the local mailbox and the
 * receiver running. Knows no area.
 */
import nodemailer from 'nodemailer';
import { authorize, type Actor } from '../auth/policy';
import { config } from '../config';
import * as mailbox from './mailbox';
import { resolveAddress } from './reply-keys';

/** Whether the demo reply can be sent here: the local mailbox is the transport and the SMTP receiver is on. */
export function available(): boolean {
	return config().smtpUrl == null && config().inbound.smtpPort != null;
}

/** The reply address of a mailbox message, when it has one we made. */
export function replyTarget(message: { replyTo: string | null }): string | null {
	return message.replyTo && resolveAddress(message.replyTo) ? message.replyTo : null;
}

export type DemoReplyResult = { ok: true; response: string } | { ok: false; message: string };

/** Sends `text` as the recipient's reply to mailbox message `id`. */
export async function send(actor: Actor, id: string, text: string): Promise<DemoReplyResult> {
	authorize(actor, 'mailbox.read', {});
	if (!available()) return { ok: false, message: 'Replies can be sent from here only in the demo: with the local mailbox and the built-in SMTP receiver (INBOUND_SMTP_PORT).' };
	const m = await mailbox.read(id);
	if (!m) return { ok: false, message: 'That message is no longer in the mailbox.' };
	const to = replyTarget(m);
	if (!to) return { ok: false, message: 'This email cannot be answered by email: it has no reply address.' };
	const body = text.replace(/\r\n?/g, '\n').trim();
	if (!body) return { ok: false, message: 'Write your reply' };
	if (body.length > 20_000) return { ok: false, message: 'Shorten your reply to at most 20,000 characters' };
	const quoted = m.text
		.split('\n')
		.map((l) => `> ${l}`.trimEnd())
		.join('\n');
	const date = new Date(m.date).toUTCString().replace(' GMT', '');
	const c = config().inbound;
	const transport = nodemailer.createTransport({ host: c.smtpHost === '0.0.0.0' ? '127.0.0.1' : c.smtpHost, port: c.smtpPort!, secure: false, ignoreTLS: true, connectionTimeout: 10_000 });
	try {
		const info = await transport.sendMail({
			from: m.to,
			to,
			subject: /^re:/i.test(m.subject) ? m.subject : `Re: ${m.subject}`,
			text: `${body}\n\nOn ${date}, ${m.from} wrote:\n${quoted}\n`,
			inReplyTo: m.messageId ?? undefined,
			references: m.messageId ?? undefined
		});
		return { ok: true, response: String(info.response ?? '') };
	} catch (err) {
		return { ok: false, message: `The built-in SMTP receiver did not take the reply: ${(err as Error).message}` };
	} finally {
		transport.close();
	}
}
