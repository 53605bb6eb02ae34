/**
 * For integration tests that run the BUILT server as a child process: a build of the app in
 * its own folder (built when the sources are newer, so test files never race on `build/`),
 * and a free port.
 */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { buildIsStale } from '../../scripts/build-state.js';

export const root = resolve(new URL('../..', import.meta.url).pathname);

/** Builds the app into `buildDir` (with its own `.svelte-kit` folder `outDir`) unless a build newer than the sources is there. */
export function ensureBuilt(buildDir: string, outDir: string) {
	if (!buildIsStale(buildDir)) return;
	const r = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build'], {
		cwd: root,
		env: { ...process.env, BUILD_DIR: buildDir, SVELTEKIT_OUT: outDir, NODE_ENV: 'production' },
		encoding: 'utf8'
	});
	if (r.status !== 0) throw new Error(`The build failed:\n${r.stdout}\n${r.stderr}`);
}

export async function freePort(): Promise<number> {
	return (await freePorts(1))[0];
}

/** `n` distinct free ports: the listeners are all open at once, so the system cannot hand out one port twice. */
export async function freePorts(n: number): Promise<number[]> {
	const servers = Array.from({ length: n }, () => createServer());
	const ports = await Promise.all(
		servers.map(
			(s) =>
				new Promise<number>((ok, fail) => {
					s.once('error', fail);
					s.listen(0, '127.0.0.1', () => ok((s.address() as { port: number }).port));
				})
		)
	);
	await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
	return ports;
}
