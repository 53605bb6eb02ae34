/**
 * How long the scheduler's event emails hold the event loop of the process they run in (the web
 * server's, issue 19): a network of `--members` members (default 5,000) across every authority
 * in a temporary SQLite file, one national event published by an admin, and the scheduler's
 * events task run as the server runs it — the announcement to every member, then, the day
 * before the event, the reminders to the `--going` members who said they are going. Each is
 * timed with the probe the digest bench uses (`loop-hold.ts`: the longest gap of a 5 ms timer).
 *
 *   npx tsx scripts/bench/announcements.ts [--members 5000] [--going 2000]
 *
 * Prints one JSON object; the temporary folder is removed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { blocking } from './loop-hold';

const { values } = parseArgs({ options: { members: { type: 'string', default: '5000' }, going: { type: 'string', default: '2000' } } });
const total = Number(values.members);
const going = Math.min(Number(values.going), total - 1);

const dir = mkdtempSync(join(tmpdir(), 'lmn-announce-bench-'));
process.env.DATA_DIR = dir;
process.env.DATABASE_PATH = join(dir, 'app.db');
process.env.LOG_LEVEL = 'silent';

try {
	const { db, sqlite, closeDatabase } = await import('../../src/lib/server/db/client');
	const { seedReference } = await import('../../src/lib/server/seed/reference');
	const { seededRandom } = await import('../../src/lib/server/seed/context');
	const { addMembers } = await import('../../src/lib/server/seed/large/members');
	const members = await import('../../src/lib/server/network/members');
	const events = await import('../../src/lib/server/training/events');
	const eventMail = await import('../../src/lib/server/training/announcements');

	const now = Date.parse('2026-11-23T12:00:00Z');
	seedReference(db);
	const conn = sqlite();
	const authorities = conn.prepare('SELECT id, region_id AS regionId FROM authority ORDER BY id').all() as { id: number; regionId: string }[];
	conn.transaction(() => addMembers(conn, seededRandom(20261123), { total, now, passwordHash: 'not-a-hash', authorities }))();
	const adminId = (conn.prepare('SELECT min(id) AS id FROM member').get() as { id: number }).id;
	conn.prepare("UPDATE member SET role = 'admin' WHERE id = ?").run(adminId);

	const created = events.create(
		members.actorById(adminId)!,
		{
			title: 'National induction for new Lead Members',
			kind: 'network-meeting',
			region: 'national',
			startDate: '2026-12-09',
			startTime: '10:00',
			endTime: '15:30',
			location: 'Local Government House, Smith Square, London',
			onlineUrl: 'https://meet.example.org/lmn-induction',
			provider: 'LGA',
			topics: ['send', 'corporate-parenting'],
			description: 'A day for **new Lead Members**: the role, the law, and the people to ask.\n\n- Corporate parenting\n- SEND sufficiency\n- Working with scrutiny'
		},
		now
	);
	if (!created.ok) throw new Error(JSON.stringify(created.errors));
	const outbox = () => (conn.prepare("SELECT count(*) AS n FROM outbox_message WHERE kind = 'event'").get() as { n: number }).n;

	const t0 = performance.now();
	const announce = await blocking(async () => eventMail.runDue(now));
	const announceMs = performance.now() - t0;
	const announced = outbox();

	conn
		.prepare('INSERT INTO training_event_attendance (event_id, member_id, created_at) SELECT ?, id, ? FROM member WHERE id <> ? ORDER BY id LIMIT ?')
		.run(created.id, now, adminId, going);
	const dayBefore = Date.parse('2026-12-08T09:00:00Z');
	const t1 = performance.now();
	const remind = await blocking(async () => eventMail.runDue(dayBefore));
	const remindMs = performance.now() - t1;

	console.log(
		JSON.stringify(
			{
				members: total,
				announcement: { emails: announced, wallMs: Math.round(announceMs), longestHoldMs: round(announce.loop.longestGapMs), loopDelayMaxMs: round(announce.loop.maxMs), longestGcMs: round(announce.loop.longestGcMs) },
				reminders: { going, emails: outbox() - announced, wallMs: Math.round(remindMs), longestHoldMs: round(remind.loop.longestGapMs), loopDelayMaxMs: round(remind.loop.maxMs), longestGcMs: round(remind.loop.longestGcMs) }
			},
			null,
			2
		)
	);
	closeDatabase();
} finally {
	rmSync(dir, { recursive: true, force: true });
}

function round(ms: number): number {
	return Math.round(ms * 10) / 10;
}
