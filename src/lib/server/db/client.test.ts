import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { closeDatabase, db, prepared, sqlite } from './client';
import { region } from './schema';

describe('prepared', () => {
	it('builds the query once per connection and again after the database is reopened', () => {
		let builds = 0;
		const q = prepared(() => {
			builds++;
			return db.select({ n: sql<number>`count(*)` }).from(region).where(sql`${region.id} <> ${sql.placeholder('not')}`).prepare();
		});
		const first = q().get({ not: 'x' })!.n;
		q().get({ not: 'x' });
		expect(builds).toBe(1);
		const before = sqlite();
		closeDatabase();
		// A new (in-memory) database: the statement runs on it, not on the closed one.
		expect(q().get({ not: 'x' })!.n).toBe(0);
		expect(first).toBeGreaterThan(0);
		expect(sqlite()).not.toBe(before);
		expect(builds).toBe(2);
	});
});
