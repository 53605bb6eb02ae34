import { describe, expect, it } from 'vitest';
import { makeMember } from '../../../../tests/support/members';
import * as threads from './threads';
import * as posts from './posts';
import * as follows from './follows';
import * as categories from './categories';
import * as moderation from './moderation';
import { BODY_MAX } from './input';
import { categoryId, replyTo, startThread, statusOf, tick } from '../../../../tests/support/discussions';

const nw = () => makeMember({ authority: 'Lancashire' });
const yorks = () => makeMember({ authority: 'Leeds' });
const nwCoordinator = () => makeMember({ authority: 'Salford', role: 'coordinator', coordinatorRegionId: 'north-west' });
const admin = () => makeMember({ authority: 'Westminster', role: 'admin' });

describe('starting a thread', () => {
	it('refuses bad titles, empty or oversized bodies, unknown categories and scopes with messages', () => {
		const m = nw();
		const base = { title: 'A proper title', body: 'Body', categoryId: categoryId(), regionId: null, isQuestion: false };
		const bad = (over: Partial<threads.NewThread>) => {
			const r = threads.create(m.actor, { ...base, ...over }, tick());
			return r.ok ? null : r.errors;
		};
		expect(bad({ title: 'Hey' })?.title).toBe('Enter a title of at least 5 characters');
		expect(bad({ title: 'x'.repeat(151) })?.title).toBe('Enter a title of at most 150 characters');
		expect(bad({ title: '   \n\t ' })?.title).toBe('Enter a title');
		expect(bad({ body: '   \n\n  ' })?.body).toMatch(/cannot be empty/);
		expect(bad({ body: '' })?.body).toMatch(/cannot be empty/);
		expect(bad({ body: 'a'.repeat(BODY_MAX + 1) })?.body).toMatch(/at most 50,000 characters/);
		expect(bad({ categoryId: 99999 })?.categoryId).toBe('Choose a category from the list');
		expect(bad({ regionId: 'yorkshire-humber' })?.regionId).toMatch(/own region/);
		expect(bad({ regionId: 'atlantis' })?.regionId).toBeDefined();
		expect(bad({ body: 'a'.repeat(BODY_MAX) })).toBeNull();
	});

	it('refuses an archived category', () => {
		const a = admin();
		const m = nw();
		const c = categories.create(a.actor, { name: `Old things ${Math.random()}`, description: '' });
		expect(c.ok).toBe(true);
		if (!c.ok) return;
		categories.setArchived(a.actor, c.value.id, true);
		const r = threads.create(m.actor, { title: 'Into the archive', body: 'Hello', categoryId: c.value.id, regionId: null, isQuestion: false }, tick());
		expect(r.ok).toBe(false);
	});

	it('stores sanitized HTML at write time and follows the thread for its author', () => {
		const m = nw();
		const id = startThread(m.actor, { body: 'Hello <script>alert(1)</script> **world** [x](javascript:alert(1))' });
		const page = threads.view(m.actor, id)!;
		expect(page.posts[0].html).toContain('<strong>world</strong>');
		expect(page.posts[0].html).not.toMatch(/<script|javascript:/i);
		expect(page.following).toBe(true);
	});

	it('allows at most 10 posts a minute per member', () => {
		const m = nw();
		const now = tick();
		const id = startThread(m.actor, {}, now);
		for (let i = 0; i < 9; i++) expect(posts.reply(m.actor, id, { body: `Reply ${i}` }, now + i).ok).toBe(true);
		const eleventh = posts.reply(m.actor, id, { body: 'One too many' }, now + 20);
		expect(eleventh.ok).toBe(false);
		if (!eleventh.ok) expect(eleventh.errors.body).toMatch(/10 times in the last minute/);
		expect(posts.reply(m.actor, id, { body: 'A minute later' }, now + 61_000).ok).toBe(true);
	});
});

