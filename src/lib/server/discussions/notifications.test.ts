import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { member } from '../db/schema';
import { makeMember, authorityId } from '../../../../tests/support/members';
import { messagesTo } from '../mail/outbox';
import * as preferences from '../mail/preferences';
import * as engagement from '../mail/engagement';
import * as members from '../network/members';
import * as notifications from './notifications';
import * as threads from './threads';
import * as follows from './follows';
import * as posts from './posts';
import { replyTo, startThread, tick } from '../../../../tests/support/discussions';

const nw = (name?: string) => makeMember({ authority: 'Lancashire', name });

describe('mentions', () => {
	it('notify a mentioned member in the app and, by default, by email at once', () => {
		const author = nw();
		const mentioned = nw('Mentioned Person');
		const id = startThread(author.actor, { title: 'Who has a good care leavers offer?', body: `I think @${mentioned.handle} knows about this.` });
		const list = notifications.list(mentioned.actor).items;
		expect(list).toHaveLength(1);
		expect(list[0]).toMatchObject({ kind: 'mention', threadId: id, threadTitle: 'Who has a good care leavers offer?', href: `/threads/${id}` });
		expect(notifications.unreadCount(mentioned.actor)).toBe(1);
		const mail = messagesTo(mentioned.email);
		expect(mail).toHaveLength(1);
		expect(mail[0].subject).toBe(`${author.name} mentioned you in “Who has a good care leavers offer?”`);
		expect(mail[0].headers?.['List-Unsubscribe']).toMatch(/^<http.*\/unsubscribe\/.+\/one-click>$/);
		expect(mail[0].headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
		expect(mail[0].text).toContain(`/threads/${id}`);
		const page = threads.view(author.actor, id)!;
		expect(page.posts[0].html).toContain(`<a href="/members/${mentioned.handle}"`);
	});

	it('send no email to a member away longer than INACTIVE_MONTHS: one "are you still there?" instead, and the notification stays on the site', () => {
		const author = nw();
		const away = nw('Away Member');
		engagement.recordSignIn(away.id, Date.now() - 400 * 86_400_000);
		startThread(author.actor, { title: 'Anyone seen our colleague?', body: `Asking @${away.handle}` });
		startThread(author.actor, { title: 'Second try', body: `Asking @${away.handle} again` });
		expect(notifications.list(away.actor).items).toHaveLength(2);
		const mail = messagesTo(away.email);
		expect(mail.map((m) => m.kind)).toEqual(['still-there']);
	});

	it('never tell a member about a thread they cannot see', () => {
		const author = nw();
		const outsider = makeMember({ authority: 'Leeds' });
		startThread(author.actor, { regionId: 'north-west', body: `Asking @${outsider.handle} even though they are in Yorkshire` });
		expect(notifications.list(outsider.actor).items).toEqual([]);
		expect(notifications.unreadCount(outsider.actor)).toBe(0);
		expect(messagesTo(outsider.email)).toEqual([]);
	});

	it('notify only newly added mentions on edit, and never the author themselves', () => {
		const author = nw();
		const a = nw();
		const b = nw();
		const id = startThread(author.actor, { body: `Hello @${a.handle} and @${author.handle}` });
		const first = threads.view(author.actor, id)!.posts[0];
		posts.edit(author.actor, first.id, { body: `Hello @${a.handle} and @${b.handle}` }, tick());
		expect(notifications.list(a.actor).items).toHaveLength(1);
		expect(notifications.list(b.actor).items).toHaveLength(1);
		expect(notifications.list(author.actor).items).toHaveLength(0);
	});

	it('ignore unknown handles and email addresses', () => {
		const author = nw();
		const id = startThread(author.actor, { body: 'Write to someone@example.org or @nobody-by-this-name' });
		expect(threads.view(author.actor, id)!.posts[0].html).not.toContain('/members/');
	});
});

describe('replies to followed threads', () => {
	it('reach followers by their email choice: immediately, in the digest, or off', () => {
		const author = nw();
		const digestFan = nw();
		const offFan = nw();
		const replier = nw();
		preferences.update(author.id, { notifications: { ...preferences.get(author.id).notifications, reply: 'immediately' } });
		preferences.update(offFan.id, { notifications: { ...preferences.get(offFan.id).notifications, reply: 'off' } });
		const id = startThread(author.actor, { title: 'Reg 44 visit reports' });
		threads.view(digestFan.actor, id);
		replyTo(digestFan.actor, id, 'Following along');
		replyTo(offFan.actor, id, 'Me too');
		const before = messagesTo(author.email).length;
		replyTo(replier.actor, id, 'Our reports go to the panel each quarter.');
		expect(messagesTo(author.email).length).toBe(before + 1);
		expect(messagesTo(author.email)[0].subject).toBe('New reply in “Reg 44 visit reports”');
		expect(messagesTo(digestFan.email)).toHaveLength(0);
		expect(messagesTo(offFan.email)).toHaveLength(0);
		for (const who of [author, digestFan, offFan]) expect(notifications.list(who.actor).items[0]).toMatchObject({ kind: 'reply', threadId: id, postNumber: 4, href: `/threads/${id}?post=4#post-4` });
		expect(notifications.list(replier.actor).items).toHaveLength(0);
	});

	it('tell the quoted author, once, even when they do not follow', () => {
		const author = nw();
		const quoter = nw();
		const id = startThread(author.actor);
		const p = replyTo(makeMember({ authority: 'Lancashire' }).actor, id, 'Something quotable');
		const quotedAuthorId = threads.view(author.actor, id)!.posts[1].authorId!;
		const quoted = members.actorById(quotedAuthorId)!;
		const { posts: shown } = threads.view(quoted, id)!;
		expect(shown).toHaveLength(2);
		replyTo(quoter.actor, id, 'Quoting you', tick(), p.id);
		const items = notifications.list(quoted).items;
		expect(items.filter((n) => n.threadId === id)).toHaveLength(1);
	});

	it('are marked read when the post is shown, and can be marked read by hand', () => {
		const author = nw();
		const id = startThread(author.actor);
		replyTo(nw().actor, id);
		replyTo(nw().actor, id);
		expect(notifications.unreadCount(author.actor)).toBe(2);
		threads.view(author.actor, id);
		expect(notifications.unreadCount(author.actor)).toBe(0);
		replyTo(nw().actor, id);
		const [n] = notifications.list(author.actor).items;
		expect(notifications.markRead(makeMember().actor, n.id)).toBe(false);
		expect(notifications.markRead(author.actor, n.id)).toBe(true);
		expect(notifications.unreadCount(author.actor)).toBe(0);
		replyTo(nw().actor, id);
		expect(notifications.markAllRead(author.actor)).toBe(1);
	});

	it('are marked read only for the posts on the page shown, and only the viewer’s', () => {
		const author = nw();
		const id = startThread(author.actor);
		const other = nw();
		follows.setFollowing(other.actor, id, true);
		for (let i = 0; i < 24; i++) replyTo(nw().actor, id); // posts 2–25: page 1 shows 1–20
		expect(notifications.unreadCount(author.actor)).toBe(24);
		const followerBefore = notifications.unreadCount(other.actor);
		threads.view(author.actor, id, { page: 1 });
		expect(notifications.unreadCount(author.actor)).toBe(5);
		expect(notifications.unreadCount(other.actor)).toBe(followerBefore);
		threads.view(author.actor, id, { page: 2 });
		expect(notifications.unreadCount(author.actor)).toBe(0);
	});

	it('disappear from a member who moves out of the region', () => {
		const author = nw();
		const id = startThread(author.actor, { regionId: 'north-west' });
		replyTo(nw().actor, id);
		expect(notifications.unreadCount(author.actor)).toBe(1);
		db.update(member).set({ authorityId: authorityId('Leeds') }).where(eq(member.id, author.id)).run();
		const moved = members.actorById(author.id)!;
		expect(notifications.unreadCount(moved)).toBe(0);
		expect(notifications.list(moved).items).toEqual([]);
	});
});

describe('accepted answers', () => {
	it('tell the answer’s author and the asker (when someone else accepts)', () => {
		const asker = nw();
		const helper = nw();
		const coordinator = makeMember({ authority: 'Salford', role: 'coordinator', coordinatorRegionId: 'north-west' });
		preferences.update(helper.id, { notifications: { ...preferences.get(helper.id).notifications, reply: 'off' } });
		const id = startThread(asker.actor, { isQuestion: true, title: 'Budget setting timetable?' });
		const r = replyTo(helper.actor, id, 'We start in September.');
		threads.acceptAnswer(coordinator.actor, id, r.id, {}, tick());
		expect(notifications.list(helper.actor).items[0]).toMatchObject({ kind: 'answer', detail: 'answerer' });
		expect(notifications.list(asker.actor).items[0]).toMatchObject({ kind: 'answer', detail: 'asker' });
		expect(messagesTo(helper.email)[0].subject).toBe('Your reply was marked as the answer to “Budget setting timetable?”');
		expect(messagesTo(asker.email)[0].subject).toBe('An answer was accepted on “Budget setting timetable?”');
	});
});

describe('the notifications page', () => {
	it('groups notifications by thread, each thread where its newest notification is, with its unread count', () => {
		const me = nw();
		const other = nw();
		const first = startThread(me.actor, { title: 'Thread one about placements' });
		const second = startThread(me.actor, { title: 'Thread two about scrutiny' });
		replyTo(other.actor, first, `A reply for @${me.handle}`);
		replyTo(other.actor, second, 'A reply in the second thread');
		replyTo(other.actor, first, 'Another reply in the first thread');
		const [read] = notifications.list(me.actor).items.filter((n) => n.threadId === second);
		notifications.markRead(me.actor, read.id);

		const { threads: groups, next } = notifications.listByThread(me.actor);
		expect(next).toBeNull();
		expect(groups.map((g) => [g.threadTitle, g.href, g.unread, g.items.map((n) => n.kind)])).toEqual([
			['Thread one about placements', `/threads/${first}`, 2, ['reply', 'mention']],
			['Thread two about scrutiny', `/threads/${second}`, 0, ['reply']]
		]);
		expect(notifications.listByThread(me.actor, { unreadOnly: true }).threads.map((g) => g.threadTitle)).toEqual(['Thread one about placements']);
	});
});
