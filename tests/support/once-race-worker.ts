/**
 * A separate process for the one-submit race test (src/lib/server/once.test.ts): several of
 * these submit the same reply with the same one-time token at the same moment, each on its own
 * connection to one database file.
 *
 *   node --import tsx tests/support/once-race-worker.ts setup <db>
 *   node --import tsx tests/support/once-race-worker.ts reply <db> <memberId> <threadId> <token> <goFile>
 *
 * `setup` prints the ids as JSON; `reply` prints "ready", waits until <goFile> exists, submits
 * through once.run and prints the outcome as JSON.
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
	const { startThread } = await import('./discussions');
	const m = makeMember({ authority: 'Lancashire' });
	console.log(JSON.stringify({ memberId: m.id, threadId: startThread(m.actor) }));
} else if (mode === 'reply') {
	const [memberId, threadId, token, goFile] = args;
	const { actorById } = await import('../../src/lib/server/network/members');
	const posts = await import('../../src/lib/server/discussions/posts');
	const once = await import('../../src/lib/server/once');
	const actor = actorById(Number(memberId));
	if (!actor) throw new Error('No such actor');
	console.log('ready');
	while (!existsSync(goFile)) await new Promise((r) => setTimeout(r, 1));
	const outcome = once.run(
		{ token, actorId: actor.id, kind: 'reply' },
		() => posts.reply(actor, Number(threadId), { body: 'We brief every new panel member in their first week.' }),
		(made) => `/threads/${threadId}?post=${made.value.number}#post-${made.value.number}`
	);
	console.log(JSON.stringify({ ok: outcome.ok, replayed: outcome.ok ? outcome.replayed : null, href: outcome.ok ? outcome.href : null }));
} else {
	throw new Error(`Unknown mode ${mode}`);
}
