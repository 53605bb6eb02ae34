/**
 * The in-process scheduler: every JOB_INTERVAL_MS it runs each task that is due, in turn —
 * scheduled regional digests, personal digests, then draining the outbox, and housekeeping.
 * One run at a time per process; a failing task is logged and the others still run. The same
 * tasks run from the command line (`npm run mail:send-due`). Several processes on one database
 * may run them at once: every task claims its work atomically, so nothing is sent twice.
 */
import { config } from './config';
import { log } from './log';
import { configuredTransport, type MailTransport } from './mail/transport';
import { drain } from './mail/worker';
import * as outbox from './mail/outbox';
import * as personal from './digests/personal';
import * as regional from './digests/regional';
import { purgeExpiredSessions } from './auth/session';
import * as tokens from './auth/tokens';
import * as limits from './auth/rate-limit';
import { sqlite } from './db/client';
import { runRetention } from './trust/retention';
import { runScheduledBackup } from './backup';

export type Task = { name: string; everyMs?: number; run: (ctx: { transport: MailTransport; now: number }) => Promise<unknown> | unknown };

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
/** Email bodies are emptied this many days after sending (headers and status kept). */
export const MAIL_BODY_RETENTION_DAYS = 90;

/** The tasks, in order. Areas that need scheduled work add theirs here. */
export const tasks: Task[] = [
	{ name: 'regional-digests', run: ({ now }) => regional.runScheduled(now) },
	// Digests are due on the hour; looking once a minute sends each within a minute of its time.
	{ name: 'personal-digests', everyMs: MINUTE, run: ({ now }) => personal.sendDue(now) },
	{ name: 'outbox', run: ({ transport }) => drain(transport) },
	{
		name: 'housekeeping',
		everyMs: HOUR,
		run: ({ now }) => ({
			sessions: purgeExpiredSessions(now),
			tokens: tokens.purge(now),
			limits: limits.purgeOld(now),
			mailBodies: outbox.emptyOldBodies(MAIL_BODY_RETENTION_DAYS, now)
		})
	},
	// Trust: retention (sessions left waiting for a code, remembered browsers, old audit entries)
	// and the daily backup at BACKUP_HOUR UK time (see backup.ts).
	{ name: 'trust-retention', everyMs: HOUR, run: ({ now }) => runRetention(now) },
	{ name: 'backup', everyMs: 5 * MINUTE, run: ({ now }) => runScheduledBackup(sqlite(), now) }
];

const lastRun = new Map<string, number>();

/** Runs every task that is due once (all of them with `force`, as the command line does). */
export async function runDue(transport: MailTransport, now = Date.now(), opts: { force?: boolean } = {}) {
	const results: Record<string, unknown> = {};
	for (const task of tasks) {
		if (!opts.force && task.everyMs && now - (lastRun.get(task.name) ?? 0) < task.everyMs) continue;
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

/** Starts the scheduler once per process. */
export function startJobs() {
	if (timer) return;
	transport = configuredTransport();
	const t = transport;
	let running = false;
	const tick = async () => {
		if (running) return;
		running = true;
		try {
			await runDue(t);
		} finally {
			running = false;
		}
	};
	timer = setInterval(tick, config().jobIntervalMs);
	timer.unref();
	setTimeout(tick, 500).unref();
}

/** Stops the scheduler and closes its mail connections. */
export function stopJobs() {
	if (timer) clearInterval(timer);
	timer = null;
	transport?.close();
	transport = null;
}
