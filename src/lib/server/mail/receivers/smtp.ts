/**
 * The built-in SMTP receiver (issue 14): the server an MX record for the reply domain points
 * at, and the demo's. It does one thing: take a message for the reply domain, store it raw in
 * inbound_message (committed before it says "250"), and answer. Processing happens later, in
 * inbound/, from the scheduler. Knows no area.
 *
 * - Recipients outside REPLY_DOMAIN are refused at RCPT (550): it is not a relay.
 * - Messages larger than INBOUND_MAX_BYTES are refused: announced in EHLO (SIZE), refused at
 *   MAIL FROM when the client declares a larger SIZE (smtp-server does that), and at the end of
 *   DATA otherwise (552).
 * - A database that cannot take the message now gets a temporary failure (451): the sending
 *   server tries again later, as SMTP intends.
 * - STARTTLS is offered when a certificate and key are configured (INBOUND_TLS_CERT,
 *   INBOUND_TLS_KEY); without them the receiver speaks plain SMTP only and does not announce it.
 */
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { config } from '../../config';
import { log } from '../../log';
import * as inbound from '../inbound';

export type SmtpReceiver = { port: number; host: string; tls: boolean; close: () => Promise<void> };

export type SmtpReceiverOptions = {
	port?: number;
	host?: string;
	maxBytes?: number;
	domain?: string;
	/** PEM certificate (with its chain) and key for STARTTLS; default: the files INBOUND_TLS_CERT and INBOUND_TLS_KEY name, else none. */
	tls?: { cert: string | Buffer; key: string | Buffer } | null;
};

/** The configured certificate and key, read once at start; a file that cannot be read stops the receiver with a message. */
export function readTls(files: { certFile: string; keyFile: string } | null): { cert: Buffer; key: Buffer } | null {
	if (!files) return null;
	const read = (file: string, what: string) => {
		try {
			return readFileSync(file);
		} catch (err) {
			throw new Error(`The inbound SMTP receiver could not read its TLS ${what} (${file}): ${err instanceof Error ? err.message : String(err)}`);
		}
	};
	return { cert: read(files.certFile, 'certificate, INBOUND_TLS_CERT'), key: read(files.keyFile, 'key, INBOUND_TLS_KEY') };
}

const smtpError = (message: string, responseCode: number) => Object.assign(new Error(message), { responseCode });

/** Starts the receiver; resolves when it listens (port 0: any free port). */
export function startSmtpReceiver(opts: SmtpReceiverOptions = {}): Promise<SmtpReceiver> {
	const c = config().inbound;
	const maxBytes = opts.maxBytes ?? c.maxBytes;
	const domain = (opts.domain ?? c.domain).toLowerCase();
	let tls: { cert: string | Buffer; key: string | Buffer } | null;
	try {
		tls = opts.tls === undefined ? readTls(c.tls) : opts.tls;
	} catch (err) {
		return Promise.reject(err);
	}
	const options: SMTPServerOptions = {
		name: domain,
		banner: 'Lead Member Network mail in',
		authOptional: true,
		// STARTTLS only with a certificate; AUTH never (the receiver takes mail, it relays none).
		disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
		hideSTARTTLS: !tls,
		...(tls ? { key: tls.key, cert: tls.cert, minVersion: 'TLSv1.2' as const } : {}),
		size: maxBytes,
		maxClients: 50,
		socketTimeout: 60_000,
		closeTimeout: 5_000,
		logger: false,
		onRcptTo(address, session, callback) {
			const a = address.address.toLowerCase();
			if (!a.endsWith(`@${domain}`)) return callback(smtpError('550 5.1.1 This server only takes mail for the network’s reply addresses', 550));
			if (session.envelope.rcptTo.length >= 50) return callback(smtpError('452 4.5.3 Too many recipients', 452));
			callback();
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			let size = 0;
			stream.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size <= maxBytes) chunks.push(chunk);
			});
			stream.on('error', () => callback(smtpError('451 4.3.0 Could not read the message', 451)));
			stream.on('end', () => {
				if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded || size > maxBytes) {
					return callback(smtpError(`552 5.3.4 Message too big: at most ${maxBytes} bytes`, 552));
				}
				try {
					const from = session.envelope.mailFrom;
					const stored = inbound.store({
						raw: Buffer.concat(chunks),
						via: 'smtp',
						envelopeFrom: from && from.address ? from.address.toLowerCase() : '<>',
						recipients: session.envelope.rcptTo.map((r) => r.address.toLowerCase())
					});
					callback(null, `2.0.0 Stored as inbound message ${stored.id}${stored.duplicate ? ' (already received)' : ''}`);
				} catch (err) {
					log.error('inbound SMTP could not store a message', { error: err instanceof Error ? err.message : String(err) });
					callback(smtpError('451 4.3.0 Temporary problem storing the message; try again later', 451));
				}
			});
		}
	};
	const server = new SMTPServer(options);
	server.on('error', (err) => log.warn('inbound SMTP error', { error: err.message }));
	const host = opts.host ?? c.smtpHost;
	return new Promise((resolve, reject) => {
		const onError = (err: Error) => reject(err);
		server.server.once('error', onError);
		server.listen(opts.port ?? c.smtpPort ?? 0, host, () => {
			server.server.off('error', onError);
			const port = (server.server.address() as AddressInfo).port;
			// The receiver never keeps the process alive by itself: on SIGTERM the web server
			// closes and the process exits (stopReceivers closes it properly on shutdown too).
			server.server.unref();
			resolve({ port, host, tls: tls != null, close: () => new Promise<void>((done) => server.close(() => done())) });
		});
	});
}
