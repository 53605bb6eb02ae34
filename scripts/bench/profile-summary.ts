/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`) by self time: the functions, and the
 * packages/files, where the process spent its CPU.
 *
 *   tsx scripts/bench/profile-summary.ts <file.cpuprofile | folder> [top]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

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

if (import.meta.url === `file://${process.argv[1]}`) {
	const [path, top] = process.argv.slice(2);
	if (!path) {
		console.error('Usage: tsx scripts/bench/profile-summary.ts <file.cpuprofile | folder> [top]');
		process.exit(2);
	}
	console.log(summarise(path, Number(top) || 25));
}
