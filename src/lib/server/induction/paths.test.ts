import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { auditEvent, outboxMessage } from '../db/schema';
import { makeMember } from '../../../../tests/support/members';
import { makeCoordinator, makeMentee, makeMentor, pairUp, statusOf } from '../../../../tests/support/mentoring';
import { provideLinks } from '../links';
import * as requests from '../mentoring/requests';
import * as meetings from '../mentoring/meetings';
import * as entries from '../training/entries';
import * as events from '../training/events';
import * as handover from '../succession/handover';
import * as paths from './paths';
import * as introductions from './introductions';
import * as coordination from './coordination';
import { newSince } from './dates';

provideLinks();

const NOW = Date.parse('2026-11-23T12:00:00Z');
const DAY = 86_400_000;
/** A Lead Member three weeks into the role. */
const newMember = (over: Parameters<typeof makeMember>[0] = {}) => makeMember({ authority: 'Lancashire', inRoleSince: '2026-11-02', ...over });
const stateOf = (actor: Parameters<typeof paths.mine>[0], key: string, now = NOW) =>
	paths
		.mine(actor, now)
		.phases.flatMap((p) => p.steps)
		.find((s) => s.key === key)!;

describe('who is new', () => {
	it('is a member whose role started within six months, or whom their coordinator marked new', () => {
		expect(newSince(NOW)).toBe('2026-05-23');
		const fresh = newMember();
		const sixMonths = makeMember({ inRoleSince: '2026-05-23' });
		const longServing = makeMember({ inRoleSince: '2019-05-20' });
		const twoYears = makeMember({ inRoleSince: '2024-11-01' });
		expect(paths.isNew(fresh.id, NOW)).toBe(true);
		expect(paths.isNew(sixMonths.id, NOW)).toBe(true);
		expect(paths.isNew(longServing.id, NOW)).toBe(false);
		const coordinator = makeCoordinator();
		paths.markNew(coordinator.actor, longServing.id, true, {}, NOW);
		expect(paths.isNew(longServing.id, NOW)).toBe(true);
		expect(paths.mine(longServing.actor, NOW).startDay).toBe('2026-11-23');
		expect(paths.isNew(twoYears.id, NOW)).toBe(false);
	});

	it('lets only the region’s coordinator (or an admin) mark someone new', () => {
		const m = makeMember({ inRoleSince: '2019-05-20' });
		const other = makeCoordinator('yorkshire-humber', 'Leeds');
		expect(statusOf(() => paths.markNew(other.actor, m.id, true, {}, NOW))).toBe(404);
		expect(statusOf(() => paths.markNew(newMember().actor, m.id, true, {}, NOW))).toBe(404);
		expect(paths.isNew(m.id, NOW)).toBe(false);
	});
});

