/** The printed table and bench-results.json. */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import type { LoadResult } from './load';
import type { PageSpec } from './pages';
import type { WriteResult } from './writes';
import type { DigestRun } from './digests';
import { libraryTargets, printLibrary, type LibraryRun } from './library';
import { root } from './procs';

export type PageRun = { spec: Pick<PageSpec, 'key' | 'label' | 'path' | 'as' | 'target' | 'notes'>; bytes: number; load: LoadResult };

export type Results = {
	date: string;
	machine: ReturnType<typeof machine>;
	git: { commit: string | null; dirty: boolean | null };
	options: Record<string, unknown>;
	network: { dataDir: string; seed: number; now: string; counts: Record<string, number> };
	build: { built: boolean; ms: number };
	ceiling?: LoadResult & { bodyBytes: number };
	pages?: PageRun[];
	writes?: WriteResult;
	serverMemory?: { startRssBytes: number | null; peakSampledRssBytes: number; hwmBytes: number | null; samples: number; logErrors: number; logWarnings: number };
	digests?: DigestRun;
	library?: LibraryRun;
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
	for (const p of r.pages ?? []) {
		const share = p.load.rps / ceilingRps;
		const okP99 = p.load.latencyMs.p99 < p.spec.target.p99Ms;
		t.push({ name: `${p.spec.label}: p99`, target: `< ${p.spec.target.p99Ms} ms`, value: `${f1(p.load.latencyMs.p99)} ms`, met: okP99 });
		if (p.spec.target.ceilingShare) t.push({ name: `${p.spec.label}: share of ceiling`, target: `≥ ${pct(p.spec.target.ceilingShare)}`, value: pct(share), met: share >= p.spec.target.ceilingShare });
	}
	if (r.writes) t.push({ name: 'Reply under read load: p99', target: '< 100 ms', value: `${f1(r.writes.latencyMs.p99)} ms`, met: r.writes.latencyMs.p99 < 100 });
	if (r.serverMemory) t.push({ name: 'Server peak RSS (page run)', target: '< 300 MB', value: mb(r.serverMemory.hwmBytes ?? r.serverMemory.peakSampledRssBytes), met: (r.serverMemory.hwmBytes ?? r.serverMemory.peakSampledRssBytes) < 300 * MB });
	if (r.library) t.push(...libraryTargets(r.library));
	if (r.digests) {
		const d = r.digests;
		t.push({ name: `Digests: ${f0(d.accepted)} built and accepted`, target: '< 180 s', value: `${f1(d.totalMs / 1000)} s`, met: d.totalMs < 180_000 });
		t.push({ name: 'Digests: share of the sink ceiling', target: '≥ 50%', value: pct(d.ratio), met: d.ratio >= 0.5 });
	}
}

