/**
 * Preloaded into the servers the benchmark starts (`node --import ./scripts/bench/server-probe.js
 * build/index.js`), never part of the app: the build knows nothing of it, so it cannot be on in
 * production by accident. It does nothing unless BENCH_PROBE_DIR is set, and then answers only
 * on a Unix socket in that folder (`<pid>.sock`, one per process, so every worker of
 * `node serve.js` has its own), never on a TCP port.
 *
 * What it measures inside the server, from the last reset:
 * - event-loop delay (perf_hooks.monitorEventLoopDelay, 10 ms resolution): p50, p99, max;
 * - garbage collection (PerformanceObserver 'gc'): count, total and longest pause by kind;
 * - requests as the server saw them (diagnostics_channel http.server.request.start →
 *   response.finish): count, p50, p99, max — set beside the load generator's latencies, this
 *   separates time spent in the server from time spent before it (connecting, queueing);
 * - connections accepted and closed (net.server.socket), and which side closed them.
 * And on request a CPU profile (node:inspector) between /profile/start and /profile/stop.
 *
 *   GET  /stats          → the figures above (JSON)
 *   POST /reset          → starts counting afresh
 *   POST /profile/start  → starts the CPU profiler
 *   POST /profile/stop   → stops it; the .cpuprofile JSON is the answer
 */
import dc from 'node:diagnostics_channel';
import http from 'node:http';
import inspector from 'node:inspector';
import { join } from 'node:path';
import { createHistogram, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { rmSync } from 'node:fs';

const dir = process.env.BENCH_PROBE_DIR;
if (dir) start(dir);

function start(dir) {
	const loop = monitorEventLoopDelay({ resolution: 10 });
	loop.enable();
	const requests = createHistogram();
	const gcKinds = { 1: 'scavenge', 2: 'mark-compact', 4: 'incremental', 8: 'weak-callbacks', 15: 'all' };
	let gc = {};
	let conns = { opened: 0, closedByClient: 0, closedByServer: 0, errors: 0 };
	let since = Date.now();

	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) {
			const kind = gcKinds[e.detail?.kind ?? e.kind] ?? 'other';
			const g = (gc[kind] ??= { count: 0, totalMs: 0, maxMs: 0 });
			g.count++;
			g.totalMs += e.duration;
			g.maxMs = Math.max(g.maxMs, e.duration);
		}
	}).observe({ entryTypes: ['gc'] });

	const started = new WeakMap();
	const accepted = new WeakMap();
	const firstWait = createHistogram();
	let acceptTimes = [];
	dc.subscribe('http.server.request.start', ({ request, socket, server }) => {
		if (server === probe) return;
		const now = process.hrtime.bigint();
		started.set(request, now);
		const at = accepted.get(socket);
		if (at != null) {
			accepted.delete(socket);
			firstWait.record(Math.max(1, Number((now - at) / 1000n)));
		}
	});
	dc.subscribe('http.server.response.finish', ({ request }) => {
		const t = started.get(request);
		if (t != null) requests.record(Math.max(1, Number((process.hrtime.bigint() - t) / 1000n)));
	});
	dc.subscribe('net.server.socket', ({ socket }) => {
		if (socket.localPort == null) return; // this probe's own Unix socket
		conns.opened++;
		if (acceptTimes.length < 100) acceptTimes.push(Date.now());
		accepted.set(socket, process.hrtime.bigint());
		let clientEnded = false;
		socket.once('end', () => (clientEnded = true));
		socket.once('error', () => conns.errors++);
		socket.once('close', () => (clientEnded ? conns.closedByClient++ : conns.closedByServer++));
	});

	const ms = (ns) => Math.round(ns / 1e4) / 100;
	const us = (v) => Math.round(v / 10) / 100;
	const stats = () => ({
		pid: process.pid,
		sinceMs: Date.now() - since,
		loopDelayMs: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max), mean: ms(loop.mean), samples: loop.count },
		gc,
		requests: { count: requests.count, p50Ms: us(requests.percentile(50)), p99Ms: us(requests.percentile(99)), p999Ms: us(requests.percentile(99.9)), maxMs: us(requests.max) },
		acceptTimes,
		connections: { ...conns, firstRequestWaitMs: { p50: us(firstWait.percentile(50)), max: us(firstWait.max), count: firstWait.count } },
		memory: process.memoryUsage()
	});
	const reset = () => {
		loop.reset();
		requests.reset();
		firstWait.reset();
		acceptTimes = [];
		gc = {};
		conns = { opened: 0, closedByClient: 0, closedByServer: 0, errors: 0 };
		since = Date.now();
	};

	let session = null;
	const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (err, r) => (err ? reject(err) : resolve(r))));

	const probe = http.createServer(async (req, res) => {
		const send = (status, body) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(typeof body === 'string' ? body : JSON.stringify(body));
		};
		try {
			if (req.method === 'GET' && req.url === '/stats') return send(200, stats());
			if (req.method === 'POST' && req.url === '/reset') return send(200, (reset(), { ok: true }));
			if (req.method === 'POST' && req.url === '/profile/start') {
				session ??= new inspector.Session();
				session.connect();
				await post('Profiler.enable');
				await post('Profiler.setSamplingInterval', { interval: 200 });
				await post('Profiler.start');
				return send(200, { ok: true });
			}
			if (req.method === 'POST' && req.url === '/profile/stop' && session) {
				const { profile } = await post('Profiler.stop');
				session.disconnect();
				return send(200, JSON.stringify(profile));
			}
			send(404, { error: 'no such probe' });
		} catch (err) {
			send(500, { error: String(err) });
		}
	});
	const path = join(dir, `${process.pid}.sock`);
	rmSync(path, { force: true });
	probe.listen(path);
	probe.unref();
	process.once('exit', () => rmSync(path, { force: true }));
}
