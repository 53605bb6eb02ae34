import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db, sqlite } from '../db/client';
import { member } from '../db/schema';
import { makeMember } from '../../../../tests/support/members';
import { exportMemberData, eraseMember } from './data-rights';
import * as threads from './threads';
import * as posts from './posts';
import * as moderation from './moderation';
import * as search from './search';
import { replyTo, startThread, tick } from '../../../../tests/support/discussions';

/** Every text cell in the discussions tables that contains `needle` (case-insensitive). */
function occurrences(needle: string): string[] {
	const found: string[] = [];
	for (const table of ['thread', 'post', 'post_revision', 'notification', 'post_report', 'category']) {
		const rows = sqlite().prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
		for (const row of rows) for (const [k, v] of Object.entries(row)) if (typeof v === 'string' && v.toLowerCase().includes(needle.toLowerCase())) found.push(`${table}.${k}`);
	}
	return found;
}

describe('data rights', () => {
	it('exports everything of the member’s in discussions', () => {
		const me = makeMember({ authority: 'Lancashire' });
		const other = makeMember({ authority: 'Lancashire' });
		const id = startThread(me.actor, { title: 'My exported thread', body: 'Original words' });
		const first = threads.view(me.actor, id)!.posts[0];
		posts.edit(me.actor, first.id, { body: 'Edited words' }, tick());
		const r = replyTo(other.actor, id, `Reply to @${me.handle}`);
		moderation.report(me.actor, r.id, { reason: 'spam', note: 'Looks like an advert' });
		const data = exportMemberData(me.id) as Record<string, { [k: string]: unknown }[]>;
		expect(data.threadsStarted).toEqual([expect.objectContaining({ id, title: 'My exported thread', scope: 'National' })]);
		expect(data.posts).toEqual([expect.objectContaining({ threadId: id, number: 1, body: 'Edited words' })]);
		expect(data.earlierVersionsOfPosts).toEqual([expect.objectContaining({ body: 'Original words', reason: 'edit' })]);
		expect(data.following).toEqual([expect.objectContaining({ threadId: id, following: true })]);
		expect(data.notifications.map((n) => n.kind).sort()).toEqual(['mention']);
		expect(data.reportsMade).toEqual([expect.objectContaining({ postId: r.id, reason: 'spam', note: 'Looks like an advert' })]);
		expect(data.readMarkers).toEqual([expect.objectContaining({ threadId: id })]);
		expect(exportMemberData(other.id)).not.toHaveProperty('nothing');
	});

	it('erases a member: posts stay as "Former member", their name and handle go everywhere', () => {
		const me = makeMember({ authority: 'Lancashire', name: 'Philippa Quartermaine' });
		const other = makeMember({ authority: 'Lancashire' });
		const id = startThread(me.actor, { title: 'Corporate parenting pledge refresh', body: 'Signed, Philippa Quartermaine' });
		const mine = replyTo(me.actor, id, 'A reply of mine');
		replyTo(other.actor, id, `Thanks @${me.handle}`);
		const quote = posts.quoteFor(other.actor, id, mine.id)!;
		replyTo(other.actor, id, `${quote}Agreed.`);
		moderation.report(me.actor, threads.view(me.actor, id)!.posts[2].id, { reason: 'other', note: 'Reported by Philippa Quartermaine' });
		expect(occurrences('Philippa Quartermaine').length).toBeGreaterThan(0);

		eraseMember(me.id);
		db.delete(member).where(eq(member.id, me.id)).run();

		expect(occurrences('Philippa Quartermaine')).toEqual([]);
		expect(occurrences(me.handle)).toEqual([]);
		expect(occurrences(me.email)).toEqual([]);
		const page = threads.view(other.actor, id)!;
		expect(page.thread.authorName).toBe('Former member');
		expect(page.posts.map((p) => p.authorName)).toEqual(['Former member', 'Former member', other.name, other.name]);
		expect(page.posts[3].html).toContain('Former member wrote:');
		expect(page.posts[2].html).not.toContain('/members/');
		expect(search.search(other.actor, { q: 'Quartermaine' }).results).toEqual([]);
		expect(search.search(other.actor, { q: 'pledge refresh' }).results.length).toBeGreaterThan(0);
	});
});
