/**
 * A separate process for the capacity race test (src/lib/server/mentoring/coordination.test.ts): several of these confirm
 * matches for the same mentor at the same moment, each on its own connection to one database file.
 *
 *   node --import tsx tests/support/mentoring-race-worker.ts setup <db> <mentees>
 *   node --import tsx tests/support/mentoring-race-worker.ts confirm <db> <actorId> <requestId> <mentorId> <goFile>
 *
 * `setup` prints the ids as JSON; `confirm` prints "ready", waits until <goFile> exists, confirms
 * and prints the outcome as JSON.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';

const [mode, dbPath, ...args] = process.argv.slice(2);
process.env.DATABASE_PATH = dbPath;
process.env.DATA_DIR = dirname(dbPath);
process.env.LOG_LEVEL = 'silent';

const { db } = await import('../../src/lib/server/db/client');

if (mode === 'setup') {
	const { seedReference } = await import('../../src/lib/server/seed/reference');
	const { resetCache } = await import('../../src/lib/server/network/authorities');
	seedReference(db);
	resetCache();
	const { makeMember } = await import('./members');
	const helpers = await import('./mentoring');
	const coordinator = helpers.makeCoordinator();
	const admin = makeMember({ authority: 'Westminster', role: 'admin' });
	const mentor = helpers.makeMentor({ capacity: 1 });
	const authorities = ['Lancashire', 'Wirral', 'Cumberland', 'Bolton', 'Wigan', 'Oldham'];
	const mentees = Array.from({ length: Number(args[0] ?? 4) }, (_, i) => helpers.makeMentee({ authority: authorities[i % authorities.length] }));
	console.log(JSON.stringify({ coordinator: coordinator.id, admin: admin.id, mentor: mentor.id, requests: mentees.map((m) => m.requestId) }));
} else if (mode === 'confirm') {
	const [actorId, requestId, mentorId, goFile] = args;
	const { actorById } = await import('../../src/lib/server/network/members');
	const coordination = await import('../../src/lib/server/mentoring/coordination');
	const actor = actorById(Number(actorId));
	if (!actor) throw new Error('No such actor');
	console.log('ready');
	while (!existsSync(goFile)) await new Promise((r) => setTimeout(r, 1));
	const outcome = coordination.confirmOne(actor, { requestId: Number(requestId), mentorId: Number(mentorId) });
	console.log(JSON.stringify(outcome));
} else {
	throw new Error(`Unknown mode ${mode}`);
}
