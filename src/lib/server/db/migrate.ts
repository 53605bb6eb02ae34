import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

/**
 * Applies pending migrations safely.
 *
 * Drizzle's SQLite table-rebuild migrations say `PRAGMA foreign_keys=OFF` inside a transaction,
 * where SQLite ignores it, so a rebuild could cascade-delete child rows. We switch foreign keys
 * off on the connection first, migrate, check nothing dangles, then switch them on again.
 * The check reads every table, so it runs only when a migration was applied (on a 500 MB
 * database it takes over a second at every start otherwise).
 */
export function applyMigrations(sqlite: Database.Database, db: BetterSQLite3Database<any>, migrationsFolder: string) {
	sqlite.pragma('foreign_keys = OFF');
	try {
		const applied = () => (sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = '__drizzle_migrations'").get() as { n: number }).n > 0 ? (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n : 0;
		const before = applied();
		migrate(db, { migrationsFolder });
		if (applied() === before) return;
		const problems = sqlite.pragma('foreign_key_check') as unknown[];
		if (problems.length > 0) {
			throw new Error(`Migration left ${problems.length} rows with broken references: ${JSON.stringify(problems.slice(0, 5))}`);
		}
	} finally {
		sqlite.pragma('foreign_keys = ON');
	}
}