describe('the path', () => {
	it('has three phases of steps, counts done of the steps that apply, and never grades', () => {
		const m = newMember();
		const p = paths.mine(m.actor, NOW);
		expect(p.phases.map((x) => x.title)).toEqual(['The first ten days', 'The first month', 'The first 100 days']);
		expect(p.phases.every((x) => x.steps.length > 0)).toBe(true);
		expect(p.counts).toEqual({ done: 0, total: 16, notRelevant: 0 });
		expect(p.dayOfPath).toBe(21);
		expect(p.daysLeft).toBe(79);
		expect(p.folded).toBe(false);
		expect(stateOf(m.actor, 'handover-pack').href).toBe(`/succession/${m.authorityId}/handover`);
	});

	it('ticks a step with a private note, marks one not relevant with a reason, and puts one back', () => {
		const m = newMember();
		expect(paths.tick(m.actor, m.id, 'meet-dcs', 'Fortnightly on Mondays', NOW)).toEqual({ ok: true });
		expect(paths.notRelevant(m.actor, m.id, 'budget', '  ', NOW)).toEqual({ ok: false, errors: { reason: 'Enter why this step is not relevant for you' } });
		expect(paths.notRelevant(m.actor, m.id, 'budget', 'I chaired the budget committee for four years', NOW)).toEqual({ ok: true });
		expect(stateOf(m.actor, 'meet-dcs')).toMatchObject({ state: 'done', note: 'Fortnightly on Mondays', at: NOW });
		expect(stateOf(m.actor, 'budget')).toMatchObject({ state: 'not-relevant', reason: 'I chaired the budget committee for four years' });
		expect(paths.mine(m.actor, NOW).counts).toEqual({ done: 1, total: 15, notRelevant: 1 });
		paths.reopen(m.actor, m.id, 'meet-dcs', NOW);
		expect(stateOf(m.actor, 'meet-dcs')).toMatchObject({ state: 'to-do', note: '' });
	});

	it('refuses a note that is too long, an unknown step (404) and someone else’s step (403)', () => {
		const m = newMember();
		const other = newMember();
		expect(paths.tick(m.actor, m.id, 'meet-dcs', 'x'.repeat(2_001), NOW).ok).toBe(false);
		expect(statusOf(() => paths.tick(m.actor, m.id, 'no-such-step', '', NOW))).toBe(404);
		expect(statusOf(() => paths.step(m.actor, 'no-such-step', NOW))).toBe(404);
		expect(statusOf(() => paths.tick(other.actor, m.id, 'meet-dcs', '', NOW))).toBe(403);
		expect(statusOf(() => paths.tick(makeCoordinator().actor, m.id, 'meet-dcs', '', NOW))).toBe(403);
		expect(statusOf(() => paths.notRelevant(other.actor, m.id, 'budget', 'Not mine', NOW))).toBe(403);
		expect(stateOf(m.actor, 'meet-dcs').state).toBe('to-do');
	});

	it('folds after 100 days, or once every step is done', () => {
		const m = newMember({ inRoleSince: '2026-07-01' });
		const block = paths.homeBlock(m.actor, NOW);
		expect(block?.kind).toBe('folded');
		const fresh = newMember();
		expect(paths.homeBlock(fresh.actor, NOW)?.kind).toBe('path');
		for (const s of paths.mine(fresh.actor, NOW).phases.flatMap((p) => p.steps)) paths.tick(fresh.actor, fresh.id, s.key, '', NOW);
		expect(paths.homeBlock(fresh.actor, NOW)).toMatchObject({ kind: 'folded', allDone: true });
		expect(paths.homeBlock(makeMember({ inRoleSince: '2019-05-20' }).actor, NOW)).toBeNull();
	});
});

