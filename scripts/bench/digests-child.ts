/**
 * Child process (DATA_DIR = a fresh copy of the large network, SMTP_URL = the benchmark's
 * sink): runs the app's own digest code at the first Monday 07:05 (UK) after the network's
 * clock, when every weekly digest (the default) is due, and delivers them with the app's own
 * worker and transport. Then the sink's ceiling: the same transport settings sending
 * pre-built messages of the digests' size, with no database and no building.
 *
 * Steps, each asked for over IPC so the parent can read the sink between them:
 *   prepare  → the run's clock; the scheduler's start setting; mail already due delivered (untimed)
 *   digests  → sendDue (build + queue), then drain (deliver), timed apart; outbox checked
 *   ceiling  → N pre-built messages through smtpTransport, timed (raw MIME, and composed per message)
 */
import { sqlite } from '../../src/lib/server/db/client';
import * as personal from '../../src/lib/server/digests/personal';
import { configuredTransport, connections, smtpTransport, type MailTransport } from '../../src/lib/server/mail/transport';
import { drain, toMailOptions } from '../../src/lib/server/mail/worker';
import { config } from '../../src/lib/server/config';
import { nextDigestAt, previousDigestAt } from '../../src/lib/server/schedule';
import type { OutboxMessage } from '../../src/lib/server/db/schema';
import MailComposer from 'nodemailer/lib/mail-composer';
import { blocking } from './loop-hold';

const WEEKLY = { frequency: 'weekly', weekday: 1, hour: 7 } as const;
const MINUTE = 60_000;

let runNow = 0;
let transport: MailTransport | null = null;

/** A clock that starts at the run's instant and moves on with real time (the worker's leases and records). */
function clockFrom(start: number) {
	const t0 = Date.now();
	return () => start + (Date.now() - t0);
}

