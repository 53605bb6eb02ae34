/**
 * The in-process scheduler: every JOB_INTERVAL_MS it runs each task in turn — enqueue due
 * digests, drain the outbox, housekeeping. One run at a time; a failing task is logged and
 * the others still run. The same tasks run from the command line (`npm run mail:send-due`).
 */
import { config } from './config';
import { log } from './log';
import { configuredTransport, type MailTransport } from './mail/transport';
import { drain } from './mail/worker';
import { purgeExpiredSessions } from './auth/session';
import * as tokens from './auth/tokens';
import * as limits from './auth/rate-limit';

export type Task = { name: string; everyMs?: number; run: (ctx: { transport: MailTransport; now: number }) => Promise<unknown> | unknown };

const HOUR = 60 * 60 * 1000;

/** The tasks, in order. Areas that need scheduled work add theirs here. */
export const tasks: Task[] = [
	{ name: 'outbox', run: ({ transport }) => drain(transport) },
	{
		name: 'housekeeping',
		everyMs: HOUR,
		run: ({ now }) => ({ sessions: purgeExpiredSessions(now), tokens: tokens.purge(now), limits: limits.purgeOld(now) })
	}
];

const lastRun = new Map<string, number>();

/** Runs every task that is due once. */
export async function runDue(transport: MailTransport, now = Date.now()) {
	const results: Record<string, unknown> = {};
	for (const task of tasks) {
		if (task.everyMs && now - (lastRun.get(task.name) ?? 0) < task.everyMs) continue;
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

/** Starts the scheduler once per process. */
export function startJobs() {
	if (timer) return;
	const transport = configuredTransport();
	let running = false;
	const tick = async () => {
		if (running) return;
		running = true;
		try {
			await runDue(transport);
		} finally {
			running = false;
		}
	};
	timer = setInterval(tick, config().jobIntervalMs);
	timer.unref();
	setTimeout(tick, 500).unref();
}

export function stopJobs() {
	if (timer) clearInterval(timer);
	timer = null;
}
