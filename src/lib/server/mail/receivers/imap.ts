/**
 * The IMAP poller (issue 14), for councils whose IT gives a mailbox with plus-addressing
 * (`lmn-replies+<key>@council.gov.uk`) but not an MX record. It watches one folder (IDLE where
 * the server supports it, else a poll every INBOUND_IMAP_POLL_MS), stores each message raw in
 * inbound_message, then moves it to INBOUND_IMAP_DONE_FOLDER — never deletes it.
 *
 * At most once, even across restarts: a message is stored before it is moved, and storing is
 * idempotent on its Message-ID (or, without one, a hash of the message). A crash between the two
 * leaves it in the folder; the next run stores nothing new and moves it.
 *
 * Knows no area. INBOUND_IMAP_URL is `imaps://user:password@host:993/INBOX` (`imap://` for a
 * plain connection, e.g. on localhost). For Microsoft 365, which no longer takes passwords over
 * IMAP, give the app registration instead (INBOUND_IMAP_OAUTH_TENANT, _CLIENT_ID, _CLIENT_SECRET)
 * and the user name in the URL without a password: a token is fetched before each connection.
 */
import { ImapFlow } from 'imapflow';
import { log } from '../../log';
import * as inbound from '../inbound';

export type ImapSettings = {
	host: string;
	port: number;
	secure: boolean;
	user: string;
	password: string;
	folder: string;
	rejectUnauthorized: boolean;
};

/** Reads INBOUND_IMAP_URL, failing with a message a person can act on. */
export function parseImapUrl(raw: string): ImapSettings {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new Error('INBOUND_IMAP_URL could not be read (it is not a URL). Use a URL like imaps://user%40council.gov.uk:password@imap.example.org:993/INBOX.');
	}
	if (url.protocol !== 'imap:' && url.protocol !== 'imaps:') throw new Error(`INBOUND_IMAP_URL must start with imaps:// or imap:// (it starts with ${url.protocol}//).`);
	if (!url.hostname) throw new Error('INBOUND_IMAP_URL has no host name.');
	const secure = url.protocol === 'imaps:';
	return {
		host: url.hostname,
		port: Number(url.port) || (secure ? 993 : 143),
		secure,
		user: decodeURIComponent(url.username),
		password: decodeURIComponent(url.password),
		folder: decodeURIComponent(url.pathname.replace(/^\/+/, '')) || 'INBOX',
		rejectUnauthorized: url.searchParams.get('tls') !== 'insecure'
	};
}

/** A Microsoft 365 access token for IMAP (OAuth 2.0 client credentials), or null when not configured. */
export async function microsoftToken(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
	const tenant = env.INBOUND_IMAP_OAUTH_TENANT;
	const clientId = env.INBOUND_IMAP_OAUTH_CLIENT_ID;
	const secret = env.INBOUND_IMAP_OAUTH_CLIENT_SECRET;
	if (!tenant || !clientId || !secret) return null;
	const endpoint = env.INBOUND_IMAP_OAUTH_TOKEN_URL || `https://login.microsoftonline.com/${encodeURIComponent(tenant)}/oauth2/v2.0/token`;
	const res = await fetch(endpoint, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ client_id: clientId, client_secret: secret, scope: 'https://outlook.office365.com/.default', grant_type: 'client_credentials' })
	});
	if (!res.ok) throw new Error(`Microsoft 365 refused the token request (${res.status}). Check INBOUND_IMAP_OAUTH_TENANT, _CLIENT_ID and _CLIENT_SECRET.`);
	const body = (await res.json()) as { access_token?: string };
	if (!body.access_token) throw new Error('Microsoft 365 answered the token request without a token.');
	return body.access_token;
}

export type ImapPollerOptions = {
	url: string;
	doneFolder: string;
	/** How often to look when IDLE tells us nothing (and the server may not support it). */
	pollMs?: number;
	/** Messages fetched per batch. */
	batch?: number;
};

export type ImapPoller = {
	/** Stores and moves every message in the folder now; returns how many were moved. */
	runOnce: () => Promise<number>;
	stop: () => Promise<void>;
};

