import { resolve } from 'node:path';

/** Parses SMTP_URL, failing with a message a person can act on. */
export function parseSmtpUrl(raw: string | undefined): URL | null {
	if (!raw || raw.trim() === '') return null;
	let url: URL;
	try {
		url = new URL(raw.trim());
	} catch {
		throw new Error(
			`SMTP_URL could not be read (it is not a URL). Use a URL like smtp://user:password@mail.example.org:587 or smtps://mail.example.org:465, or leave it unset to use the local mailbox.`
		);
	}
	if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
		throw new Error(`SMTP_URL must start with smtp:// or smtps:// (it starts with ${url.protocol}//).`);
	}
	if (!url.hostname) throw new Error('SMTP_URL has no host name.');
	return url;
}

function bool(v: string | undefined, fallback: boolean): boolean {
	if (v == null || v === '') return fallback;
	return !['0', 'false', 'no', 'off'].includes(v.toLowerCase());
}

function int(v: string | undefined, fallback: number): number {
	const n = Number(v);
	return v != null && v !== '' && Number.isFinite(n) ? n : fallback;
}

/** Configuration from the environment, read once. Every setting is optional. */
export function readConfig(env: NodeJS.ProcessEnv = process.env) {
	const dataDir = resolve(env.DATA_DIR || './data');
	const origin = (env.ORIGIN || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, '');
	return {
		port: int(env.PORT, 3000),
		origin,
		secureCookies: origin.startsWith('https://'),
		dataDir,
		databasePath: env.DATABASE_PATH || resolve(dataDir, 'app.db'),
		migrationsDir: resolve(env.MIGRATIONS_DIR || './drizzle'),
		smtpUrl: parseSmtpUrl(env.SMTP_URL),
		mailFrom: env.MAIL_FROM || 'Lead Member Network <network@example.org>',
		/** How long to wait for the mail server: to connect, for its greeting, and for each answer (the end of a message's data above all: 10 minutes, as RFC 5321 advises). */
		smtpTimeouts: {
			connectionMs: int(env.SMTP_CONNECTION_TIMEOUT_MS, 15_000),
			greetingMs: int(env.SMTP_GREETING_TIMEOUT_MS, 30_000),
			dataMs: int(env.SMTP_DATA_TIMEOUT_MS, 10 * 60_000)
		},
		demo: bool(env.DEMO, false),
		/** How often the in-process scheduler looks for due work. */
		jobIntervalMs: int(env.JOB_INTERVAL_MS, 15_000),
		/** Turn the in-process scheduler off (e.g. when a separate process runs `npm run mail:send-due`). */
		jobs: bool(env.JOBS, true),
		/** Secret for signed links (unsubscribe). Generated and kept under DATA_DIR when unset. */
		secret: env.APP_SECRET || null,
		signInFailuresPerAddress: int(env.SIGNIN_FAILURES_PER_ADDRESS, 50),
		/** Lets a monitor read the counts on /healthz (`Authorization: Bearer …`); unset = admins only. */
		healthToken: env.HEALTH_TOKEN || null,
		/** Requests to join from one network address per hour. */
		joinRequestsPerAddress: int(env.JOIN_REQUESTS_PER_ADDRESS, 5),
		/** Mail in (issue 14): see README "Email in". */
		inbound: readInbound(env),
		/** Largest file a member may upload (bytes). */
		uploadMaxBytes: int(env.UPLOAD_MAX_BYTES, 20 * 1024 * 1024),
		/** How much each member may store in the library (bytes, counting each file they uploaded once). */
		memberQuotaBytes: int(env.MEMBER_QUOTA_BYTES, 250 * 1024 * 1024),
		/** Members not seen (on the site or by email) for this many months get no digests or notifications; 0 = never pause. */
		inactiveMonths: Math.max(0, int(env.INACTIVE_MONTHS, 12))
	};
}

/**
 * Mail in: the reply addresses (REPLY_DOMAIN, and REPLY_MAILBOX when one IMAP mailbox with
 * plus-addressing receives everything), the built-in SMTP receiver, the IMAP poller and the webhook.
 */
function readInbound(env: NodeJS.ProcessEnv) {
	const domain = (env.REPLY_DOMAIN || 'reply.localhost').trim().toLowerCase().replace(/^@/, '');
	if (!/^[a-z0-9.-]+$/.test(domain)) throw new Error('REPLY_DOMAIN must be a domain name such as reply.network.example.org.');
	const mailbox = (env.REPLY_MAILBOX || '').trim().toLowerCase();
	if (mailbox && !/^[a-z0-9._-]{1,40}$/.test(mailbox)) throw new Error('REPLY_MAILBOX must be the part before the @ of the mailbox, such as lmn-replies.');
	const smtpPort = env.INBOUND_SMTP_PORT == null || env.INBOUND_SMTP_PORT === '' ? null : int(env.INBOUND_SMTP_PORT, -1);
	if (smtpPort != null && !(Number.isInteger(smtpPort) && smtpPort >= 0 && smtpPort < 65536)) throw new Error('INBOUND_SMTP_PORT must be a port number (such as 2525), or unset.');
	const tlsCert = env.INBOUND_TLS_CERT?.trim() || null;
	const tlsKey = env.INBOUND_TLS_KEY?.trim() || null;
	if ((tlsCert == null) !== (tlsKey == null)) throw new Error('Set both INBOUND_TLS_CERT and INBOUND_TLS_KEY (the certificate and its private key, PEM files) to offer STARTTLS, or neither.');
	return {
		domain,
		/** Every address is `<mailbox>+<key>@domain` when set; else reply+, ask+ and bounces+. */
		mailbox: mailbox || null,
		/** The built-in SMTP receiver's port (null: not started), and the address it listens on. */
		smtpPort,
		smtpHost: env.INBOUND_SMTP_HOST || '0.0.0.0',
		/** PEM files of the receiver's certificate (with its chain) and key: STARTTLS is offered when both are set. */
		tls: tlsCert && tlsKey ? { certFile: tlsCert, keyFile: tlsKey } : null,
		/** Larger messages are refused at the SMTP level (and by the webhook). */
		maxBytes: int(env.INBOUND_MAX_BYTES, 10 * 1024 * 1024),
		/** imaps://user:password@host/INBOX (null: no polling). */
		imapUrl: env.INBOUND_IMAP_URL ? env.INBOUND_IMAP_URL.trim() : null,
		/** Where processed messages are moved (never deleted). */
		imapDoneFolder: env.INBOUND_IMAP_DONE_FOLDER || 'Processed',
		/** The webhook's shared secret (null: the webhook is off). */
		secret: env.INBOUND_SECRET || null,
		/** Days a raw message is kept for debugging before housekeeping removes it. */
		rawDays: int(env.INBOUND_RAW_DAYS, 30)
	};
}

export type Config = ReturnType<typeof readConfig>;

let cached: Config | null = null;
export function config(): Config {
	cached ??= readConfig();
	return cached;
}
