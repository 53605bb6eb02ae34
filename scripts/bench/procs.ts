/**
 * Child processes of the benchmark: each started in its own process group so that it and
 * anything it starts (npm → tsx → node) can be ended together, and all of them ended when the
 * benchmark exits — normally, on an error, or on Ctrl-C.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const children = new Set<ChildProcess>();

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** Starts a tracked child in its own process group. */
export function start(command: string, args: string[], opts: SpawnOptions = {}): ChildProcess {
	const child = spawn(command, args, { cwd: root, ...opts, detached: true });
	children.add(child);
	child.once('exit', () => children.delete(child));
	return child;
}

/** Arguments that run a TypeScript file with plain node and tsx's loader (one process, so its pid is the worker's). */
export function tsx(file: string, ...args: string[]): string[] {
	return ['--import', 'tsx', fileURLToPath(new URL(file, import.meta.url)), ...args];
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
	if (child.pid == null || child.exitCode != null || child.signalCode != null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* already gone */
		}
	}
}

/** Ends a child (and its group): SIGTERM, then SIGKILL after `graceMs`. */
export async function stop(child: ChildProcess, graceMs = 5000): Promise<void> {
	if (child.exitCode != null || child.signalCode != null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	killGroup(child, 'SIGTERM');
	const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}

/** Resolves with the exit code; rejects if the child exits non-zero (or by a signal). */
export function finished(child: ChildProcess, what: string): Promise<void> {
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${what} failed (${signal ? `signal ${signal}` : `exit code ${code}`})`))));
	});
}

let installed = false;
/** Ends every child when the benchmark ends, however it ends. */
export function installCleanup() {
	if (installed) return;
	installed = true;
	process.on('exit', () => {
		for (const c of children) killGroup(c, 'SIGKILL');
	});
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(sig, () => {
			console.error(`\n${sig}: stopping the benchmark and its processes.`);
			for (const c of children) killGroup(c, 'SIGTERM');
			setTimeout(() => process.exit(130), 300).unref();
		});
	}
}

/** A port in 4400–4499 that nothing listens on. */
export async function freePort(from = 4400, to = 4499): Promise<number> {
	for (let port = from; port <= to; port++) {
		const ok = await new Promise<boolean>((resolve) => {
			const s = net.createServer();
			s.once('error', () => resolve(false));
			s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
		});
		if (ok && !taken.has(port)) {
			taken.add(port);
			return port;
		}
	}
	throw new Error(`No free port in ${from}–${to}`);
}
const taken = new Set<number>();

/** Polls a URL until it answers 200 (or the child dies, or time runs out). */
export async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number, what: string): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		if (child.exitCode != null || child.signalCode != null) throw new Error(`${what} exited before it was ready (${child.signalCode ?? `exit code ${child.exitCode}`})`);
		try {
			const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
			await r.arrayBuffer();
			if (r.status === 200) return;
		} catch {
			/* not yet */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000} s`);
}

function memoryOfOne(pid: number): { rss: number; hwm: number } | null {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
		return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
	} catch {
		return null;
	}
}

/** A process and its descendants (the cluster's workers under `node serve.js`), from /proc. */
export function processTree(pid: number): number[] {
	const parentOf = new Map<number, number>();
	try {
		for (const name of readdirSync('/proc')) {
			if (!/^\d+$/.test(name)) continue;
			try {
				const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
				parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
			} catch {
				// gone meanwhile
			}
		}
	} catch {
		return [pid];
	}
	const tree = [pid];
	for (let i = 0; i < tree.length; i++) for (const [child, parent] of parentOf) if (parent === tree[i]) tree.push(child);
	return tree;
}

/**
 * RSS and its high-water mark (VmHWM) of a process and its descendants, summed (one process
 * under `node build`; the primary and every worker under `node serve.js`). Null off Linux.
 */
export function memoryOf(pid: number): { rss: number; hwm: number } | null {
	const each = processTree(pid)
		.map(memoryOfOne)
		.filter((m): m is { rss: number; hwm: number } => m != null);
	if (each.length === 0) return null;
	return { rss: each.reduce((a, m) => a + m.rss, 0), hwm: each.reduce((a, m) => a + m.hwm, 0) };
}

/** CPU time (user + system) a process and its descendants have used so far, in ms, from /proc (Linux; 100 ticks a second); null elsewhere. */
export function cpuTimeMs(pid: number): number | null {
	let total = 0;
	let any = false;
	for (const p of processTree(pid)) {
		try {
			const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			total += (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime (fields 14 and 15)
			any = true;
		} catch {
			// exited meanwhile
		}
	}
	return any ? total : null;
}

/** Samples a process's RSS every `everyMs` and keeps the peak. */
export function rssSampler(pid: number, everyMs = 200) {
	let peak = 0;
	let samples = 0;
	const take = () => {
		const m = memoryOf(pid);
		if (m && Number.isFinite(m.rss)) {
			peak = Math.max(peak, m.rss);
			samples++;
		}
	};
	take();
	const timer = setInterval(take, everyMs);
	timer.unref();
	return {
		/** Stops sampling; the peak sampled RSS and the kernel's high-water mark (VmHWM). */
		stop() {
			take();
			clearInterval(timer);
			return { peakSampledRss: peak, samples, hwm: memoryOf(pid)?.hwm ?? null };
		}
	};
}

/** Keeps the last lines a child wrote (shown when something goes wrong) and counts error lines. */
export function captureOutput(child: ChildProcess, keep = 200) {
	const lines: string[] = [];
	let errors = 0;
	let warnings = 0;
	const take = (chunk: Buffer) => {
		for (const line of chunk.toString('utf8').split('\n')) {
			if (!line.trim()) continue;
			if (/"level":"error"|\berror\b/i.test(line)) errors++;
			else if (/"level":"warn"/i.test(line)) warnings++;
			lines.push(line);
			if (lines.length > keep) lines.shift();
		}
	};
	child.stdout?.on('data', take);
	child.stderr?.on('data', take);
	return {
		lines,
		get errors() {
			return errors;
		},
		get warnings() {
			return warnings;
		},
		tail: (n = 30) => lines.slice(-n).join('\n')
	};
}

/** Sends a request to a child over IPC and waits for the answer of the same type. */
export function ask<T>(child: ChildProcess, message: { type: string } & Record<string, unknown>): Promise<T> {
	return new Promise((resolve, reject) => {
		const onMessage = (m: { type: string; error?: string }) => {
			if (m.type === 'error') {
				cleanup();
				reject(new Error(m.error));
			} else if (m.type === message.type) {
				cleanup();
				resolve(m as T);
			}
		};
		const onExit = (code: number | null, signal: string | null) => {
			cleanup();
			reject(new Error(`child exited while answering "${message.type}" (${signal ?? `exit code ${code}`})`));
		};
		const cleanup = () => {
			child.off('message', onMessage);
			child.off('exit', onExit);
		};
		child.on('message', onMessage);
		child.once('exit', onExit);
		child.send(message);
	});
}
