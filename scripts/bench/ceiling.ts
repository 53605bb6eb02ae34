/** The machine's ceiling for a page of a given size: a bare node:http server in its own process. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { freePort, start, stop, tsx } from './procs';
import { measure, type LoadOptions, type LoadResult } from './load';
import { Probe, probeArgs } from './probe';

/** Headers the app sent that the ceiling server repeats (the rest vary per request or describe the body). */
const SKIP = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'set-cookie', 'content-type']);

/**
 * `burnMs`: CPU each answer burns first (the control for a page of that cost: what the machine,
 * the load generator and Node do to a server that busy, with no app); `turns`: start requests as
 * the app does (src/lib/server/turns.ts).
 */
export async function measureCeiling(bytes: number, appHeaders: Headers, opts: LoadOptions, control: { burnMs?: number; turns?: boolean } = {}): Promise<LoadResult & { bodyBytes: number; burnMs: number; turns: boolean }> {
	const port = await freePort();
	const headers: Record<string, string> = {};
	appHeaders.forEach((value, name) => {
		if (!SKIP.has(name.toLowerCase())) headers[name] = value;
	});
	const probe = new Probe(mkdtempSync(join(os.tmpdir(), 'lmn-bench-ceiling-')));
	const child = start(process.execPath, [...probeArgs, ...tsx('./ceiling-server.ts')], {
		env: { ...process.env, PORT: String(port), BODY_BYTES: String(bytes), BODY_HEADERS: JSON.stringify(headers), BENCH_PROBE_DIR: probe.dir, BURN_MS: String(control.burnMs ?? 0), TAKE_TURNS: control.turns ? '1' : '0' },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	try {
		const ready = await new Promise<{ bytes: number }>((resolve, reject) => {
			child.once('message', (m: { type: string; bytes: number }) => resolve(m));
			child.once('exit', (code) => reject(new Error(`The ceiling server exited (code ${code})`)));
		});
		const result = await measure(`http://127.0.0.1:${port}/`, { ...opts, serverPid: child.pid, probe });
		return { ...result, bodyBytes: ready.bytes, burnMs: control.burnMs ?? 0, turns: control.turns ?? false };
	} finally {
		await stop(child);
		rmSync(probe.dir, { recursive: true, force: true });
	}
}
