/**
 * Where mail goes: an SMTP server (SMTP_URL) through a pooled nodemailer transport, or —
 * when SMTP_URL is unset — the local mailbox, a folder of .eml files under DATA_DIR that the
 * admin pages show. Only the worker calls `send`.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
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

/** How many SMTP connections one process keeps (and so messages in flight at once): MAIL_CONNECTIONS, 1–20, default 1. */
export function connections(): number {
	const n = Number(process.env.MAIL_CONNECTIONS);
	return Number.isInteger(n) && n >= 1 && n <= 20 ? n : 1;
}

/** The folder of the local mailbox (used when SMTP_URL is unset). */
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
			// Written under a temporary name and renamed, so a crash never leaves half a message.
			writeFileSync(join(dir, `.${name}.tmp`), info.message as Buffer);
			renameSync(join(dir, `.${name}.tmp`), join(dir, name));
			return { messageId: info.messageId, response: `stored in the local mailbox as ${name}` };
		},
		close() {}
	};
}

/**
 * A pooled SMTP transport. Timeouts are short so a hung server can't hold a lease for long
 * (`timeoutMs` shortens them further, for tests).
 */
export function smtpTransport(url: URL, opts: { timeoutMs?: number } = {}): MailTransport {
	const t = opts.timeoutMs;
	const transporter = nodemailer.createTransport({
		url: url.toString(),
		pool: true,
		maxConnections: connections(),
		maxMessages: 500,
		connectionTimeout: t ?? 15_000,
		greetingTimeout: t ?? 15_000,
		socketTimeout: t ? 2 * t : 30_000,
		tls: { rejectUnauthorized: process.env.SMTP_TLS_REJECT_UNAUTHORIZED !== '0' }
	});
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