describe('steps done by themselves, each by the real action in its area', () => {
	it('asking for a mentor (mentoring), from a form started from the profile', () => {
		const m = newMember({ expertise: ['corporate-parenting'] });
		const form = requests.formContext(m.actor, { fromProfile: true });
		expect(form.values.goals).toBe('Find my feet as Lead Member at Lancashire (in the role since 2 November 2026)\nGet to grips with safeguarding partnerships\nGet to grips with SEND\nGet to grips with the inspection framework for children’s services');
		expect(form.values.focusTopics).toEqual(['safeguarding', 'send', 'inspection']);
		expect(requests.formContext(m.actor).values.goals).toBe('');
		expect(stateOf(m.actor, 'ask-mentor').state).toBe('to-do');
		const r = requests.submit(m.actor, { goals: 'Get to grips with corporate parenting', focusTopics: ['corporate-parenting'], regionPref: 'any', partyPref: 'any', kindPref: 'any', meetingModes: ['online'] }, NOW - DAY);
		expect(r.ok).toBe(true);
		expect(stateOf(m.actor, 'ask-mentor')).toMatchObject({ state: 'done', at: NOW - DAY, seen: 'you asked for a mentor' });
	});

	it('a first meeting logged with a mentor (mentoring)', () => {
		const mentee = makeMentee({ inRoleSince: '2026-11-02', now: NOW - 5 * DAY });
		const mentor = makeMentor();
		const { pairingId } = pairUp(makeCoordinator(), mentor, mentee, NOW - 4 * DAY);
		expect(stateOf(mentee.actor, 'first-mentoring-meeting').state).toBe('to-do');
		const logged = meetings.log(mentor.actor, pairingId, { heldOn: '2026-11-22', durationMinutes: 60, mode: 'online', notes: '', newActions: [], doneActionIds: [], addToTrainingLog: false }, NOW - DAY);
		expect(logged.ok).toBe(true);
		expect(stateOf(mentee.actor, 'first-mentoring-meeting')).toMatchObject({ state: 'done', at: NOW - DAY });
		expect(stateOf(mentee.actor, 'ask-mentor').state).toBe('done');
	});

	it('an introduction posted in the region’s introductions thread (discussions), which the first one starts', () => {
		const first = newMember();
		const second = newMember({ authority: 'Salford' });
		const elsewhere = newMember({ authority: 'Leeds' });
		expect(introductions.introductionsThreadId('north-west')).toBeNull();
		const a = introductions.post(first.actor, 'Hello, I am the new Lead Member for Lancashire.', false, NOW - 3 * DAY);
		expect(a).toMatchObject({ ok: true, postNumber: 1 });
		const b = introductions.post(second.actor, 'Hello from Salford: new in the role since November.', false, NOW - 2 * DAY);
		expect(b).toMatchObject({ ok: true, postNumber: 2, threadId: a.ok ? a.threadId : -1 });
		expect(stateOf(first.actor, 'introduce-yourself')).toMatchObject({ state: 'done', at: NOW - 3 * DAY });
		expect(stateOf(second.actor, 'introduce-yourself').state).toBe('done');
		expect(stateOf(elsewhere.actor, 'introduce-yourself').state).toBe('to-do');
		expect(introductions.post(first.actor, '', false, NOW)).toMatchObject({ ok: false, errors: { body: expect.any(String) } });
	});

	it('starts the introduction from the profile', () => {
		const m = newMember({ name: 'Priya Shah', background: 'Twelve years as a school governor.' });
		const d = introductions.draftFor(m.actor);
		expect(d.body).toContain('I am Priya Shah, Lead Member at Lancashire since 2 November 2026.');
		expect(d.body).toContain('Twelve years as a school governor.');
		expect(d.regionName).toBe('North West');
	});

	it('an authority induction in the training log (training)', () => {
		const m = newMember();
		entries.addEntry(m.actor, { startDate: '2026-11-10', title: 'Regional network meeting', provider: 'NW', kind: 'regional-network', topics: [], hours: '2' }, NOW - 2 * DAY);
		expect(stateOf(m.actor, 'log-induction').state).toBe('to-do');
		const r = entries.addEntry(m.actor, { startDate: '2026-11-12', title: 'Lancashire member induction', provider: 'Lancashire County Council', kind: 'induction', topics: ['safeguarding'], hours: '3' }, NOW - DAY);
		expect(r.ok).toBe(true);
		expect(stateOf(m.actor, 'log-induction')).toMatchObject({ state: 'done', at: NOW - DAY });
	});

	it('the handover pack of the member’s own authority opened (succession)', () => {
		const m = newMember();
		expect(stateOf(m.actor, 'handover-pack').state).toBe('to-do');
		expect(statusOf(() => handover.open(m.actor, m.authorityId + 1, NOW - DAY))).toBe(404);
		expect(stateOf(m.actor, 'handover-pack').state).toBe('to-do');
		handover.open(m.actor, m.authorityId, NOW - DAY);
		handover.open(m.actor, m.authorityId, NOW);
		expect(stateOf(m.actor, 'handover-pack')).toMatchObject({ state: 'done', at: NOW - DAY });
	});

	it('an event marked “I’m going” (training events)', () => {
		const coordinator = makeCoordinator();
		const m = newMember();
		const made = events.create(coordinator.actor, { title: 'North West network meeting', kind: 'network-meeting', startDate: '2026-12-09', startTime: '10:00', endTime: '13:00', location: 'Preston', onlineUrl: '', provider: 'NW', topics: [], description: '' }, NOW - 10 * DAY);
		if (!made.ok) throw new Error(JSON.stringify(made.errors));
		expect(stateOf(m.actor, 'regional-meeting').state).toBe('to-do');
		expect(events.setGoing(m.actor, made.id, true, NOW - DAY)).toEqual({ ok: true });
		expect(stateOf(m.actor, 'regional-meeting')).toMatchObject({ state: 'done', at: NOW - DAY });
	});
});

