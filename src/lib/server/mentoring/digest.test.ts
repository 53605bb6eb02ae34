import { describe, expect, it } from 'vitest';
import { db } from '../db/client';
import { eq } from 'drizzle-orm';
import { outboxMessage, pairingMeeting } from '../db/schema';
import * as preferences from '../mail/preferences';
import type { DigestRecipient } from '../digest-items';
import * as coordination from './coordination';
import * as meetings from './meetings';
import * as pairings from './pairings';
import { digestSection, regionalDigestGroups } from './digest';
import { makeCoordinator, makeMentee, makeMentor, pairUp } from '../../../../tests/support/mentoring';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 23, 7);

function recipient(m: { id: number; name: string; email: string; authorityId: number; regionId: string; role: 'member' | 'coordinator' | 'admin'; coordinatorRegionId: string | null }): DigestRecipient {
	return { id: m.id, name: m.name, email: m.email, authorityId: m.authorityId, regionId: m.regionId, role: m.role, coordinatorRegionId: m.coordinatorRegionId, expertise: [] };
}

describe('the member’s digest section', () => {
	it('is null when there is nothing to say', () => {
		const mentor = makeMentor({ authority: 'Cornwall' });
		expect(digestSection(recipient(mentor), NOW - 7 * DAY, NOW)).toBeNull();
	});

	it('lists proposals waiting for the member’s answer, new since the last digest', () => {
		const coordinator = makeCoordinator();
		const mentor = makeMentor();
		const mentee = makeMentee();
		coordination.confirmOne(coordinator.actor, { requestId: mentee.requestId, mentorId: mentor.id }, NOW - DAY);
		const section = digestSection(recipient(mentor), NOW - 7 * DAY, NOW)!;
		expect(section).toMatchObject({ area: 'mentoring', hasNew: true });
		expect(section.groups[0]).toMatchObject({ title: 'Mentoring proposals waiting for your answer', items: [{ text: expect.stringContaining(`Would you mentor ${mentee.name}`) }] });
		expect(digestSection(recipient(mentor), NOW - DAY / 2, NOW)?.hasNew).toBe(false);
	});

	it('gives the next meeting and, for a mentor, one overdue line per mentee', () => {
		const coordinator = makeCoordinator();
		const mentor = makeMentor({ capacity: 3 });
		const onTrack = makeMentee();
		const late = makeMentee({ authority: 'Wirral' });
		const a = pairUp(coordinator, mentor, onTrack, NOW - 20 * DAY);
		const b = pairUp(coordinator, mentor, late, NOW - 80 * DAY);
		db.insert(pairingMeeting).values({ pairingId: b.pairingId, heldOn: '2026-10-01', durationMinutes: 60, mode: 'online', createdAt: NOW - 53 * DAY }).run();
		meetings.book(mentor.actor, a.pairingId, { date: '2026-11-26', time: '18:00', durationMinutes: 60, mode: 'online', location: 'https://meet.example.org/video-call' }, NOW - DAY);

		const section = digestSection(recipient(mentor), NOW - 7 * DAY, NOW)!;
		const next = section.groups.find((g) => g.title === 'Your next mentoring meetings')!;
		expect(next.items).toEqual([{ text: `Mentoring with ${onTrack.name}`, href: `/mentoring/pairings/${a.pairingId}`, note: '26 November 2026, 6:00pm' }]);
		const overdue = section.groups.find((g) => g.title === 'Mentoring check-ins overdue')!;
		expect(overdue.items).toEqual([
			{ text: `No meeting with your mentee ${late.name} logged since 1 October 2026`, href: `/mentoring/pairings/${b.pairingId}`, note: 'you agreed to meet every 4 weeks' }
		]);
		expect(digestSection(recipient(late), NOW - 7 * DAY, NOW)!.groups[0].items[0].text).toBe(`No meeting with your mentor ${mentor.name} logged since 1 October 2026`);
	});

	it('asks for feedback on the member’s pairings closed in the last 30 days and not yet rated, and never speaks of another pair', () => {
		const coordinator = makeCoordinator();
		const mentor = makeMentor({ capacity: 5 });
		const [stillActive, closedByCoordinator, ratedAlready, closedLongAgo] = ['Wigan', 'Bolton', 'Bury', 'Oldham'].map((authority) => makeMentee({ authority }));
		const active = pairUp(coordinator, mentor, stillActive, NOW - 80 * DAY); // no meeting logged: overdue
		const wanted = pairUp(coordinator, mentor, closedByCoordinator, NOW - 60 * DAY);
		const rated = pairUp(coordinator, mentor, ratedAlready, NOW - 60 * DAY);
		const old = pairUp(coordinator, mentor, closedLongAgo, NOW - 90 * DAY);
		expect(pairings.close(coordinator.actor, wanted.pairingId, { outcome: 'completed' }, NOW - 5 * DAY).ok).toBe(true);
		expect(pairings.close(mentor.actor, rated.pairingId, { outcome: 'ended-early', rating: 4, comment: 'Good' }, NOW - 5 * DAY).ok).toBe(true);
		expect(pairings.close(coordinator.actor, old.pairingId, { outcome: 'completed' }, NOW - 40 * DAY).ok).toBe(true);
		// Another pair in the same region, active and closed: none of it is this mentor's business.
		const otherMentor = makeMentor({ authority: 'Wakefield', capacity: 2, name: 'Other Mentor' });
		const otherMentee = makeMentee({ authority: 'Blackpool', name: 'Other Mentee' });
		const otherClosed = makeMentee({ authority: 'Blackburn with Darwen', name: 'Other Closed Mentee' });
		pairUp(coordinator, otherMentor, otherMentee, NOW - 80 * DAY);
		const otherPair = pairUp(coordinator, otherMentor, otherClosed, NOW - 60 * DAY);
		pairings.close(coordinator.actor, otherPair.pairingId, { outcome: 'completed' }, NOW - 5 * DAY);

		const section = digestSection(recipient(mentor), NOW - 7 * DAY, NOW)!;
		const feedback = section.groups.find((g) => g.title === 'Tell us how your mentoring went')!;
		expect(feedback.items).toEqual([{ text: `Give feedback on your mentoring with ${closedByCoordinator.name}`, href: `/mentoring/pairings/${wanted.pairingId}/close` }]);
		expect(section.hasNew).toBe(true);
		const everything = JSON.stringify(section);
		for (const name of ['Other Mentor', 'Other Mentee', 'Other Closed Mentee', ratedAlready.name, closedLongAgo.name]) expect(everything).not.toContain(name);
		expect(everything).not.toContain(`/mentoring/pairings/${otherPair.pairingId}`);
		expect(everything).toContain(`/mentoring/pairings/${active.pairingId}`);

		// The mentee side, in the same run: their own pairing only.
		const mentee = digestSection(recipient(closedByCoordinator), NOW - 7 * DAY, NOW)!;
		expect(mentee.groups.find((g) => g.title === 'Tell us how your mentoring went')!.items).toEqual([
			{ text: `Give feedback on your mentoring with ${mentor.name}`, href: `/mentoring/pairings/${wanted.pairingId}/close` }
		]);
		expect(JSON.stringify(mentee)).not.toContain(stillActive.name);
		const other = JSON.stringify(digestSection(recipient(otherClosed), NOW - 7 * DAY, NOW));
		expect(other).toContain(`/mentoring/pairings/${otherPair.pairingId}/close`);
		expect(other).not.toContain(mentor.name);
	});

	it('names each request waiting in a coordinator’s region, with the day it was made; new when they chose the digest for them', () => {
		const coordinator = makeCoordinator('south-east', 'Kent');
		preferences.update(coordinator.id, { notifications: { ...preferences.get(coordinator.id).notifications, mentorRequest: 'digest' } });
		const mentee = makeMentee({ authority: 'Surrey', now: NOW - 2 * DAY });
		const section = digestSection(recipient(coordinator), NOW - 7 * DAY, NOW)!;
		expect(section.groups[0]).toEqual({
			title: 'Members in your region waiting for a mentor',
			items: [{ text: `${mentee.name} (Surrey) asks for a mentor`, href: '/mentoring/coordinate/match', note: 'waiting since 21 November 2026' }],
			more: undefined,
			moreHref: '/mentoring/coordinate'
		});
		expect(section.hasNew).toBe(true);
		// No email was sent for it: the digest is where they asked for it.
		expect(db.select().from(outboxMessage).where(eq(outboxMessage.toAddress, coordinator.email)).all()).toEqual([]);
	});

	it('emails a coordinator who wants requests at once; the digest still lists it, not as news', () => {
		const coordinator = makeCoordinator('east-midlands', 'Derby');
		const mentee = makeMentee({ authority: 'Nottinghamshire', topics: ['send', 'care-leavers'], now: NOW - DAY });
		const [mail] = db.select().from(outboxMessage).where(eq(outboxMessage.toAddress, coordinator.email)).all();
		expect(mail).toMatchObject({ subject: `${mentee.name} (Nottinghamshire) asks for a mentor`, idempotencyKey: `mentoring:request:${mentee.requestId}:coordinator:${coordinator.id}` });
		expect(mail.text).toContain('Focus: SEND, Care leavers.');
		expect(mail.text).toContain('/mentoring/coordinate/match');
		expect(mail.text).toMatch(/\/unsubscribe\//);
		const section = digestSection(recipient(coordinator), NOW - 7 * DAY, NOW)!;
		expect(section.groups[0].items[0].note).toBe('waiting since 22 November 2026');
		expect(section.hasNew).toBe(false);
		// Off: neither.
		const quiet = makeCoordinator('east-midlands', 'Leicester');
		preferences.update(quiet.id, { notifications: { ...preferences.get(quiet.id).notifications, mentorRequest: 'off' } });
		makeMentee({ authority: 'Lincolnshire', now: NOW });
		expect(db.select().from(outboxMessage).where(eq(outboxMessage.toAddress, quiet.email)).all()).toEqual([]);
	});
});

describe('regional digest suggestions', () => {
	it('give numbers only: new pairings and members waiting', () => {
		const coordinator = makeCoordinator('south-west', 'Devon');
		makeMentee({ authority: 'Plymouth', now: NOW - 3 * DAY });
		const paired = makeMentee({ authority: 'Somerset' });
		pairUp(coordinator, makeMentor({ authority: 'Kent' }), paired, NOW - DAY);
		const groups = regionalDigestGroups('south-west', NOW - 7 * DAY, NOW);
		expect(groups).toEqual([
			{
				title: 'Mentoring',
				items: [
					{ text: '1 new mentoring pairing has started', href: '/mentoring' },
					{ text: 'Mentors wanted: 1 member is waiting for a mentor', href: '/mentoring/offer', note: 'offer an hour a month to a new Lead Member' }
				]
			}
		]);
		expect(JSON.stringify(groups)).not.toContain(paired.name);
		expect(regionalDigestGroups('north-east', NOW - 7 * DAY, NOW)).toEqual([]);
	});
});
