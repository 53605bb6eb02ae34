import { sqlite } from './db/client';
import * as outbox from './mail/outbox';

/** The database's state for /healthz: reachable, migrated, a few counts. */
export function health() {
	try {
		const db = sqlite();
		const migrations = (db.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
		const members = (db.prepare('select count(*) as n from member').get() as { n: number }).n;
		const journal = db.pragma('journal_mode', { simple: true });
		return { ok: true, database: { state: 'ok', migrations, journalMode: journal, members }, mail: outbox.counts() };
	} catch (err) {
		return { ok: false, database: { state: 'error', error: err instanceof Error ? err.message : String(err) } };
	}
}
