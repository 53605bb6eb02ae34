// `node serve.js`: the built app (`build/`) in one worker process per core, all on PORT.
//
// `node build` is one process, so it uses one core. On a machine with more, this runs
// WEB_CONCURRENCY copies of it (default: one per core) with node:cluster, which shares the
// listening socket between them. SQLite in WAL mode lets every worker read at once; writes
// take turns (busy_timeout). Sessions, rate limits, the outbox and digest state are all in the
// database, so any worker can serve any request.
//
// - The first worker starts alone: it applies migrations and seeds an empty database before the
//   others open it. It alone runs the scheduler (digests, mail, housekeeping) unless JOBS=0;
//   the others run with JOBS=0.
// - A worker that dies after it was serving is replaced (after a second); one that dies before
//   it ever listened stops everything with its exit code (a bad setting would only repeat).
// - SIGTERM / SIGINT are passed to the workers, which finish their requests (adapter-node's
//   graceful shutdown, SHUTDOWN_TIMEOUT); this process exits when they have.
import cluster from 'node:cluster';
import os from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const entry = resolve(root, process.env.BUILD_DIR || 'build', 'index.js');

// Library uploads stream past adapter-node's 512 KB default body limit; hooks.server.ts keeps
// 512 KB for every other route (see README, "Uploads").
process.env.BODY_SIZE_LIMIT ??= 'Infinity';

if (cluster.isPrimary) {
	const raw = process.env.WEB_CONCURRENCY;
	const count = raw == null || raw === '' ? os.availableParallelism() : Number(raw);
	if (!Number.isInteger(count) || count < 1 || count > 64) {
		console.error(`WEB_CONCURRENCY must be a whole number from 1 to 64 (got "${raw}").`);
		process.exit(2);
	}
	const jobs = process.env.JOBS ?? '1';
	/** slot → its worker; slot 0 runs the scheduler. */
	const slots = new Map();
	const listened = new Set();
	let stopping = false;
	let exitCode = 0;

	const fork = (slot) => {
		const worker = cluster.fork({ JOBS: slot === 0 ? jobs : '0', WORKER_SLOT: String(slot) });
		slots.set(slot, worker);
		worker.once('listening', () => {
			listened.add(worker.id);
			// The first worker has migrated and seeded: now the others can start.
			if (slot === 0 && slots.size === 1) for (let s = 1; s < count; s++) fork(s);
		});
		worker.once('exit', (code, signal) => {
			if (slots.get(slot) === worker) slots.delete(slot);
			if (stopping) {
				if (slots.size === 0) process.exit(exitCode);
				return;
			}
			if (!listened.has(worker.id)) {
				console.error(`Worker ${slot + 1} stopped before it could serve (${signal ?? `exit code ${code}`}); stopping.`);
				exitCode = code || 1;
				stop('SIGTERM');
				return;
			}
			console.error(`Worker ${slot + 1} stopped (${signal ?? `exit code ${code}`}); starting a new one.`);
			setTimeout(() => !stopping && fork(slot), 1000).unref();
		});
	};

	const stop = (signal) => {
		if (stopping) return;
		stopping = true;
		if (slots.size === 0) process.exit(exitCode);
		for (const worker of slots.values()) worker.process.kill(signal);
		// adapter-node waits up to SHUTDOWN_TIMEOUT seconds for open requests; then it is over.
		const grace = (Number(process.env.SHUTDOWN_TIMEOUT) || 30) * 1000 + 5000;
		setTimeout(() => {
			for (const worker of slots.values()) worker.process.kill('SIGKILL');
		}, grace).unref();
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));

	console.log(`Starting ${count} worker${count === 1 ? '' : 's'} (WEB_CONCURRENCY=${count})`);
	fork(0);
} else {
	// adapter-node closes the server on SIGTERM/SIGINT and then emits this; the IPC channel to
	// the primary would keep the worker alive, so let go of it and the worker exits.
	process.once('sveltekit:shutdown', () => process.disconnect?.());
	await import(entry);
}
