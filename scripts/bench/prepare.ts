/**
 * Before measuring: the large network (built by `npm run seed:large` when missing), a current
 * production build, and fresh copies of the database for each phase — the benchmark writes
 * (sessions, replies, digests) only to copies, so the seeded network stays as built and every
 * run starts from the same state.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { LargeManifest } from '../../src/lib/server/seed/large/index';
import { buildIsStale } from '../build-state.js';
import { captureOutput, finished, root, start } from './procs';

/** What `npm run seed:large` writes beside the database (the contract the benchmark relies on). */
export type Manifest = LargeManifest;

export function manifestPath(dataDir: string) {
	return join(resolve(root, dataDir), 'large-network.json');
}

/** Builds the large network when its manifest is missing. */
export async function ensureNetwork(dataDir: string): Promise<Manifest> {
	const path = manifestPath(dataDir);
	if (!existsSync(path)) {
		console.log(`No large network in ${dataDir}: building it (npm run seed:large -- --data-dir ${dataDir}) …`);
		const child = start('npm', ['run', 'seed:large', '--', '--data-dir', dataDir], { stdio: 'inherit' });
		await finished(child, 'npm run seed:large');
		if (!existsSync(path)) throw new Error(`npm run seed:large finished but wrote no ${path}`);
	}
	const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
	const missing = ['now', 'counts', 'accounts', 'threads', 'words'].filter((k) => !(k in m));
	if (missing.length) throw new Error(`${path} lacks ${missing.join(', ')}`);
	if (m.accounts.posters.length < 1) throw new Error(`${path} names no posters`);
	if (!existsSync(join(resolve(root, dataDir), 'app.db'))) throw new Error(`${dataDir}/app.db is missing (the manifest is there): rebuild with npm run seed:large -- --data-dir ${dataDir} --force`);
	return m;
}

/** The production build's folder (BUILD_DIR, as svelte.config.js reads it). */
export function buildDir(): string {
	return resolve(root, process.env.BUILD_DIR || 'build');
}

/** Runs `vite build` when the build is missing or older than the sources (as scripts/start.js does). */
export async function ensureBuild(): Promise<{ built: boolean; ms: number }> {
	if (!buildIsStale(buildDir())) return { built: false, ms: 0 };
	console.log(`Building the app into ${buildDir()} (vite build) …`);
	const t = performance.now();
	const child = start(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { stdio: ['ignore', 'pipe', 'pipe'] });
	const output = captureOutput(child, 60);
	try {
		await finished(child, 'vite build');
	} catch (err) {
		throw new Error(`${(err as Error).message}\n${output.tail(60)}`);
	}
	return { built: true, ms: Math.round(performance.now() - t) };
}

/**
 * Copies the seeded database into `toDir` with SQLite's online backup (consistent even with a
 * WAL beside it; the source is opened read-only). The app secret goes along, so signed links
 * look the same as the seeded network's.
 */
export async function copyDatabase(dataDir: string, toDir: string): Promise<{ bytes: number; ms: number }> {
	const from = join(resolve(root, dataDir), 'app.db');
	mkdirSync(toDir, { recursive: true });
	const t = performance.now();
	const src = new Database(from, { readonly: true, fileMustExist: true });
	try {
		await src.backup(join(toDir, 'app.db'), { progress: () => 20_000 });
	} finally {
		src.close();
	}
	const secret = join(resolve(root, dataDir), 'app-secret');
	if (existsSync(secret)) copyFileSync(secret, join(toDir, 'app-secret'));
	return { bytes: statSync(join(toDir, 'app.db')).size, ms: Math.round(performance.now() - t) };
}
