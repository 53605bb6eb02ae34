import { describe, expect, it } from 'vitest';
import { db } from '../db/client';
import { seedDiscussions, DEMO_THREADS } from '../seed/demo-discussions';
import { demoNetwork } from '../../../../tests/support/demo';
import * as threads from './threads';
import * as notifications from './notifications';
import * as moderation from './moderation';
import * as search from './search';
import { digestSection } from './digest';

const NOW = Date.UTC(2026, 10, 23, 9, 0, 0);

describe('the demo discussions', () => {
	const { byEmail, ctx } = demoNetwork(NOW, 1);
	db.transaction(() => seedDiscussions(ctx));
	const member = byEmail.get('member@example.org')!;
	const mentor = byEmail.get('mentor@example.org')!;
	const admin = byEmail.get('admin@example.org')!;
	const coordinator = byEmail.get('coordinator@example.org')!;

	it('has at least 40 threads across categories and regions, with replies and accepted answers', () => {
		expect(DEMO_THREADS.length).toBeGreaterThanOrEqual(40);
		const all = threads.list(admin.actor, { limit: 100 }).threads;
		expect(all.length).toBe(DEMO_THREADS.length);
		expect(new Set(all.map((t) => t.category.slug)).size).toBe(10);
		expect(new Set(all.filter((t) => t.scope.regionId).map((t) => t.scope.regionId)).size).toBeGreaterThanOrEqual(5);
		expect(all.filter((t) => t.answered).length).toBeGreaterThanOrEqual(8);
		expect(all.filter((t) => t.isQuestion && !t.answered).length).toBeGreaterThanOrEqual(4);
		expect(all.every((t) => t.lastPostAt <= NOW)).toBe(true);
		expect(all.some((t) => t.pinned) && all.some((t) => t.locked)).toBe(true);
	});

	it('gives member@ and mentor@ follows, replies, mentions and something for their digests', () => {
		for (const m of [member, mentor]) {
			expect(threads.list(m.actor, { view: 'following' }).threads.length).toBeGreaterThanOrEqual(3);
			const items = notifications.list(m.actor, { limit: 100 }).items;
			expect(items.some((n) => n.kind === 'mention')).toBe(true);
			expect(items.some((n) => n.kind === 'reply')).toBe(true);
			expect(notifications.unreadCount(m.actor)).toBeGreaterThan(0);
			const s = digestSection({ id: m.id, name: m.name, email: m.email, authorityId: m.authorityId, regionId: m.regionId, role: m.role, coordinatorRegionId: m.coordinatorRegionId, expertise: m.expertise }, NOW - 7 * 86_400_000, NOW);
			expect(s?.hasNew).toBe(true);
		}
		expect(threads.list(member.actor, { view: 'mine' }).threads.map((t) => t.title)).toContain('How do you prepare for an ILACS inspection as a new Lead Member?');
		expect(threads.list(member.actor, { view: 'following' }).threads.some((t) => t.unread > 0)).toBe(true);
	});

	it('keeps regional threads in their region, is searchable and has a report in the North West queue', () => {
		const yorksThreads = threads.list(mentor.actor, { limit: 100 }).threads;
		expect(yorksThreads.some((t) => t.scope.regionId === 'north-west')).toBe(false);
		expect(yorksThreads.some((t) => t.scope.regionId === 'yorkshire-humber')).toBe(true);
		expect(search.search(member.actor, { q: 'ILACS inspection' }).results.length).toBeGreaterThan(0);
		expect(search.search(member.actor, { q: 'ofsted framwork' }).suggestion?.q).toBe('ofsted framework');
		expect(moderation.queue(coordinator.actor).length).toBe(1);
	});
});
