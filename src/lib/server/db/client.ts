import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { config } from '../config';
import { applyMigrations } from './migrate';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;

/** Opens a SQLite database with the house settings and the migrations applied. */
export function openDatabase(path: string, migrationsFolder = config().migrationsDir) {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const sqlite = new Database(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('cache_size = -32000');
	sqlite.pragma('temp_store = MEMORY');
	// A reply in a thread with 200 followers touches ~750 pages (a notification each, and their
	// indexes): at SQLite's default of 1,000 pages nearly every such reply would also checkpoint
	// (copy the log into the database file and fsync it) inside the request. 4,000 pages (16 MB)
	// lets the hot pages be copied once for many writes; measured on the large network, the
	// reply's median went from about 50 to 30 ms.
	sqlite.pragma('wal_autocheckpoint = 4000');
	const db = drizzle(sqlite, { schema });
	applyMigrations(sqlite, db, migrationsFolder);
	return { sqlite, db };
}

let opened: ReturnType<typeof openDatabase> | null = null;

function instance() {
	opened ??= openDatabase(config().databasePath);
	return opened;
}

/** The app's one connection (opened on first use; migrations applied before any query). */
export const db: Db = new Proxy({} as Db, {
	get(_t, prop) {
		const target = instance().db as unknown as Record<PropertyKey, unknown>;
		const value = target[prop];
		return typeof value === 'function' ? (value as Function).bind(target) : value;
	}
});

/** The raw better-sqlite3 connection, for pragmas, FTS and backups. */
export function sqlite(): Database.Database {
	return instance().sqlite;
}

/**
 * A named placeholder where drizzle's types want an SQL value (an insert's values, an update's
 * set): `set({ sentAt: param('now') })` in a prepared statement.
 */
export const param = (name: string): SQL => sql`${sql.placeholder(name)}`;

/**
 * `column IN (…)` over a list bound as one JSON array in the placeholder `name`: one prepared
 * statement serves a list of any length (SQLite looks each value up in the column's index).
 */
export function inJson(column: AnyColumn, name: string): SQL {
	return sql`${column} in (select value from json_each(${sql.placeholder(name)}))`;
}

/** A list of ids or region ids as the JSON array `inJson` binds. */
export function jsonList(values: readonly (number | string)[]): string {
	return JSON.stringify(values);
}

/**
 * A query built once per connection and kept prepared, for the hottest paths (every request,
 * every thread page): building SQL with drizzle's query builder costs more than running it.
 * Use `sql.placeholder('name')` for the values: `const q = prepared(() => db.select()…prepare());
 * q().get({ id })`. Rebuilt when the connection changes (tests reopen the database).
 */
export function prepared<T>(build: () => T): () => T {
	let on: Database.Database | null = null;
	let statement: T;
	return () => {
		const current = instance().sqlite;
		if (current !== on) {
			statement = build();
			on = current;
		}
		return statement;
	};
}

/**
 * `prepared` for statements whose SQL depends on an argument (which regions the actor sees,
 * which filters are on): one statement per `key` of it, built from the first argument with that
 * key. The keys must be few (they are never forgotten).
 */
export function preparedBy<A, T>(key: (a: A) => string, build: (a: A) => T): (a: A) => T {
	const byKey = new Map<string, () => T>();
	return (a) => {
		const k = key(a);
		let q = byKey.get(k);
		if (!q) byKey.set(k, (q = prepared(() => build(a))));
		return q();
	};
}

/**
 * Runs `fn` in a `BEGIN IMMEDIATE` transaction (read-then-write without lost updates).
 * better-sqlite3 transactions are synchronous: `fn` must not await.
 */
export function immediate<T>(fn: () => T): T {
	return sqlite().transaction(fn).immediate();
}

/**
 * Copies what the write-ahead log holds into the database file now, without waiting for readers
 * or writers (PASSIVE). Long runs of writes in the web server's process (digests) call it between
 * their slices, so the automatic checkpoint — run inside the commit that takes the log past
 * wal_autocheckpoint, 4,000 pages — never lands in the middle of one.
 */
export function checkpoint(): void {
	instance().sqlite.pragma('wal_checkpoint(PASSIVE)');
}

/** Closes the connection (tests, CLI commands, shutdown). */
export function closeDatabase() {
	opened?.sqlite.close();
	opened = null;
}
