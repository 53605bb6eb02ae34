/** A change of authority, position or "in the role since" is a request the destination region decides. */
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { authorityId, makeMember } from '../../../../tests/support/members';
import { db } from '../db/client';
import { auditEvent, mentorRequest } from '../db/schema';
import * as outbox from '../mail/outbox';
import * as members from '../network/members';
import { createSession, validateSessionToken } from '../auth/session';
import * as threads from '../discussions/threads';
import { startThread } from '../../../../tests/support/discussions';
import * as checklists from '../succession/checklists';
import { makeMentee, statusOf } from '../../../../tests/support/mentoring';
import * as placeChanges from './place-changes';

const NOW = Date.UTC(2026, 10, 23, 10, 0, 0);

/** A North West member, both regions' coordinators, an admin, and a London thread and checklist. */
function cast() {
	const me = makeMember({ authority: 'Lancashire', name: 'Moving Member', position: 'deputy', inRoleSince: '2025-05-10' });
	const nw = makeMember({ authority: 'Salford', role: 'coordinator', coordinatorRegionId: 'north-west', name: 'Nora West' });
	const london = makeMember({ authority: 'Camden', role: 'coordinator', coordinatorRegionId: 'london', name: 'Lola Don' });
	const admin = makeMember({ authority: 'Westminster', role: 'admin' });
	const londoner = makeMember({ authority: 'Camden' });
	const threadId = startThread(londoner.actor, { title: 'A London-only question for members', regionId: 'london' });
	return { me, nw, london, admin, londoner, threadId, camden: authorityId('Camden') };
}

const wantCamden = (c: ReturnType<typeof cast>) => ({ authorityId: c.camden, position: 'lead-member', inRoleSince: '2026-05-20' });
const fresh = (id: number) => members.actorById(id)!;
const sees = (c: ReturnType<typeof cast>) => ({
	thread: threads.view(fresh(c.me.id), c.threadId) != null,
	checklist: statusOf(() => checklists.view(fresh(c.me.id), c.camden, NOW)),
	edit: statusOf(() => checklists.updateItem(fresh(c.me.id), c.camden, 'budget-position', 1, { status: 'in-progress' }, {}, NOW))
});

describe('asking for a change', () => {
	it('changes nothing until approved, and the cross-region thread and checklist stay hidden', () => {
		const c = cast();
		const r = placeChanges.request(c.me.actor, wantCamden(c), {}, NOW);
		expect(r.ok).toBe(true);
		expect(members.profile(c.me.id)).toMatchObject({ authorityName: 'Lancashire', regionId: 'north-west', position: 'deputy', inRoleSince: '2025-05-10' });
		expect(sees(c)).toEqual({ thread: false, checklist: 404, edit: 404 });
		const pending = placeChanges.pendingFor(c.me.actor, c.me.id)!;
		expect(pending.approvers).toContain('Lola Don');
		expect(pending.approvers).toContain('London');
		expect(pending.changes).toEqual([
			'Authority: Lancashire (North West) to Camden (London)',
			'Position: Deputy Lead Member to Lead Member',
			'In the role since: 10 May 2025 to 20 May 2026'
		]);
	});

	it('emails both regions’ coordinators through the outbox, and both see it in their workbench', () => {
		const c = cast();
		placeChanges.request(c.me.actor, wantCamden(c), {}, NOW);
		const toLondon = outbox.messagesTo(c.london.email).find((m) => m.kind === 'place-change');
		const toNw = outbox.messagesTo(c.nw.email).find((m) => m.kind === 'place-change');
		expect(toLondon?.subject).toBe('Change of authority or role to approve: Moving Member');
		expect(toLondon?.text).toContain('Nothing changes until you approve it');
		expect(toNw?.text).toContain('The London coordinator decides');
		const london = placeChanges.workbench(c.london.actor).pending.find((p) => p.memberId === c.me.id);
		const nw = placeChanges.workbench(c.nw.actor).pending.find((p) => p.memberId === c.me.id);
		expect(london?.canDecide).toBe(true);
		expect(nw?.canDecide).toBe(false);
		const other = makeMember({ role: 'coordinator', coordinatorRegionId: 'south-west', authority: 'Plymouth' });
		expect(placeChanges.workbench(other.actor).pending.some((p) => p.memberId === c.me.id)).toBe(false);
		expect(statusOf(() => placeChanges.workbench(c.me.actor))).toBe(403);
	});

	it('allows one open request at a time; a member cancels theirs', () => {
		const c = cast();
		expect(placeChanges.request(c.me.actor, wantCamden(c), {}, NOW).ok).toBe(true);
		const again = placeChanges.request(c.me.actor, { ...wantCamden(c), authorityId: authorityId('Leeds') }, {}, NOW);
		expect(again).toMatchObject({ ok: false, field: 'authorityId' });
		expect(placeChanges.cancel(c.me.actor, {}, NOW)).toEqual({ ok: true });
		expect(placeChanges.pendingFor(c.me.actor, c.me.id)).toBeNull();
		expect(placeChanges.cancel(c.me.actor, {}, NOW).ok).toBe(false);
		expect(placeChanges.request(c.me.actor, { ...wantCamden(c), authorityId: authorityId('Leeds') }, {}, NOW).ok).toBe(true);
	});

	it('refuses an unknown authority (no foreign-key error) and a request that changes nothing', () => {
		const c = cast();
		expect(placeChanges.request(c.me.actor, { authorityId: 99_999, position: 'deputy', inRoleSince: '2025-05-10' }, {}, NOW)).toMatchObject({ ok: false, field: 'authorityId', message: 'Choose an authority from the list' });
		expect(placeChanges.request(c.me.actor, { authorityId: c.me.authorityId, position: 'deputy', inRoleSince: '2025-05-10' }, {}, NOW).ok).toBe(false);
	});
});

