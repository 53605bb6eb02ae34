import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { post, thread } from '../db/schema';
import { makeMember } from '../../../../tests/support/members';
import * as threads from './threads';
import * as posts from './posts';
import * as moderation from './moderation';
import { categoryId, startThread, tick } from '../../../../tests/support/discussions';

const IDENTIFYING = "Jamie Smith, aged 14, at St Mary's Primary in Preston, was placed out of county last month.";

describe('the child-safety check on replies and new threads', () => {
	it('refuses an unconfirmed reply that may identify a child, naming the words, and writes nothing', () => {
		const m = makeMember({ authority: 'Lancashire' });
		const id = startThread(m.actor);
		const before = db.select().from(post).where(eq(post.threadId, id)).all().length;
		const r = posts.reply(m.actor, id, { body: IDENTIFYING }, tick());
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.childSafeConfirmed).toMatch(/confirm that no child/);
		expect(r.childSafety?.[0].words).toEqual(expect.arrayContaining(['Jamie Smith', 'aged 14']));
		expect(db.select().from(post).where(eq(post.threadId, id)).all().length).toBe(before);
	});

	it('posts a confirmed reply and flags it to the moderators of its region, naming the words', () => {
		const m = makeMember({ authority: 'Lancashire' });
		const id = startThread(m.actor, { regionId: 'north-west' });
		const r = posts.reply(m.actor, id, { body: IDENTIFYING, childSafeConfirmed: true }, tick());
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const coordinator = makeMember({ authority: 'Salford', role: 'coordinator', coordinatorRegionId: 'north-west' });
		const item = moderation.queue(coordinator.actor).find((q) => q.postId === r.value.id);
		expect(item?.flaggedByCheck).toBe(true);
		expect(item?.reports[0].reason).toBe('identifies-child');
		expect(item?.reports[0].note).toContain('“Jamie Smith”');
		expect(item?.reports[0].reporterName).toMatch(/child-safety check/);
		const other = makeMember({ authority: 'Leeds', role: 'coordinator', coordinatorRegionId: 'yorkshire-humber' });
		expect(moderation.queue(other.actor).some((q) => q.postId === r.value.id)).toBe(false);
	});

	it('posts an ordinary reply without a flag, ticked box or not', () => {
		const m = makeMember({ authority: 'Lancashire' });
		const id = startThread(m.actor);
		const admin = makeMember({ authority: 'Westminster', role: 'admin' });
		for (const confirmed of [false, true]) {
			const r = posts.reply(m.actor, id, { body: 'Our panel met on Tuesday to discuss placement sufficiency.', childSafeConfirmed: confirmed }, tick());
			expect(r.ok).toBe(true);
			if (r.ok) expect(moderation.queue(admin.actor).some((q) => q.postId === r.value.id)).toBe(false);
		}
	});

	it('checks a new thread’s title and body the same way', () => {
		const m = makeMember({ authority: 'Lancashire' });
		const input = { title: 'Advice about Tyler, 10', body: 'He lives with his foster carers and things are hard.', categoryId: categoryId(), regionId: null, isQuestion: false };
		const refused = threads.create(m.actor, input, tick());
		expect(refused.ok).toBe(false);
		if (!refused.ok) expect(refused.childSafety?.[0].words).toContain('Tyler');
		const posted = threads.create(m.actor, { ...input, childSafeConfirmed: true }, tick());
		expect(posted.ok).toBe(true);
		if (!posted.ok) return;
		const first = db.select({ id: post.id }).from(post).where(eq(post.threadId, posted.value.id)).get()!;
		const admin = makeMember({ authority: 'Westminster', role: 'admin' });
		expect(moderation.queue(admin.actor).find((q) => q.postId === first.id)?.flaggedByCheck).toBe(true);
		expect(db.select().from(thread).where(eq(thread.id, posted.value.id)).get()?.title).toBe('Advice about Tyler, 10');
	});

	it('previews warnings without saving anything', () => {
		expect(threads.previewWarnings(IDENTIFYING).length).toBe(1);
		expect(threads.previewWarnings('Our panel met.', 'Jamie Smith, aged 14')).toHaveLength(1);
		expect(threads.previewWarnings('Our panel met.')).toEqual([]);
	});
});