function prepare(networkNow: number) {
	const db = sqlite();
	const dueAt = nextDigestAt(WEEKLY, networkNow)!;
	runNow = dueAt + 5 * MINUTE;
	const previous = previousDigestAt(WEEKLY, dueAt - 1)!;
	// The scheduler has been running for months: its start must be before the last period, or
	// members it has never seen get a baseline of "now" and are all skipped.
	const started = db.prepare("SELECT value FROM digest_setting WHERE key = 'scheduler-started-at'").get() as { value: number } | undefined;
	let startedSet: number | null = null;
	if (!started || started.value > previous) {
		startedSet = previous - 90 * 24 * 60 * MINUTE;
		db.prepare("INSERT INTO digest_setting (key, value) VALUES ('scheduler-started-at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(startedSet);
	}
	const members = (db.prepare('SELECT count(*) AS n FROM member WHERE deactivated_at IS NULL').get() as { n: number }).n;
	const states = (db.prepare('SELECT count(*) AS n FROM personal_digest_state').get() as { n: number }).n;
	const alreadyDue = (db.prepare("SELECT count(*) AS n FROM outbox_message WHERE status IN ('queued', 'sending')").get() as { n: number }).n;
	return { runNow, dueAt, previousDueAt: previous, schedulerStartedAt: started?.value ?? null, schedulerStartedAtSet: startedSet, activeMembers: members, digestStates: states, alreadyQueued: alreadyDue };
}

async function deliverAlreadyQueued() {
	transport ??= configuredTransport();
	if (transport.kind !== 'smtp') throw new Error('SMTP_URL is not set: the digests would go to the local mailbox');
	return drain(transport, { force: true, clock: clockFrom(runNow) });
}

async function digests() {
	transport ??= configuredTransport();
	const db = sqlite();
	const before = db.prepare("SELECT count(*) AS n FROM outbox_message WHERE kind = 'digest'").get() as { n: number };
	const c0 = process.cpuUsage();
	const t0 = performance.now();
	const { result: queued, loop: buildLoop } = await blocking(() => personal.sendDue(runNow));
	const t1 = performance.now();
	const c1 = process.cpuUsage();
	const t = transport;
	const { result: delivered, loop: deliverLoop } = await blocking(() => drain(t, { force: true, clock: clockFrom(runNow + (t1 - t0)) }));
	const t2 = performance.now();
	const c2 = process.cpuUsage();
	const cpuMs = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1000;
	const rss = process.resourceUsage().maxRSS * 1024;
	const outbox = db
		.prepare("SELECT status, count(*) AS n, sum(length(text) + length(html)) AS bodyBytes FROM outbox_message WHERE kind = 'digest' AND created_at = ? GROUP BY status")
		.all(runNow) as { status: string; n: number; bodyBytes: number }[];
	return {
		result: queued,
		drain: delivered,
		buildMs: t1 - t0,
		deliverMs: t2 - t1,
		totalMs: t2 - t0,
		buildCpuMs: cpuMs(c0, c1),
		deliverCpuMs: cpuMs(c1, c2),
		digestRowsBefore: before.n,
		outbox: Object.fromEntries(outbox.map((r) => [r.status, { n: r.n, bodyBytes: r.bodyBytes }])),
		maxRssBytes: rss,
		mailConnections: connections(),
		eventLoop: { build: buildLoop, deliver: deliverLoop }
	};
}

function compose(options: ReturnType<typeof toMailOptions>): Promise<Buffer> {
	return new Promise((resolve, reject) => new MailComposer(options).compile().build((err: Error | null, msg: Buffer) => (err ? reject(err) : resolve(msg))));
}

/** Sends `n` pre-built copies of real digests (raw MIME, built once) through the app's transport settings. */
/**
 * The sink's ceiling: `n` copies of real digests sent through the app's transport settings with
 * no database. Measured twice: as raw MIME built beforehand (the ceiling the ratio uses: only
 * the SMTP exchange is left), and as the same mail options the worker hands nodemailer (MIME
 * built per message, as the worker must), to show what composing costs.
 */
async function ceiling(n: number, warmup: number) {
	const db = sqlite();
	const rows = db
		.prepare("SELECT * FROM outbox_message WHERE kind = 'digest' AND status = 'sent' AND created_at = ? ORDER BY id LIMIT 200")
		.all(runNow) as Record<string, unknown>[];
	if (rows.length === 0) throw new Error('No sent digests to copy for the ceiling');
	// Raw rows → the shape drizzle gives the worker (camelCase, JSON headers).
	const options = rows.map((r) =>
		toMailOptions({
			id: r.id,
			idempotencyKey: r.idempotency_key,
			toAddress: r.to_address,
			subject: r.subject,
			text: r.text,
			html: r.html,
			headers: r.headers ? JSON.parse(r.headers as string) : null,
			icalEvent: r.ical_event ? JSON.parse(r.ical_event as string) : null
		} as unknown as OutboxMessage)
	);
	const raws = await Promise.all(options.map(compose));
	const from = /<([^>]+)>/.exec(config().mailFrom)?.[1] ?? config().mailFrom;
	const lanes = connections();
	const run = async (message: (i: number) => Parameters<MailTransport['send']>[0]) => {
		const t = smtpTransport(config().smtpUrl!);
		const send = async (count: number, offset: number) => {
			let next = 0;
			const lane = async () => {
				while (next < count) await t.send(message(offset + next++));
			};
			await Promise.all(Array.from({ length: lanes }, lane));
		};
		await send(warmup, 0);
		const t0 = performance.now();
		await send(n, warmup);
		const ms = performance.now() - t0;
		t.close();
		return { ms, perS: n / (ms / 1000) };
	};
	const raw = await run((i) => ({ envelope: { from, to: `ceiling-${i}@example.net` }, raw: raws[i % raws.length] }));
	const composed = await run((i) => ({ ...options[i % options.length], to: `composed-${i}@example.net`, messageId: `<ceiling-${i}@example.net>` }));
	const avgBytes = raws.reduce((s, m) => s + m.length, 0) / raws.length;
	return { messages: n, warmup, ms: raw.ms, perS: raw.perS, composed, avgBytes, distinct: raws.length, lanes };
}

type Ask = { type: 'prepare'; networkNow: number } | { type: 'deliver-queued' } | { type: 'digests' } | { type: 'ceiling'; n: number; warmup: number } | { type: 'exit' };

process.on('message', async (m: Ask) => {
	try {
		let reply: object;
		if (m.type === 'prepare') reply = prepare(m.networkNow);
		else if (m.type === 'deliver-queued') reply = await deliverAlreadyQueued();
		else if (m.type === 'digests') reply = await digests();
		else if (m.type === 'ceiling') reply = await ceiling(m.n, m.warmup);
		else {
			transport?.close();
			process.exit(0);
		}
		process.send!({ ...reply, type: m.type });
	} catch (err) {
		process.send!({ type: 'error', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
	}
});
