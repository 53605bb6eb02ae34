import { describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { db } from '../db/client';
import { auditEvent } from '../db/schema';
import { makeMember } from '../../../../tests/support/members';
import { messagesTo } from '../mail/outbox';
import * as moderation from './moderation';
import * as notifications from './notifications';
import * as threads from './threads';
import { categoryId, replyTo, startThread, statusOf, tick } from '../../../../tests/support/discussions';

const nw = () => makeMember({ authority: 'Lancashire' });
const lastAudit = () => db.select().from(auditEvent).orderBy(desc(auditEvent.id)).limit(1).get();

describe('reporting', () => {
	it('lets a member report someone else’s post once, with a reason', () => {
		const author = nw();
		const reporter = nw();
		const id = startThread(author.actor);
		const p = threads.view(author.actor, id)!.posts[0];
		const own = moderation.report(author.actor, p.id, { reason: 'spam', note: '' });
		expect(own.ok).toBe(false);
		const other = moderation.report(reporter.actor, p.id, { reason: 'other', note: '' });
		expect(other.ok ? null : other.errors.note).toMatch(/Tell the moderators/);
		expect(moderation.report(reporter.actor, p.id, { reason: 'bogus' as never, note: '' }).ok).toBe(false);
		expect(moderation.report(reporter.actor, p.id, { reason: 'identifies-child', note: 'Names a school and a child’s age' }).ok).toBe(true);
		expect(moderation.report(reporter.actor, p.id, { reason: 'identifies-child', note: 'again' }).ok).toBe(true);
		const admin = makeMember({ authority: 'Westminster', role: 'admin' });
		const item = moderation.queue(admin.actor).find((q) => q.postId === p.id)!;
		expect(item.reports).toHaveLength(1);
		expect(item.reports[0]).toMatchObject({ reason: 'identifies-child', reasonLabel: 'It could identify a child or young person' });
	});

	it('cannot reach posts in threads the reporter cannot see', () => {
		const author = nw();
		const id = startThread(author.actor, { regionId: 'north-west' });
		const p = threads.view(author.actor, id)!.posts[0];
		expect(statusOf(() => moderation.report(makeMember({ authority: 'Leeds' }).actor, p.id, { reason: 'spam', note: '' }))).toBe(404);
	});
});

describe('the queue', () => {
	it('shows coordinators their region’s and national reports, admins everything, members nothing', () => {
		const author = nw();
		const yorksAuthor = makeMember({ authority: 'Leeds' });
		const reporter = nw();
		const yorksReporter = makeMember({ authority: 'Leeds' });
		const nwThread = startThread(author.actor, { regionId: 'north-west' });
		const natThread = startThread(author.actor);
		const yThread = startThread(yorksAuthor.actor, { regionId: 'yorkshire-humber' });
		const postOf = (t: number, who = author) => threads.view(who.actor, t)!.posts[0].id;
		const [pNw, pNat, pY] = [postOf(nwThread), postOf(natThread), postOf(yThread, yorksAuthor)];
		moderation.report(reporter.actor, pNw, { reason: 'abusive', note: '' });
		moderation.report(reporter.actor, pNat, { reason: 'spam', note: '' });
		moderation.report(yorksReporter.actor, pY, { reason: 'off-topic', note: '' });
		const nwCoord = makeMember({ authority: 'Salford', role: 'coordinator', coordinatorRegionId: 'north-west' });
		const yCoord = makeMember({ authority: 'Leeds', role: 'coordinator', coordinatorRegionId: 'yorkshire-humber' });
		const admin = makeMember({ authority: 'Westminster', role: 'admin' });
		const ids = (who: typeof admin) => moderation.queue(who.actor).map((q) => q.postId);
		expect(ids(nwCoord)).toEqual(expect.arrayContaining([pNw, pNat]));
		expect(ids(nwCoord)).not.toContain(pY);
		expect(ids(yCoord)).toEqual(expect.arrayContaining([pY, pNat]));
		expect(ids(yCoord)).not.toContain(pNw);
		expect(ids(admin)).toEqual(expect.arrayContaining([pNw, pNat, pY]));
		expect(statusOf(() => moderation.queue(reporter.actor))).toBe(403);
		expect(statusOf(() => moderation.hidePost(yCoord.actor, pNw, 'No'))).toBe(404);
		expect(statusOf(() => moderation.hidePost(reporter.actor, pNat, 'No'))).toBe(403);
	});
});

describe('hiding posts', () => {
	it('hides a post with a reason, tells the author, resolves reports and is audited', () => {
		const author = nw();
		const reader = nw();
		const coordinator = makeMember({ authority: 'Salford', role: 'coordinator', coordinatorRegionId: 'north-west' });
		const id = startThread(reader.actor, { regionId: 'north-west' });
		const r = replyTo(author.actor, id, 'Details of a named young person at a named school');
		moderation.report(reader.actor, r.id, { reason: 'identifies-child', note: '' });
		expect(moderation.hidePost(coordinator.actor, r.id, '   ').ok).toBe(false);
		expect(moderation.hidePost(coordinator.actor, r.id, 'It could identify a child', { ip: '10.0.0.1' }, tick()).ok).toBe(true);

		const forReader = threads.view(reader.actor, id)!.posts[1];
		expect(forReader).toMatchObject({ state: 'hidden', html: null, hiddenReason: null });
		const forAuthor = threads.view(author.actor, id)!.posts[1];
		expect(forAuthor.state).toBe('hidden');
		expect(forAuthor.html).toContain('named young person');
		expect(forAuthor.hiddenReason).toBe('It could identify a child');
		expect(forAuthor.can.edit).toBe(false);
		const forCoord = threads.view(coordinator.actor, id)!.posts[1];
		expect(forCoord.can.hide).toBe(true);

		expect(moderation.queue(coordinator.actor).some((q) => q.postId === r.id)).toBe(false);
		expect(notifications.list(author.actor).items[0]).toMatchObject({ kind: 'moderation', detail: 'It could identify a child' });
		const mail = messagesTo(author.email)[0];
		expect(mail.subject).toMatch(/A moderator hid your post/);
		expect(mail.text).toContain('It could identify a child');
		expect(lastAudit()).toMatchObject({ action: 'post.hidden', actorId: coordinator.id, subjectId: String(r.id), regionId: 'north-west', ipAddress: '10.0.0.1' });

		moderation.unhidePost(coordinator.actor, r.id);
		expect(threads.view(reader.actor, id)!.posts[1].state).toBe('ok');
		expect(lastAudit()?.action).toBe('post.unhidden');
	});

	it('dismisses reports without touching the post', () => {
		const author = nw();
		const reporter = nw();
		const admin = makeMember({ authority: 'Westminster', role: 'admin' });
		const id = startThread(author.actor);
		const p = threads.view(author.actor, id)!.posts[0];
		moderation.report(reporter.actor, p.id, { reason: 'off-topic', note: '' });
		expect(moderation.dismissReports(admin.actor, p.id)).toBe(1);
		expect(moderation.queue(admin.actor).some((q) => q.postId === p.id)).toBe(false);
		expect(threads.view(reporter.actor, id)!.posts[0].state).toBe('ok');
	});
});

describe('locking, pinning and moving threads', () => {
	it('are for moderators of the thread, and audited', () => {
		const author = nw();
		const coordinator = makeMember({ authority: 'Salford', role: 'coordinator', coordinatorRegionId: 'north-west' });
		const otherCoordinator = makeMember({ authority: 'Leeds', role: 'coordinator', coordinatorRegionId: 'yorkshire-humber' });
		const regional = startThread(author.actor, { regionId: 'north-west' });
		const national = startThread(author.actor);
		expect(statusOf(() => moderation.setLocked(author.actor, regional, true))).toBe(403);
		expect(statusOf(() => moderation.setLocked(otherCoordinator.actor, regional, true))).toBe(404);
		moderation.setLocked(otherCoordinator.actor, national, true);
		expect(threads.view(author.actor, national)!.thread.locked).toBe(true);
		moderation.setPinned(coordinator.actor, regional, true);
		expect(lastAudit()?.action).toBe('thread.pinned');
		expect(moderation.move(coordinator.actor, regional, 99999).ok).toBe(false);
		expect(moderation.move(coordinator.actor, regional, categoryId('safeguarding')).ok).toBe(true);
		expect(threads.view(author.actor, regional)!.thread.category.slug).toBe('safeguarding');
		expect(lastAudit()?.action).toBe('thread.moved');
	});
});
