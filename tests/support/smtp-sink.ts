/**
 * A real SMTP server for tests (smtp-server + mailparser). Used in-process by vitest
 * integration tests (`startSmtpSink()`), and as a separate process for Playwright
 * (`tsx tests/support/smtp-sink.ts`), where tests read what it received over HTTP:
 *   GET    /messages?to=address   → parsed messages, oldest first
 *   DELETE /messages              → forget everything
 */
import http from 'node:http';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { simpleParser } from 'mailparser';

export type ReceivedMail = {
	from: string;
	to: string[];
	subject: string;
	text: string;
	html: string;
	headers: Record<string, string>;
	messageId: string;
	attachments: { contentType: string; filename: string; content: string }[];
	raw: string;
	receivedAt: number;
};

export type SinkOptions = {
	port?: number;
	/** Decide the answer per message: undefined accepts; an Error with responseCode rejects. */
	onData?: (mail: { to: string[]; raw: string }) => Error | undefined;
	/** Store each message at once but answer "250" only this many ms later (a slow server). */
	answerAfterMs?: number | ((mail: { to: string[] }) => number);
};

/** Starts an SMTP server on localhost; resolves when it listens. */
export async function startSmtpSink(opts: SinkOptions = {}) {
	const messages: ReceivedMail[] = [];
	const options: SMTPServerOptions = {
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', async () => {
				const raw = Buffer.concat(chunks).toString('utf8');
				const to = session.envelope.rcptTo.map((r) => r.address);
				const rejection = opts.onData?.({ to, raw });
				if (rejection) return callback(rejection);
				const parsed = await simpleParser(raw);
				messages.push({
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to,
					subject: parsed.subject ?? '',
					text: parsed.text ?? '',
					html: typeof parsed.html === 'string' ? parsed.html : '',
					headers: Object.fromEntries([...parsed.headers.entries()].map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])),
					messageId: parsed.messageId ?? '',
					attachments: parsed.attachments.map((a) => ({ contentType: a.contentType, filename: a.filename ?? '', content: a.content.toString('utf8') })),
					raw,
					receivedAt: Date.now()
				});
				const delay = typeof opts.answerAfterMs === 'function' ? opts.answerAfterMs({ to }) : (opts.answerAfterMs ?? 0);
				if (delay > 0) setTimeout(() => callback(), delay);
				else callback();
			});
		}
	};
	const server = new SMTPServer(options);
	await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
	const port = (server.server.address() as { port: number }).port;
	return {
		port,
		url: `smtp://127.0.0.1:${port}`,
		messages,
		to: (address: string) => messages.filter((m) => m.to.some((t) => t.toLowerCase() === address.toLowerCase())),
		clear: () => void messages.splice(0),
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

// Run as a process for Playwright: SMTP on SMTP_SINK_PORT, HTTP API on SMTP_SINK_HTTP_PORT.
if (import.meta.url === `file://${process.argv[1]}`) {
	const sink = await startSmtpSink({ port: Number(process.env.SMTP_SINK_PORT ?? 2525) });
	const httpPort = Number(process.env.SMTP_SINK_HTTP_PORT ?? 2526);
	http
		.createServer((req, res) => {
			const url = new URL(req.url ?? '/', 'http://localhost');
			if (url.pathname === '/messages' && req.method === 'DELETE') {
				sink.clear();
				res.end('{}');
			} else if (url.pathname === '/messages') {
				const to = url.searchParams.get('to');
				res.setHeader('content-type', 'application/json');
				res.end(JSON.stringify(to ? sink.to(to) : sink.messages));
			} else {
				res.statusCode = url.pathname === '/' ? 200 : 404;
				res.end('smtp sink');
			}
		})
		.listen(httpPort, '127.0.0.1', () => console.log(`SMTP sink on ${sink.port}, HTTP on ${httpPort}`));
}
