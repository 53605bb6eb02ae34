/** The printed table and bench-results.json. */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import type { LoadResult, PhaseSplit } from './load';
import { PHASES } from './profile-summary';
import type { PageSpec } from './pages';
import type { WriteResult } from './writes';
import type { DigestRun } from './digests';
import { libraryTargets, printLibrary, type LibraryRun } from './library';
import type { FloorRun } from './floor';
import { inboundTargets, printInbound, type InboundRun } from './inbound';
import { root } from './procs';

export type PageRun = { spec: Pick<PageSpec, 'key' | 'label' | 'path' | 'as' | 'target' | 'notes'>; bytes: number; load: LoadResult; profile?: PhaseSplit };

export type Results = {
	date: string;
	machine: ReturnType<typeof machine>;
	git: { commit: string | null; dirty: boolean | null };
	options: Record<string, unknown>;
	network: { dataDir: string; seed: number; now: string; counts: Record<string, number> };
	build: { built: boolean; ms: number };
	ceiling?: LoadResult & { bodyBytes: number };
	floor?: FloorRun;
	/** Bare node:http burning the 20-post thread's CPU per request, as is and taking turns. */
	controls?: (LoadResult & { bodyBytes: number; burnMs: number; turns: boolean })[];
	pages?: PageRun[];
	writes?: WriteResult;
	serverMemory?: { startRssBytes: number | null; peakSampledRssBytes: number; hwmBytes: number | null; samples: number; logErrors: number; logWarnings: number };
	digests?: DigestRun;
	library?: LibraryRun;
	inbound?: InboundRun;
	targets: { name: string; target: string; value: string; met: boolean | null }[];
	problems: string[];
	loadAverage: { start: number[]; end: number[] };
};

export function machine() {
	const cpus = os.cpus();
	return {
		cpuModel: cpus[0]?.model ?? 'unknown',
		cpus: cpus.length,
		totalMemoryBytes: os.totalmem(),
		platform: `${os.platform()} ${os.release()} ${os.arch()}`,
		node: process.version
	};
}

export function gitState() {
	const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
	try {
		return { commit: git('rev-parse', 'HEAD'), dirty: git('status', '--porcelain', '--untracked-files=no').length > 0 };
	} catch {
		return { commit: null, dirty: null };
	}
}

/** Issue 19: no request over a second, and p99.9 under 5 × the median, on every page. */
const MAX_MS = 1000;
const TAIL_FACTOR = 5;

/** Whether a page run met all its targets. */
function pageMet(p: PageRun, ceilingRps: number, floorRps: number): boolean {
	const l = p.load.latencyMs;
	const t = p.spec.target;
	return (
		l.p99 < t.p99Ms &&
		(!t.ceilingShare || p.load.rps / ceilingRps >= t.ceilingShare) &&
		(!t.floorShare || !Number.isFinite(floorRps) || p.load.rps / floorRps >= t.floorShare) &&
		l.max <= MAX_MS &&
		l.p999 < TAIL_FACTOR * l.p50
	);
}

/** One line for the log: the load generator's view, then the server's own (probe) figures. */
export function describeRun(r: LoadResult): string {
	const l = r.latencyMs;
	let line = `${r.rps.toFixed(0)} req/s, p50 ${l.p50} ms, p99 ${l.p99} ms, p99.9 ${l.p999} ms, max ${l.max} ms; non-2xx ${r.non2xx}, errors ${r.errors}`;
	const s = r.server;
	if (s) {
		line += `\n    in the server: requests p99 ${s.requests.p99Ms} ms, max ${s.requests.maxMs} ms; event-loop delay p99 ${s.loopDelayMs.p99} ms, max ${s.loopDelayMs.max} ms;`;
		line += ` GC ${s.gc.count}× ${s.gc.totalMs.toFixed(0)} ms, longest ${s.gc.maxMs.toFixed(1)} ms; connections opened ${s.connections.opened}, closed by client ${s.connections.closedByClient}, by server ${s.connections.closedByServer}`;
	}
	return line;
}

const MB = 1024 * 1024;
const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-GB') : '–');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const pct = (n: number) => (Number.isFinite(n) ? `${(n * 100).toFixed(1)}%` : '–');
const mb = (n: number | null | undefined) => (n != null && Number.isFinite(n) ? `${(n / MB).toFixed(0)} MB` : '–');
const yes = (met: boolean | null) => (met == null ? '' : met ? 'yes' : 'NO');

