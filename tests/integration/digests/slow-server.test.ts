/**
 * A slow mail server cannot multiply an email (issue 17 §5), against a real SMTP server
 * (smtp-server) that stores each message as soon as it has all of it and answers "250" late:
 *  - the worker waits for the answer to the end of the data (SMTP_DATA_TIMEOUT_MS, 10 minutes as
 *    RFC 5321 advises) rather than giving up after the connect/greeting timeouts and sending again;
 *  - a message whose answer never came is "uncertain": sent once more after an hour, and never
 *    a third time;
 *  - a message left in flight by a crashed worker is sent first once its lease ends, however
 *    long the backlog behind it.
 * Timeouts are shortened through the same configuration the server reads (readConfig).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '../../../src/lib/server/db/client';
import { outboxMessage } from '../../../src/lib/server/db/schema';
import { readConfig } from '../../../src/lib/server/config';
import * as outbox from '../../../src/lib/server/mail/outbox';
import { smtpTransport, type MailTransport } from '../../../src/lib/server/mail/transport';
import { claimNext, drain, leaseMs, sendDeadlineMs, UNCERTAIN_RETRY_MS } from '../../../src/lib/server/mail/worker';
import { startSmtpSink } from '../../support/smtp-sink';

const HOUR = 60 * 60_000;
let n = 0;
const open: { close(): unknown }[] = [];
const transports: MailTransport[] = [];
const leaseBefore = process.env.MAIL_LEASE_MS;

afterEach(async () => {
	for (const t of transports.splice(0)) t.close();
	for (const o of open.splice(0)) await o.close();
	db.delete(outboxMessage).run();
	if (leaseBefore === undefined) delete process.env.MAIL_LEASE_MS;
	else process.env.MAIL_LEASE_MS = leaseBefore;
});

function queue(to = `slow${++n}@example.org`, now = Date.now()) {
	return outbox.enqueue({ key: `slow-test:${n}:${to}`, kind: 'sign-in', to, subject: `Your sign-in link ${n}`, text: 'Sign in', html: '<p>Sign in</p>' }, now).id;
}

const row = (id: number) => db.select().from(outboxMessage).where(eq(outboxMessage.id, id)).get()!;

function transportTo(url: string, env: Record<string, string>): MailTransport {
	const t = smtpTransport(new URL(url), readConfig({ SMTP_CONNECTION_TIMEOUT_MS: '1000', SMTP_GREETING_TIMEOUT_MS: '1000', ...env }).smtpTimeouts);
	transports.push(t);
	return t;
}

async function sinkAnsweringAfter(answerAfterMs: number | ((mail: { to: string[] }) => number)) {
	const sink = await startSmtpSink({ answerAfterMs });
	open.push(sink);
	return sink;
}

describe('the timeouts', () => {
	it('wait 10 minutes for the answer to the end of the data, separately from connecting (15 s) and the greeting (30 s)', () => {
		expect(readConfig({}).smtpTimeouts).toEqual({ connectionMs: 15_000, greetingMs: 30_000, dataMs: 600_000 });
		const t = readConfig({}).smtpTimeouts;
		// A live worker's send ends (at its deadline at the latest) before its lease does, and the
		// deadline leaves room for connecting, the greeting and the full wait for the answer.
		expect(sendDeadlineMs()).toBeLessThan(leaseMs());
		expect(sendDeadlineMs()).toBeGreaterThan(t.connectionMs + t.greetingMs + t.dataMs);
	});
});

describe('a mail server that answers late', () => {
	it('gets the message once: the worker waits for the late "250" instead of sending again', async () => {
		// Connect and greeting timeouts of 1 s, an answer after 2.5 s: the old transport (socket
		// timeout twice the connect timeout) gave up and sent the message again, three times in all.
		const sink = await sinkAnsweringAfter(2500);
		const id = queue('late@example.org');
		const t = transportTo(sink.url, { SMTP_DATA_TIMEOUT_MS: '6000' });
		const r = await drain(t, { force: true });
		expect(r).toMatchObject({ sent: 1, retry: 0, uncertain: 0 });
		expect(row(id)).toMatchObject({ status: 'sent', attempts: 1, uncertainAt: null });
		expect(row(id).smtpResponse).toMatch(/^250/);
		// And later runs send nothing more.
		await drain(t, { force: true, clock: () => Date.now() + 2 * HOUR });
		expect(sink.to('late@example.org')).toHaveLength(1);
	}, 20_000);

	it('marks a message whose answer never came uncertain: sent once more after an hour, never a third time', async () => {
		const sink = await sinkAnsweringAfter(4000);
		const id = queue('never-answered@example.org');
		const other = queue('waiting@example.org');
		const t = transportTo(sink.url, { SMTP_DATA_TIMEOUT_MS: '700' });
		const t0 = Date.now();

		const first = await drain(t, { force: true, clock: () => t0 });
		expect(first).toMatchObject({ sent: 0, uncertain: 1 });
		expect(sink.to('never-answered@example.org')).toHaveLength(1); // the server has it
		expect(row(id)).toMatchObject({ status: 'queued', attempts: 1, uncertainAt: t0, nextAttemptAt: t0 + UNCERTAIN_RETRY_MS });
		expect(row(id).lastError).toMatch(/may have arrived/);
		// The run stopped: the next message was not offered to a server that does not answer.
		expect(row(other)).toMatchObject({ status: 'queued', attempts: 0 });
		// Shown to admins as such, not among ordinary retries.
		expect(outbox.uncertain().map((m) => m.id)).toEqual([id]);
		expect(outbox.retrying().map((m) => m.id)).not.toContain(id);
		expect(outbox.uncertainCount()).toBe(1);

		// Not again within the hour (the other message goes, and gets no answer either).
		await drain(t, { force: true, clock: () => t0 + 30 * 60_000 });
		expect(sink.to('never-answered@example.org')).toHaveLength(1);

		// Once after the hour; no answer again: given up, never sent a third time.
		const second = await drain(t, { force: true, clock: () => t0 + UNCERTAIN_RETRY_MS });
		expect(second).toMatchObject({ uncertain: 1 });
		expect(sink.to('never-answered@example.org')).toHaveLength(2);
		expect(row(id)).toMatchObject({ status: 'uncertain', attempts: 2 });
		expect(row(id).lastError).toMatch(/will not be sent again/);
		expect(outbox.counts().uncertain).toBeGreaterThanOrEqual(1);
		for (const later of [2 * HOUR, 24 * HOUR, 72 * HOUR]) await drain(t, { force: true, clock: () => t0 + later });
		expect(sink.to('never-answered@example.org')).toHaveLength(2);
		expect(row(id).status).toBe('uncertain');
	}, 30_000);

	it('records the one more try as sent when the server answers it in time', async () => {
		let calls = 0;
		const sink = await sinkAnsweringAfter(() => (++calls === 1 ? 3000 : 0));
		const id = queue('second-time@example.org');
		const t = transportTo(sink.url, { SMTP_DATA_TIMEOUT_MS: '700' });
		const t0 = Date.now();
		expect(await drain(t, { force: true, clock: () => t0 })).toMatchObject({ uncertain: 1 });
		expect(await drain(t, { force: true, clock: () => t0 + UNCERTAIN_RETRY_MS })).toMatchObject({ sent: 1 });
		expect(row(id)).toMatchObject({ status: 'sent', attempts: 2, uncertainAt: t0 });
		expect(sink.to('second-time@example.org')).toHaveLength(2);
		expect(outbox.uncertain()).toEqual([]);
	}, 20_000);

	it('gives up a send at its deadline, inside the lease, and records it as uncertain when the message had gone', async () => {
		process.env.MAIL_LEASE_MS = '1500';
		const sink = await sinkAnsweringAfter(5000);
		const id = queue('deadline@example.org');
		const t = transportTo(sink.url, { SMTP_DATA_TIMEOUT_MS: '600000' });
		const started = Date.now();
		expect(await drain(t, { force: true })).toMatchObject({ uncertain: 1 });
		const took = Date.now() - started;
		expect(took).toBeGreaterThanOrEqual(sendDeadlineMs() - 50);
		expect(took).toBeLessThan(leaseMs());
		expect(row(id)).toMatchObject({ status: 'queued', attempts: 1 });
		expect(row(id).uncertainAt).not.toBeNull();
		expect(sink.to('deadline@example.org')).toHaveLength(1);
	}, 20_000);
});

describe('a message left in flight by a crashed worker', () => {
	it('is sent before the backlog once its lease ends, within one message’s time', async () => {
		process.env.MAIL_LEASE_MS = '400';
		const sink = await sinkAnsweringAfter(5);
		const crashed = queue('crashed@example.org');
		const claimedAt = Date.now();
		// A worker claims it and dies: the row stays "sending" until its lease ends.
		expect(claimNext('worker-that-died', claimedAt)?.id).toBe(crashed);
		const leaseEnds = claimedAt + leaseMs();
		// A steady backlog, all due.
		const backlog = Array.from({ length: 250 }, () => queue());
		const t = transportTo(sink.url, { SMTP_DATA_TIMEOUT_MS: '5000' });
		const started = Date.now();
		const r = await drain(t, { force: true });
		const drained = Date.now();
		expect(r.sent).toBe(backlog.length + 1);
		const [copy] = sink.to('crashed@example.org');
		expect(sink.to('crashed@example.org')).toHaveLength(1);
		// The backlog took far longer than the bound, so the order is what the test measures.
		expect(drained - started).toBeGreaterThan(1500);
		const late = copy.receivedAt - leaseEnds;
		expect(late).toBeLessThan(300);
		expect(row(crashed)).toMatchObject({ status: 'sent' });
	}, 60_000);
});
