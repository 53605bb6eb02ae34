import { and, eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../db/client';
import { outboxMessage, pairingBooking, trainingEntry } from '../db/schema';
import * as preferences from '../mail/preferences';
import * as meetings from './meetings';
import * as pairings from './pairings';
import { bookingSchema, meetingSchema } from './schemas';
import { makeCoordinator, makeMentee, makeMentor, pairUp } from '../../../../tests/support/mentoring';

const NOW = Date.UTC(2026, 10, 23, 10); // 23 November 2026, 10:00 GMT
const DAY = 86_400_000;

function paired() {
	const coordinator = makeCoordinator();
	const mentor = makeMentor();
	const mentee = makeMentee();
	const { pairingId } = pairUp(coordinator, mentor, mentee, NOW - 40 * DAY);
	return { mentor, mentee, pairingId };
}

const invites = (address: string) =>
	db
		.select()
		.from(outboxMessage)
		.where(and(eq(outboxMessage.toAddress, address), eq(outboxMessage.kind, 'mentoring-invite')))
		.orderBy(outboxMessage.id)
		.all();

/** The unfolded value of an iCalendar property. */
function prop(ics: string, name: string): string | undefined {
	const unfolded = ics.replace(/\r\n[ \t]/g, '');
	return unfolded.split('\r\n').find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))?.replace(/^[^:]*:/, '');
}

const meeting = (over: Partial<Parameters<typeof meetings.log>[2]> = {}) => ({
	heldOn: '2026-11-20',
	durationMinutes: 60,
	mode: 'online' as const,
	notes: 'Talked about the budget',
	actions: 'Read the high needs report',
	addToTrainingLog: false,
	...over
});

describe('the meeting log', () => {
	it('logs a meeting, which puts the pairing back on track', () => {
		const { mentor, pairingId } = paired();
		expect(pairings.page(mentor.actor, pairingId, NOW).state).toBe('overdue'); // 40 days, no meeting, every 4 weeks
		expect(meetings.log(mentor.actor, pairingId, meeting(), NOW)).toMatchObject({ ok: true, addedToTrainingLog: false });
		const page = pairings.page(mentor.actor, pairingId, NOW);
		expect(page.state).toBe('on-track');
		expect(page.lastMeetingOn).toBe('2026-11-20');
	});

	it('refuses meetings in the future or before the mentoring started', () => {
		const { mentee, pairingId } = paired();
		expect(meetings.log(mentee.actor, pairingId, meeting({ heldOn: '2026-11-24' }), NOW)).toMatchObject({ ok: false, field: 'heldOn', message: expect.stringMatching(/today or earlier/) });
		expect(meetings.log(mentee.actor, pairingId, meeting({ heldOn: '2020-01-01' }), NOW)).toMatchObject({ ok: false, field: 'heldOn', message: expect.stringMatching(/on or after the start/) });
	});

	it('checks the form: a real date, a length of 5 to 480 minutes, a way of meeting', () => {
		const parse = (d: Record<string, string>) => meetingSchema.safeParse({ heldOn: '2026-11-20', durationMinutes: '60', mode: 'online', ...d });
		expect(parse({}).success).toBe(true);
		expect(parse({ heldOn: '2026-02-30' }).error?.issues[0].message).toBe('Enter the date of the meeting as a real date');
		expect(parse({ heldOn: '' }).error?.issues[0].message).toBe('Enter the date of the meeting');
		expect(parse({ durationMinutes: '2' }).error?.issues[0].message).toBe('Enter the length in minutes, between 5 and 480');
		expect(parse({ durationMinutes: 'an hour' }).error?.issues[0].message).toMatch(/Enter the length in minutes/);
		expect(parse({ mode: 'carrier pigeon' }).error?.issues[0].message).toBe('Choose how you met');
	});

	it('adds the meeting to both training logs as mentoring when asked, once per meeting', () => {
		const { mentor, mentee, pairingId } = paired();
		const r = meetings.log(mentor.actor, pairingId, meeting({ durationMinutes: 50, addToTrainingLog: true }), NOW);
		expect(r).toMatchObject({ ok: true, addedToTrainingLog: true });
		for (const who of [mentor, mentee]) {
			const entries = db.select().from(trainingEntry).where(and(eq(trainingEntry.memberId, who.id), like(trainingEntry.sourceKey, 'mentoring:%'))).all();
			expect(entries).toHaveLength(1);
			expect(entries[0]).toMatchObject({ kind: 'mentoring', startDate: '2026-11-20' });
		}
		expect(pairings.page(mentee.actor, pairingId, NOW).private?.meetings[0].addedToTrainingLog).toBe(true);
	});
});

