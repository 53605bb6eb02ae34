/**
 * Migrations keep rows. Drizzle's SQLite table rebuilds say `PRAGMA foreign_keys=OFF` inside the
 * migration transaction, where SQLite ignores it, so dropping a parent table can cascade-delete
 * its children. applyMigrations switches foreign keys off on the connection first.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations } from './migrate';
import { openDatabase } from './client';
import { seedReference } from '../seed/reference';
import { member } from './schema';

let dir = '';
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'lmn-migrate-'));
});
afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
});

const BREAK = '--> statement-breakpoint\n';

const CREATE = [
	'CREATE TABLE `parent` (`id` integer PRIMARY KEY NOT NULL, `name` text NOT NULL);',
	'CREATE TABLE `child` (`id` integer PRIMARY KEY NOT NULL, `parent_id` integer NOT NULL, `note` text NOT NULL, FOREIGN KEY (`parent_id`) REFERENCES `parent`(`id`) ON UPDATE no action ON DELETE cascade);',
	'CREATE INDEX `child_parent_idx` ON `child` (`parent_id`);'
].join(BREAK);

/** A table rebuild exactly as drizzle-kit writes one (adding a column with a default). */
const REBUILD = [
	'PRAGMA foreign_keys=OFF;',
	"CREATE TABLE `__new_parent` (`id` integer PRIMARY KEY NOT NULL, `name` text NOT NULL, `kind` text DEFAULT 'council' NOT NULL);",
	'INSERT INTO `__new_parent`("id", "name") SELECT "id", "name" FROM `parent`;',
	'DROP TABLE `parent`;',
	'ALTER TABLE `__new_parent` RENAME TO `parent`;',
	'PRAGMA foreign_keys=ON;'
].join(BREAK);

/** Writes a migrations folder with a journal in drizzle-kit's format. */
function writeMigrations(folder: string, migrations: { tag: string; sql: string }[]) {
	mkdirSync(join(folder, 'meta'), { recursive: true });
	const entries = migrations.map((m, idx) => ({ idx, version: '6', when: 1_790_000_000_000 + idx * 1000, tag: m.tag, breakpoints: true }));
	for (const m of migrations) writeFileSync(join(folder, `${m.tag}.sql`), m.sql);
	writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'sqlite', entries }, null, 2));
}

/** Opens a file database the way the app does: foreign keys on for the connection. */
function open(path: string) {
	const sqlite = new Database(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	return { sqlite, db: drizzle(sqlite) };
}

function fill(sqlite: Database.Database) {
	sqlite.prepare("insert into parent (id, name) values (1, 'Leeds'), (2, 'Wigan')").run();
	const child = sqlite.prepare('insert into child (parent_id, note) values (?, ?)');
	for (let i = 0; i < 5; i++) child.run(1, `Leeds note ${i}`);
	for (let i = 0; i < 3; i++) child.run(2, `Wigan note ${i}`);
}

const count = (sqlite: Database.Database, table: string) => (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

describe('a drizzle table-rebuild migration', () => {
	it('keeps the child rows of a rebuilt parent table (ON DELETE CASCADE does not fire)', () => {
		const folder = join(dir, 'drizzle');
		const path = join(dir, 'app.db');
		writeMigrations(folder, [{ tag: '0000_create', sql: CREATE }]);
		let conn = open(path);
		applyMigrations(conn.sqlite, conn.db, folder);
		fill(conn.sqlite);
		conn.sqlite.close();

		writeMigrations(folder, [
			{ tag: '0000_create', sql: CREATE },
			{ tag: '0001_rebuild_parent', sql: REBUILD }
		]);
		conn = open(path);
		applyMigrations(conn.sqlite, conn.db, folder);

		expect(count(conn.sqlite, 'parent')).toBe(2);
		expect(count(conn.sqlite, 'child')).toBe(8);
		expect(conn.sqlite.prepare('select kind from parent where id = 1').get()).toEqual({ kind: 'council' });
		expect(conn.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
		expect(conn.sqlite.pragma('foreign_key_check')).toEqual([]);
		// The cascade still works after the migration.
		conn.sqlite.prepare('delete from parent where id = 2').run();
		expect(count(conn.sqlite, 'child')).toBe(5);
		conn.sqlite.close();
	});

	it('would lose them with drizzle’s migrate alone — the reason applyMigrations exists', () => {
		const folder = join(dir, 'drizzle');
		const path = join(dir, 'naive.db');
		writeMigrations(folder, [{ tag: '0000_create', sql: CREATE }]);
		let conn = open(path);
		migrate(conn.db, { migrationsFolder: folder });
		fill(conn.sqlite);
		conn.sqlite.close();
		writeMigrations(folder, [
			{ tag: '0000_create', sql: CREATE },
			{ tag: '0001_rebuild_parent', sql: REBUILD }
		]);
		conn = open(path);
		migrate(conn.db, { migrationsFolder: folder });
		expect(count(conn.sqlite, 'parent')).toBe(2);
		expect(count(conn.sqlite, 'child')).toBe(0);
		conn.sqlite.close();
	});

	it('refuses a migration that leaves broken references, and switches foreign keys back on', () => {
		const folder = join(dir, 'drizzle');
		const path = join(dir, 'broken.db');
		writeMigrations(folder, [{ tag: '0000_create', sql: CREATE }]);
		const conn = open(path);
		applyMigrations(conn.sqlite, conn.db, folder);
		fill(conn.sqlite);
		writeMigrations(folder, [
			{ tag: '0000_create', sql: CREATE },
			{ tag: '0001_orphan', sql: 'DELETE FROM `parent` WHERE `id` = 1;' }
		]);
		expect(() => applyMigrations(conn.sqlite, conn.db, folder)).toThrow(/broken references/);
		expect(conn.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
		conn.sqlite.close();
	});
});

describe('the real migrations', () => {
	it('apply to a file database, and again on restart, keeping the rows', () => {
		const path = join(dir, 'real.db');
		const folder = resolve('drizzle');
		const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };

		let conn = openDatabase(path, folder);
		expect(seedReference(conn.db)).toBe(true);
		const authority = conn.sqlite.prepare('select id from authority limit 1').get() as { id: number };
		conn.db
			.insert(member)
			.values({ email: 'kept@example.org', name: 'Kept Member', handle: 'kept-member', passwordHash: null, authorityId: authority.id, position: 'lead-member', createdAt: 1, updatedAt: 1 })
			.run();
		conn.sqlite.close();

		conn = openDatabase(path, folder);
		expect(seedReference(conn.db)).toBe(false);
		expect(count(conn.sqlite, 'region')).toBe(9);
		expect(count(conn.sqlite, 'authority')).toBe(153);
		expect(conn.sqlite.prepare('select name from member').all()).toEqual([{ name: 'Kept Member' }]);
		expect(count(conn.sqlite, '__drizzle_migrations')).toBe(journal.entries.length);
		expect(conn.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
		expect(conn.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(conn.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(4000);
		conn.sqlite.close();

		// A third start changes nothing either.
		conn = openDatabase(path, folder);
		expect(count(conn.sqlite, '__drizzle_migrations')).toBe(journal.entries.length);
		expect(count(conn.sqlite, 'member')).toBe(1);
		conn.sqlite.close();
	});
});