describe('deciding', () => {
	it('the source region’s coordinator may not approve or decline; nor may the member', () => {
		const c = cast();
		const { id } = placeChanges.request(c.me.actor, wantCamden(c), {}, NOW) as { id: number };
		expect(statusOf(() => placeChanges.approve(c.nw.actor, id, {}, NOW))).toBe(403);
		expect(statusOf(() => placeChanges.decline(c.nw.actor, id, 'Not in my region any more', {}, NOW))).toBe(403);
		expect(statusOf(() => placeChanges.approve(c.me.actor, id, {}, NOW))).toBe(403);
		expect(placeChanges.forDecision(c.nw.actor, id)).toBeNull();
		expect(members.profile(c.me.id)?.authorityName).toBe('Lancashire');
		expect(sees(c)).toEqual({ thread: false, checklist: 404, edit: 404 });
	});

	it('on approval: sessions stay, the new region is visible at once, the open mentoring request follows, the member is told', () => {
		const c = cast();
		const mentee = makeMentee({ authority: 'Lancashire', name: 'Moving Mentee' });
		const session = createSession(mentee.id);
		const { id } = placeChanges.request(mentee.actor, { authorityId: c.camden, position: 'lead-member', inRoleSince: '2026-06-01' }, {}, NOW) as { id: number };
		expect(db.select().from(mentorRequest).where(eq(mentorRequest.id, mentee.requestId)).get()?.regionId).toBe('north-west');
		expect(placeChanges.approve(c.london.actor, id, { ip: '192.0.2.1' }, NOW)).toEqual({ ok: true });

		expect(validateSessionToken(session.token)?.member).toMatchObject({ regionId: 'london', authorityId: c.camden });
		expect(threads.view(fresh(mentee.id), c.threadId)).not.toBeNull();
		expect(statusOf(() => checklists.view(fresh(mentee.id), c.camden, NOW))).toBeNull();
		expect(db.select().from(mentorRequest).where(eq(mentorRequest.id, mentee.requestId)).get()?.regionId).toBe('london');
		expect(outbox.messagesTo(mentee.email).find((m) => m.kind === 'place-change')?.subject).toBe('Your change of authority or role was approved');
		expect(placeChanges.approve(c.london.actor, id, {}, NOW).ok).toBe(false);
		const entry = db.select().from(auditEvent).where(and(eq(auditEvent.action, 'place-change.approved'), eq(auditEvent.subjectId, String(mentee.id)))).get();
		expect(entry).toMatchObject({ actorId: c.london.id, regionId: 'london' });
		expect(entry?.detail).toMatchObject({ fromRegionId: 'north-west', toAuthorityId: c.camden });
	});

	it('a decline needs a reason, which the member is told; nothing changes', () => {
		const c = cast();
		const { id } = placeChanges.request(c.me.actor, wantCamden(c), {}, NOW) as { id: number };
		expect(placeChanges.decline(c.london.actor, id, 'short', {}, NOW)).toMatchObject({ ok: false, field: 'reason' });
		expect(placeChanges.decline(c.london.actor, id, 'Camden already has a Lead Member on the network', {}, NOW)).toEqual({ ok: true });
		expect(outbox.messagesTo(c.me.email).find((m) => m.subject === 'Your change of authority or role was not approved')?.text).toContain('Camden already has a Lead Member');
		expect(members.profile(c.me.id)?.authorityName).toBe('Lancashire');
		expect(sees(c)).toEqual({ thread: false, checklist: 404, edit: 404 });
	});
});

