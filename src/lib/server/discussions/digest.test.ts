import { describe, expect, it } from 'vitest';
import { makeMember } from '../../../../tests/support/members';
import * as preferences from '../mail/preferences';
import type { DigestRecipient } from '../digest-items';
import { digestSection, regionalDigestGroups } from './digest';
import * as threads from './threads';
import { replyTo, startThread, tick } from '../../../../tests/support/discussions';

/** Mentions to the digest, not by email straight away (an emailed mention is not repeated in the digest). */
function mentionsInDigest(...ms: ReturnType<typeof makeMember>[]) {
	for (const m of ms) preferences.update(m.id, { notifications: { ...preferences.get(m.id).notifications, mention: 'digest' } });
}

function recipientOf(m: ReturnType<typeof makeMember>): DigestRecipient {
	return { id: m.id, name: m.name, email: m.email, authorityId: m.authorityId, regionId: m.regionId, role: m.role, coordinatorRegionId: m.coordinatorRegionId, expertise: m.expertise };
}

describe('digestSection', () => {
	it('gathers replies, mentions, answers, new threads and questions to help with — and nothing from other regions', () => {
		const me = makeMember({ authority: 'Lancashire', expertise: ['send'] });
		const other = makeMember({ authority: 'Lancashire' });
		const yorks = makeMember({ authority: 'Leeds' });
		mentionsInDigest(me);
		const mine = startThread(me.actor, { title: 'My question about panels', isQuestion: true, category: 'corporate-parenting' });
		const since = tick();
		replyTo(other.actor, mine, 'First reply');
		const answer = replyTo(yorks.actor, mine, 'Second reply');
		threads.acceptAnswer(me.actor, mine, answer.id, {}, tick());
		// Accepting an answer shows the member the replies before it: only a later one is new.
		replyTo(other.actor, mine, 'Third reply, after the answer');
		startThread(other.actor, { title: `Mentioning you @${me.handle}`, body: `Over to @${me.handle}` });
		startThread(other.actor, { title: 'EHCP timeliness question', isQuestion: true, category: 'education-send' });
		startThread(yorks.actor, { title: 'Yorkshire-only SEND thread', regionId: 'yorkshire-humber', category: 'education-send', isQuestion: true });
		startThread(other.actor, { title: 'North West only thread', regionId: 'north-west' });
		const now = tick();

		const s = digestSection(recipientOf(me), since, now)!;
		expect(s.area).toBe('discussions');
		expect(s.hasNew).toBe(true);
		const group = (title: string) => s.groups.find((g) => g.title === title);
		expect(group('Replies in threads you follow')?.items).toEqual([{ text: 'My question about panels', href: `/threads/${mine}?post=4#post-4`, note: '1 new reply' }]);
		expect(group('Mentions of you')?.items[0].text).toBe(`${other.name} mentioned you in “Mentioning you @${me.handle}”`);
		expect(group('Questions you could help with')?.items.map((i) => i.text)).toEqual(['EHCP timeliness question']);
		expect(group('New discussions')?.items.map((i) => i.text)).toEqual(expect.arrayContaining(['North West only thread', `Mentioning you @${me.handle}`]));
		const everything = JSON.stringify(s);
		expect(everything).not.toContain('Yorkshire-only');
		// Answers to one's own question only count when someone else accepts; here the asker did.
		expect(group('Answers')).toBeUndefined();
	});

	it('never shows a notification about a thread the member can no longer see, whichever member’s digest is built first', () => {
		const moved = makeMember({ authority: 'Leeds' });
		const stays = makeMember({ authority: 'Leeds' });
		const author = makeMember({ authority: 'Leeds' });
		mentionsInDigest(moved, stays);
		const since = tick();
		startThread(author.actor, { title: 'Yorkshire-only mention', regionId: 'yorkshire-humber', body: `Over to @${moved.handle} and @${stays.handle}` });
		const now = tick();
		// Seen as a North West member (they have moved since), before and after a Yorkshire member's digest.
		const asNorthWest = { ...recipientOf(moved), regionId: 'north-west' };
		expect(JSON.stringify(digestSection(asNorthWest, since, now))).not.toContain('Yorkshire-only');
		const yorkshire = digestSection(recipientOf(stays), since, now)!;
		expect(yorkshire.groups.find((g) => g.title === 'Mentions of you')?.items[0].text).toBe(`${author.name} mentioned you in “Yorkshire-only mention”`);
		expect(JSON.stringify(digestSection(asNorthWest, since, now))).not.toContain('Yorkshire-only');
		// Their North West coordinator's view of it: a coordinator of Yorkshire may see it.
		const coordinating = { ...asNorthWest, role: 'coordinator' as const, coordinatorRegionId: 'yorkshire-humber' };
		expect(JSON.stringify(digestSection(coordinating, since, now))).toContain('Yorkshire-only mention');
		expect(JSON.stringify(digestSection(asNorthWest, since, now))).not.toContain('Yorkshire-only');
	});

	it('leaves out kinds the member switched off', () => {
		const me = makeMember({ authority: 'Lancashire' });
		const other = makeMember({ authority: 'Lancashire' });
		const id = startThread(me.actor);
		const since = tick();
		replyTo(other.actor, id);
		preferences.update(me.id, { notifications: { ...preferences.get(me.id).notifications, reply: 'off' } });
		const s = digestSection(recipientOf(me), since, tick());
		expect(s?.groups.some((g) => g.title === 'Replies in threads you follow') ?? false).toBe(false);
	});

	it('returns null when there is nothing at all, and caps long groups with "more"', () => {
		const me = makeMember({ authority: 'Lancashire' });
		const far = tick() + 10 * 365 * 86_400_000;
		expect(digestSection(recipientOf(me), far, far + 1000)).toBeNull();
		const other = makeMember({ authority: 'Cornwall' });
		const since = tick();
		for (let i = 0; i < 8; i++) startThread(other.actor, { title: `National thread number ${i}` });
		const s = digestSection(recipientOf(me), since, tick())!;
		const g = s.groups.find((x) => x.title === 'New discussions')!;
		expect(g.items).toHaveLength(5);
		expect(g.more).toBe(3);
		expect(g.moreHref).toBe('/threads');
	});
});

