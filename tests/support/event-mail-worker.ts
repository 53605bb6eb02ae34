/**
 * A separate process for tests/integration/training/event-emails.test.ts: several of these
 * announce the same events from one database file, each on its own connection, as several
 * server processes' schedulers would.
 *
 *   node --import tsx tests/support/event-mail-worker.ts setup <db> <members>
 *   node --import tsx tests/support/event-mail-worker.ts announce <db> [perSlice] [goFile]
 *
 * `setup` builds a network of <members> members in every region (every fifth wants event
 * emails only in the digest, every seventh not at all) and a national event an admin publishes
 * for a fortnight ahead, and prints the event's id and the addresses it is for as JSON.
 * `announce` runs the scheduler's announcements once, now, and prints how many it queued; given
 * a <goFile>, it first prints "ready" and waits until that file exists (so two start together).
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';

const [mode, dbPath, arg, goFile] = process.argv.slice(2);
process.env.DATABASE_PATH = dbPath;
process.env.DATA_DIR = dirname(dbPath);
process.env.LOG_LEVEL = 'silent';

const { db, closeDatabase } = await import('../../src/lib/server/db/client');

if (mode === 'setup') {
	const { seedReference } = await import('../../src/lib/server/seed/reference');
	const { resetCache } = await import('../../src/lib/server/network/authorities');
	const preferences = await import('../../src/lib/server/mail/preferences');
	const { isoDate } = await import('../../src/lib/time');
	const { makeMember } = await import('./members');
	const events = await import('../../src/lib/server/training/events');
	seedReference(db);
	resetCache();
	const authorities = ['Cumberland', 'Leeds', 'Kent', 'Camden', 'Cornwall', 'Birmingham', 'Nottingham', 'Norfolk', 'Newcastle upon Tyne'];
	const admin = makeMember({ authority: 'Westminster', role: 'admin' });
	const to: string[] = [];
	for (let i = 0; i < Number(arg); i++) {
		const m = makeMember({ authority: authorities[i % authorities.length] });
		const choice = i % 7 === 3 ? 'off' : i % 5 === 1 ? 'digest' : null;
		if (choice) preferences.update(m.id, { notifications: { ...preferences.get(m.id).notifications, events: choice } });
		else to.push(m.email);
	}
	const now = Date.now();
	const event = events.create(
		admin.actor,
		{ region: 'national', title: 'National induction for new Lead Members', kind: 'network-meeting', startDate: isoDate(now + 14 * 86_400_000), startTime: '10:00', endTime: '15:30', location: 'Local Government House, London' },
		now
	);
	if (!event.ok) throw new Error(JSON.stringify(event.errors));
	console.log(JSON.stringify({ eventId: event.id, to }));
} else if (mode === 'announce') {
	const { announceNew } = await import('../../src/lib/server/training/announcements');
	if (goFile) {
		console.log('ready');
		while (!existsSync(goFile)) await new Promise((r) => setTimeout(r, 1));
	}
	const announced = await announceNew(Date.now(), { perSlice: arg && arg !== '-' ? Number(arg) : undefined });
	console.log(JSON.stringify({ announced }));
} else throw new Error(`Unknown mode ${mode}`);

closeDatabase();
