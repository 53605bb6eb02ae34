/**
 * Backups of the SQLite database, and restoring one.
 *
 * - `backupDatabase` uses SQLite's online backup API (better-sqlite3 `db.backup`), which copies
 *   a consistent snapshot while the server keeps running. The copy is written under a
 *   temporary name, switched out of WAL mode so it is one self-contained file, checked with
 *   `PRAGMA integrity_check`, then renamed to DATA_DIR/backups/app-YYYYMMDD-HHMMSSZ.db.
 *   The newest BACKUP_KEEP (14) are kept.
 * - The server makes one backup a day on its own, at the first scheduler run after
 *   BACKUP_HOUR o'clock UK time (default 2, i.e. 02:00; BACKUP_HOUR=off turns it off).
 * - `restoreDatabase` puts a checked backup in place of the live database of a stopped
 *   instance. The live file (and its -wal) are kept beside it as app.db.before-restore-….
 *   It refuses while another process has the database open, unless forced.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { londonParts } from '../time';

/** Backups kept unless BACKUP_KEEP says otherwise. */
export const DEFAULT_KEEP = 14;
/** UK hour of the daily backup unless BACKUP_HOUR says otherwise. */
export const DEFAULT_HOUR = 2;

const NAME = /^app-(\d{8})-(\d{6})Z\.db$/;

export type BackupSettings = { dir: string; keep: number; hour: number | null };

/** Backup settings from the environment: BACKUP_DIR (DATA_DIR/backups), BACKUP_KEEP (14), BACKUP_HOUR (2, or "off"). */
export function backupSettings(env: NodeJS.ProcessEnv = process.env): BackupSettings {
	const dataDir = resolve(env.DATA_DIR || './data');
	const keep = Number(env.BACKUP_KEEP);
	const rawHour = (env.BACKUP_HOUR ?? '').trim().toLowerCase();
	let hour: number | null = DEFAULT_HOUR;
	if (['off', 'no', 'false', 'none', '-1'].includes(rawHour)) hour = null;
	else if (rawHour !== '') {
		const h = Number(rawHour.replace(/:00$/, ''));
		if (!Number.isInteger(h) || h < 0 || h > 23) throw new Error(`BACKUP_HOUR must be an hour from 0 to 23 (UK time) or "off"; it is "${env.BACKUP_HOUR}".`);
		hour = h;
	}
	return {
		dir: resolve(env.BACKUP_DIR || join(dataDir, 'backups')),
		keep: Number.isInteger(keep) && keep > 0 ? keep : DEFAULT_KEEP,
		hour
	};
}

/** The database file the app uses (same rule as config.ts). */
export function databasePath(env: NodeJS.ProcessEnv = process.env): string {
	return env.DATABASE_PATH || resolve(env.DATA_DIR || './data', 'app.db');
}

/** "app-20261123-020000Z.db" for an instant. */
export function backupName(now: number): string {
	const iso = new Date(now).toISOString(); // 2026-11-23T02:00:00.000Z
	return `app-${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}Z.db`;
}

export type BackupFile = { name: string; path: string; bytes: number; at: number };

