/**
 * Where mail goes: an SMTP server (SMTP_URL) through a pooled nodemailer transport, or —
 * when SMTP_URL is unset — the local mailbox, a folder of .eml files under DATA_DIR that the
 * admin pages show. Only the worker calls `send`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { config } from '../config';

export type SendResult = { messageId: string; response: string };

export interface MailTransport {
	send(message: Mail.Options): Promise<SendResult>;
	close(): void;
	readonly kind: 'smtp' | 'mailbox';
}

export function mailboxDir(): string {
	return join(config().dataDir, 'mailbox');
}

/** A transport that writes each message as an .eml file. */
export function mailboxTransport(dir = mailboxDir()): MailTransport {
	const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
	return {
		kind: 'mailbox',
		async send(message) {
			const info = await builder.sendMail(message);
			mkdirSync(dir, { recursive: true });
			const name = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}.eml`;
			writeFileSync(join(dir, name), info.message as Buffer);
			return { messageId: info.messageId, response: `stored in the local mailbox as ${name}` };
		},
		close() {}
	};
}

/** A pooled SMTP transport. Timeouts are short so a hung server can't hold a lease for long. */
export function smtpTransport(url: URL): MailTransport {
	const transporter = nodemailer.createTransport({
		url: url.toString(),
		pool: true,
		maxConnections: 4,
		maxMessages: 500,
		connectionTimeout: 15_000,
		greetingTimeout: 15_000,
		socketTimeout: 30_000,
		tls: { rejectUnauthorized: process.env.SMTP_TLS_REJECT_UNAUTHORIZED !== '0' }
	} as nodemailer.TransportOptions);
	return {
		kind: 'smtp',
		async send(message) {
			const info = await transporter.sendMail(message);
			return { messageId: info.messageId, response: String(info.response ?? '') };
		},
		close() {
			transporter.close();
		}
	};
}

/** The transport the configuration asks for. */
export function configuredTransport(): MailTransport {
	const url = config().smtpUrl;
	return url ? smtpTransport(url) : mailboxTransport();
}
