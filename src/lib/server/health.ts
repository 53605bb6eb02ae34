import { timingSafeEqual } from 'node:crypto';
import { sqlite } from './db/client';
import { config } from './config';
import * as outbox from './mail/outbox';
import { can, type Actor } from './auth/policy';

/**
 * The database's state for /healthz. Anyone may know whether the service is up (`ok` and the
 * database's state); the counts (migrations, members, the mail queue) only a monitor with
 * HEALTH_TOKEN or an admin (`detail`).
 */
export function health(detail = false) {
	try {
		const db = sqlite();
		const migrations = (db.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
		if (!detail) return { ok: true, database: { state: 'ok' } };
		const members = (db.prepare('select count(*) as n from member').get() as { n: number }).n;
		const journal = db.pragma('journal_mode', { simple: true });
		return { ok: true, database: { state: 'ok', migrations, journalMode: journal, members }, mail: outbox.counts() };
	} catch (err) {
		return { ok: false, database: detail ? { state: 'error', error: err instanceof Error ? err.message : String(err) } : { state: 'error' } };
	}
}

/** Whether a request carries the monitoring token (`Authorization: Bearer <HEALTH_TOKEN>`); never when none is set. */
export function hasHealthToken(authorization: string | null, token = config().healthToken): boolean {
	if (!token || !authorization) return false;
	const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
	if (!m) return false;
	const given = Buffer.from(m[1]);
	const expected = Buffer.from(token);
	return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Who may read the counts: a monitor with the token, or whoever may manage mail delivery (admins). */
export function mayReadCounts(authorization: string | null, actor: Actor | null): boolean {
	return hasHealthToken(authorization) || can(actor, 'mail.manage', {});
}