/** The backups in a folder, newest first. */
export function listBackups(dir: string): BackupFile[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.map((name) => ({ name, m: NAME.exec(name) }))
		.filter((x): x is { name: string; m: RegExpExecArray } => x.m != null)
		.map(({ name, m }) => {
			const d = m[1];
			const t = m[2];
			const at = Date.parse(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}Z`);
			const path = join(dir, name);
			return { name, path, bytes: statSync(path).size, at };
		})
		.sort((a, b) => b.at - a.at || b.name.localeCompare(a.name));
}

export type FileCheck = { ok: true; members: number; migrations: number } | { ok: false; problem: string };

/** Opens a database file read-only and checks it: integrity, and that it is this app's database. */
export function checkFile(path: string): FileCheck {
	if (!existsSync(path)) return { ok: false, problem: `There is no file at ${path}.` };
	let db: Database.Database | null = null;
	try {
		db = new Database(path, { readonly: true, fileMustExist: true });
		const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
		const problems = integrity.map((r) => r.integrity_check).filter((r) => r !== 'ok');
		if (problems.length > 0) return { ok: false, problem: `The integrity check found problems: ${problems.slice(0, 5).join('; ')}` };
		const tables = new Set((db.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[]).map((r) => r.name));
		if (!tables.has('__drizzle_migrations') || !tables.has('member')) return { ok: false, problem: 'This is not a Lead Member Network database (it has no members or migrations table).' };
		const members = (db.prepare('select count(*) as n from member').get() as { n: number }).n;
		const migrations = (db.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
		return { ok: true, members, migrations };
	} catch (err) {
		return { ok: false, problem: `The file could not be read as a SQLite database: ${err instanceof Error ? err.message : String(err)}` };
	} finally {
		db?.close();
	}
}

function fsyncFile(path: string) {
	const fd = openSync(path, 'r');
	try {
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}

function fsyncDir(path: string) {
	try {
		fsyncFile(path);
	} catch {
		// Some platforms cannot fsync a directory; the rename is still atomic.
	}
}

export type BackupResult = { path: string; bytes: number; durationMs: number; removed: string[] };

/**
 * Writes a consistent copy of the database to the backup folder, checks it and keeps the
 * newest `keep`. `source` is an open connection (the server's own) or a file path (the CLI,
 * which opens it read-only). Throws with a clear message if the copy fails its check.
 */
export async function backupDatabase(opts: { source: Database.Database | string; dir: string; keep?: number; now?: number; filesDir?: string }): Promise<BackupResult> {
	const started = Date.now();
	const now = opts.now ?? started;
	mkdirSync(opts.dir, { recursive: true });
	const final = join(opts.dir, backupName(now));
	const partial = `${final}.partial`;
	rmSync(partial, { force: true });
	const ownConnection = typeof opts.source === 'string';
	if (ownConnection && !existsSync(opts.source as string)) throw new Error(`There is no database at ${opts.source}.`);
	const source = ownConnection ? new Database(opts.source as string, { readonly: true, fileMustExist: true }) : (opts.source as Database.Database);
	const filesDir = opts.filesDir ?? join(dirname(resolve(source.name)), 'files');
	try {
		// The CLI copies everything in one step (a short read lock, so writers cannot force
		// restarts); the server copies 1,000 pages at a time between requests.
		await source.backup(partial, { progress: () => (ownConnection ? 0x7fffffff : 1000) });
	} catch (err) {
		rmSync(partial, { force: true });
		throw err;
	} finally {
		if (ownConnection) source.close();
	}
	// One self-contained file: out of WAL mode, then check it.
	const copy = new Database(partial);
	try {
		copy.pragma('journal_mode = DELETE');
	} finally {
		copy.close();
	}
	rmSync(`${partial}-wal`, { force: true });
	rmSync(`${partial}-shm`, { force: true });
	const check = checkFile(partial);
	if (!check.ok) {
		rmSync(partial, { force: true });
		throw new Error(`The backup copy failed its check, so it was not kept. ${check.problem}`);
	}
	try {
		copyStoredFiles(partial, filesDir, join(opts.dir, 'files'));
	} catch (err) {
		rmSync(partial, { force: true });
		throw err;
	}
	fsyncFile(partial);
	renameSync(partial, final);
	fsyncDir(opts.dir);
	const removed = pruneBackups(opts.dir, opts.keep ?? DEFAULT_KEEP);
	pruneStoredFiles(opts.dir);
	return { path: final, bytes: statSync(final).size, durationMs: Date.now() - started, removed };
}

/** The library files a database refers to (none before the files table existed). */
function storedHashes(dbPath: string, opts: { referencedOnly: boolean }): string[] {
	const db = new Database(dbPath, { readonly: true, fileMustExist: true });
	try {
		const has = db.prepare(`select 1 from sqlite_master where type = 'table' and name = 'stored_file'`).get();
		if (!has) return [];
		return (db.prepare(`select hash from stored_file${opts.referencedOnly ? ' where refs > 0' : ''}`).all() as { hash: string }[]).map((r) => r.hash).filter((h) => /^[0-9a-f]{64}$/.test(h));
	} finally {
		db.close();
	}
}

/**
 * Library files go with the database: every file the backed-up database refers to is put in
 * `<backups>/files/` (named by its SHA-256 like the live store, so backups share them; a hard
 * link where the file system allows, else a copy). Stored files never change, so the copy is
 * consistent with the snapshot. A referenced file missing from the store stops the backup.
 */
function copyStoredFiles(snapshot: string, from: string, to: string) {
	for (const hash of storedHashes(snapshot, { referencedOnly: true })) {
		const target = join(to, hash.slice(0, 2), hash);
		if (existsSync(target)) continue;
		const src = join(from, hash.slice(0, 2), hash);
		if (!existsSync(src)) throw new Error(`The library file ${hash} that the database refers to is missing from ${from}, so the backup was not kept.`);
		mkdirSync(dirname(target), { recursive: true });
		try {
			linkSync(src, target);
		} catch {
			copyFileSync(src, `${target}.partial`);
			fsyncFile(`${target}.partial`);
			renameSync(`${target}.partial`, target);
		}
	}
}

/** Removes backed-up files no kept backup refers to. */
function pruneStoredFiles(dir: string) {
	const filesDir = join(dir, 'files');
	if (!existsSync(filesDir)) return;
	const wanted = new Set(listBackups(dir).flatMap((b) => storedHashes(b.path, { referencedOnly: true })));
	for (const sub of readdirSync(filesDir)) {
		if (!/^[0-9a-f]{2}$/.test(sub)) continue;
		for (const f of readdirSync(join(filesDir, sub))) if (!wanted.has(f)) rmSync(join(filesDir, sub, f), { force: true });
	}
}

/** Deletes all but the newest `keep` backups; returns the names removed. */
export function pruneBackups(dir: string, keep: number): string[] {
	const old = listBackups(dir).slice(keep);
	for (const b of old) rmSync(b.path, { force: true });
	return old.map((b) => b.name);
}

/** The UK date 'YYYY-MM-DD' of an instant. */
function ukDate(ms: number): string {
	const p = londonParts(ms);
	return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Whether the daily backup is due: at or after the hour (UK time) and none made yet that UK day. */
export function dailyBackupDue(settings: BackupSettings, now: number): boolean {
	if (settings.hour == null) return false;
	if (londonParts(now).hour < settings.hour) return false;
	const today = ukDate(now);
	return !listBackups(settings.dir).some((b) => ukDate(b.at) === today && londonParts(b.at).hour >= settings.hour!);
}

/** The scheduler's task: makes the day's backup when it is due (null when not). */
export async function runScheduledBackup(source: Database.Database, now = Date.now(), env: NodeJS.ProcessEnv = process.env): Promise<BackupResult | null> {
	if (source.memory) return null; // tests: nothing to keep
	const settings = backupSettings(env);
	if (!dailyBackupDue(settings, now)) return null;
	return backupDatabase({ source, dir: settings.dir, keep: settings.keep, now });
}

/**
 * Whether another process has the database open: tries to take an exclusive lock, which a
 * running server (holding it in WAL mode) prevents.
 */
export function databaseInUse(path: string): boolean {
	if (!existsSync(path)) return false;
	let db: Database.Database | null = null;
	try {
		db = new Database(path, { fileMustExist: true, timeout: 0 });
		db.pragma('locking_mode = EXCLUSIVE');
		db.exec('BEGIN EXCLUSIVE');
		db.exec('COMMIT');
		return false;
	} catch {
		return true;
	} finally {
		db?.close();
	}
}

export type RestoreResult = { ok: true; restored: string; keptAs: string | null; members: number } | { ok: false; problem: string };

/**
 * Restores a backup file into the place of the live database, for an instance that is stopped.
 * Checks the file first; refuses while the database is in use unless `force`. The live
 * database and its WAL are moved aside (never deleted).
 */
export function restoreDatabase(file: string, opts: { target: string; force?: boolean; now?: number; filesDir?: string }): RestoreResult {
	const source = resolve(file);
	const target = resolve(opts.target);
	if (source === target) return { ok: false, problem: 'That is the live database itself. Choose a backup file.' };
	const check = checkFile(source);
	if (!check.ok) return { ok: false, problem: check.problem };
	if (!opts.force && databaseInUse(target)) {
		return { ok: false, problem: `The database ${target} is in use — is the server still running? Stop it first (or, if you are sure nothing is using it, run again with --force).` };
	}
	mkdirSync(dirname(target), { recursive: true });
	// Library files first (the backup's files beside it), so the restored database never refers to a missing one.
	const backupFiles = join(dirname(source), 'files');
	const liveFiles = opts.filesDir ?? join(dirname(target), 'files');
	try {
		const referenced = new Set(storedHashes(source, { referencedOnly: true }));
		for (const hash of storedHashes(source, { referencedOnly: false })) {
			const to = join(liveFiles, hash.slice(0, 2), hash);
			const from = join(backupFiles, hash.slice(0, 2), hash);
			if (existsSync(to)) continue;
			if (!existsSync(from)) {
				if (referenced.has(hash)) return { ok: false, problem: `The backup refers to the library file ${hash}, which is not in ${backupFiles}. Nothing was restored.` };
				continue;
			}
			mkdirSync(dirname(to), { recursive: true });
			copyFileSync(from, `${to}.restoring`);
			fsyncFile(`${to}.restoring`);
			renameSync(`${to}.restoring`, to);
		}
	} catch (err) {
		return { ok: false, problem: `The library files could not be restored: ${err instanceof Error ? err.message : String(err)}` };
	}
	const incoming = `${target}.restoring`;
	copyFileSync(source, incoming);
	fsyncFile(incoming);
	let keptAs: string | null = null;
	if (existsSync(target)) {
		const stamp = backupName(opts.now ?? Date.now()).replace(/^app-|\.db$/g, '');
		keptAs = `${target}.before-restore-${stamp}`;
		renameSync(target, keptAs);
		for (const ext of ['-wal', '-shm']) if (existsSync(target + ext)) renameSync(target + ext, keptAs + ext);
	}
	renameSync(incoming, target);
	fsyncDir(dirname(target));
	const after = checkFile(target);
	if (!after.ok) return { ok: false, problem: `The restored file failed its check: ${after.problem}` };
	return { ok: true, restored: basename(source), keptAs, members: after.members };
}
