/**
 * Mail in under load (issue 14), on a copy of the large network, through the production build
 * with its scheduler on (JOBS=1), its built-in SMTP receiver on a free port and its outbox
 * delivering to a local SMTP sink — the whole path a member's emailed reply takes:
 *
 * 1. Throughput: `messages` replies, each from a member's own address to a reply address the
 *    app made for them (a national thread), composed and sent by nodemailer over several SMTP
 *    connections into the receiver as fast as it takes them. The figure is messages processed
 *    per second, from the first SMTP connection to the last message recorded — each one a real
 *    post in its thread, with its followers' notifications and the sender's confirmation queued.
 * 2. The thread page while mail comes in: autocannon loads the 20-post thread page (as in the
 *    page run) for `durationS` alone, then again while replies arrive at `ratePerS`; p99 of both,
 *    and how long each email waited from being received to being posted.
 *
 * Every message must be posted: anything else is a broken run, not a slow one.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { copyDatabase } from './prepare';
import { ask, freePort, start, stop, tsx } from './procs';
import { startApp } from './server';
import { startSink } from './sink';
import { background, measure, type LoadResult } from './load';
import { percentile } from './stats';
import type { InboundFacts, Sender } from './inbound-child';

export type InboundRun = {
	messages: number;
	senders: number;
	smtpConnections: number;
	/** Throughput: all `messages` from the first connection until the last was recorded. */
	throughput: {
		totalMs: number;
		perS: number;
		smtpAcceptedMs: number;
		outcomes: Record<string, number>;
		/** Followers' and mentioned members' notifications made (for the site and their digests), and those queued as emails at once. */
		notifications: number;
		notificationEmailsQueued: number;
		confirmationsQueued: number;
		delivered: number;
	};
	/** The thread page alone, then while mail comes in at `ratePerS`. */
	page: { path: string; alone: LoadResult; duringMail: LoadResult };
	duringMail: { ratePerS: number; sent: number; posted: number; waitMs: { p50: number; p99: number; max: number } };
	problems: string[];
};

const PARAGRAPHS = [
	'Thank you, this is really useful. We are taking the same question to our corporate parenting panel next month and I will share what we learn.',
	'We tried this last year. What helped most was asking the virtual school head to bring two case studies rather than the dashboard.',
	'Our scrutiny chair now asks for one page before each meeting: what changed since last time, what the children told us, and what we are worried about.',
	'Agreed. In our authority the turning point was agreeing with the DCS which three measures the Lead Member sees every month, no matter what.'
];

/** A reply as a phone or Outlook sends it: the member's words above the quoted notification. */
function reply(s: Sender, n: number) {
	return {
		from: `${s.name} <${s.email}>`,
		to: s.address,
		subject: `Re: ${s.threadTitle}`,
		text: `${PARAGRAPHS[n % PARAGRAPHS.length]}\n\nSent from my iPhone\n\n> On 23 Nov 2026, at 09:00, Lead Member Network <${s.address}> wrote:\n>\n> A new reply in “${s.threadTitle}”.\n> Reply to this email to post in the thread.\n`
	};
}

type Row = { outcome: string; n: number };

