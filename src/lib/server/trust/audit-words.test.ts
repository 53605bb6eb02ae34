/** Every audit entry reads as a sentence with names, dates in words, and links only to what still exists. */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as audit from '../auth/audit';
import { db } from '../db/client';
import { auditEvent } from '../db/schema';
import * as members from '../network/members';
import * as moderation from '../discussions/moderation';
import * as posts from '../discussions/posts';
import { replyTo, startThread } from '../../../../tests/support/discussions';
import { authorityId, makeMember } from '../../../../tests/support/members';
import { makeCoordinator, makeMentee, makeMentor, pairUp } from '../../../../tests/support/mentoring';
import { csv, list } from './audit-log';
import { plain, sentence, type Entry, type Lookup } from './audit-words';
import * as placeChanges from './place-changes';

const NOW = Date.parse('2026-11-23T12:00:00Z');

/** The newest entry of an action, as the admin's page shows it. */
function latest(admin: ReturnType<typeof makeMember>, action: string) {
	const row = list(admin.actor, { limit: 200 }).rows.find((r) => r.action === action);
	if (!row) throw new Error(`no ${action}`);
	return row;
}
const links = (row: { sentence: unknown[] }) => row.sentence.filter((p): p is { text: string; href: string | null } => typeof p === 'object' && p != null).map((p) => [p.text, p.href]);

describe('audit sentences', () => {
	it('the entries the issue found unreadable now read as sentences with names and dates', () => {
		const admin = makeMember({ role: 'admin', name: 'Ada Admin' });
		const coordinator = makeCoordinator('north-west');
		const mentor = makeMentor({ name: 'Mona Mentor' });
		const mentee = makeMentee({ name: 'Manny Mentee' });
		const { proposalId } = pairUp(coordinator, mentor, mentee);
		// Written as the old code wrote them: ids and epoch milliseconds in the detail.
		audit.record({ actorId: coordinator.id, action: 'digest.scheduled', subjectType: 'regional-digest', subjectId: 999, regionId: 'north-west', detail: { at: 1796560920000, title: 'North West news' } }, NOW);
		audit.record({ actorId: coordinator.id, action: 'mentoring.proposal-confirmed', subjectType: 'mentoring_proposal', subjectId: proposalId, regionId: 'north-west', detail: { requestId: 8, mentorId: mentor.id } }, NOW);
		const digest = latest(admin, 'digest.scheduled');
		expect(digest.text).toBe(`${coordinator.name} scheduled the regional digest “North West news” for 6 December 2026, 12:42pm.`);
		expect(digest.text).not.toMatch(/1796560920000/);
		// the digest no longer exists, so it is named, not linked
		expect(links(digest).find(([t]) => t === '“North West news”')).toBeUndefined();
		const proposal = list(admin.actor, { limit: 200 }).rows.find((r) => r.action === 'mentoring.proposal-confirmed' && r.text.includes('Mona Mentor'))!;
		expect(proposal.text).toBe(`${coordinator.name} proposed Mona Mentor as mentor to Manny Mentee.`);
		expect(links(proposal)).toContainEqual(['Mona Mentor', `/admin/users/${mentor.id}`]);
	});

	it('names follow renames; links appear only while the thing exists; coordinators get public profile links', () => {
		const admin = makeMember({ role: 'admin' });
		const nw = makeCoordinator('north-west');
		const author = makeMember({ name: 'Poster Person', authority: 'Lancashire' });
		const threadId = startThread(author.actor, { title: 'Fostering allowances across the region', regionId: 'north-west' });
		const reply = replyTo(author.actor, threadId, 'A reply that will be hidden for a test.');
		expect(moderation.hidePost(nw.actor, reply.id, 'Names a child', { ip: '192.0.2.1' }, NOW).ok).toBe(true);
		const hidden = latest(admin, 'post.hidden');
		expect(hidden.text).toBe(`${nw.name} hid post 2 in “Fostering allowances across the region”, giving the reason “Names a child”.`);
		expect(links(hidden)).toContainEqual(['“Fostering allowances across the region”', `/threads/${threadId}`]);

		members.updateProfile(author.actor, author.id, { name: 'Renamed Poster', party: null, background: '', expertise: [], bio: '' });
		audit.record({ actorId: admin.id, action: 'member.deactivated', subjectType: 'member', subjectId: author.id, regionId: 'north-west' }, NOW);
		expect(latest(admin, 'member.deactivated').text).toContain('deactivated Renamed Poster’s account');
		const forCoordinator = list(nw.actor, { limit: 200 }).rows.find((r) => r.action === 'member.deactivated')!;
		expect(links(forCoordinator)).toContainEqual(['Renamed Poster', `/members/${author.handle}`]);
		expect(links(forCoordinator).some(([, h]) => h?.startsWith('/admin/users'))).toBe(false);

		// The post is deleted by its author: the sentence keeps the thread, without a dead link to the post.
		expect(posts.remove(author.actor, reply.id, NOW).ok).toBe(true);
		const after = latest(admin, 'post.hidden');
		expect(links(after).some(([, h]) => h?.includes('?post='))).toBe(false);
		expect(after.text).toContain('Fostering allowances across the region');
	});

	it('changes of authority and role, name and role start date read in words', () => {
		const admin = makeMember({ role: 'admin', name: 'Ada Admin' });
		makeMember({ role: 'coordinator', coordinatorRegionId: 'london', authority: 'Camden', name: 'Lola Don' });
		const me = makeMember({ name: 'Wanda Mover', authority: 'Lancashire', position: 'deputy', inRoleSince: '2025-05-10' });
		const r = placeChanges.request(me.actor, { authorityId: authorityId('Camden'), position: 'lead-member', inRoleSince: '2026-05-20' }, {}, NOW);
		expect(r.ok).toBe(true);
		expect(latest(admin, 'place-change.requested').text).toBe(
			'Wanda Mover asked to change their authority from Lancashire (North West) to Camden (London), position from Deputy Lead Member to Lead Member, “in the role since” from 10 May 2025 to 20 May 2026; the London coordinator decides.'
		);
		placeChanges.setDirectly(admin.actor, me.id, { authorityId: authorityId('Leeds'), position: 'deputy', inRoleSince: '2025-05-10' }, 'Elected in Leeds at the by-election', {}, NOW);
		expect(latest(admin, 'place-change.direct').text).toBe(
			'Ada Admin changed Wanda Mover’s authority from Lancashire (North West) to Leeds (Yorkshire and The Humber) directly, giving the reason “Elected in Leeds at the by-election”.'
		);
		// The source region's coordinator finds the move out of their region in their trail.
		const nw = makeCoordinator('north-west');
		expect(list(nw.actor, { limit: 200 }).rows.some((r) => r.action === 'place-change.direct' && r.text.includes('Wanda Mover'))).toBe(true);
	});

	it('an action it does not know still reads in words, dates included, never as JSON', () => {
		const l = { admin: true, person: () => ({ id: 1, name: 'Ada Admin', handle: 'ada', active: true }) } as unknown as Lookup;
		const e: Entry = { action: 'widget.frobbed', actorId: 1, subjectType: 'widget', subjectId: '3', regionId: null, detail: { at: 1796560920000, count: 3, nested: { a: 1 } } };
		expect(plain(sentence(e, l))).toBe('Ada Admin – widget frobbed (at 6 December 2026, 12:42pm; count 3)');
	});
});

