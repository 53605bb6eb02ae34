/**
 * The local SMTP server the digests go to: smtp-server accepting everything, counting messages,
 * bytes and copies per recipient — no parsing, so it costs as little as an SMTP server can.
 * It runs in the benchmark's own process, which is idle while the digest child works: the
 * sink is another process from the app's worker, as a mail server would be.
 */
import { SMTPServer } from 'smtp-server';
import { freePort } from './procs';

export type Sink = Awaited<ReturnType<typeof startSink>>;

export async function startSink() {
	const stats = { messages: 0, bytes: 0, perRecipient: new Map<string, number>() };
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, session, callback) {
			let bytes = 0;
			stream.on('data', (c: Buffer) => (bytes += c.length));
			stream.on('end', () => {
				stats.messages++;
				stats.bytes += bytes;
				for (const r of session.envelope.rcptTo) stats.perRecipient.set(r.address, (stats.perRecipient.get(r.address) ?? 0) + 1);
				callback();
			});
		}
	});
	server.on('error', (err) => console.error('SMTP sink error:', err.message));
	const port = await freePort();
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return {
		url: `smtp://127.0.0.1:${port}`,
		stats,
		/** Counts so far, and how many recipients got more than one copy. */
		snapshot() {
			let doubled = 0;
			for (const n of stats.perRecipient.values()) if (n > 1) doubled++;
			return { messages: stats.messages, bytes: stats.bytes, recipients: stats.perRecipient.size, doubled };
		},
		reset() {
			stats.messages = 0;
			stats.bytes = 0;
			stats.perRecipient.clear();
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
