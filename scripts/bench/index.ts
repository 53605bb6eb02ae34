/**
 * `npm run bench` (issue 8): pages, writes under load, library uploads and text extraction
 * (issue 15) and digests on the large synthetic network, each against the machine's own ceiling. Prints a table and writes bench-results.json.
 *
 *   npm run bench -- [--data-dir bench-data] [--duration 10] [--connections 32] [--out bench-results.json]
 *
 * Exits 0 whether or not the targets are met (the figures are the result); exits 1 when
 * something is broken: a page that is not the expected page, non-2xx answers, a refused
 * reply, digests not all delivered.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { readOptions } from './args';
import { copyDatabase, ensureBuild, ensureNetwork, type Manifest } from './prepare';
import { installCleanup, memoryOf, root, rssSampler } from './procs';
import { signIn, startApp } from './server';
import { checkPage, pageSpecs } from './pages';
import { measureCeiling } from './ceiling';
import { measureFloor } from './floor';
import { measure, profiledRun } from './load';
import { writesUnderLoad } from './writes';
import { runDigests } from './digests';
import { libraryRun } from './library';
import { runInbound } from './inbound';
import { describeRun, gitState, judge, machine, print, type PageRun, type Results } from './report';
import { summarise } from './profile-summary';

installCleanup();
const opts = readOptions();
const log = (m: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}`);

async function pagePhase(manifest: Manifest, tmp: string, results: Results) {
	const dir = join(tmp, 'pages');
	const copy = await copyDatabase(opts.dataDir, dir);
	log(`database copied for the page run (${(copy.bytes / 1024 ** 2).toFixed(0)} MB in ${(copy.ms / 1000).toFixed(1)} s)`);
	const a = manifest.accounts;
	const facts = await signIn(dir, {
		emails: [a.member, a.mentor, a.coordinator, ...(a.newMember ? [a.newMember] : []), ...a.posters],
		twentyPost: manifest.threads.twentyPost,
		long: manifest.threads.long,
		mentor: a.mentor,
		region: a.coordinatorRegion
	});
	const token = (email: string) => facts.accounts[email].token;
	const cpuProf = opts.cpuProf ? resolve(root, opts.cpuProf, 'server') : null;
	const app = await startApp(dir, { cpuProf, workers: opts.workers });
	log(`app server started at ${app.origin} (pid ${app.pid}${opts.workers > 1 ? `, node serve.js with ${opts.workers} workers` : ', node build'})`);
	const startRss = memoryOf(app.pid)?.rss ?? null;
	const sampler = rssSampler(app.pid);
	try {
		const all = pageSpecs(manifest, facts);
		const unknown = [...(opts.pages ?? [])].filter((k) => !all.some((s) => s.key === k));
		if (unknown.length) throw new Error(`--pages: no page called ${unknown.join(', ')} (pages: ${all.map((s) => s.key).join(', ')})`);
		// The 20-post thread is always checked: the ceiling and the writes run are sized by it.
		const specs = opts.pages ? all.filter((s) => opts.pages!.has(s.key) || s.key === 'thread-20') : all;
		const measured = opts.pages ? specs.filter((s) => opts.pages!.has(s.key)) : specs;
		const checked = new Map<string, Awaited<ReturnType<typeof checkPage>>>();
		for (const spec of specs) {
			const c = await checkPage(app.origin, spec, token(spec.as));
			checked.set(spec.key, c);
			log(`checked ${spec.label}: ${spec.path} as ${spec.as}, 200, ${c.bytes} bytes, first request ${c.ms.toFixed(0)} ms`);
		}
		const load = { connections: opts.connections, duration: opts.duration, warmup: opts.warmup };
		if (!opts.skip.has('pages')) {
			const twenty = checked.get('thread-20')!;
			log(`ceiling: bare node:http serving ${twenty.bytes} bytes …`);
			results.ceiling = await measureCeiling(twenty.bytes, twenty.headers, load);
			log(`ceiling: ${describeRun(results.ceiling)}`);
			log(`floor: a minimal SvelteKit app (scripts/bench/floor) with a ${twenty.bytes}-byte page …`);
			results.floor = await measureFloor(twenty.bytes, { ...load, profileSeconds: opts.profileSeconds }, log);
			log(`floor: ${results.floor.bodyBytes} bytes, ${describeRun(results.floor)}`);
			const pages: PageRun[] = [];
			for (const spec of measured) {
				const headers = { cookie: `session=${token(spec.as)}` };
				const r = await measure(app.origin + spec.path, { ...load, serverPid: app.pid, probe: app.probe, headers });
				const profile = opts.profileSeconds > 0 ? await profiledRun(app.origin + spec.path, { connections: opts.connections, seconds: opts.profileSeconds, headers, probe: app.probe }) : undefined;
				pages.push({ spec: { key: spec.key, label: spec.label, path: spec.path, as: spec.as, target: spec.target, notes: spec.notes }, bytes: checked.get(spec.key)!.bytes, load: r, profile });
				log(`${spec.label}: ${describeRun(r)}`);
				if (r.non2xx > 0 || r.errors > 0) results.problems.push(`${spec.label}: ${r.non2xx} non-2xx answers (${JSON.stringify(r.statusCodes)}), ${r.errors} errors, ${r.timeouts} timeouts`);
				await checkPage(app.origin, spec, token(spec.as)); // still the same page after the load
			}
			results.pages = pages;
			// The control: a bare node:http server burning the 20-post thread's CPU per request, as is
			// and taking turns as the app does — what this machine, autocannon and Node give a server that
			// busy, with no app in it.
			const twentyRun = pages.find((p) => p.spec.key === 'thread-20')?.load;
			const burnMs = twentyRun?.serverCpuMsPerRequest != null ? Math.max(0, twentyRun.serverCpuMsPerRequest - results.ceiling.serverCpuMsPerRequest!) : null;
			if (burnMs != null) {
				results.controls = [];
				for (const turns of [false, true]) {
					log(`control: bare node:http burning ${burnMs.toFixed(2)} ms per request${turns ? ', taking turns' : ''} …`);
					const c = await measureCeiling(twenty.bytes, twenty.headers, load, { burnMs, turns });
					results.controls.push(c);
					log(`control${turns ? ' (turns)' : ''}: ${describeRun(c)}`);
				}
			}
		}
		if (!opts.skip.has('writes')) {
			const twenty = specs.find((s) => s.key === 'thread-20')!;
			const target = facts.threads.long;
			if (target.locked) throw new Error(`Thread ${target.id} (the long thread) is locked: replies would be refused`);
			log(`writes: ${a.posters.length} posters reply in thread ${target.id} at ${opts.postRate}/s while ${twenty.label} is loaded for ${opts.writeDuration} s …`);
			results.writes = await writesUnderLoad({
				origin: app.origin,
				readUrl: app.origin + twenty.path,
				readToken: token(twenty.as),
				threadId: target.id,
				tokens: a.posters.map((email) => ({ email, token: token(email) })),
				ratePerS: opts.postRate,
				durationS: opts.writeDuration,
				connections: opts.connections
			});
			const w = results.writes;
			log(`writes: ${w.posted}/${w.attempted} posted, p50 ${w.latencyMs.p50.toFixed(1)} ms, p99 ${w.latencyMs.p99.toFixed(1)} ms; reads ${w.readLoad.rps.toFixed(0)} req/s, p99 ${w.readLoad.latencyMs.p99} ms`);
			if (w.refused.length) results.problems.push(`${w.refused.length} replies refused, e.g. ${w.refused.slice(0, 3).map((x) => `${x.status} ${x.detail}`).join('; ')}`);
			if (w.readLoad.non2xx > 0 || w.readLoad.errors > 0) results.problems.push(`20-post thread during writes: ${w.readLoad.non2xx} non-2xx, ${w.readLoad.errors} errors`);
		}
		if (!opts.skip.has('library')) {
			const twenty = specs.find((s) => s.key === 'thread-20')!;
			results.library = await libraryRun({
				origin: app.origin,
				serverPid: app.pid,
				dataDir: dir,
				sessions: a.posters.slice(0, 5).map((email) => ({ email, token: token(email) })),
				readUrl: app.origin + twenty.path,
				readToken: token(twenty.as),
				load,
				aloneP99Ms: results.pages?.find((p) => p.spec.key === 'thread-20')?.load.latencyMs.p99 ?? null,
				log
			});
			const l = results.library.threadDuringUploads.load;
			if (l.non2xx > 0 || l.errors > 0) results.problems.push(`20-post thread during uploads: ${l.non2xx} non-2xx, ${l.errors} errors`);
			if (!results.library.extraction.foundOnLastPage) results.problems.push('library search did not find the word on page 100 of the extracted PDF');
		}
	} finally {
		const mem = sampler.stop();
		// With several processes their high-water marks fall at different moments: the sampled peak of the sum is the figure.
		results.serverMemory = { startRssBytes: startRss, peakSampledRssBytes: mem.peakSampledRss, hwmBytes: opts.workers > 1 ? null : mem.hwm, samples: mem.samples, logErrors: app.output.errors, logWarnings: app.output.warnings };
		if (app.output.errors > 0) log(`the server logged ${app.output.errors} error lines; last lines:\n${app.output.tail(20)}`);
		await app.stop();
	}
	if (cpuProf) log(`CPU profile written to ${cpuProf} (figures under --cpu-prof are slower than without)\n${summarise(cpuProf)}`);
}

async function main() {
	const loadStart = os.loadavg();
	const manifest = await ensureNetwork(opts.dataDir);
	const serving = !opts.skip.has('pages') || !opts.skip.has('writes') || !opts.skip.has('library');
	const inbound = !opts.skip.has('inbound');
	const build = serving || inbound ? await ensureBuild() : { built: false, ms: 0 };
	const results: Results = {
		date: new Date().toISOString(),
		machine: machine(),
		git: gitState(),
		options: { ...opts, skip: [...opts.skip], pages: opts.pages ? [...opts.pages] : null },
		network: { dataDir: opts.dataDir, seed: manifest.seed, now: new Date(manifest.now).toISOString(), counts: manifest.counts },
		build,
		targets: [],
		problems: [],
		loadAverage: { start: loadStart, end: [] }
	};
	const tmp = mkdtempSync(join(os.tmpdir(), 'lmn-bench-'));
	try {
		if (serving) await pagePhase(manifest, tmp, results);
		if (inbound) {
			// Mail in (issue 14): its own copy of the network and its own server, with the scheduler and the SMTP receiver on.
			const i = await runInbound({ dataDir: opts.dataDir, tmp, reader: manifest.accounts.member, threadId: manifest.threads.twentyPost, messages: opts.inboundMessages, ratePerS: 5, durationS: opts.writeDuration, connections: opts.connections, log });
			results.inbound = i;
			results.problems.push(...i.problems);
		}
		if (!opts.skip.has('digests')) {
			log('digests: copying the database and running every personal digest due …');
			const cpuProf = opts.cpuProf ? resolve(root, opts.cpuProf, 'digests') : null;
			const d = await runDigests({ dataDir: opts.dataDir, tmp, networkNow: manifest.now, sinkMessages: opts.sinkMessages, cpuProf });
			if (cpuProf) log(`CPU profile of the digest run written to ${cpuProf} (under --cpu-prof, the figures are slower than without)\n${summarise(cpuProf)}`);
			results.digests = d;
			results.problems.push(...d.problems);
			log(`digests: ${d.accepted} accepted in ${(d.totalMs / 1000).toFixed(1)} s (${d.perS.toFixed(0)}/s); sink ceiling ${d.ceiling.perS.toFixed(0)}/s`);
		}
	} finally {
		if (opts.keep) log(`kept the database copies in ${tmp}`);
		else rmSync(tmp, { recursive: true, force: true });
	}
	results.loadAverage.end = os.loadavg();
	judge(results);
	const out = resolve(root, opts.out);
	writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
	console.log('\n' + print(results));
	console.log(`\nResults written to ${opts.out}.`);
	return results.problems.length === 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(err) => {
		console.error(`\nThe benchmark could not finish: ${err instanceof Error ? err.message : String(err)}`);
		if (err instanceof Error && process.env.DEBUG) console.error(err.stack);
		process.exit(1);
	}
);