export async function runInbound(opts: { dataDir: string; tmp: string; reader: string; threadId: number; messages: number; ratePerS: number; durationS: number; connections: number; log: (m: string) => void }): Promise<InboundRun> {
	const { log } = opts;
	const dir = join(opts.tmp, 'inbound');
	const copy = await copyDatabase(opts.dataDir, dir);
	log(`inbound: database copied (${(copy.bytes / 1024 ** 2).toFixed(0)} MB in ${(copy.ms / 1000).toFixed(1)} s)`);
	const during = Math.ceil(opts.durationS * opts.ratePerS);
	// At most 2 messages per sender in the throughput run and 1 in the paced run: well under the
	// posting limit of 10 a minute, as real replies from many members would be.
	const senders = Math.ceil(opts.messages / 2) + during + 5;
	const child = start(process.execPath, tsx('./inbound-child.ts'), { env: { ...process.env, DATA_DIR: dir, DATABASE_PATH: '', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	let facts: InboundFacts;
	try {
		facts = await ask<InboundFacts>(child, { type: 'inbound', senders, reader: opts.reader, threadId: opts.threadId });
	} finally {
		await stop(child);
	}
	const sink = await startSink();
	const smtpPort = await freePort();
	const app = await startApp(dir, { env: { JOBS: '1', INBOUND_SMTP_PORT: String(smtpPort), INBOUND_SMTP_HOST: '127.0.0.1', SMTP_URL: sink.url, INACTIVE_MONTHS: '0' } });
	log(`inbound: app at ${app.origin} (pid ${app.pid}, scheduler on), SMTP receiver on 127.0.0.1:${smtpPort}, outbox to the sink`);
	const db = new Database(join(dir, 'app.db'), { readonly: true, fileMustExist: true });
	const problems: string[] = [];
	const smtpConnections = 8;
	const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, pool: true, maxConnections: smtpConnections, maxMessages: Infinity });
	const pendingQ = db.prepare("SELECT count(*) AS n FROM inbound_message WHERE outcome = 'pending'");
	const pending = () => (pendingQ.get() as { n: number }).n;
	const maxId = (table: string) => (db.prepare(`SELECT coalesce(max(id), 0) AS n FROM ${table}`).get() as { n: number }).n;
	const waitUntilProcessed = async (timeoutMs: number) => {
		const until = performance.now() + timeoutMs;
		while (pending() > 0) {
			if (performance.now() > until) throw new Error(`inbound: ${pending()} messages still waiting after ${timeoutMs / 1000} s`);
			await new Promise((r) => setTimeout(r, 10));
		}
	};
	const outboxQ = db.prepare("SELECT count(*) AS n FROM outbox_message WHERE status IN ('queued', 'sending') AND next_attempt_at <= ?");
	/** Until the outbox has nothing due (what the scheduler delivers to the sink). */
	const outboxEmpty = async (timeoutMs: number) => {
		const until = performance.now() + timeoutMs;
		while ((outboxQ.get(Date.now()) as { n: number }).n > 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 100));
	};
	let next = 0;
	const sender = () => facts.senders[next++ % facts.senders.length];
	try {
		// Warm-up: a few messages, processed — and the scheduler's first run (digests due at start,
		// housekeeping) over before anything is measured.
		for (let i = 0; i < 5; i++) await transport.sendMail(reply(sender(), i));
		await waitUntilProcessed(600_000);
		await outboxEmpty(600_000);
		log(`inbound: warmed up (the scheduler's first run and its mail are done)`);

		// 1. Throughput.
		const firstInbound = maxId('inbound_message');
		const firstOutbox = maxId('outbox_message');
		const firstNotification = maxId('notification');
		const deliveredBefore = sink.snapshot().messages;
		log(`inbound: sending ${opts.messages} replies over ${smtpConnections} SMTP connections …`);
		const t0 = performance.now();
		const sends: Promise<unknown>[] = [];
		for (let i = 0; i < opts.messages; i++) sends.push(transport.sendMail(reply(sender(), i)));
		const accepted = await Promise.allSettled(sends);
		const smtpAcceptedMs = performance.now() - t0;
		const refusedAtSmtp = accepted.filter((a) => a.status === 'rejected');
		if (refusedAtSmtp.length) problems.push(`inbound: ${refusedAtSmtp.length} messages refused at SMTP, e.g. ${String((refusedAtSmtp[0] as PromiseRejectedResult).reason)}`);
		await waitUntilProcessed(600_000);
		const totalMs = performance.now() - t0;
		const outcomes = Object.fromEntries((db.prepare('SELECT outcome, count(*) AS n FROM inbound_message WHERE id > ? GROUP BY outcome').all(firstInbound) as Row[]).map((r) => [r.outcome, r.n]));
		if ((outcomes.posted ?? 0) !== opts.messages) problems.push(`inbound: ${outcomes.posted ?? 0} of ${opts.messages} posted (${JSON.stringify(outcomes)})`);
		const queued = db.prepare("SELECT sum(kind = 'inbound-confirm') AS confirmations, sum(kind NOT LIKE 'inbound-%') AS notifications FROM outbox_message WHERE id > ?").get(firstOutbox) as { confirmations: number | null; notifications: number | null };
		const throughput = {
			totalMs,
			perS: (opts.messages / totalMs) * 1000,
			smtpAcceptedMs,
			outcomes,
			notifications: (db.prepare('SELECT count(*) AS n FROM notification WHERE id > ?').get(firstNotification) as { n: number }).n,
			notificationEmailsQueued: queued.notifications ?? 0,
			confirmationsQueued: queued.confirmations ?? 0,
			delivered: sink.snapshot().messages - deliveredBefore
		};
		if (throughput.notifications === 0) problems.push('inbound: the replies made no notifications');
		if (throughput.confirmationsQueued !== opts.messages) problems.push(`inbound: ${throughput.confirmationsQueued} confirmations queued for ${opts.messages} messages`);
		log(`inbound: ${opts.messages} processed in ${(totalMs / 1000).toFixed(1)} s (${throughput.perS.toFixed(0)}/s; SMTP took them in ${(smtpAcceptedMs / 1000).toFixed(1)} s); ${throughput.notifications} notifications made (${throughput.notificationEmailsQueued} as emails at once), ${throughput.delivered} emails delivered meanwhile`);
		// Let the outbox empty before the page is measured.
		await outboxEmpty(300_000);

		// 2. The thread page alone, then while mail comes in at ratePerS.
		const path = `/threads/${facts.readThread.id}`;
		const load = { connections: opts.connections, duration: opts.durationS, headers: { cookie: `session=${facts.reader.token}` } };
		const alone = await measure(app.origin + path, { ...load, warmup: 2, serverPid: app.pid });
		log(`inbound: ${path} alone: ${alone.rps.toFixed(0)} req/s, p99 ${alone.latencyMs.p99} ms`);
		const firstPaced = maxId('inbound_message');
		const reading = background(app.origin + path, { ...load, serverPid: app.pid });
		const interval = 1000 / opts.ratePerS;
		const started = performance.now();
		const paced: Promise<unknown>[] = [];
		const count = Math.max(1, Math.floor((opts.durationS - 1.5) * opts.ratePerS));
		await new Promise((r) => setTimeout(r, 500));
		for (let i = 0; i < count; i++) {
			const wait = started + 500 + i * interval - performance.now();
			if (wait > 0) await new Promise((r) => setTimeout(r, wait));
			paced.push(transport.sendMail(reply(sender(), i)));
		}
		await Promise.allSettled(paced);
		const duringMail = await reading;
		await waitUntilProcessed(120_000);
		const waits = (db.prepare("SELECT processed_at - received_at AS ms FROM inbound_message WHERE id > ? AND outcome = 'posted' ORDER BY ms").all(firstPaced) as { ms: number }[]).map((r) => r.ms);
		log(`inbound: ${path} while ${count} replies came in at ${opts.ratePerS}/s: ${duringMail.rps.toFixed(0)} req/s, p99 ${duringMail.latencyMs.p99} ms; email to post p50 ${percentile(waits, 50)} ms, p99 ${percentile(waits, 99)} ms`);
		if (waits.length !== count) problems.push(`inbound: ${waits.length} of ${count} paced replies posted`);
		for (const [what, l] of [['alone', alone], ['during mail', duringMail]] as const) {
			if (l.non2xx > 0 || l.errors > 0) problems.push(`inbound: thread page ${what}: ${l.non2xx} non-2xx, ${l.errors} errors`);
		}
		if (app.output.errors > 0) problems.push(`inbound: the server logged ${app.output.errors} error lines:\n${app.output.tail(10)}`);
		return {
			messages: opts.messages,
			senders: facts.senders.length,
			smtpConnections,
			throughput,
			page: { path, alone, duringMail },
			duringMail: { ratePerS: opts.ratePerS, sent: count, posted: waits.length, waitMs: { p50: percentile(waits, 50), p99: percentile(waits, 99), max: waits.at(-1) ?? NaN } },
			problems
		};
	} finally {
		transport.close();
		db.close();
		await app.stop();
		await sink.close();
	}
}

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-GB') : '–');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');