function table(head: string[], rows: string[][], right: boolean[]): string {
	const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (cells: string[]) => '| ' + cells.map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ') + ' |';
	return [line(head), '|' + widths.map((w, i) => (right[i] ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|', ...rows.map(line)].join('\n');
}

/** Works out which targets were met (the issue's list) and adds them to the results. */
export function judge(r: Results) {
	const t = r.targets;
	const ceilingRps = r.ceiling?.rps ?? NaN;
	const floorRps = r.floor?.rps ?? NaN;
	for (const p of r.pages ?? []) {
		const l = p.load.latencyMs;
		const share = p.load.rps / ceilingRps;
		t.push({ name: `${p.spec.label}: p99`, target: `< ${p.spec.target.p99Ms} ms`, value: `${f1(l.p99)} ms`, met: l.p99 < p.spec.target.p99Ms });
		if (p.spec.target.ceilingShare) t.push({ name: `${p.spec.label}: share of ceiling`, target: `≥ ${pct(p.spec.target.ceilingShare)}`, value: pct(share), met: share >= p.spec.target.ceilingShare });
		if (p.spec.target.floorShare && r.floor) t.push({ name: `${p.spec.label}: share of floor`, target: `≥ ${pct(p.spec.target.floorShare)}`, value: pct(p.load.rps / floorRps), met: p.load.rps / floorRps >= p.spec.target.floorShare });
		t.push({ name: `${p.spec.label}: slowest request`, target: `≤ ${MAX_MS} ms`, value: `${f0(l.max)} ms`, met: l.max <= MAX_MS });
		t.push({ name: `${p.spec.label}: p99.9`, target: `< ${TAIL_FACTOR} × p50`, value: `${f0(l.p999)} ms = ${f1(l.p999 / l.p50)} × p50`, met: l.p999 < TAIL_FACTOR * l.p50 });
	}
	if (r.writes) t.push({ name: 'Reply under read load: p99', target: '< 100 ms', value: `${f1(r.writes.latencyMs.p99)} ms`, met: r.writes.latencyMs.p99 < 100 });
	if (r.serverMemory) t.push({ name: 'Server peak RSS (page run)', target: '< 300 MB', value: mb(r.serverMemory.hwmBytes ?? r.serverMemory.peakSampledRssBytes), met: (r.serverMemory.hwmBytes ?? r.serverMemory.peakSampledRssBytes) < 300 * MB });
	if (r.library) t.push(...libraryTargets(r.library));
	if (r.inbound) t.push(...inboundTargets(r.inbound));
	if (r.digests) {
		const d = r.digests;
		t.push({ name: `Digests: ${f0(d.accepted)} built and accepted`, target: '< 180 s', value: `${f1(d.totalMs / 1000)} s`, met: d.totalMs < 180_000 });
		t.push({ name: 'Digests: share of the sink ceiling', target: '≥ 50%', value: pct(d.ratio), met: d.ratio >= 0.5 });
		if (d.eventLoop) {
			const held = Math.max(d.eventLoop.build.longestGapMs, d.eventLoop.deliver.longestGapMs);
			t.push({ name: 'Digests: longest the event loop was held (building and delivering)', target: '≤ 50 ms', value: `${f1(held)} ms`, met: held <= 50 });
		}
	}
}

export function print(r: Results): string {
	const out: string[] = [];
	const ceilingRps = r.ceiling?.rps ?? NaN;
	const floorRps = r.floor?.rps ?? NaN;
	const targetOf = (p: PageRun) =>
		[`p99 < ${p.spec.target.p99Ms}`, p.spec.target.ceilingShare ? `≥ ${pct(p.spec.target.ceilingShare)} of ceiling` : '', p.spec.target.floorShare ? `≥ ${pct(p.spec.target.floorShare)} of floor` : '', `max ≤ ${MAX_MS}`, `p99.9 < ${TAIL_FACTOR}×p50`]
			.filter(Boolean)
			.join(', ');
	if (r.ceiling || r.pages || r.writes) {
		const rows: string[][] = [];
		const cpu = (l: LoadResult) => (l.serverCpuMsPerRequest == null ? '–' : l.serverCpuMsPerRequest.toFixed(2));
		const loop = (l: LoadResult) => (l.server ? `${f0(l.server.loopDelayMs.p99)} / ${f0(l.server.loopDelayMs.max)}` : '–');
		const figures = (l: LoadResult) => [f0(l.rps), f1(l.latencyMs.p50), f1(l.latencyMs.p99), f1(l.latencyMs.p999), f0(l.latencyMs.max), loop(l)];
		if (r.ceiling) rows.push([`Ceiling: bare node:http, ${f0(r.ceiling.bodyBytes)} B`, ...figures(r.ceiling), pct(r.ceiling.rps / floorRps), '100%', cpu(r.ceiling), '', '']);
		if (r.floor) rows.push([`Floor: minimal SvelteKit page, ${f0(r.floor.bodyBytes)} B`, ...figures(r.floor), '100%', pct(r.floor.rps / ceilingRps), cpu(r.floor), '', '']);
		for (const c of r.controls ?? []) rows.push([`Control: node:http burning ${c.burnMs.toFixed(2)} ms/req${c.turns ? ', taking turns' : ''}`, ...figures(c), pct(c.rps / floorRps), pct(c.rps / ceilingRps), cpu(c), '', '']);
		for (const p of r.pages ?? []) rows.push([p.spec.label, ...figures(p.load), pct(p.load.rps / floorRps), pct(p.load.rps / ceilingRps), cpu(p.load), targetOf(p), yes(pageMet(p, ceilingRps, floorRps))]);
		if (r.writes) {
			const w = r.writes;
			rows.push(['20-post thread, while replies are posted', ...figures(w.readLoad), pct(w.readLoad.rps / floorRps), pct(w.readLoad.rps / ceilingRps), '', '', '']);
			const alone = w.aloneMs != null ? `; ${f0(w.aloneMs)} ms alone` : '';
			rows.push([`Reply post (${w.posted} posted at ${w.ratePerS}/s${alone})`, f1(w.posted / (r.options.writeDuration as number)), f1(w.latencyMs.p50), f1(w.latencyMs.p99), '', f0(w.latencyMs.max), '', '', '', '', 'p99 < 100 ms', yes(w.latencyMs.p99 < 100)]);
		}
		out.push(`Pages at ${r.options.connections} connections, ${((r.options.workers as number | undefined) ?? 1) > 1 ? `node serve.js with ${r.options.workers} workers` : 'node build (one process)'} (${r.options.duration} s measured after ${r.options.warmup} s warm-up)`);
		out.push(table(['page', 'req/s', 'p50 ms', 'p99 ms', 'p99.9 ms', 'max ms', 'server event-loop delay p99 / max ms', '% of floor', '% of ceiling', 'server CPU ms/req', 'target (ms)', 'met?'], rows, [false, true, true, true, true, true, true, true, true, true, false, false]));
	}
	const profiled: { label: string; profile: PhaseSplit; cpu: number | null }[] = [
		...(r.floor?.profile ? [{ label: 'Floor: minimal SvelteKit page', profile: r.floor.profile, cpu: r.floor.serverCpuMsPerRequest }] : []),
		...(r.pages ?? []).filter((p) => p.profile).map((p) => ({ label: p.spec.label, profile: p.profile!, cpu: p.load.serverCpuMsPerRequest }))
	];
	if (profiled.length) {
		const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
		const rows = profiled.map(({ label, profile, cpu }) => [label, ...PHASES.map((p) => ms(profile.msPerRequest[p])), ms(PHASES.reduce((a, p) => a + profile.msPerRequest[p], 0)), cpu == null ? '–' : ms(cpu)]);
		out.push(`\nWhere a request's CPU goes (ms per request, from a separate ${profiled[0].profile.seconds} s run under the CPU profiler, which slows it; the last column is the measured run's CPU from /proc)`);
		out.push(table(['page', ...PHASES, 'profiled total', 'measured CPU'], rows, [false, ...PHASES.map(() => true), true, true]));
	}
	if (r.serverMemory) {
		const m = r.serverMemory;
		const workers = (r.options.workers as number | undefined) ?? 1;
		out.push(`\nServer memory${workers > 1 ? ` (${workers} workers and their primary, summed)` : ''}: ${mb(m.startRssBytes)} after start, peak ${mb(m.hwmBytes ?? m.peakSampledRssBytes)} (${m.hwmBytes != null ? `VmHWM; sampled peak ${mb(m.peakSampledRssBytes)}` : 'sampled every 200 ms'}) — target < 300 MB: ${yes((m.hwmBytes ?? m.peakSampledRssBytes) < 300 * MB)}`);
	}
	if (r.library) out.push(printLibrary(r.library, table));
	if (r.inbound) out.push(printInbound(r.inbound, table));
	if (r.digests) {
		const d = r.digests;
		const rows = [
			['Personal digests (build + queue + deliver)', `${f0(d.accepted)} sent: ${f0(d.result.sent)} digests, ${f0(d.accepted - d.result.sent)} "still there?" (${f0(d.result.held)} held); ${f0(d.result.empty)} nothing new`, f0(d.perS), `${f1(d.totalMs / 1000)} s`, `${f1((d.buildCpuMs + d.deliverCpuMs) / 1000)} s`, pct(d.ratio), '< 180 s, ≥ 50%', yes(d.totalMs < 180_000 && d.ratio >= 0.5)],
			['  of which build + queue (sendDue)', `${f0(d.result.due)} due`, f0(d.accepted / (d.buildMs / 1000)), `${f1(d.buildMs / 1000)} s`, `${f1(d.buildCpuMs / 1000)} s`, '', '', ''],
			['  of which deliver (worker drain)', `${d.mailConnections} connection(s)`, f0(d.deliverPerS), `${f1(d.deliverMs / 1000)} s`, `${f1(d.deliverCpuMs / 1000)} s`, pct(d.deliverPerS / d.ceiling.perS), '', ''],
			[`Sink ceiling: nodemailer, pre-built ${f0(d.ceiling.avgBytes)} B messages (raw MIME)`, `${f0(d.ceiling.messages)} sent`, f0(d.ceiling.perS), `${f1(d.ceiling.ms / 1000)} s`, '', '100%', '', '']
		];
		if (d.ceiling.composed) rows.push(['  the same, MIME composed per message', `${f0(d.ceiling.messages)} sent`, f0(d.ceiling.composed.perS), `${f1(d.ceiling.composed.ms / 1000)} s`, '', pct(d.ceiling.composed.perS / d.ceiling.perS), '', '']);
		out.push(`\nDigests for ${new Date(d.clock.runAt).toISOString()} (Monday 07:05 UK), average message ${f0(d.avgMessageBytes)} B; digest process peak RSS ${mb(d.maxRssBytes)}`);
		out.push(table(['run', 'messages', 'msgs/s', 'time', 'digest process CPU', '% of sink ceiling', 'target', 'met?'], rows, [false, true, true, true, true, true, false, false]));
		if (d.eventLoop) {
			const e = d.eventLoop;
			const held = Math.max(e.build.longestGapMs, e.deliver.longestGapMs);
			out.push(
				`Event loop of the digest process (a page served by the same process waits at most this long): building held it at most ${f1(e.build.longestGapMs)} ms (delay p99 ${f1(e.build.p99Ms)} ms; longest GC pause ${f1(e.build.longestGcMs)} ms), delivering ${f1(e.deliver.longestGapMs)} ms (p99 ${f1(e.deliver.p99Ms)} ms; longest GC pause ${f1(e.deliver.longestGcMs)} ms) — target ≤ 50 ms: ${yes(held <= 50)}`
			);
		}
	}
	const m = r.machine;
	out.push(`\nMachine: ${m.cpus} × ${m.cpuModel}, ${(m.totalMemoryBytes / 1024 ** 3).toFixed(1)} GB, ${m.platform}, Node ${m.node}; load average at start ${r.loadAverage.start.map((x) => x.toFixed(2)).join(' ')}, at end ${r.loadAverage.end.map((x) => x.toFixed(2)).join(' ')}`);
	out.push(`Network: ${r.network.dataDir} (seed ${r.network.seed}, clock ${r.network.now}): ${Object.entries(r.network.counts).map(([k, v]) => `${k} ${f0(v)}`).join(', ')}`);
	out.push(`Commit ${r.git.commit ?? 'unknown'}${r.git.dirty ? ' (with uncommitted changes)' : ''}`);
	const notes = (r.pages ?? []).flatMap((p) => p.spec.notes.map((n) => `${p.spec.label}: ${n}`));
	if (notes.length) out.push(`Notes:\n${notes.map((n) => `  - ${n}`).join('\n')}`);
	if (r.problems.length) out.push(`\nBROKEN:\n${r.problems.map((p) => `  - ${p}`).join('\n')}`);
	return out.join('\n');
}