describe('filters and the CSV export', () => {
	it('filters by one member; the CSV is for admins only and holds the sentences', () => {
		const admin = makeMember({ role: 'admin' });
		const nw = makeCoordinator('north-west');
		const who = makeMember({ name: 'Csv Carla', authority: 'Lancashire' });
		audit.record({ actorId: who.id, action: 'sign-in', subjectType: 'member', subjectId: who.id, ipAddress: '192.0.2.9' }, NOW);
		audit.record({ actorId: admin.id, action: 'member.role-changed', subjectType: 'member', subjectId: who.id, regionId: 'north-west', detail: { from: 'member', to: 'coordinator', coordinatorRegionId: 'north-west' } }, NOW + 1);
		const mine = list(admin.actor, { memberId: who.id }).rows;
		expect(mine.map((r) => r.text)).toEqual([`${admin.name} changed Csv Carla’s role from Member to Regional coordinator for the North West.`, 'Csv Carla signed in with a password.']);
		const file = csv(admin.actor, { memberId: who.id }, NOW);
		expect(file.filename).toBe('audit-trail-2026-11-23.csv');
		expect(file.body).toContain('When (UK time),Who,What happened');
		expect(file.body).toContain('"23 November 2026, 12:00pm",Csv Carla,Csv Carla signed in with a password.');
		expect(() => csv(nw.actor, {}, NOW)).toThrow();
		expect(() => csv(who.actor, {}, NOW)).toThrow();
	});

	it('the app never edits or deletes an entry outside the retention sweep', () => {
		const before = db.select().from(auditEvent).where(eq(auditEvent.action, 'sign-in')).all().length;
		const admin = makeMember({ role: 'admin' });
		list(admin.actor);
		csv(admin.actor, {}, NOW);
		expect(db.select().from(auditEvent).where(eq(auditEvent.action, 'sign-in')).all().length).toBe(before);
	});
});