describe('visibility of regional threads', () => {
	it('shows a region’s thread only to its members, its coordinator and admins', () => {
		const author = nw();
		const id = startThread(author.actor, { title: 'North West only: panel attendance', regionId: 'north-west' });
		const outsider = yorks();
		const otherCoordinator = makeMember({ authority: 'Leeds', role: 'coordinator', coordinatorRegionId: 'yorkshire-humber' });
		for (const who of [author, nw(), nwCoordinator(), admin()]) {
			expect(threads.view(who.actor, id)).not.toBeNull();
			expect(threads.list(who.actor).threads.some((t) => t.id === id)).toBe(true);
		}
		for (const who of [outsider, otherCoordinator]) {
			expect(threads.view(who.actor, id)).toBeNull();
			expect(threads.list(who.actor, { limit: 100 }).threads.some((t) => t.id === id)).toBe(false);
			expect(threads.list(who.actor, { scope: 'north-west' }).threads).toEqual([]);
			expect(statusOf(() => posts.reply(who.actor, id, { body: 'Sneaky' }, tick()))).toBe(404);
			expect(statusOf(() => follows.setFollowing(who.actor, id, true))).toBe(404);
			expect(statusOf(() => threads.acceptAnswer(who.actor, id, null))).toBe(404);
			expect(threads.summary(who.actor, id)).toBeNull();
		}
	});

	it('answers 404 for threads that do not exist', () => {
		const m = nw();
		expect(threads.view(m.actor, 987654)).toBeNull();
		expect(threads.view(m.actor, -1)).toBeNull();
		expect(statusOf(() => posts.reply(m.actor, 987654, { body: 'x' }, tick()))).toBe(404);
		expect(statusOf(() => posts.edit(m.actor, 987654, { body: 'x' }))).toBe(404);
	});
});

describe('lists', () => {
	it('orders by latest activity, filters by category, scope and view, and pages by keyset', () => {
		const m = nw();
		const other = nw();
		const cat = categoryId('budgets');
		const a = startThread(m.actor, { category: 'budgets', title: 'Budget thread A' });
		const b = startThread(other.actor, { category: 'budgets', title: 'Budget thread B', isQuestion: true });
		const c = startThread(m.actor, { category: 'budgets', title: 'Budget thread C', regionId: 'north-west' });
		replyTo(other.actor, a); // A is now the most recent

		const all = threads.list(m.actor, { categoryId: cat }).threads.map((t) => t.id);
		expect(all.slice(0, 3)).toEqual([a, c, b]);

		const first = threads.list(m.actor, { categoryId: cat, limit: 2 });
		expect(first.threads.map((t) => t.id)).toEqual([a, c]);
		expect(first.next).not.toBeNull();
		const second = threads.list(m.actor, { categoryId: cat, limit: 2, after: first.next });
		expect(second.threads[0].id).toBe(b);

		expect(threads.list(m.actor, { categoryId: cat, scope: 'national' }).threads.map((t) => t.id)).not.toContain(c);
		expect(threads.list(m.actor, { categoryId: cat, scope: 'north-west' }).threads.map((t) => t.id)).toEqual([c]);
		expect(threads.list(m.actor, { view: 'unanswered', categoryId: cat }).threads.map((t) => t.id)).toEqual([b]);
		const mine = threads.list(m.actor, { view: 'mine', categoryId: cat }).threads.map((t) => t.id);
		expect(mine).toEqual([a, c]);
		const following = threads.list(other.actor, { view: 'following', categoryId: cat }).threads.map((t) => t.id);
		expect(following).toEqual([a, b]);

		const row = threads.list(m.actor, { categoryId: cat }).threads.find((t) => t.id === a)!;
		expect(row).toMatchObject({ replyCount: 1, category: { slug: 'budgets' }, scope: { regionId: null, name: 'National' }, authorityName: 'Lancashire' });
	});

	it('ignores a malformed cursor and returns the first page', () => {
		const m = nw();
		startThread(m.actor);
		for (const after of ['nonsense', '1.2.3', "1'; drop table thread;--", '99999999999999999999.1']) {
			expect(threads.list(m.actor, { after }).threads.length).toBeGreaterThan(0);
		}
	});

	it('shows pinned threads at the top of their category', () => {
		const m = nw();
		const coord = nwCoordinator();
		const cat = categoryId('succession');
		const old = startThread(m.actor, { category: 'succession', title: 'An older thread to pin' });
		const newer = startThread(m.actor, { category: 'succession', title: 'A newer thread' });
		moderation.setPinned(coord.actor, old, true);
		const res = threads.list(m.actor, { categoryId: cat });
		expect(res.pinned.map((t) => t.id)).toEqual([old]);
		expect(res.threads.map((t) => t.id)).toContain(newer);
		expect(res.threads.map((t) => t.id)).not.toContain(old);
	});
});