export function print(r: Results): string {
	const out: string[] = [];
	const ceilingRps = r.ceiling?.rps ?? NaN;
	const targetOf = (p: PageRun) => `p99 < ${p.spec.target.p99Ms} ms${p.spec.target.ceilingShare ? `, ≥ ${pct(p.spec.target.ceilingShare)}` : ''}`;
	const metOf = (p: PageRun) => p.load.latencyMs.p99 < p.spec.target.p99Ms && (!p.spec.target.ceilingShare || p.load.rps / ceilingRps >= p.spec.target.ceilingShare);
	if (r.ceiling || r.pages || r.writes) {
		const rows: string[][] = [];
		const cpu = (l: LoadResult) => (l.serverCpuMsPerRequest == null ? '–' : l.serverCpuMsPerRequest.toFixed(2));
		if (r.ceiling) rows.push([`Ceiling: bare node:http, ${f0(r.ceiling.bodyBytes)} B`, f0(r.ceiling.rps), f1(r.ceiling.latencyMs.p50), f1(r.ceiling.latencyMs.p99), '100%', cpu(r.ceiling), '', '']);
		for (const p of r.pages ?? []) rows.push([p.spec.label, f0(p.load.rps), f1(p.load.latencyMs.p50), f1(p.load.latencyMs.p99), pct(p.load.rps / ceilingRps), cpu(p.load), targetOf(p), yes(metOf(p))]);
		if (r.writes) {
			const w = r.writes;
			rows.push(['20-post thread, while replies are posted', f0(w.readLoad.rps), f1(w.readLoad.latencyMs.p50), f1(w.readLoad.latencyMs.p99), pct(w.readLoad.rps / ceilingRps), '', '', '']);
			const alone = w.aloneMs != null ? `; ${f0(w.aloneMs)} ms alone` : '';
			rows.push([`Reply post (${w.posted} posted at ${w.ratePerS}/s${alone})`, f1(w.posted / (r.options.writeDuration as number)), f1(w.latencyMs.p50), f1(w.latencyMs.p99), '', '', 'p99 < 100 ms', yes(w.latencyMs.p99 < 100)]);
		}
		out.push(`Pages at ${r.options.connections} connections, ${((r.options.workers as number | undefined) ?? 1) > 1 ? `node serve.js with ${r.options.workers} workers` : 'node build (one process)'} (${r.options.duration} s measured after ${r.options.warmup} s warm-up)`);
		out.push(table(['page', 'req/s', 'p50 ms', 'p99 ms', '% of ceiling', 'server CPU ms/req', 'target', 'met?'], rows, [false, true, true, true, true, true, false, false]));
	}
	if (r.serverMemory) {
		const m = r.serverMemory;
		const workers = (r.options.workers as number | undefined) ?? 1;
		out.push(`\nServer memory${workers > 1 ? ` (${workers} workers and their primary, summed)` : ''}: ${mb(m.startRssBytes)} after start, peak ${mb(m.hwmBytes ?? m.peakSampledRssBytes)} (${m.hwmBytes != null ? `VmHWM; sampled peak ${mb(m.peakSampledRssBytes)}` : 'sampled every 200 ms'}) — target < 300 MB: ${yes((m.hwmBytes ?? m.peakSampledRssBytes) < 300 * MB)}`);
	}
	if (r.library) out.push(printLibrary(r.library, table));
	if (r.digests) {
		const d = r.digests;
		const rows = [
			['Personal digests (build + queue + deliver)', `${f0(d.accepted)} sent, ${f0(d.result.empty)} nothing new`, f0(d.perS), `${f1(d.totalMs / 1000)} s`, `${f1((d.buildCpuMs + d.deliverCpuMs) / 1000)} s`, pct(d.ratio), '< 180 s, ≥ 50%', yes(d.totalMs < 180_000 && d.ratio >= 0.5)],
			['  of which build + queue (sendDue)', `${f0(d.result.due)} due`, f0(d.accepted / (d.buildMs / 1000)), `${f1(d.buildMs / 1000)} s`, `${f1(d.buildCpuMs / 1000)} s`, '', '', ''],
			['  of which deliver (worker drain)', `${d.mailConnections} connection(s)`, f0(d.deliverPerS), `${f1(d.deliverMs / 1000)} s`, `${f1(d.deliverCpuMs / 1000)} s`, pct(d.deliverPerS / d.ceiling.perS), '', ''],
			[`Sink ceiling: nodemailer, pre-built ${f0(d.ceiling.avgBytes)} B messages (raw MIME)`, `${f0(d.ceiling.messages)} sent`, f0(d.ceiling.perS), `${f1(d.ceiling.ms / 1000)} s`, '', '100%', '', '']
		];
		if (d.ceiling.composed) rows.push(['  the same, MIME composed per message', `${f0(d.ceiling.messages)} sent`, f0(d.ceiling.composed.perS), `${f1(d.ceiling.composed.ms / 1000)} s`, '', pct(d.ceiling.composed.perS / d.ceiling.perS), '', '']);
		out.push(`\nDigests for ${new Date(d.clock.runAt).toISOString()} (Monday 07:05 UK), average message ${f0(d.avgMessageBytes)} B; digest process peak RSS ${mb(d.maxRssBytes)}`);
		out.push(table(['run', 'messages', 'msgs/s', 'time', 'digest process CPU', '% of sink ceiling', 'target', 'met?'], rows, [false, true, true, true, true, true, false, false]));
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
