import { describe, expect, it } from 'vitest';
import { sqlite } from '../db/client';
import { makeMember } from '../../../../tests/support/members';
import * as threads from './threads';
import * as posts from './posts';
import * as notifications from './notifications';
import * as moderation from './moderation';
import * as search from './search';
import { categoryId, replyTo, startThread } from '../../../../tests/support/discussions';

type Plan = { id: number; parent: number; detail: string }[];

function planOf(q: { toSQL(): { sql: string; params: unknown[] } }): Plan {
	const { sql, params } = q.toSQL();
	return sqlite().prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as never[])) as Plan;
}

/** Full scans of the big tables: "SCAN thread" / "SCAN post" (or their aliases) without an index. */
const BIG = ['thread', 'post', 'notification', 'thread_follow', 'thread_read', 'post_report', 'post_revision'];
function fullScans(plan: Plan): string[] {
	return plan.map((r) => r.detail).filter((d) => {
		const m = /^SCAN (\w+)(?: AS \w+)?(.*)$/.exec(d);
		return m != null && BIG.includes(m[1]) && !/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY|VIRTUAL TABLE/.test(m[2]);
	});
}

describe('query plans: lists and thread pages are served from indexes', () => {
	it('the checker itself catches a full scan', () => {
		const plan = sqlite().prepare("EXPLAIN QUERY PLAN SELECT * FROM post WHERE body = 'x'").all() as Plan;
		expect(fullScans(plan)).toEqual(['SCAN post']);
		const viaIndex = sqlite().prepare('EXPLAIN QUERY PLAN SELECT * FROM thread ORDER BY last_post_at DESC, id DESC LIMIT 5').all() as Plan;
		expect(fullScans(viaIndex)).toEqual([]);
	});

	const m = makeMember({ authority: 'Lancashire' });
	const coordinator = makeMember({ authority: 'Salford', role: 'coordinator', coordinatorRegionId: 'north-west' });
	const admin = makeMember({ authority: 'Westminster', role: 'admin' });
	const id = startThread(m.actor, { isQuestion: true, regionId: 'north-west' });
	for (let i = 0; i < 5; i++) replyTo(coordinator.actor, id);
	startThread(admin.actor);
	const cat = categoryId();
	const cursor = '1900000000000.5';

	const listVariants: [string, threads.ListFilter][] = [
		['latest', {}],
		['latest, next page', { after: cursor }],
		['latest in a category', { categoryId: cat }],
		['latest in a category, next page', { categoryId: cat, after: cursor }],
		['national', { scope: 'national' }],
		['a region', { scope: 'north-west' }],
		['a region, next page', { scope: 'north-west', after: cursor }],
		['unanswered', { view: 'unanswered' }],
		['unanswered, next page', { view: 'unanswered', after: cursor }],
		['unanswered in a category', { view: 'unanswered', categoryId: cat }],
		['mine', { view: 'mine' }],
		['mine, next page', { view: 'mine', after: cursor }],
		['following', { view: 'following' }],
		['following, next page', { view: 'following', after: cursor }],
		['following in a category and scope', { view: 'following', categoryId: cat, scope: 'national' }]
	];

	for (const who of [
		['member', m],
		['coordinator', coordinator],
		['admin', admin]
	] as const) {
		for (const [name, filter] of listVariants) {
			it(`list (${name}) for a ${who[0]}`, () => {
				const plan = planOf(threads.listQuery(who[1].actor, filter));
				const text = plan.map((r) => r.detail).join('\n');
				expect(fullScans(plan), text).toEqual([]);
				// Except "following" (a member's few followed threads, fetched by id), a page is read
				// in index order and stops at the page size: no sort of every visible thread.
				if (filter.view !== 'following') expect(text).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
			});
		}
	}

	it('pinned threads of a category', () => {
		const plan = planOf(threads.pinnedQuery(m.actor, cat));
		expect(fullScans(plan), plan.map((r) => r.detail).join('\n')).toEqual([]);
	});

	it('the thread page: header, a page of posts, the accepted answer', () => {
		for (const q of [threads.headerQuery(id), posts.pageQuery(id, 481, 500), posts.oneQuery(1)]) {
			const plan = planOf(q);
			expect(fullScans(plan), plan.map((r) => r.detail).join('\n')).toEqual([]);
			expect(plan.some((r) => /^SEARCH (thread|post)\b/.test(r.detail))).toBe(true);
		}
	});

	it('the page of posts walks the (thread_id, number) index', () => {
		const plan = planOf(posts.pageQuery(id, 21, 40));
		expect(plan.map((r) => r.detail).join('\n')).toMatch(/SEARCH post USING INDEX post_thread_number_uq \(thread_id=\? AND number>\? AND number<\?\)/);
	});

	it('notifications and the moderation queue', () => {
		for (const who of [m, coordinator, admin]) {
			for (const q of [notifications.listQuery(who.actor), notifications.listQuery(who.actor, { before: 100, unreadOnly: true }), moderation.queueQuery(who.actor)]) {
				const plan = planOf(q);
				expect(fullScans(plan), plan.map((r) => r.detail).join('\n')).toEqual([]);
			}
		}
	});

	it('search joins from the full-text index', () => {
		for (const who of [m, coordinator, admin]) {
			const { sql, params } = search.searchStatement(who.actor, '"inspection"', { categoryId: cat, scope: 'national' }, 21, 0);
			const plan = sqlite().prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Plan;
			expect(fullScans(plan), plan.map((r) => r.detail).join('\n')).toEqual([]);
			expect(plan.some((r) => /VIRTUAL TABLE INDEX/.test(r.detail))).toBe(true);
		}
	});
});