/** The envelope recipients a mailbox server records in headers (a Bcc'd reply address shows only there). */
function deliveredTo(raw: Buffer): string[] {
	const out: string[] = [];
	for (const name of ['Delivered-To', 'X-Original-To', 'Envelope-To', 'X-Envelope-To']) {
		const v = inbound.rawHeader(raw, name);
		if (v) out.push(...v.split(',').map((a) => a.trim().replace(/^<|>$/g, '')).filter((a) => a.includes('@')));
	}
	return out;
}

/** Starts watching the mailbox; errors are logged and the connection is tried again with backoff. */
export function startImapPoller(opts: ImapPollerOptions): ImapPoller {
	const settings = parseImapUrl(opts.url);
	const pollMs = opts.pollMs ?? (Number(process.env.INBOUND_IMAP_POLL_MS) || 60_000);
	let client: ImapFlow | null = null;
	let stopped = false;
	let running: Promise<number> | null = null;
	let again = false;
	let timer: NodeJS.Timeout | null = null;
	let failures = 0;

	async function connect(): Promise<ImapFlow> {
		if (client?.usable) return client;
		const token = await microsoftToken();
		const c = new ImapFlow({
			host: settings.host,
			port: settings.port,
			secure: settings.secure,
			auth: token ? { user: settings.user, accessToken: token } : { user: settings.user, pass: settings.password },
			tls: { rejectUnauthorized: settings.rejectUnauthorized },
			logger: false,
			// IDLE restarts every few minutes, as servers drop idle connections.
			maxIdleTime: 4 * 60_000
		});
		c.on('error', (err: Error) => log.warn('inbound IMAP error', { error: err.message }));
		c.on('exists', () => schedule(0));
		c.on('close', () => {
			if (client === c) client = null;
			if (!stopped) schedule(backoff());
		});
		await c.connect();
		const list = await c.list();
		if (!list.some((m) => m.path === opts.doneFolder)) await c.mailboxCreate(opts.doneFolder).catch(() => undefined);
		client = c;
		return c;
	}

	const backoff = () => Math.min(5 * 60_000, 5_000 * 2 ** Math.min(failures, 6));

	async function sweep(): Promise<number> {
		const c = await connect();
		const lock = await c.getMailboxLock(settings.folder);
		let moved = 0;
		try {
			const uids = ((await c.search({ all: true }, { uid: true })) || []) as number[];
			for (let i = 0; i < uids.length; i += opts.batch ?? 25) {
				const slice = uids.slice(i, i + (opts.batch ?? 25));
				const messages = await c.fetchAll(slice.join(','), { uid: true, source: true }, { uid: true });
				const done: number[] = [];
				for (const m of messages) {
					if (!m.source) continue;
					inbound.store({ raw: m.source, via: 'imap', envelopeFrom: null, recipients: deliveredTo(m.source) });
					done.push(m.uid);
				}
				if (done.length) {
					await c.messageMove(done.join(','), opts.doneFolder, { uid: true });
					moved += done.length;
				}
			}
		} finally {
			lock.release();
		}
		// Wait in IDLE on the folder: a new message makes the server say EXISTS ('exists' above),
		// and the next command ends the IDLE. Servers without IDLE are polled every pollMs.
		if (c.capabilities.has('IDLE')) void c.idle().catch(() => undefined);
		return moved;
	}

	async function runOnce(): Promise<number> {
		if (running) {
			again = true;
			return running;
		}
		running = (async () => {
			let total = 0;
			try {
				do {
					again = false;
					total += await sweep();
				} while (again && !stopped);
				failures = 0;
				return total;
			} finally {
				running = null;
			}
		})();
		return running;
	}

	function schedule(ms: number) {
		if (stopped) return;
		if (timer) clearTimeout(timer);
		timer = setTimeout(async () => {
			timer = null;
			try {
				await runOnce();
				schedule(pollMs);
			} catch (err) {
				failures++;
				log.warn('inbound IMAP poll failed', { error: err instanceof Error ? err.message : String(err), retryInMs: backoff() });
				try {
					await client?.logout();
				} catch {
					client?.close();
				}
				client = null;
				schedule(backoff());
			}
		}, ms);
		timer.unref();
	}

	schedule(0);
	return {
		runOnce,
		async stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			await running?.catch(() => undefined);
			try {
				await client?.logout();
			} catch {
				client?.close();
			}
			client = null;
		}
	};
}
