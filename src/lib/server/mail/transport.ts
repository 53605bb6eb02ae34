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
	/** Sends one message; `signal` gives up on it (the worker's deadline, well inside its lease). */
	send(message: Mail.Options, opts?: { signal?: AbortSignal }): Promise<SendResult>;
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

/** How long to wait for the server, per phase (config().smtpTimeouts). */
export type SmtpTimeouts = {
	/** To open the connection (TCP and TLS). */
	connectionMs: number;
	/** For the server's greeting once connected. */
	greetingMs: number;
	/**
	 * For any answer once the session is under way, and above all for the answer to the end of
	 * the message data: RFC 5321 §4.5.3.2.6 asks a client to wait 10 minutes for it, because the
	 * server may be storing or scanning the message and has perhaps already taken it. It is
	 * nodemailer's socket (inactivity) timeout: nodemailer has no separate timer for that answer.
	 */
	dataMs: number;
};

/** A send error the worker must not treat as "not delivered": the message was sent in full and no answer came. */
export type UncertainError = Error & { uncertain: true };

export function isUncertain(err: unknown): err is UncertainError {
	return typeof err === 'object' && err !== null && (err as { uncertain?: unknown }).uncertain === true;
}

/**
 * Per message: whether nodemailer has read the whole message (so the end of data went or was
 * about to go). An object, because nodemailer copies the options' own keys before the plugins run.
 */
type Tracked = { lmnProgress?: { bodySent: boolean } };

/**
 * A pooled SMTP transport. Connecting and the greeting have short timeouts, so an unreachable
 * or hung server is noticed quickly; answers during the session, and the answer to the end of
 * the message above all, are waited for as long as RFC 5321 advises (`dataMs`, 10 minutes).
 *
 * A failure with no answer after the whole message was handed to the server (a timeout, the
 * connection closed) is thrown with `uncertain: true`: the server may have taken it.
 */
export function smtpTransport(url: URL, timeouts: SmtpTimeouts = config().smtpTimeouts): MailTransport {
	const transporter = nodemailer.createTransport({
		url: url.toString(),
		pool: true,
		maxConnections: connections(),
		maxMessages: 500,
		connectionTimeout: timeouts.connectionMs,
		greetingTimeout: timeouts.greetingMs,
		socketTimeout: timeouts.dataMs,
		tls: { rejectUnauthorized: process.env.SMTP_TLS_REJECT_UNAUTHORIZED !== '0' }
	});
	// Notes when the message stream has been read to its end: from then on the terminating "."
	// is on its way and the server may accept the message whatever happens to the connection.
	transporter.use('stream', (mail, done) => {
		const progress = (mail.data as Tracked).lmnProgress;
		mail.message.processFunc((input) => {
			if (progress) input.once('end', () => (progress.bodySent = true));
			return input;
		});
		done();
	});
	return {
		kind: 'smtp',
		async send(message, opts = {}) {
			const progress = { bodySent: false };
			const tracked: Mail.Options & Tracked & { signal?: AbortSignal } = { ...message, lmnProgress: progress, signal: opts.signal };
			try {
				const info = await transporter.sendMail(tracked);
				return { messageId: info.messageId, response: String(info.response ?? '') };
			} catch (err) {
				const e = err as { responseCode?: number };
				// An answer (a number) means the server decided; no answer after the whole message is the doubt.
				if (progress.bodySent && typeof e.responseCode !== 'number' && err instanceof Error) Object.assign(err, { uncertain: true });
				throw err;
			}
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
