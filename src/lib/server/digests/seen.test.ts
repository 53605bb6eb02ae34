/**
 * Home and digest know what the member has seen (issue 18): a member who reads a thread, replies
 * in another, accepts an answer in a third and gets a mention emailed straight away finds none of
 * those in their "your week" nor in their next personal digest — only what is still new to them.
 * The real areas throughout, on a controlled clock.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { db } from '../db/client';
import { digestSetting, member, outboxMessage } from '../db/schema';
import { makeMember } from '../../../../tests/support/members';
import { replyTo, startThread } from '../../../../tests/support/discussions';
import * as preferences from '../mail/preferences';
import * as threads from '../discussions/threads';
import * as personal from './personal';
import { home } from './home';

/** Monday 23 November 2026, 00:00 UK time (GMT). */
const MON = Date.parse('2026-11-23T00:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(() => {
	db.insert(digestSetting).values({ key: 'scheduler-started-at', value: MON - 30 * DAY }).onConflictDoUpdate({ target: digestSetting.key, set: { value: MON - 30 * DAY } }).run();
});

const mailTo = (memberId: number, prefix: string) =>
	db
		.select()
		.from(outboxMessage)
		.where(and(eq(outboxMessage.recipientId, memberId), like(outboxMessage.idempotencyKey, `${prefix}%`)))
		.orderBy(outboxMessage.id)
		.all();

/** The discussions lines of the member's home page at `now`. */
function homeLines(actor: Parameters<typeof home>[0], now: number): string[] {
	const s = home(actor, now).sections.find((x) => x.area === 'discussions');
	return (s?.groups ?? []).flatMap((g) => g.items.map((i) => `${g.title}: ${i.text}${i.note ? ` (${i.note})` : ''}`));
}

describe('what the member has seen', () => {
	it('is new neither on the home page nor in the next digest: read, answered, accepted, or emailed straight away', async () => {
		const me = makeMember({ authority: 'Lancashire' });
		db.update(member).set({ createdAt: MON - 10 * DAY }).where(eq(member.id, me.id)).run();
		const other = makeMember({ authority: 'Salford' });
		preferences.update(me.id, { digestFrequency: 'weekly', digestWeekday: 1, digestHour: 7 });
		await personal.sendDue(MON + 8 * HOUR, { memberIds: [me.id] }); // first sight: the baseline

		const at = (h: number) => MON + DAY + h * HOUR;
		const read = startThread(me.actor, { title: 'Thread I read on the site' }, at(0));
		const answered = startThread(me.actor, { title: 'Thread I answered' }, at(0.1));
		const accepted = startThread(me.actor, { title: 'Question whose answer I accepted', isQuestion: true }, at(0.2));
		const fresh = startThread(me.actor, { title: 'Thread with a reply I have not seen' }, at(0.3));

		replyTo(other.actor, read, 'A reply I will read.', at(1));
		replyTo(other.actor, answered, 'A reply I will answer.', at(1.1));
		const answer = replyTo(other.actor, accepted, 'The answer I will accept.', at(1.2));
		replyTo(other.actor, fresh, 'A reply still waiting for me.', at(1.3));
		// A mention, emailed straight away (the default for mentions).
		startThread(other.actor, { title: 'Visiting children placed far from home', body: `What do you think, @${me.handle}?` }, at(1.4));
		expect(mailTo(me.id, 'notification:mention:')).toHaveLength(1);

		// Before the member does anything, all of it is new to them on the home page, except the mention they were emailed.
		const before = homeLines(me.actor, at(2));
		expect(before).toEqual(
			expect.arrayContaining([
				'Replies in threads you follow: Thread I read on the site (1 new reply)',
				'Replies in threads you follow: Thread I answered (1 new reply)',
				'Replies in threads you follow: Question whose answer I accepted (1 new reply)',
				'Replies in threads you follow: Thread with a reply I have not seen (1 new reply)'
			])
		);
		expect(before.join('\n')).not.toContain('mentioned you');

		// They read one thread, answer in another and accept the answer in a third.
		expect(threads.view(me.actor, read, {}, at(3))).not.toBeNull();
		replyTo(me.actor, answered, 'Thank you, that helps.', at(3.1));
		expect(threads.acceptAnswer(me.actor, accepted, answer.id, {}, at(3.2)).ok).toBe(true);

		const after = homeLines(me.actor, at(4));
		expect(after.filter((l) => l.startsWith('Replies in threads you follow'))).toEqual(['Replies in threads you follow: Thread with a reply I have not seen (1 new reply)']);
		expect(after.join('\n')).not.toContain('mentioned you');

		// The weekly digest a week on says the same: only the reply they have not seen.
		expect((await personal.sendDue(MON + 7 * DAY + 7 * HOUR, { memberIds: [me.id] })).sent).toBe(1);
		const [digest] = mailTo(me.id, 'digest:');
		expect(digest.text).toContain('Thread with a reply I have not seen');
		for (const seen of ['Thread I read on the site', 'Thread I answered', 'Question whose answer I accepted', 'mentioned you']) expect(digest.text).not.toContain(seen);
	});

	it('keeps a mention that was neither emailed nor read until the member opens it', () => {
		const me = makeMember({ authority: 'Lancashire' });
		const other = makeMember({ authority: 'Salford' });
		preferences.update(me.id, { notifications: { ...preferences.get(me.id).notifications, mention: 'digest' } });
		const at = (h: number) => MON + 2 * DAY + h * HOUR;
		const t = startThread(other.actor, { title: 'Foster carer recruitment', body: `Over to @${me.handle}` }, at(0));
		expect(mailTo(me.id, 'notification:mention:')).toHaveLength(0);
		expect(homeLines(me.actor, at(1))).toContain(`Mentions of you: ${other.name} mentioned you in “Foster carer recruitment”`);
		threads.view(me.actor, t, {}, at(2));
		expect(homeLines(me.actor, at(3)).join('\n')).not.toContain('mentioned you');
	});
});