describe('regionalDigestGroups', () => {
	it('suggests the region’s busiest threads and open questions, never another region’s', () => {
		const nw = makeMember({ authority: 'Lancashire' });
		const yorks = makeMember({ authority: 'Leeds' });
		const since = tick();
		const busy = startThread(nw.actor, { title: 'Busy North West thread', regionId: 'north-west' });
		replyTo(yorks.actor, startThread(nw.actor, { title: 'National thread by a North West member' }));
		replyTo(nw.actor, busy);
		replyTo(makeMember({ authority: 'Salford' }).actor, busy);
		startThread(nw.actor, { title: 'Open North West question', regionId: 'north-west', isQuestion: true });
		startThread(yorks.actor, { title: 'Yorkshire private thread', regionId: 'yorkshire-humber', isQuestion: true });
		const groups = regionalDigestGroups('north-west', since, tick());
		const active = groups.find((g) => g.title === 'Most active discussions')!;
		expect(active.items[0]).toMatchObject({ text: 'Busy North West thread', note: 'Inspection · new thread · 2 new replies' });
		expect(active.items.map((i) => i.text)).toContain('National thread by a North West member');
		expect(groups.find((g) => g.title === 'Questions waiting for an answer')!.items.map((i) => i.text)).toContain('Open North West question');
		expect(JSON.stringify(groups)).not.toContain('Yorkshire private');
		const national = regionalDigestGroups(null, since, tick());
		expect(JSON.stringify(national)).not.toContain('Busy North West thread');
	});
});
