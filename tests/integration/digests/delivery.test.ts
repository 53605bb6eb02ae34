/**
 * Delivery against a real SMTP server (smtp-server): a server that is down then up, one that
 * answers 4xx then accepts, one that answers 5xx, and one that hangs while the app keeps serving.
 */
import { afterEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import http from 'node:http';
import { eq } from 'drizzle-orm';
import { db } from '../../../src/lib/server/db/client';
import { outboxMessage } from '../../../src/lib/server/db/schema';
import * as outbox from '../../../src/lib/server/mail/outbox';
import { smtpTransport, type MailTransport } from '../../../src/lib/server/mail/transport';
import { drain } from '../../../src/lib/server/mail/worker';
import { readConfig } from '../../../src/lib/server/config';
import { startSmtpSink } from '../../support/smtp-sink';

const MIN = 60_000;
let n = 0;
const open: { close(): unknown }[] = [];
const transports: MailTransport[] = [];

afterEach(async () => {
	// Transports first (they say goodbye to the server), then the servers.
	for (const t of transports.splice(0)) t.close();
	for (const o of open.splice(0)) await o.close();
	db.delete(outboxMessage).run();
});

function queue(to = `d${++n}@example.org`) {
	return outbox.enqueue({ key: `delivery-test:${n}:${to}`, kind: 'test', to, subject: `Delivery ${n}`, text: 'Plain words', html: '<p>HTML words</p>' }).id;
}

const row = (id: number) => db.select().from(outboxMessage).where(eq(outboxMessage.id, id)).get()!;

/** A transport with the configured timeouts (SMTP_*_TIMEOUT_MS), some set shorter for the test. */
function transportTo(url: string, env: Record<string, string> = {}): MailTransport {
	const t = smtpTransport(new URL(url), readConfig(env).smtpTimeouts);
	transports.push(t);
	return t;
}

/** A port nothing listens on (yet). */
async function freePort(): Promise<number> {
	const s = net.createServer();
	await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
	const port = (s.address() as net.AddressInfo).port;
	await new Promise((r) => s.close(r));
	return port;
}

function smtpError(code: number, text: string) {
	return Object.assign(new Error(text), { responseCode: code });
}

describe('delivery through a real SMTP server', () => {
	it('keeps mail while the server is down, and sends it once when it is back', async () => {
		const port = await freePort();
		const ids = [queue(), queue(), queue()];
		const t = transportTo(`smtp://127.0.0.1:${port}`);
		const t0 = Date.now();
		const down = await drain(t, { clock: () => t0 });
		expect(down).toMatchObject({ sent: 0, unreachable: true });
		expect(row(ids[0]).status).toBe('queued');
		expect(row(ids[0]).lastError).toMatch(/ECONNREFUSED/);
		expect(ids.map((id) => row(id).status)).toEqual(['queued', 'queued', 'queued']);

		const sink = await startSmtpSink({ port });
		open.push(sink);
		const up = await drain(t, { clock: () => t0 + 2 * MIN });
		expect(up).toMatchObject({ sent: 3, unreachable: false });
		for (const id of ids) {
			const m = row(id);
			expect(m.status).toBe('sent');
			expect(m.smtpResponse).toMatch(/^250/);
			expect(sink.to(m.toAddress)).toHaveLength(1);
			expect(sink.to(m.toAddress)[0].messageId).toBe(m.messageId);
			expect(sink.to(m.toAddress)[0].text.trim()).toBe('Plain words');
			expect(sink.to(m.toAddress)[0].html).toContain('HTML words');
		}
	});

	it('retries a 4xx answer with backoff and then delivers exactly one copy', async () => {
		let refusals = 2;
		const sink = await startSmtpSink({ onData: () => (refusals-- > 0 ? smtpError(451, 'Requested action aborted: local error, try later') : undefined) });
		open.push(sink);
		const id = queue('greylisted@example.org');
		const t = transportTo(sink.url);
		const t0 = Date.now();
		expect(await drain(t, { clock: () => t0 })).toMatchObject({ retry: 1, sent: 0 });
		expect(row(id)).toMatchObject({ status: 'queued', attempts: 1 });
		expect(row(id).lastError).toContain('451');
		expect(await drain(t, { clock: () => t0 + MIN })).toMatchObject({ retry: 1 });
		expect(row(id).nextAttemptAt).toBe(t0 + MIN + 2 * MIN);
		expect(await drain(t, { clock: () => t0 + 3 * MIN })).toMatchObject({ sent: 1 });
		expect(sink.to('greylisted@example.org')).toHaveLength(1);
		expect(row(id)).toMatchObject({ status: 'sent', attempts: 3 });
	});

	it('marks a 5xx answer failed at once with the reason, and an admin retry sends it', async () => {
		let reject = true;
		const sink = await startSmtpSink({ onData: ({ to }) => (reject && to.includes('gone@example.org') ? smtpError(550, 'Mailbox unavailable') : undefined) });
		open.push(sink);
		const gone = queue('gone@example.org');
		queue('fine@example.org');
		const t = transportTo(sink.url);
		expect(await drain(t)).toMatchObject({ sent: 1, failed: 1 });
		expect(row(gone)).toMatchObject({ status: 'failed', attempts: 1 });
		expect(row(gone).lastError).toContain('550 Mailbox unavailable');
		expect(outbox.counts()).toMatchObject({ sent: 1, failed: 1, queued: 0 });
		expect(outbox.recentFailures()[0]).toMatchObject({ id: gone, to: 'gone@example.org' });
		expect(sink.to('fine@example.org')).toHaveLength(1);

		reject = false;
		expect(outbox.retry(gone)).toBe(true);
		expect(await drain(t)).toMatchObject({ sent: 1 });
		expect(sink.to('gone@example.org')).toHaveLength(1);
		expect(outbox.counts()).toMatchObject({ sent: 2, failed: 0 });
	});

	it('keeps serving pages while the mail server hangs, and loses nothing', async () => {
		// A "server" that accepts connections and never says hello.
		const sockets: net.Socket[] = [];
		const hang = net.createServer((s) => void sockets.push(s));
		await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
		open.push({ close: () => (sockets.forEach((s) => s.destroy()), new Promise((r) => hang.close(r))) });
		const port = (hang.address() as net.AddressInfo).port;
		const id = queue();
		// A stand-in web page served by this same process.
		const web = http.createServer((_req, res) => res.end('<p>a page</p>'));
		await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
		open.push({ close: () => new Promise((r) => web.close(r)) });
		const webPort = (web.address() as net.AddressInfo).port;

		await (await fetch(`http://127.0.0.1:${webPort}/`)).text(); // warm up the client
		const sending = drain(transportTo(`smtp://127.0.0.1:${port}`, { SMTP_CONNECTION_TIMEOUT_MS: '1500', SMTP_GREETING_TIMEOUT_MS: '1500' }));
		const latencies: number[] = [];
		for (let i = 0; i < 10; i++) {
			const start = performance.now();
			const res = await fetch(`http://127.0.0.1:${webPort}/`);
			expect(await res.text()).toBe('<p>a page</p>');
			latencies.push(performance.now() - start);
			await new Promise((r) => setTimeout(r, 50));
		}
		expect(Math.max(...latencies)).toBeLessThan(200);
		const r = await sending;
		expect(r.unreachable).toBe(true);
		expect(row(id).status).toBe('queued');
		expect(row(id).lastError).toMatch(/Greeting never received|timeout/i);
	});
});
