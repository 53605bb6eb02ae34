/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`) by self time: the functions, and the
 * packages/files, where the process spent its CPU.
 *
 *   tsx scripts/bench/profile-summary.ts <file.cpuprofile | folder> [top]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
export type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

/**
 * The file itself, or the largest .cpuprofile in a folder: the main thread's (tsx's loader
 * runs in a worker thread, which writes a small profile of its own).
 */
function pick(path: string): string {
	if (!statSync(path).isDirectory()) return path;
	const files = readdirSync(path)
		.filter((f) => f.endsWith('.cpuprofile'))
		.map((f) => join(path, f))
		.sort((a, b) => statSync(b).size - statSync(a).size);
	if (!files.length) throw new Error(`No .cpuprofile in ${path}`);
	return files[0];
}

/** Where a function lives, shortened: a package name, or a path inside the build. */
function place(url: string): string {
	if (!url) return '(native)';
	const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (nm) return nm[1];
	if (url.startsWith('node:')) return url;
	const build = /\/build[^/]*\/(.*)$/.exec(url) ?? /\/(src\/.*)$/.exec(url);
	return build ? build[1] : url.replace(/^file:\/\//, '');
}

export function summarise(path: string, top = 25): string {
	const file = pick(path);
	const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
	const byId = new Map(p.nodes.map((n) => [n.id, n]));
	const self = new Map<number, number>();
	for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i + 1] ?? 0));
	const total = [...self.values()].reduce((s, x) => s + x, 0);
	const fns = new Map<string, number>();
	const places = new Map<string, number>();
	for (const [id, us] of self) {
		const n = byId.get(id)!;
		const { functionName, url, lineNumber } = n.callFrame;
		const name = functionName || '(anonymous)';
		const key = url ? `${name}  ${place(url)}:${lineNumber + 1}` : name;
		fns.set(key, (fns.get(key) ?? 0) + us);
		const where = ['(idle)', '(program)', '(garbage collector)'].includes(name) ? name : place(url);
		places.set(where, (places.get(where) ?? 0) + us);
	}
	// Inclusive ("total") time of the app's own functions: where a request's time goes, callees included.
	const inclusive = new Map<string, number>();
	// The app's own code: the build's chunks (or src/ under tsx), less SvelteKit's and Svelte's runtime chunks and wrappers.
	const RUNTIME_CHUNK = /\/(index\.js|handler|shared\.js|server\.js|exports\.js|utils\.js|internal\d*\.js)-[\w-]+\.js$/;
	const RUNTIME_FN = new Set(['(anonymous)', 'fn', 'apply_handle', 'resolve', 'handle']);
	const isApp = (n: Node) =>
		/\/server\/chunks\/|\/src\//.test(n.callFrame.url) && !RUNTIME_CHUNK.test(n.callFrame.url) && !RUNTIME_FN.has(n.callFrame.functionName || '(anonymous)') && !n.callFrame.functionName.startsWith('#');
	const keyOf = (n: Node) => `${n.callFrame.functionName || '(anonymous)'}  ${place(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
	const walk = (id: number, onStack: Set<string>): number => {
		const n = byId.get(id)!;
		let total = self.get(id) ?? 0;
		const key = isApp(n) ? keyOf(n) : null;
		const fresh = key != null && !onStack.has(key);
		if (fresh) onStack.add(key!);
		for (const c of n.children ?? []) total += walk(c, onStack);
		if (fresh) {
			onStack.delete(key!);
			inclusive.set(key!, (inclusive.get(key!) ?? 0) + total);
		}
		return total;
	};
	walk(p.nodes[0].id, new Set());
	const rows = (m: Map<string, number>) =>
		[...m.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, top)
			.map(([k, us]) => `  ${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`)
			.join('\n');
	return [
		`Profile ${file}: ${(total / 1e6).toFixed(1)} s sampled`,
		'Self time by package / file:',
		rows(places),
		'Self time by function:',
		rows(fns),
		"Total time (callees included) of the app's own functions (SvelteKit's runtime left out):",
		rows(inclusive)
	].join('\n');
}

/** Where a request's CPU goes, in the order a sample is put in the first that matches its stack. */
export const PHASES = ['SQL', 'session', 'load functions', 'render', 'serialisation', 'HTTP, hooks, routing', 'GC', 'other'] as const;
export type Phase = (typeof PHASES)[number];

/**
 * Splits a profile's samples (idle left out) into the phases of a request, by what is on each
 * sample's stack: any better-sqlite3 or Drizzle frame is SQL (the session's queries too); then
 * the session check (validateSessionToken, the two-factor gate, recordVisit); the server load
 * functions (SvelteKit's load_server_data / load_data); serialising the page data for hydration
 * (devalue's uneval/stringify, SvelteKit's get_data); rendering (render_response and the
 * components); the rest of SvelteKit's request handling, the hooks and Node's HTTP; the garbage
 * collector; and anything else (V8's own work).
 */
export function phases(profile: Profile): { ms: Record<Phase, number>; sampledMs: number } {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const phaseOf = new Map<number, Phase | null>();
	const SESSION = new Set(['validateSessionToken', 'sessionGate', 'recordVisit']);
	const LOAD = new Set(['load_server_data', 'load_data']);
	const SERIALISE = new Set(['uneval', 'add_node', 'get_data', 'serialize_data', 'stringify', 'stringify_primitive', 'stringify_string', 'escape_unsafe_chars']);
	const HTTP = new Set(['respond', 'internal_respond', 'handle', 'resolve', 'apply_handle']);
	type Flags = { sql: boolean; session: boolean; load: boolean; render: boolean; serialise: boolean; http: boolean };
	const walk = (id: number, f: Flags) => {
		const n = byId.get(id)!;
		const { functionName: name, url } = n.callFrame;
		const g: Flags = {
			sql: f.sql || /node_modules\/(better-sqlite3|drizzle-orm)\//.test(url),
			session: f.session || SESSION.has(name),
			load: f.load || LOAD.has(name),
			render: f.render || name === 'render_response' || /\.svelte\.js-/.test(url),
			serialise: f.serialise || (!f.load && SERIALISE.has(name)),
			http: f.http || HTTP.has(name) || /adapter-node|handler-[\w-]+\.js$|node:_http|node:net/.test(url) || url.startsWith('node:')
		};
		let phase: Phase | null;
		if (name === '(idle)') phase = null;
		else if (name === '(garbage collector)') phase = 'GC';
		else if (g.sql) phase = 'SQL';
		else if (g.session) phase = 'session';
		else if (g.load) phase = 'load functions';
		else if (g.serialise) phase = 'serialisation';
		else if (g.render) phase = 'render';
		else if (g.http) phase = 'HTTP, hooks, routing';
		else phase = 'other';
		phaseOf.set(id, phase);
		for (const c of n.children ?? []) walk(c, g);
	};
	walk(profile.nodes[0].id, { sql: false, session: false, load: false, render: false, serialise: false, http: false });
	const ms = Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
	let sampled = 0;
	for (let i = 0; i < profile.samples.length; i++) {
		const phase = phaseOf.get(profile.samples[i]);
		const us = profile.timeDeltas[i + 1] ?? 0;
		if (!phase) continue;
		ms[phase] += us / 1000;
		sampled += us / 1000;
	}
	return { ms, sampledMs: sampled };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const [path, top] = process.argv.slice(2);
	if (!path) {
		console.error('Usage: tsx scripts/bench/profile-summary.ts <file.cpuprofile | folder> [top]');
		process.exit(2);
	}
	console.log(summarise(path, Number(top) || 25));
}