describe('who sees a path', () => {
	it('shows the member everything; their mentor, their coordinator and admins the steps and dates only; anyone else 404', () => {
		const mentee = makeMentee({ inRoleSince: '2026-11-02', now: NOW - 5 * DAY });
		const mentor = makeMentor();
		const coordinator = makeCoordinator();
		paths.tick(mentee.actor, mentee.id, 'meet-dcs', 'Private: the DCS is leaving in March', NOW - DAY);
		expect(statusOf(() => paths.ofMember(mentor.actor, mentee.id, NOW))).toBe(404);
		pairUp(coordinator, mentor, mentee, NOW - 4 * DAY);
		const seenByMentor = paths.ofMember(mentor.actor, mentee.id, NOW);
		const step = seenByMentor.phases[0].steps.find((s) => s.key === 'meet-dcs')!;
		expect(step).toMatchObject({ state: 'done', at: NOW - DAY, note: null, reason: null });
		expect(seenByMentor.viewer).toBe('mentor');
		expect(JSON.stringify(seenByMentor)).not.toContain('DCS is leaving');
		expect(JSON.stringify(paths.ofMember(coordinator.actor, mentee.id, NOW))).not.toContain('DCS is leaving');
		const admin = makeMember({ role: 'admin', authority: 'Camden' });
		expect(JSON.stringify(paths.ofMember(admin.actor, mentee.id, NOW))).not.toContain('DCS is leaving');
		expect(JSON.stringify(paths.mine(mentee.actor, NOW))).toContain('DCS is leaving');
		expect(statusOf(() => paths.ofMember(makeMember({ authority: 'Salford' }).actor, mentee.id, NOW))).toBe(404);
		expect(statusOf(() => paths.ofMember(makeCoordinator('yorkshire-humber', 'Leeds').actor, mentee.id, NOW))).toBe(404);
	});
});