describe('unread tracking', () => {
	it('counts new posts and links to the first unread one', () => {
		const author = nw();
		const reader = nw();
		const id = startThread(author.actor);
		const listed = () => threads.list(reader.actor, { limit: 100 }).threads.find((t) => t.id === id)!;
		expect(listed()).toMatchObject({ unseen: true, unread: 0, href: `/threads/${id}` });
		threads.view(reader.actor, id);
		expect(listed()).toMatchObject({ unseen: false, unread: 0 });
		replyTo(author.actor, id);
		replyTo(author.actor, id);
		replyTo(author.actor, id);
		expect(listed()).toMatchObject({ unread: 3, href: `/threads/${id}?post=2#post-2` });
		const page = threads.view(reader.actor, id, { post: 2 })!;
		expect(page.firstUnread).toBe(2);
		expect(listed().unread).toBe(0);
	});

	it('pages long threads and lands on the page of a post', () => {
		const m = nw();
		const id = startThread(m.actor);
		let now = tick();
		for (let i = 0; i < 44; i++) posts.reply(m.actor, id, { body: `Reply number ${i + 2}` }, (now += 7_000));
		const p = threads.view(m.actor, id, { post: 41 })!;
		expect(p.pageCount).toBe(3);
		expect(p.page).toBe(3);
		expect(p.posts.map((x) => x.number)).toEqual([41, 42, 43, 44, 45]);
		expect(threads.view(m.actor, id, { page: 99 })!.page).toBe(3);
		expect(threads.view(m.actor, id, { page: -4 })!.page).toBe(1);
	});
});

describe('replies, edits and deletions', () => {
	it('refuses replies in a locked thread, except for its moderators', () => {
		const m = nw();
		const coord = nwCoordinator();
		const id = startThread(m.actor, { regionId: 'north-west' });
		moderation.setLocked(coord.actor, id, true);
		const r = posts.reply(m.actor, id, { body: 'Can I still reply?' }, tick());
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors.body).toMatch(/locked/);
		expect(threads.view(m.actor, id)!.can.reply).toBe(false);
		expect(posts.reply(coord.actor, id, { body: 'Closing note from the coordinator' }, tick()).ok).toBe(true);
	});

	it('lets authors edit their own posts, keeps earlier versions for admins and refuses others', () => {
		const m = nw();
		const other = nw();
		const a = admin();
		const id = startThread(m.actor, { title: 'Original title here', body: 'First words' });
		const firstPost = threads.view(m.actor, id)!.posts[0];
		expect(statusOf(() => posts.edit(other.actor, firstPost.id, { body: 'Vandalised' }))).toBe(403);
		expect(statusOf(() => posts.remove(other.actor, firstPost.id))).toBe(403);
		expect(posts.edit(m.actor, firstPost.id, { body: 'Second words', title: 'A better title' }, tick()).ok).toBe(true);
		expect(posts.edit(m.actor, firstPost.id, { body: '  ' }, tick()).ok).toBe(false);
		const page = threads.view(other.actor, id)!;
		expect(page.thread.title).toBe('A better title');
		expect(page.posts[0].editedAt).not.toBeNull();
		expect(page.posts[0].can.history).toBe(false);
		expect(statusOf(() => posts.history(m.actor, firstPost.id))).toBe(403);
		const h = posts.history(a.actor, firstPost.id);
		expect(h.revisions.map((r) => [r.title, r.body])).toEqual([['Original title here', 'First words']]);
	});

	it('leaves a placeholder when an author deletes their post', () => {
		const m = nw();
		const other = nw();
		const id = startThread(other.actor, { isQuestion: true });
		const r = replyTo(m.actor, id, 'I will think better of this');
		threads.acceptAnswer(other.actor, id, r.id);
		expect(posts.remove(m.actor, r.id, tick()).ok).toBe(true);
		const page = threads.view(other.actor, id)!;
		const placeholder = page.posts.find((p) => p.id === r.id)!;
		expect(placeholder).toMatchObject({ state: 'deleted', html: null, number: 2 });
		expect(page.thread.answered).toBe(false);
		expect(page.thread.postCount).toBe(2);
	});

	it('quotes a post for a reply, and not a post from another thread', () => {
		const m = nw();
		const id = startThread(m.actor, { body: 'Quote me' });
		const other = startThread(m.actor);
		const p = threads.view(m.actor, id)!.posts[0];
		expect(posts.quoteFor(m.actor, id, p.id)).toMatch(/^> \*Test Member \d+ wrote:\*\n>\n> Quote me/);
		expect(posts.quoteFor(m.actor, other, p.id)).toBeNull();
	});
});