describe('direct changes', () => {
	it('an admin changes it directly with a reason, recorded; a member, a coordinator and the admin themselves may not', () => {
		const c = cast();
		placeChanges.request(c.me.actor, wantCamden(c), {}, NOW);
		expect(placeChanges.setDirectly(c.admin.actor, c.me.id, { authorityId: authorityId('Leeds'), position: 'deputy', inRoleSince: '2025-05-10' }, '', {}, NOW)).toMatchObject({ ok: false, field: 'reason' });
		expect(placeChanges.setDirectly(c.admin.actor, c.me.id, { authorityId: 99_999, position: 'deputy', inRoleSince: null }, 'A long enough reason', {}, NOW)).toMatchObject({ ok: false, field: 'authorityId' });
		expect(placeChanges.setDirectly(c.admin.actor, c.me.id, { authorityId: authorityId('Leeds'), position: 'deputy', inRoleSince: '2025-05-10' }, 'Moved council after the by-election', {}, NOW)).toEqual({ ok: true });
		expect(members.profile(c.me.id)?.authorityName).toBe('Leeds');
		expect(placeChanges.pendingFor(c.me.actor, c.me.id)).toBeNull();
		const entry = db.select().from(auditEvent).where(eq(auditEvent.action, 'place-change.direct')).all().at(-1);
		expect(entry?.detail).toMatchObject({ reason: 'Moved council after the by-election' });
		for (const who of [c.me, c.london]) {
			expect(statusOf(() => placeChanges.setDirectly(who.actor, c.me.id, wantCamden(c), 'Trying to move them', {}, NOW))).toBe(403);
		}
		expect(statusOf(() => placeChanges.setDirectly(c.admin.actor, c.admin.id, wantCamden(c), 'Moving myself over', {}, NOW))).toBe(403);
	});
});

describe('the profile form', () => {
	const form = (c: ReturnType<typeof cast>, over: Partial<placeChanges.ProfileInput> = {}): placeChanges.ProfileInput => ({
		name: 'Moving Member',
		party: null,
		background: '',
		expertise: [],
		bio: '',
		authorityId: c.me.authorityId,
		position: 'deputy',
		inRoleSince: '2025-05-10',
		...over
	});

	it('saves the rest at once and turns a new authority into a request; an unknown authority writes nothing', () => {
		const c = cast();
		expect(placeChanges.saveProfile(c.me.actor, form(c, { authorityId: 99_999, bio: 'Not saved' }), {}, NOW)).toMatchObject({ ok: false, field: 'authorityId' });
		expect(members.profile(c.me.id)?.bio).toBe('');
		const r = placeChanges.saveProfile(c.me.actor, form(c, { authorityId: c.camden, bio: 'Saved at once' }), {}, NOW);
		expect(r.ok && r.requested?.toAuthorityName).toBe('Camden');
		expect(members.profile(c.me.id)).toMatchObject({ bio: 'Saved at once', authorityName: 'Lancashire' });
		// with a request waiting, a second different change is refused and nothing else is saved
		expect(placeChanges.saveProfile(c.me.actor, form(c, { position: 'other', bio: 'Not this' }), {}, NOW)).toMatchObject({ ok: false });
		expect(members.profile(c.me.id)?.bio).toBe('Saved at once');
	});

	it('records a change of name in the audit trail', () => {
		const c = cast();
		placeChanges.saveProfile(c.me.actor, form(c, { name: 'Renamed Member' }), {}, NOW);
		const entry = db.select().from(auditEvent).where(and(eq(auditEvent.action, 'member.name-changed'), eq(auditEvent.subjectId, String(c.me.id)))).get();
		expect(entry?.detail).toEqual({ from: 'Moving Member', to: 'Renamed Member' });
	});
});

describe('data rights', () => {
	it('the member’s data download lists their requests, and their audit entries in words', async () => {
		const { exportNetworkData } = await import('./network-data');
		const c = cast();
		placeChanges.request(c.me.actor, { ...wantCamden(c), note: 'Moving house' }, {}, NOW);
		const data = exportNetworkData(c.me.id, NOW) as { changesOfAuthorityOrRole: { changes: string[]; yourNote: string; status: string }[]; auditTrail: { whatHappened: string }[] };
		expect(data.changesOfAuthorityOrRole).toEqual([expect.objectContaining({ yourNote: 'Moving house', status: 'pending', changes: expect.arrayContaining(['Authority: Lancashire (North West) to Camden (London)']) })]);
		expect(data.auditTrail.map((a) => a.whatHappened)).toContainEqual(expect.stringContaining('Moving Member asked to change their authority from Lancashire (North West) to Camden (London)'));
	});
});
