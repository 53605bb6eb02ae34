/**
 * Child process (DATA_DIR = the page run's copy of the database): works through the library's
 * text-extraction queue with the app's own job (`runDue`, as the scheduler runs it, off the
 * request path) and says how long it took and how many pages it indexed.
 *
 * Asked over IPC: { type: 'extract' } → { type: 'extract', ms, done, pages, hwmBytes }.
 */
import { readFileSync } from 'node:fs';
import { sqlite, closeDatabase } from '../../src/lib/server/db/client';
import { runDue, waiting } from '../../src/lib/server/library/text';

export type Extracted = { type: 'extract'; ms: number; done: number; pages: number; hwmBytes: number | null };

function hwm(): number | null {
	try {
		const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
		return kb ? Number(kb) * 1024 : null;
	} catch {
		return null;
	}
}

async function answer(): Promise<Extracted> {
	if (waiting() !== 1) throw new Error(`Expected one file waiting for extraction, found ${waiting()}`);
	const before = (sqlite().prepare('SELECT count(*) AS n FROM library_text').get() as { n: number }).n;
	const t = performance.now();
	const { done, failed } = await runDue(Date.now(), { limit: 1, budgetMs: 600_000 });
	const ms = performance.now() - t;
	if (done !== 1 || failed) throw new Error(`Extraction did not finish (done ${done}, failed ${failed})`);
	const after = (sqlite().prepare('SELECT count(*) AS n FROM library_text').get() as { n: number }).n;
	return { type: 'extract', ms, done, pages: after - before, hwmBytes: hwm() };
}

process.on('message', () => {
	answer().then(
		(a) =>
			process.send!(a, () => {
				closeDatabase();
				process.exit(0);
			}),
		(err) => process.send!({ type: 'error', error: err instanceof Error ? err.message : String(err) }, () => process.exit(1))
	);
});
