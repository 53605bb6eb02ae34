/**
 * Child process (DATA_DIR = the page run's copy of the database): signs the benchmark's
 * accounts in by creating sessions with the app's own session code — as a sign-in would, with
 * the second factor marked as given for those who have one — and reads the facts the page
 * checks need (thread titles, the mentor's mentees, the region's authorities).
 *
 * Asked over IPC: { type: 'sessions', emails, twentyPost, long, mentor, region } → { type: 'sessions', … }.
 */
import { createSession, markMfaVerified } from '../../src/lib/server/auth/session';
import { sqlite, closeDatabase } from '../../src/lib/server/db/client';

type Ask = { type: 'sessions'; emails: string[]; twentyPost: number; long: number; mentor: string; region: string };

export type Account = { id: number; email: string; name: string; role: string; token: string };
export type Facts = {
	type: 'sessions';
	accounts: Record<string, Account>;
	threads: Record<'twentyPost' | 'long', { id: number; title: string; postCount: number; regionId: string | null; locked: boolean }>;
	mentees: string[];
	region: { id: string; name: string; authorities: string[] };
};

function answer(ask: Ask): Facts {
	const db = sqlite();
	const accounts: Record<string, Account> = {};
	const byEmail = db.prepare('SELECT id, email, name, role, deactivated_at AS deactivatedAt FROM member WHERE email = ?');
	for (const email of new Set(ask.emails)) {
		const m = byEmail.get(email) as { id: number; email: string; name: string; role: string; deactivatedAt: number | null } | undefined;
		if (!m) throw new Error(`No member ${email} in the database`);
		if (m.deactivatedAt != null) throw new Error(`Member ${email} is deactivated`);
		const { token, session } = createSession(m.id, { userAgent: 'lead-member-network bench' });
		markMfaVerified(session.id);
		accounts[email] = { id: m.id, email: m.email, name: m.name, role: m.role, token };
	}
	const threadQ = db.prepare('SELECT id, title, post_count AS postCount, region_id AS regionId, locked_at AS lockedAt FROM thread WHERE id = ?');
	const thread = (id: number) => {
		const t = threadQ.get(id) as { id: number; title: string; postCount: number; regionId: string | null; lockedAt: number | null } | undefined;
		if (!t) throw new Error(`No thread ${id} in the database`);
		return { id: t.id, title: t.title, postCount: t.postCount, regionId: t.regionId, locked: t.lockedAt != null };
	};
	const mentor = accounts[ask.mentor];
	const mentees = (
		db
			.prepare("SELECT m.name FROM pairing p JOIN member m ON m.id = p.mentee_id WHERE p.mentor_id = ? AND p.status = 'active' ORDER BY m.name")
			.all(mentor.id) as { name: string }[]
	).map((r) => r.name);
	const region = db.prepare('SELECT id, name FROM region WHERE id = ?').get(ask.region) as { id: string; name: string } | undefined;
	if (!region) throw new Error(`No region ${ask.region}`);
	const authorities = (db.prepare('SELECT name FROM authority WHERE region_id = ? ORDER BY name').all(ask.region) as { name: string }[]).map((r) => r.name);
	return { type: 'sessions', accounts, threads: { twentyPost: thread(ask.twentyPost), long: thread(ask.long) }, mentees, region: { ...region, authorities } };
}

process.on('message', (m: Ask) => {
	try {
		process.send!(answer(m), () => {
			closeDatabase();
			process.exit(0);
		});
	} catch (err) {
		process.send!({ type: 'error', error: err instanceof Error ? err.message : String(err) }, () => process.exit(1));
	}
});
