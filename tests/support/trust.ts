/**
 * Test fixtures for the trust area: a member with something in every area — profile, posts,
 * a mentoring pairing with notes, a training log, checklist changes, emails out and in, visits, audit entries —
 * each carrying the member's name or a unique mark, so exports and erasure can be checked.
 */
import { hashPassword } from '../../src/lib/server/auth/password';
import * as audit from '../../src/lib/server/auth/audit';
import { createSession } from '../../src/lib/server/auth/session';
import * as outbox from '../../src/lib/server/mail/outbox';
import * as preferences from '../../src/lib/server/mail/preferences';
import { makeMember } from './members';
import * as meetings from '../../src/lib/server/mentoring/meetings';
import { makeCoordinator, makeMentor, makeMentee, pairUp } from './mentoring';
import * as entries from '../../src/lib/server/training/entries';
import * as checklists from '../../src/lib/server/succession/checklists';
import { replyTo, startThread, tick } from './discussions';
import * as inbound from '../../src/lib/server/mail/inbound';
import { replyAddress } from '../../src/lib/server/mail/reply-keys';
import * as engagement from '../../src/lib/server/mail/engagement';
import { processOne } from '../../src/lib/server/inbound/process';

export const PASSWORD = 'a long and memorable pass phrase';
const DAY = 86_400_000;

let n = 0;

/** A member (a mentee in Lancashire) with data in every area. `now` is 23 November 2026. */
export async function memberWithEverything(now = Date.parse('2026-11-23T12:00:00Z')) {
	n++;
	const mark = `QX${n}MARK`;
	const name = `Zephyrine Quillfeather${'abcdefghijklmnopqrstuvwxyz'[(n - 1) % 26]}${n > 26 ? n : ''}`;
	const passwordHash = await hashPassword(PASSWORD);
	const coordinator = makeCoordinator();
	const mentor = makeMentor({ capacity: 3 });
	const me = makeMentee({ name, email: `zephyrine${n}@quill.example`, goals: `${mark} goals`, passwordHash, now: now - 40 * DAY, bio: `I am ${name}.` });
	const other = makeMember({ authority: 'Lancashire', name: `Colleague ${mark}` });

	// Discussions: a thread of theirs, a reply, and someone else quoting them by name.
	const threadId = startThread(me.actor, { title: `Question from ${mark}`, body: `${mark} opening post` });
	replyTo(me.actor, threadId, `${mark} my reply`);
	replyTo(other.actor, threadId, `Thanks ${name}, and @${me.handle} — good point.`, tick());

	// Email in: a reply by email, posted in the thread (the network keeps the email 30 days).
	const to = replyAddress(me.id, { kind: 'thread', id: threadId });
	const emailed = inbound.store({ raw: Buffer.from(`From: ${name} <${me.email}>\r\nTo: ${to}\r\nSubject: Re: Question from ${mark}\r\nMessage-ID: <${mark}@quill.example>\r\n\r\n${mark} reply by email\r\n`), via: 'smtp', envelopeFrom: me.email, recipients: [to] }, now - 2 * DAY);
	await processOne(emailed.id, now - 2 * DAY);
	engagement.recordVisit(me.id, now - DAY);

	// Mentoring: a pairing with a meeting note.
	const { pairingId } = pairUp(coordinator, mentor, me, now - 30 * DAY);
	meetings.log(me.actor, pairingId, { heldOn: '2026-11-01', durationMinutes: 60, mode: 'online', notes: `${mark} meeting notes`, newActions: [{ text: `${mark} actions`, owner: 'both', dueOn: null }], doneActionIds: [], addToTrainingLog: false }, now);

	// Training log.
	const saved = entries.addEntry(me.actor, { startDate: '2026-10-01', title: `${mark} course`, kind: 'informal', topics: ['send'], hours: '2', reflection: `${mark} reflection` }, now);
	if (!saved.ok) throw new Error('training entry refused');

	// Succession: a checklist change and ownership.
	const v = checklists.view(me.actor, me.authorityId, now);
	const item = v.sections[0].items[0];
	checklists.updateItem(me.actor, me.authorityId, item.key, item.version, { status: 'done', owner: { memberId: me.id, name: '' }, note: `Briefed by ${name}` }, {}, now);

	// Email choices, an email, sessions, audit.
	preferences.update(me.id, { digestFrequency: 'daily', digestHour: 8 }, now);
	outbox.enqueue({ key: `test:${mark}`, kind: 'mention', to: me.email, recipientId: me.id, subject: `Hello ${name}`, text: `Dear ${name}, ${mark}`, html: `<p>Dear ${name}</p>` }, now - DAY);
	outbox.enqueue({ key: `test-other:${mark}`, kind: 'reply', to: other.email, recipientId: other.id, subject: 'A reply', text: `${name} replied in your thread`, html: `<p>${name} replied</p>` }, now - DAY);
	const session = createSession(me.id, { userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/130', ipAddress: '203.0.113.5' }, now);
	audit.record({ actorId: me.id, action: 'sign-in', subjectType: 'member', subjectId: me.id, ipAddress: '203.0.113.5' }, now);
	audit.record({ actorId: null, action: 'sign-in.failed', ipAddress: '203.0.113.5', detail: { email: me.email } }, now);

	return { me, other, mentor, coordinator, threadId, pairingId, mark, name, session, checklistItem: item };
}