describe('questions and answers', () => {
	it('lets the asker, a coordinator or an admin accept a reply, and nobody else', () => {
		const asker = nw();
		const helper = yorks();
		const bystander = nw();
		const id = startThread(asker.actor, { isQuestion: true, title: 'How often should the panel meet?' });
		const reply = replyTo(helper.actor, id, 'Every six weeks works for us.');
		expect(statusOf(() => threads.acceptAnswer(bystander.actor, id, reply.id))).toBe(403);
		expect(statusOf(() => threads.acceptAnswer(helper.actor, id, reply.id))).toBe(403);
		expect(threads.acceptAnswer(asker.actor, id, reply.id).ok).toBe(true);
		const page = threads.view(bystander.actor, id)!;
		expect(page.thread.answered).toBe(true);
		expect(page.answer?.id).toBe(reply.id);
		expect(page.posts.find((p) => p.id === reply.id)?.isAnswer).toBe(true);
		expect(threads.list(bystander.actor, { view: 'unanswered', limit: 100 }).threads.some((t) => t.id === id)).toBe(false);
		expect(threads.acceptAnswer(nwCoordinator().actor, id, null).ok).toBe(true);
		expect(threads.acceptAnswer(admin().actor, id, reply.id).ok).toBe(true);
	});

	it('refuses the opening post, posts of other threads, and non-questions', () => {
		const asker = nw();
		const q = startThread(asker.actor, { isQuestion: true });
		const notQ = startThread(asker.actor);
		const first = threads.view(asker.actor, q)!.posts[0];
		const elsewhere = replyTo(asker.actor, notQ);
		expect(threads.acceptAnswer(asker.actor, q, first.id).ok).toBe(false);
		expect(threads.acceptAnswer(asker.actor, q, elsewhere.id).ok).toBe(false);
		expect(threads.acceptAnswer(asker.actor, notQ, elsewhere.id).ok).toBe(false);
	});
});

describe('following', () => {
	it('follows authors and repliers automatically and remembers an unfollow', () => {
		const author = nw();
		const replier = nw();
		const id = startThread(author.actor);
		replyTo(replier.actor, id);
		expect(follows.followerIds(id).sort()).toEqual([author.id, replier.id].sort());
		follows.setFollowing(replier.actor, id, false);
		replyTo(replier.actor, id);
		expect(follows.isFollowing(replier.id, id)).toBe(false);
		follows.setFollowing(replier.actor, id, true);
		expect(follows.isFollowing(replier.id, id)).toBe(true);
	});
});
