/**
 * The in-process scheduler: every JOB_INTERVAL_MS it runs each task that is due, in turn —
 * scheduled regional digests, personal digests, then draining the outbox, and housekeeping.
 * One run at a time per process (mail in may also run beside it, as soon as a message is stored:
 * see `inbound` below); a failing task is logged and the others still run. The same
 * tasks run from the command line (`npm run mail:send-due`). Several processes on one database
 * may run them at once: every task claims its work atomically, so nothing is sent twice.
 */
import { config } from './config';
import { log } from './log';
import { configuredTransport, type MailTransport } from './mail/transport';
import { drain } from './mail/worker';
import * as personal from './digests/personal';
import * as regional from './digests/regional';
import { purgeExpiredSessions } from './auth/session';
import * as tokens from './auth/tokens';
import * as limits from './auth/rate-limit';
import { sqlite } from './db/client';
import { runRetention } from './trust/retention';
import * as once from './once';
import { runScheduledBackup } from './backup';
import { sendOverdueReminders } from './mentoring/reminders';
import * as files from './files';
import { processPending as processInbound } from './inbound/process';
import * as inboundStore from './mail/inbound';
import * as libraryText from './library/text';
import * as eventMail from './training/announcements';

export type Task = {
	name: string;
	/** Run at most this often … */
	everyMs?: number;
	/** … or when this says so, given when it last ran in this process (null: not yet). */
	when?: (now: number, lastRun: number | null) => boolean;
	run: (ctx: { transport: MailTransport; now: number }) => Promise<unknown> | unknown;
};

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

/** The tasks, in order. Areas that need scheduled work add theirs here. */
export const tasks: Task[] = [
	{ name: 'regional-digests', run: ({ now }) => regional.runScheduled(now) },
	// Digests fall due only on the hour (UK hours are whole UTC hours, and a changed schedule or
	// a new member starts at the next scheduled time), so one look per hour — the first tick after
	// it strikes, or at start — finds every digest due.
	{ name: 'personal-digests', when: (now, last) => last == null || Math.floor(now / HOUR) !== Math.floor(last / HOUR), run: ({ now }) => personal.sendDue(now) },
	// Mentoring: remind both sides of a pairing whose check-in is overdue (once per pairing per period).
	{ name: 'mentoring-overdue', everyMs: HOUR, run: ({ now }) => sendOverdueReminders(now) },
	// Events: announce newly published ones to the members they are for; remind those going the day before.
	{ name: 'events', run: ({ now }) => eventMail.runDue(now) },
	// Mail in (issue 14): replies, questions and bounces the receivers stored; before the outbox, so
	// confirmations go in this tick. (When a run started by new mail is going on, it is left to finish.)
	{ name: 'inbound', run: () => (inbound.running ? 'running' : inbound.run()) },
	{ name: 'outbox', run: ({ transport }) => drain(transport) },
	{
		name: 'housekeeping',
		everyMs: HOUR,
		run: ({ now }) => ({
			sessions: purgeExpiredSessions(now),
			tokens: tokens.purge(now),
			limits: limits.purgeOld(now),
			formTokens: once.prune(now),
			inboundRaw: inboundStore.purgeRaw(config().inbound.rawDays, now),
			// Keeps the query planner's statistics fresh as tables grow (SQLite's advice for long-lived connections).
			optimized: (sqlite().pragma('optimize'), true)
		})
	},
	// Trust: retention (sessions left waiting for a code, remembered browsers, old audit entries)
	// and the daily backup at BACKUP_HOUR UK time (see backup.ts).
	{ name: 'trust-retention', everyMs: HOUR, run: ({ now }) => runRetention(now) },
	// Files: temporary files of crashed uploads, files no longer referenced (files/store.ts).
	// Library: text of uploaded PDFs and Word files for search, off the request path (library/text.ts).
	{ name: 'library-text', run: ({ now }) => libraryText.runDue(now) },
	{ name: 'files-housekeeping', everyMs: HOUR, run: ({ now }) => files.sweep(now) },
	{ name: 'backup', everyMs: 5 * MINUTE, run: ({ now }) => runScheduledBackup(sqlite(), now) }
];

/**
 * Mail in runs once at a time per process, in the tick or — as soon as a message is stored —
 * beside it: while the outbox waits on the mail server, the next replies are posted.
 */
const INBOUND_BATCH = 200;
const inbound = {
	running: null as Promise<void> | null,
	again: false,
	/** Processes until nothing is pending; `afterBatch` after each batch (the tick, to send what it queued). */
	run(afterBatch?: () => void): Promise<void> {
		if (this.running) {
			this.again = true;
			return this.running;
		}
		this.running = (async () => {
			try {
				do {
					this.again = false;
					const counts = await processInbound(Date.now, INBOUND_BATCH);
					afterBatch?.();
					// A full batch: there may be more waiting.
					if (Object.values(counts).reduce((a, b) => a + (b ?? 0), 0) >= INBOUND_BATCH) this.again = true;
				} while (this.again);
			} finally {
				this.running = null;
			}
		})();
		return this.running;
	}
};

const lastRun = new Map<string, number>();

/** Runs every task that is due once (all of them with `force`, as the command line does). */
export async function runDue(transport: MailTransport, now = Date.now(), opts: { force?: boolean } = {}) {
	const results: Record<string, unknown> = {};
	for (const task of tasks) {
		const last = lastRun.get(task.name) ?? null;
		if (!opts.force && task.everyMs && now - (last ?? 0) < task.everyMs) continue;
		if (!opts.force && task.when && !task.when(now, last)) continue;
		lastRun.set(task.name, now);
		try {
			results[task.name] = await task.run({ transport, now });
		} catch (err) {
			log.error('scheduled task failed', { task: task.name, error: err instanceof Error ? err.stack : String(err) });
		}
	}
	return results;
}

let timer: NodeJS.Timeout | null = null;
let transport: MailTransport | null = null;
let stopInbound: (() => void) | null = null;

/** Starts the scheduler once per process. */
export function startJobs() {
	if (timer) return;
	transport = configuredTransport();
	const t = transport;
	let running = false;
	let again = false;
	const tick = async () => {
		if (running) {
			again = true;
			return;
		}
		running = true;
		try {
			do {
				again = false;
				await runDue(t);
			} while (again);
		} finally {
			running = false;
		}
	};
	timer = setInterval(tick, config().jobIntervalMs);
	// A message that just came in is processed at once, beside the tick; the tick then sends the confirmation.
	stopInbound = inboundStore.onStored(() => void inbound.run(() => void tick()));
	timer.unref();
	setTimeout(tick, 500).unref();
}

/** Stops the scheduler and closes its mail connections. */
export function stopJobs() {
	if (timer) clearInterval(timer);
	timer = null;
	stopInbound?.();
	stopInbound = null;
	transport?.close();
	transport = null;
}
