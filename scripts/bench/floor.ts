/**
 * The floor: the minimal SvelteKit app in scripts/bench/floor (see its README), built into a
 * temporary folder with the repository's node_modules and served with `node build`, its page
 * sized like the app's 20-post thread page. What a page costs beyond it is the app's own work.
 */
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import { captureOutput, finished, freePort, root, start, stop, waitForHttp } from './procs';
import { measure, profiledRun, type LoadOptions, type LoadResult, type PhaseSplit } from './load';
import { Probe, probeArgs } from './probe';

const SOURCE = fileURLToPath(new URL('./floor', import.meta.url));

export type FloorRun = LoadResult & { bodyBytes: number; targetBytes: number; buildMs: number; profile?: PhaseSplit };

/** Copies the floor app into a temporary folder and builds it there (vite build, as the app is built). */
async function build(): Promise<{ dir: string; ms: number }> {
	const dir = mkdtempSync(join(os.tmpdir(), 'lmn-bench-floor-'));
	cpSync(SOURCE, dir, { recursive: true, filter: (src) => !/[/\\](\.svelte-kit|build|node_modules)$/.test(src) });
	symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
	const t = performance.now();
	const child = start(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
	const output = captureOutput(child, 60);
	try {
		await finished(child, 'vite build (floor app)');
	} catch (err) {
		rmSync(dir, { recursive: true, force: true });
		throw new Error(`${(err as Error).message}\n${output.tail(60)}`);
	}
	return { dir, ms: Math.round(performance.now() - t) };
}

async function serve(dir: string, textBytes: number, probe: Probe): Promise<{ child: ChildProcess; origin: string }> {
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const child = start(process.execPath, [...probeArgs, join(dir, 'build', 'index.js')], {
		cwd: dir,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: origin, NODE_ENV: 'production', FLOOR_TEXT_BYTES: String(textBytes), BENCH_PROBE_DIR: probe.dir },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const output = captureOutput(child);
	try {
		await waitForHttp(`${origin}/`, child, 60_000, 'The floor app');
	} catch (err) {
		await stop(child);
		throw new Error(`${(err as Error).message}\n${output.tail()}`);
	}
	return { child, origin };
}

const pageBytes = async (origin: string) => Buffer.byteLength(await (await fetch(`${origin}/`)).text());

/**
 * Builds the floor app, sizes its page to `targetBytes` (the posts' text appears twice, in the
 * HTML and in the serialised data: one run with none gives the rest), and measures it.
 */
export async function measureFloor(targetBytes: number, opts: LoadOptions & { profileSeconds: number }, log: (m: string) => void): Promise<FloorRun> {
	const built = await build();
	const probe = new Probe(join(built.dir, 'probe'));
	try {
		log(`floor app built in ${(built.ms / 1000).toFixed(1)} s; sizing its page to ${targetBytes} bytes …`);
		let server = await serve(built.dir, 0, probe);
		const empty = await pageBytes(server.origin);
		await stop(server.child);
		let text = Math.max(0, Math.round((targetBytes - empty) / 2));
		server = await serve(built.dir, text, probe);
		let bodyBytes = await pageBytes(server.origin);
		if (text > 0 && bodyBytes !== empty && Math.abs(bodyBytes - targetBytes) > targetBytes * 0.005) {
			// One correction along the measured slope (bytes of page per byte of text).
			text = Math.max(0, Math.round(text + (targetBytes - bodyBytes) / ((bodyBytes - empty) / text)));
			await stop(server.child);
			server = await serve(built.dir, text, probe);
			bodyBytes = await pageBytes(server.origin);
		}
		try {
			const result = await measure(`${server.origin}/`, { ...opts, serverPid: server.child.pid, probe });
			const profile = opts.profileSeconds > 0 ? await profiledRun(`${server.origin}/`, { connections: opts.connections, seconds: opts.profileSeconds, probe }) : undefined;
			return { ...result, bodyBytes, targetBytes, buildMs: built.ms, profile };
		} finally {
			await stop(server.child);
		}
	} finally {
		rmSync(built.dir, { recursive: true, force: true });
	}
}
