/**
 * The digest run: a fresh copy of the large network, the SMTP sink in this process, and the
 * digest child doing the app's work; the sink's counts read between the child's steps.
 */
import { join } from 'node:path';
import { ask, start, stop, tsx } from './procs';
import { copyDatabase } from './prepare';
import { startSink } from './sink';

type Prepared = { runNow: number; dueAt: number; previousDueAt: number; schedulerStartedAt: number | null; schedulerStartedAtSet: number | null; activeMembers: number; digestStates: number; alreadyQueued: number };
type Drained = { sent: number; failed: number; retry: number; unreachable: boolean; paused: boolean };
type Digested = {
	result: { due: number; sent: number; empty: number; seen: number; held: number; already: number; failed: number };
	drain: Drained;
	buildMs: number;
	deliverMs: number;
	totalMs: number;
	buildCpuMs: number;
	deliverCpuMs: number;
	outbox: Record<string, { n: number; bodyBytes: number }>;
	maxRssBytes: number;
	mailConnections: number;
	/** The longest the digest process's event loop was held during building and during delivery. */
	eventLoop: Record<'build' | 'deliver', { p99Ms: number; maxMs: number; longestGapMs: number; longestGcMs: number }>;
};
type Ceiling = { messages: number; warmup: number; ms: number; perS: number; composed: { ms: number; perS: number }; avgBytes: number; distinct: number; lanes: number };

export type DigestRun = Awaited<ReturnType<typeof runDigests>>;

export async function runDigests(opts: { dataDir: string; tmp: string; networkNow: number; sinkMessages: number; cpuProf?: string | null }) {
	const dir = join(opts.tmp, 'digests');
	const copy = await copyDatabase(opts.dataDir, dir);
	const sink = await startSink();
	const profile = opts.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProf}`] : [];
	const child = start(process.execPath, [...profile, ...tsx('./digests-child.ts')], {
		env: { ...process.env, DATA_DIR: dir, DATABASE_PATH: '', SMTP_URL: sink.url, LOG_LEVEL: 'warn', JOBS: '0' },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	try {
		const prepared = await ask<Prepared>(child, { type: 'prepare', networkNow: opts.networkNow });
		let preDelivered: Drained | null = null;
		if (prepared.alreadyQueued > 0) preDelivered = await ask<Drained>(child, { type: 'deliver-queued' });
		sink.reset();

		const d = await ask<Digested>(child, { type: 'digests' });
		const received = sink.snapshot();
		sink.reset();

		const c = await ask<Ceiling>(child, { type: 'ceiling', n: opts.sinkMessages, warmup: Math.min(500, opts.sinkMessages) });
		const ceilingReceived = sink.snapshot();
		// A normal exit (not a signal), so that --cpu-prof writes its profile.
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		child.send({ type: 'exit' });
		await exited;

		const accepted = received.messages;
		const problems: string[] = [];
		if (d.result.failed > 0) problems.push(`${d.result.failed} digests failed to build`);
		if (d.drain.failed > 0 || d.drain.retry > 0 || d.drain.unreachable) problems.push(`delivery: ${d.drain.failed} failed, ${d.drain.retry} to retry${d.drain.unreachable ? ', server unreachable' : ''}`);
		// Members away longer than INACTIVE_MONTHS get no digest (`held`) but one "are you still
		// there?" email (issue 14): the worker delivers those too, so digests are counted apart.
		if ((d.outbox.sent?.n ?? 0) !== d.result.sent) problems.push(`${d.result.sent} digests queued but ${d.outbox.sent?.n ?? 0} delivered`);
		if (accepted !== d.drain.sent) problems.push(`the worker sent ${d.drain.sent} messages but the SMTP server accepted ${accepted}`);
		if (received.doubled > 0) problems.push(`${received.doubled} members got more than one digest`);
		if ((d.outbox.queued?.n ?? 0) + (d.outbox.sending?.n ?? 0) > 0) problems.push('digests left in the outbox');
		if (ceilingReceived.messages !== 2 * (c.messages + c.warmup)) problems.push(`ceiling: sent ${2 * (c.messages + c.warmup)}, accepted ${ceilingReceived.messages}`);

		const seconds = d.totalMs / 1000;
		return {
			copy,
			clock: { networkNow: opts.networkNow, runAt: prepared.runNow, dueAt: prepared.dueAt, previousDueAt: prepared.previousDueAt },
			schedulerStartedAt: prepared.schedulerStartedAt,
			schedulerStartedAtSet: prepared.schedulerStartedAtSet,
			activeMembers: prepared.activeMembers,
			alreadyQueued: prepared.alreadyQueued,
			preDelivered,
			result: d.result,
			drain: d.drain,
			buildMs: d.buildMs,
			deliverMs: d.deliverMs,
			totalMs: d.totalMs,
			buildCpuMs: d.buildCpuMs,
			deliverCpuMs: d.deliverCpuMs,
			accepted,
			acceptedBytes: received.bytes,
			avgMessageBytes: accepted ? Math.round(received.bytes / accepted) : 0,
			perS: accepted / seconds,
			deliverPerS: accepted / (d.deliverMs / 1000),
			maxRssBytes: d.maxRssBytes,
			mailConnections: d.mailConnections,
			eventLoop: d.eventLoop,
			ceiling: { ...c, accepted: ceilingReceived.messages, avgAcceptedBytes: ceilingReceived.messages ? Math.round(ceilingReceived.bytes / ceilingReceived.messages) : 0 },
			ratio: c.perS > 0 ? accepted / seconds / c.perS : NaN,
			problems
		};
	} finally {
		await stop(child);
		await sink.close();
	}
}