/** The target: ≥ 50 messages a second, each posted with its notifications made. */
export function inboundTargets(i: InboundRun) {
	return [{ name: `Mail in: ${f0(i.messages)} replies through the SMTP receiver`, target: '≥ 50/s', value: `${f1(i.throughput.perS)}/s`, met: i.throughput.perS >= 50 }];
}

export function printInbound(i: InboundRun, table: (head: string[], rows: string[][], right: boolean[]) => string): string {
	const t = i.throughput;
	const rows = [
		[`Replies in through SMTP (${i.smtpConnections} connections, ${f0(i.senders)} senders): each posted, ${f0(t.notifications)} notifications made`, f1(t.perS), `${f1(t.totalMs / 1000)} s`, '≥ 50/s', t.perS >= 50 ? 'yes' : 'NO'],
		[`Thread page ${i.page.path} alone: ${f0(i.page.alone.rps)} req/s`, '', `p99 ${f1(i.page.alone.latencyMs.p99)} ms`, '', ''],
		[`Thread page while ${i.duringMail.sent} replies come in at ${i.duringMail.ratePerS}/s: ${f0(i.page.duringMail.rps)} req/s`, '', `p99 ${f1(i.page.duringMail.latencyMs.p99)} ms`, '', ''],
		['  email received → posted, at that rate', '', `p50 ${f0(i.duringMail.waitMs.p50)} ms, p99 ${f0(i.duringMail.waitMs.p99)} ms`, '', '']
	];
	return `\nMail in (node build, scheduler on)\n${table(['run', 'msgs/s', 'time', 'target', 'met?'], rows, [false, true, true, false, false])}`;
}
