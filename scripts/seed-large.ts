/**
 * Builds the large synthetic network for measuring scale, in its own data directory:
 *
 *   npm run seed:large -- --data-dir bench-data [--seed 20261123] [--now 2026-11-22T20:00:00Z] [--force]
 *
 * Writes <dir>/app.db (what the server opens with DATA_DIR=<dir>), <dir>/files/ (the library's
 * files) and <dir>/large-network.json
 * (counts, the accounts, threads and words the benchmark uses). Never touches the default
 * database: --data-dir is required, and must not be the app's ./data. An existing database is
 * left alone unless --force. The clock is fixed by default so the same seed gives the same network.
 */
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const DEFAULT_NOW = '2026-11-22T20:00:00Z';

function fail(message: string): never {
	console.error(message);
	process.exit(2);
}

const { values } = parseArgs({
	options: {
		'data-dir': { type: 'string' },
		seed: { type: 'string', default: '20261123' },
		now: { type: 'string', default: DEFAULT_NOW },
		force: { type: 'boolean', default: false },
		// Smaller networks for tests of the seeder itself: e.g. --scale 0.02
		scale: { type: 'string', default: '1' }
	}
});

const dirArg = values['data-dir'];
if (!dirArg) fail('Usage: npm run seed:large -- --data-dir <dir> [--seed N] [--now ISO] [--force]\nThe directory is required, so the large network never lands in the app’s own database.');
const dir = resolve(dirArg);
if (dir === resolve('data') || (process.env.DATA_DIR && dir === resolve(process.env.DATA_DIR))) fail(`Refusing to build the large network in ${dir}: that is the app’s own data directory. Choose another, e.g. --data-dir bench-data.`);
const seed = Number(values.seed);
if (!Number.isInteger(seed)) fail(`--seed must be a whole number (got ${values.seed}).`);
const now = Date.parse(values.now!);
if (!Number.isFinite(now)) fail(`--now must be a date and time, e.g. ${DEFAULT_NOW} (got ${values.now}).`);
const scale = Number(values.scale);
if (!(scale > 0 && scale <= 1)) fail(`--scale must be more than 0 and at most 1 (got ${values.scale}).`);

const dbPath = resolve(dir, 'app.db');
if (existsSync(dbPath) && statSync(dbPath).size > 0) {
	if (!values.force) fail(`${dbPath} already exists. Use --force to replace it.`);
	for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, resolve(dir, 'large-network.json'), resolve(dir, 'files')]) rmSync(f, { force: true, recursive: true });
}
mkdirSync(dir, { recursive: true });
// Before any app module is imported: the database client reads these once.
process.env.DATA_DIR = dir;
process.env.DATABASE_PATH = dbPath;
process.env.LOG_LEVEL ??= 'warn';

const { seedLarge, LARGE_TARGETS } = await import('../src/lib/server/seed/large/index');
const { closeDatabase } = await import('../src/lib/server/db/client');
const targets = Object.fromEntries(Object.entries(LARGE_TARGETS).map(([k, v]) => [k, Math.max(1, Math.round(v * scale))]));
console.log(`Building the large network in ${dir} (seed ${seed}, clock ${new Date(now).toISOString()}${scale < 1 ? `, scale ${scale}` : ''}) …`);
const manifest = await seedLarge({ seed, now, targets, log: (m) => console.log(m) });
closeDatabase();
writeFileSync(resolve(dir, 'large-network.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`Done in ${(manifest.builtMs / 1000).toFixed(0)} s:`, manifest.counts);
