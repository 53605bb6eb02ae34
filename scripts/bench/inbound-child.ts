/**
 * Child process (DATA_DIR = the inbound run's copy of the database, before the app opens it):
 * makes what the mail-in benchmark sends — for each of `senders` members, the reply address of a
 * national thread they may reply to, made with the app's own reply-key code and the copy's app
 * secret, so the app accepts them as it would a member's real reply — and a session for the
 * member whose thread page is read meanwhile.
 *
 * Asked over IPC: { type: 'inbound', senders, reader, threadId } → { type: 'inbound', … }.
 */
import { createSession, markMfaVerified } from '../../src/lib/server/auth/session';
import { sqlite, closeDatabase } from '../../src/lib/server/db/client';
import { replyAddress } from '../../src/lib/server/mail/reply-keys';

type Ask = { type: 'inbound'; senders: number; reader: string; threadId: number };

export type Sender = { memberId: number; email: string; name: string; threadId: number; threadTitle: string; address: string };
export type InboundFacts = { type: 'inbound'; senders: Sender[]; reader: { email: string; token: string }; readThread: { id: number; title: string } };

function answer(ask: Ask): InboundFacts {
	const db = sqlite();
	// Open national threads with recent replies: the ones notification emails are about.
	const threads = db
		.prepare('SELECT id, title FROM thread WHERE region_id IS NULL AND locked_at IS NULL ORDER BY last_post_at DESC LIMIT 200')
		.all() as { id: number; title: string }[];
	if (threads.length === 0) throw new Error('No open national thread to reply to');
	// Members spread over the network (not the first ids only), active, ordinary members.
	const members = db
		.prepare("SELECT id, email, name FROM member WHERE deactivated_at IS NULL AND role = 'member' ORDER BY (id * 7919) % 20011 LIMIT ?")
		.all(ask.senders) as { id: number; email: string; name: string }[];
	if (members.length < ask.senders) throw new Error(`Only ${members.length} members to send from (${ask.senders} asked)`);
	const senders = members.map((m, i) => {
		const t = threads[i % threads.length];
		return { memberId: m.id, email: m.email, name: m.name, threadId: t.id, threadTitle: t.title, address: replyAddress(m.id, { kind: 'thread', id: t.id }) };
	});
	const reader = db.prepare('SELECT id, email FROM member WHERE email = ?').get(ask.reader) as { id: number; email: string } | undefined;
	if (!reader) throw new Error(`No member ${ask.reader}`);
	const { token, session } = createSession(reader.id, { userAgent: 'lead-member-network bench' });
	markMfaVerified(session.id);
	const read = db.prepare('SELECT id, title FROM thread WHERE id = ?').get(ask.threadId) as { id: number; title: string } | undefined;
	if (!read) throw new Error(`No thread ${ask.threadId}`);
	return { type: 'inbound', senders, reader: { email: reader.email, token }, readThread: read };
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