describe('the coordinator’s new members and the nudge', () => {
	it('lists the region’s new members with days in the role, steps done, mentor or waiting since, and who has stalled', () => {
		const coordinator = makeCoordinator();
		const stalled = newMember({ name: 'Alan Stalled', inRoleSince: '2026-09-01' });
		const waiting = makeMentee({ name: 'Beth Waiting', inRoleSince: '2026-11-02', now: NOW - 3 * DAY });
		makeMember({ name: 'Long Serving', inRoleSince: '2015-05-20' });
		makeMember({ name: 'Other Region', authority: 'Leeds', inRoleSince: '2026-11-02' });
		const view = coordination.newMembers(coordinator.actor, 'north-west', {}, NOW);
		const names = view.rows.map((r) => r.name);
		expect(names).toContain('Alan Stalled');
		expect(names).toContain('Beth Waiting');
		expect(names).not.toContain('Long Serving');
		expect(names).not.toContain('Other Region');
		const alan = view.rows.find((r) => r.name === 'Alan Stalled')!;
		expect(alan).toMatchObject({ startDay: '2026-09-01', daysInRole: 83, done: 0, stalled: true });
		const beth = view.rows.find((r) => r.name === 'Beth Waiting')!;
		expect(beth).toMatchObject({ waitingSince: NOW - 3 * DAY, mentorName: null, done: 1, stalled: false });
		const stalledIds = coordination.newMembers(coordinator.actor, 'north-west', { filter: 'stalled' }, NOW).rows.map((r) => r.id);
		expect(stalledIds).toContain(stalled.id);
		expect(stalledIds).not.toContain(waiting.id);
		const byName = coordination.newMembers(coordinator.actor, 'north-west', { sort: 'name', descending: false }, NOW).rows.map((r) => r.name.toLowerCase());
		expect(byName).toEqual([...byName].sort());
	});

	it('refuses the list to members and to another region’s coordinator', () => {
		expect(statusOf(() => coordination.newMembers(newMember().actor, 'north-west', {}, NOW))).toBe(403);
		expect(statusOf(() => coordination.newMembers(makeCoordinator('yorkshire-humber', 'Leeds').actor, 'north-west', {}, NOW))).toBe(403);
	});

	it('sends a friendly nudge through the outbox, with an audit entry', () => {
		const coordinator = makeCoordinator();
		const m = newMember({ name: 'Chris New' });
		const form = coordination.nudgeForm(coordinator.actor, m.id, NOW);
		expect(form.message).toContain('Dear Chris,');
		expect(coordination.nudge(coordinator.actor, m.id, '   ', {}, NOW)).toEqual({ ok: false, errors: { message: 'Enter the message to send' } });
		expect(coordination.nudge(coordinator.actor, m.id, 'Dear Chris,\n\nHow is it going? Do ask for a mentor.', { ip: '127.0.0.1' }, NOW)).toEqual({ ok: true, name: 'Chris New' });
		const mail = db.select().from(outboxMessage).where(eq(outboxMessage.recipientId, m.id)).all();
		expect(mail).toHaveLength(1);
		expect(mail[0]).toMatchObject({ kind: 'induction-nudge', toAddress: m.email });
		expect(mail[0].text).toContain('How is it going? Do ask for a mentor.');
		const logged = db.select().from(auditEvent).where(eq(auditEvent.action, 'induction.nudged')).all();
		expect(logged.map((a) => [a.actorId, a.subjectId])).toEqual([[coordinator.id, String(m.id)]]);
		expect(statusOf(() => coordination.nudge(makeCoordinator('yorkshire-humber', 'Leeds').actor, m.id, 'Hi', {}, NOW))).toBe(404);
		expect(statusOf(() => coordination.nudge(newMember().actor, m.id, 'Hi', {}, NOW))).toBe(404);
	});

	it('lets a coordinator nudge a member once in seven days: the page says when, a forced second nudge is refused and sends nothing', () => {
		const coordinator = makeCoordinator();
		const other = makeCoordinator('north-west', 'Cumberland');
		const m = newMember({ name: 'Dana New' });
		const sentAt = Date.parse('2026-12-03T10:00:00Z');
		expect(coordination.nudge(coordinator.actor, m.id, 'Dear Dana, how is it going?', {}, sentAt)).toEqual({ ok: true, name: 'Dana New' });
		const later = sentAt + 2 * DAY;
		expect(coordination.nudgeForm(coordinator.actor, m.id, later).nudged).toEqual({ at: sentAt, againFrom: sentAt + 7 * DAY });
		expect(coordination.newMembers(coordinator.actor, 'north-west', {}, later).rows.find((r) => r.id === m.id)?.nudgedAt).toBe(sentAt);
		expect(coordination.nudge(coordinator.actor, m.id, 'Dear Dana, me again', {}, later)).toEqual({
			ok: false,
			errors: { form: 'You nudged Dana New on 3 December 2026. You can send another nudge from 10 December 2026.' }
		});
		expect(db.select().from(outboxMessage).where(eq(outboxMessage.recipientId, m.id)).all()).toHaveLength(1);
		expect(db.select().from(auditEvent).where(eq(auditEvent.action, 'induction.nudged')).all().filter((a) => a.subjectId === String(m.id))).toHaveLength(1);
		// Another coordinator of the region is not held back by it; nor is the first after seven days.
		expect(coordination.nudgeForm(other.actor, m.id, later).nudged).toBeNull();
		expect(coordination.nudge(other.actor, m.id, 'Dear Dana, welcome from Cumberland', {}, later)).toMatchObject({ ok: true });
		const weekOn = sentAt + 7 * DAY;
		expect(coordination.nudgeForm(coordinator.actor, m.id, weekOn).nudged).toBeNull();
		expect(coordination.newMembers(coordinator.actor, 'north-west', {}, weekOn).rows.find((r) => r.id === m.id)?.nudgedAt).toBeNull();
		expect(coordination.nudge(coordinator.actor, m.id, 'Dear Dana, a week on', {}, weekOn)).toMatchObject({ ok: true });
		expect(db.select().from(outboxMessage).where(eq(outboxMessage.recipientId, m.id)).all()).toHaveLength(3);
	});
});
