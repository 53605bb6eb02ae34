import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

/**
 * Applies pending migrations safely.
 *
 * Drizzle's SQLite table-rebuild migrations say `PRAGMA foreign_keys=OFF` inside a transaction,
 * where SQLite ignores it, so a rebuild could cascade-delete child rows. We switch foreign keys
 * off on the connection first, migrate, check nothing dangles, then switch them on again.
 */
export function applyMigrations(sqlite: Database.Database, db: BetterSQLite3Database<any>, migrationsFolder: string) {
	sqlite.pragma('foreign_keys = OFF');
	try {
		migrate(db, { migrationsFolder });
		const problems = sqlite.pragma('foreign_key_check') as unknown[];
		if (problems.length > 0) {
			throw new Error(`Migration left ${problems.length} rows with broken references: ${JSON.stringify(problems.slice(0, 5))}`);
		}
	} finally {
		sqlite.pragma('foreign_keys = ON');
	}
}
