/** Replying by email: the reply line, threading headers, per-item reply links in digests (issue 14). */
import { describe, expect, it } from 'vitest';
import { makeMember } from '../../../../tests/support/members';
import { startThread, replyTo } from '../../../../tests/support/discussions';
import { messagesTo } from '../mail/outbox';
import { resolveAddress } from '../mail/reply-keys';
import { CHILD_SAFETY } from '../mail/layout';
import * as follows from '../discussions/follows';
import * as preferences from '../mail/preferences';
import * as threads from '../discussions/threads';
import { personalEmail, regionalEmail } from './render';
import { repliesFor, threadIdOf } from './replies';

describe('emails about a thread', () => {
	it('carry Reply-To for the member and thread, threading headers and a line naming who sees a reply', () => {
		const author = makeMember({ authority: 'Lancashire' });
		const reader = makeMember({ authority: 'Salford' });
		const id = startThread(author.actor, { title: 'Short breaks in the North West', regionId: 'north-west', body: `Asking @${reader.handle}` });
		const [mail] = messagesTo(reader.email);
		expect(mail.kind).toBe('notification-mention');
		expect(resolveAddress(mail.headers!['Reply-To'])).toEqual({ memberId: reader.id, kind: 'thread', id });
		expect(mail.headers!['In-Reply-To']).toMatch(new RegExp(`^<thread-${id}@`));
		expect(mail.headers!['References']).toBe(mail.headers!['In-Reply-To']);
		expect(mail.messageId).toMatch(new RegExp(`^<thread-${id}\\.post-\\d+\\.mention\\.m${reader.id}@`));
		expect(mail.text).toContain('Reply to this email to post in the thread — your reply is visible to North West members.');
		expect(mail.text).toContain(CHILD_SAFETY);
		expect(mail.html).toContain('your reply is visible to North West members');

		// A reply later in the thread: its own Message-ID, the same root.
		follows.setFollowing(reader.actor, id, true);
		preferences.update(reader.id, { notifications: { ...preferences.get(reader.id).notifications, reply: 'immediately' } });
		replyTo(author.actor, id, 'A second thought.');
		const [second] = messagesTo(reader.email);
		expect(second.kind).toBe('notification-reply');
		expect(second.messageId).not.toBe(mail.messageId);
		expect(second.headers!['References']).toBe(mail.headers!['References']);
	});

	it('carry the reply address for an accepted answer too', () => {
		const asker = makeMember();
		const helper = makeMember();
		const id = startThread(asker.actor, { isQuestion: true });
		const answer = replyTo(helper.actor, id, 'Ask the virtual school head for two case studies.');
		expect(threads.acceptAnswer(asker.actor, id, answer.id)).toMatchObject({ ok: true });
		const accepted = messagesTo(helper.email).find((m) => m.kind === 'notification-answer')!;
		expect(resolveAddress(accepted.headers!['Reply-To'])).toEqual({ memberId: helper.id, kind: 'thread', id });
		expect(accepted.headers!['In-Reply-To']).toMatch(new RegExp(`^<thread-${id}@`));
		expect(accepted.text).toContain('your reply is visible to all members.');
	});

	it('say "all members" for a national thread', () => {
		const author = makeMember();
		const reader = makeMember({ authority: 'Leeds' });
		startThread(author.actor, { body: `National, @${reader.handle}` });
		expect(messagesTo(reader.email)[0].text).toContain('your reply is visible to all members.');
	});
});

describe('digests', () => {
	it('give each thread its own reply-by-email link for the member, and nothing else one', () => {
		const author = makeMember();
		const reader = makeMember();
		const nw = startThread(author.actor, { title: 'Regional one', regionId: 'north-west' });
		const national = startThread(author.actor, { title: 'National one' });
		expect(threadIdOf(`/threads/${nw}?post=3#post-3`)).toBe(nw);
		expect(threadIdOf('/training')).toBeNull();
		const items = [
			{ text: 'Regional one', href: `/threads/${nw}` },
			{ text: 'National one', href: `/threads/${national}?post=2#post-2` },
			{ text: 'Training', href: '/training' }
		];
		const replies = repliesFor(reader.id, items.map((i) => i.href));
		expect(replies(items[0])).toMatchObject({ subject: 'Re: Regional one', visibleTo: 'North West members' });
		expect(resolveAddress(replies(items[0])!.address)).toEqual({ memberId: reader.id, kind: 'thread', id: nw });
		expect(replies(items[1])!.visibleTo).toBe('all members');
		expect(replies(items[2])).toBeUndefined();

		const email = personalEmail(reader, 'weekly', [{ area: 'discussions', title: 'Discussions', groups: [{ title: 'New discussions', items }] , hasNew: true }], Date.now() - 86_400_000, replies);
		expect(email.html).toContain(`href="mailto:${replies(items[0])!.address}?subject=Re%3A%20Regional%20one"`);
		expect(email.text).toContain(`Reply by email (visible to North West members): ${replies(items[0])!.address}`);
		expect(email.text).toContain('Replying to this email itself posts nothing');
		expect(email.text).toContain(CHILD_SAFETY);
		expect(email.headers['Reply-To']).toBeUndefined();

		const regional = regionalEmail(
			{ id: 1, title: 'Winter', regionName: 'North West', introHtml: '', introText: '', sections: [{ key: 's1', title: 'Threads', source: 'discussions', items, kept: true }] },
			{ id: reader.id },
			{ replies }
		);
		expect(regional.text).toContain(`Reply by email (visible to all members): ${replies(items[1])!.address}`);
	});
});

describe('mentoring emails', () => {
	it('answer a proposal with "yes"/"no" and add to the meeting log by reply, each saying who sees it', async () => {
		const { makeMentor, makeMentee, makeCoordinator, pairUp } = await import('../../../../tests/support/mentoring');
		const mentor = makeMentor();
		const mentee = makeMentee();
		const { pairingId, proposalId } = pairUp(makeCoordinator(), mentor, mentee);
		const proposal = messagesTo(mentee.email).find((m) => m.idempotencyKey.startsWith(`mentoring:proposal:${proposalId}:`))!;
		expect(resolveAddress(proposal.headers!['Reply-To'])).toEqual({ memberId: mentee.id, kind: 'proposal', id: proposalId });
		expect(proposal.text).toContain('Reply to this email with "yes" to accept or "no" to decline');
		expect(proposal.text).toContain(CHILD_SAFETY);
		const started = messagesTo(mentor.email).find((m) => m.idempotencyKey.startsWith(`mentoring:paired:${pairingId}:`))!;
		expect(resolveAddress(started.headers!['Reply-To'])).toEqual({ memberId: mentor.id, kind: 'pairing', id: pairingId });
		expect(started.text).toContain('Reply to this email to add a note to your meeting log — it is visible only to you and your mentee.');
		const forMentee = messagesTo(mentee.email).find((m) => m.idempotencyKey.startsWith(`mentoring:paired:${pairingId}:`))!;
		expect(forMentee.text).toContain('visible only to you and your mentor.');
	});
});