describe('booking the next meeting', () => {
	it('emails both a METHOD:REQUEST invitation with the time in UTC', () => {
		const { mentor, mentee, pairingId } = paired();
		expect(meetings.book(mentor.actor, pairingId, { date: '2026-12-03', time: '18:30', durationMinutes: 60, mode: 'online', location: 'https://meet.example.org/a' }, NOW).ok).toBe(true);
		for (const who of [mentor, mentee]) {
			const [mail] = invites(who.email);
			expect(mail.subject).toBe('Mentoring meeting: 3 December 2026, 6:30pm');
			expect(mail.icalEvent?.method).toBe('REQUEST');
			const ics = mail.icalEvent!.content;
			expect(prop(ics, 'METHOD')).toBe('REQUEST');
			expect(prop(ics, 'DTSTART')).toBe('20261203T183000Z'); // GMT in December
			expect(prop(ics, 'DTEND')).toBe('20261203T193000Z');
			expect(prop(ics, 'SEQUENCE')).toBe('0');
			const unfolded = ics.replace(/\r\n[ \t]/g, '').toLowerCase();
			expect(unfolded).toContain(`mailto:${mentor.email}`);
			expect(unfolded).toContain(`mailto:${mentee.email}`);
			expect(mail.text).toContain('When: 3 December 2026, 6:30pm to 7:30pm (UK time)');
		}
	});

	it('keeps the UID and raises SEQUENCE on a change, then sends METHOD:CANCEL', () => {
		const { mentor, mentee, pairingId } = paired();
		meetings.book(mentee.actor, pairingId, { date: '2026-12-03', time: '18:30', durationMinutes: 60, mode: 'online', location: 'Video call' }, NOW);
		expect(meetings.book(mentee.actor, pairingId, { date: '2026-12-03', time: '18:30', durationMinutes: 60, mode: 'online', location: 'Video call' }, NOW)).toMatchObject({ ok: true, unchanged: true });
		expect(meetings.book(mentee.actor, pairingId, { date: '2026-12-04', time: '09:00', durationMinutes: 45, mode: 'phone', location: '01234 567890' }, NOW)).toMatchObject({ ok: true, changed: true });
		expect(meetings.cancel(mentor.actor, pairingId, NOW).ok).toBe(true);
		const mails = invites(mentor.email);
		expect(mails.map((m) => m.icalEvent?.method)).toEqual(['REQUEST', 'REQUEST', 'CANCEL']);
		const uids = mails.map((m) => prop(m.icalEvent!.content, 'UID'));
		expect(new Set(uids).size).toBe(1);
		expect(mails.map((m) => prop(m.icalEvent!.content, 'SEQUENCE'))).toEqual(['0', '1', '2']);
		expect(mails[1].subject).toBe('Mentoring meeting changed: 4 December 2026, 9:00am');
		expect(prop(mails[2].icalEvent!.content, 'STATUS')).toBe('CANCELLED');
		expect(meetings.cancel(mentor.actor, pairingId, NOW)).toEqual({ ok: false, message: 'There is no meeting booked to cancel.' });
	});

	it('gets the time right across the clocks going forward (BST)', () => {
		const { mentor, pairingId } = paired();
		const march = Date.UTC(2027, 2, 20, 10);
		meetings.book(mentor.actor, pairingId, { date: '2027-04-01', time: '18:30', durationMinutes: 60, mode: 'online', location: 'Video call' }, march);
		const [mail] = invites(mentor.email);
		expect(prop(mail.icalEvent!.content, 'DTSTART')).toBe('20270401T173000Z'); // 18:30 BST
		expect(mail.subject).toBe('Mentoring meeting: 1 April 2027, 6:30pm');
	});

	it('sends invitations even to members who turned mentoring emails off', () => {
		const { mentor, mentee, pairingId } = paired();
		preferences.update(mentee.id, { notifications: { ...preferences.get(mentee.id).notifications, mentoring: 'off' } });
		meetings.book(mentor.actor, pairingId, { date: '2026-12-03', time: '18:30', durationMinutes: 60, mode: 'online', location: 'Video call' }, NOW);
		expect(invites(mentee.email)).toHaveLength(1);
	});

	it('refuses times in the past, more than six months ahead or after the mentoring ends', () => {
		const { mentor, pairingId } = paired();
		const book = (date: string, time = '10:00') => meetings.book(mentor.actor, pairingId, { date, time, durationMinutes: 60, mode: 'phone', location: 'Phone' }, NOW);
		expect(book('2026-11-23', '09:00')).toMatchObject({ ok: false, field: 'date', message: 'Enter a date and time in the future' });
		expect(book('2027-12-01')).toMatchObject({ ok: false, message: 'Enter a date within the next 6 months' });
		expect(book('2027-05-01')).toMatchObject({ ok: false, message: expect.stringMatching(/before your mentoring ends/) });
		expect(db.select().from(pairingBooking).where(eq(pairingBooking.pairingId, pairingId)).all()).toEqual([]);
	});

	it('checks the form: a time like 18:30, a length of 15 to 240 minutes, a place', () => {
		const parse = (d: Record<string, string>) => bookingSchema.safeParse({ date: '2026-12-03', time: '18:30', durationMinutes: '60', mode: 'online', location: 'Video call', ...d });
		expect(parse({}).success).toBe(true);
		expect(parse({ time: '6.30pm' }).error?.issues[0].message).toBe('Enter the start time as hours and minutes, like 18:30');
		expect(parse({ durationMinutes: '600' }).error?.issues[0].message).toBe('Enter the length in minutes, between 15 and 240');
		expect(parse({ location: '' }).error?.issues[0].message).toMatch(/^Enter where you will meet/);
	});

	it('marks the booked meeting as held when the meeting is logged', () => {
		const { mentor, pairingId } = paired();
		meetings.book(mentor.actor, pairingId, { date: '2026-11-25', time: '10:00', durationMinutes: 60, mode: 'online', location: 'Video call' }, NOW);
		const later = Date.UTC(2026, 10, 26, 10);
		meetings.log(mentor.actor, pairingId, meeting({ heldOn: '2026-11-25' }), later);
		expect(meetings.booked(pairingId)).toBeNull();
		expect(pairings.page(mentor.actor, pairingId, later).private?.booking).toBeNull();
	});
});
