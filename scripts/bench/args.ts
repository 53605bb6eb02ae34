/** The benchmark's command-line options (`npm run bench -- --duration 5`). */
import { parseArgs } from 'node:util';

export type Options = {
	/** The large network's data directory (app.db + large-network.json); never written to. */
	dataDir: string;
	/** Seconds of each measured page run. */
	duration: number;
	/** Seconds of warm-up before each measured run. */
	warmup: number;
	/** Concurrent connections of each page run. */
	connections: number;
	/** Seconds of the writes-under-read-load run. */
	writeDuration: number;
	/** Reply posts per second (all posters together) during the writes run. */
	postRate: number;
	/** Pre-built messages nodemailer sends for the SMTP sink's ceiling. */
	sinkMessages: number;
	/** Where the results go. */
	out: string;
	/** Skip phases (for working on one part): pages, writes, library, inbound, digests. */
	skip: Set<string>;
	/** Measure only these pages (keys, e.g. thread-20,thread-list); null for all. */
	pages: Set<string> | null;
	/** Server processes: 1 = `node build` (the default); more = `node serve.js` with WEB_CONCURRENCY. */
	workers: number;
	/** Write a CPU profile of the server (node --cpu-prof) into this folder. */
	cpuProf: string | null;
	/** Seconds of the extra run under the CPU profiler after each page's measured run (0: none). */
	profileSeconds: number;
	/** Keep the temporary copies of the database. */
	keep: boolean;
	/** Replies sent into the SMTP receiver for the mail-in throughput run (inbound.ts). */
	inboundMessages: number;
};

const USAGE = `Usage: npm run bench -- [--data-dir bench-data] [--duration 10] [--connections 32] [--out bench-results.json]
  --warmup <s>          warm-up before each measured run (default 3)
  --write-duration <s>  length of the writes-under-read-load run (default 20)
  --post-rate <n>       reply posts per second during that run, all 50 posters together (default 5)
  --sink-messages <n>   messages for the SMTP sink's ceiling (default 5000)
  --skip <list>         skip phases, comma-separated: pages, writes, library, inbound, digests
  --inbound-messages <n> replies sent into the SMTP receiver for the mail-in run (default 1000)
  --pages <list>        measure only these pages, comma-separated keys: thread-list, thread-20,
                        thread-long-last, search-common, search-rare, mentor-dashboard,
                        region-table, mentoring-coordinate, home, members, library,
                        library-search, new-member-home, induction-region
  --workers <n>         serve with n processes (node serve.js, WEB_CONCURRENCY=n); default 1 (node build)
  --cpu-prof <dir>      run the server under node --cpu-prof, profiles written to <dir>
  --profile-seconds <s> after each page's measured run, a run this long under the CPU profiler
                        splits its CPU into session, load, SQL, render, serialisation (default 3; 0: none)
  --keep                keep the temporary database copies`;

function number(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
	if (raw === undefined) return fallback;
	const n = Number(raw);
	if (!Number.isFinite(n) || n < min || n > max) {
		console.error(`--${name} must be a number from ${min} to ${max} (got ${raw}).\n\n${USAGE}`);
		process.exit(2);
	}
	return n;
}

export function readOptions(argv = process.argv.slice(2)): Options {
	let values;
	try {
		({ values } = parseArgs({
			args: argv,
			options: {
				'data-dir': { type: 'string', default: 'bench-data' },
				duration: { type: 'string' },
				warmup: { type: 'string' },
				connections: { type: 'string' },
				'write-duration': { type: 'string' },
				'post-rate': { type: 'string' },
				'sink-messages': { type: 'string' },
				out: { type: 'string', default: 'bench-results.json' },
				skip: { type: 'string', default: '' },
				pages: { type: 'string' },
				workers: { type: 'string' },
				'cpu-prof': { type: 'string' },
				'profile-seconds': { type: 'string' },
				keep: { type: 'boolean', default: false },
				'inbound-messages': { type: 'string' },
				help: { type: 'boolean', default: false }
			}
		}));
	} catch (err) {
		console.error(`${(err as Error).message}\n\n${USAGE}`);
		process.exit(2);
	}
	if (values.help) {
		console.log(USAGE);
		process.exit(0);
	}
	const skip = new Set(values.skip.split(',').map((s) => s.trim()).filter(Boolean));
	for (const s of skip) {
		if (!['pages', 'writes', 'library', 'inbound', 'digests'].includes(s)) {
			console.error(`--skip takes pages, writes, library, inbound and/or digests (got ${s}).`);
			process.exit(2);
		}
	}
	return {
		dataDir: values['data-dir'],
		duration: number('duration', values.duration, 10, 1, 600),
		warmup: number('warmup', values.warmup, 3, 0, 60),
		connections: number('connections', values.connections, 32, 1, 1000),
		writeDuration: number('write-duration', values['write-duration'], 20, 1, 600),
		// 50 posters × 10 posts a minute (the app's limit) = 8.3 a second at most.
		postRate: number('post-rate', values['post-rate'], 5, 0.1, 8),
		sinkMessages: number('sink-messages', values['sink-messages'], 5000, 100, 1_000_000),
		out: values.out,
		skip,
		pages: values.pages ? new Set(values.pages.split(',').map((s) => s.trim()).filter(Boolean)) : null,
		workers: number('workers', values.workers, 1, 1, 16),
		cpuProf: values['cpu-prof'] ?? null,
		profileSeconds: number('profile-seconds', values['profile-seconds'], 3, 0, 60),
		keep: values.keep,
		inboundMessages: number('inbound-messages', values['inbound-messages'], 1000, 10, 100_000)
	};
}
