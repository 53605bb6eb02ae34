import { and, eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../db/client';
import { outboxMessage, pairingBooking, trainingEntry } from '../db/schema';
import * as preferences from '../mail/preferences';
import * as meetings from './meetings';
import * as pairings from './pairings';
import { bookingSchema, meetingSchema } from './schemas';
import { makeCoordinator, makeMentee, makeMentor, pairUp, statusOf } from '../../../../tests/support/mentoring';
import { makeMember } from '../../../../tests/support/members';

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
	newActions: [{ text: 'Read the high needs report', owner: 'mentee' as const, dueOn: '2026-12-01' }],
	doneActionIds: [] as number[],
	addToTrainingLog: false,
	...over
});

/** A logged meeting's fields as the change form gives them. */
const edit = (over: Partial<Parameters<typeof meetings.update>[3]> = {}) => ({ heldOn: '2026-11-20', durationMinutes: 60, mode: 'online' as const, notes: 'Talked about the budget', ...over });

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

	it('flags a date in the future in the same pass as the other errors', () => {
		const future = meetingSchema.safeParse({ heldOn: '2999-01-01', durationMinutes: 'an hour' });
		const fields = Object.fromEntries((future.error?.issues ?? []).map((i) => [i.path[0], i.message]));
		expect(fields).toEqual({
			heldOn: 'Enter the date of the meeting between 2000 and 2100',
			durationMinutes: expect.stringMatching(/^Enter the length in minutes/),
			mode: 'Choose how you met'
		});
		const tomorrow = new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10);
		const soon = meetingSchema.safeParse({ heldOn: tomorrow, durationMinutes: '60' });
		expect(Object.fromEntries((soon.error?.issues ?? []).map((i) => [i.path[0], i.message]))).toEqual({
			heldOn: 'Enter a date that is today or earlier: log a meeting after it has happened',
			mode: 'Choose how you met'
		});
	});

	it('lets the author change a meeting, keeping what it said before', () => {
		const { mentor, mentee, pairingId } = paired();
		const { id } = meetings.log(mentor.actor, pairingId, meeting(), NOW) as { id: number };
		expect(meetings.update(mentor.actor, pairingId, id, edit({ notes: 'Talked about the budget and SEND' }), NOW + 1000)).toEqual({ ok: true, changed: true });
		expect(meetings.update(mentor.actor, pairingId, id, edit({ notes: 'Talked about the budget and SEND' }), NOW + 2000)).toEqual({ ok: true, changed: false });
		const page = pairings.page(mentee.actor, pairingId, NOW);
		expect(page.private?.meetings[0]).toMatchObject({ notes: 'Talked about the budget and SEND', canChange: false });
		expect(page.private?.meetings[0].earlier).toEqual([expect.objectContaining({ notes: 'Talked about the budget', replacedAt: NOW + 1000, by: expect.any(String) })]);
		expect(pairings.page(mentor.actor, pairingId, NOW).private?.meetings[0].canChange).toBe(true);
		// The same date rules as logging: refused, nothing kept.
		expect(meetings.update(mentor.actor, pairingId, id, edit({ heldOn: '2026-11-24' }), NOW)).toMatchObject({ ok: false, field: 'heldOn' });
		expect(meetings.history(pairingId)).toHaveLength(1);
	});

	it('lets the author delete a meeting; it stops counting and its words are kept in the history', () => {
		const { mentor, mentee, pairingId } = paired();
		const { id } = meetings.log(mentee.actor, pairingId, meeting({ heldOn: '2026-11-21' }), NOW) as { id: number };
		expect(pairings.page(mentor.actor, pairingId, NOW).meetingCount).toBe(1);
		expect(meetings.remove(mentee.actor, pairingId, id, NOW)).toEqual({ ok: true });
		const page = pairings.page(mentor.actor, pairingId, NOW);
		expect(page.meetingCount).toBe(0);
		expect(page.lastMeetingOn).toBeNull();
		expect(page.private?.deletedMeetings).toEqual([expect.objectContaining({ heldOn: '2026-11-21', notes: 'Talked about the budget' })]);
	});

	it('refuses anyone but the author: the other member, a coordinator, another pairing’s member', () => {
		const { mentor, mentee, pairingId } = paired();
		const { id } = meetings.log(mentor.actor, pairingId, meeting(), NOW) as { id: number };
		for (const who of [mentee.actor, makeCoordinator().actor, makeMember().actor]) {
			expect(statusOf(() => meetings.update(who, pairingId, id, edit({ notes: 'changed' }), NOW))).toBe(404);
			expect(statusOf(() => meetings.remove(who, pairingId, id, NOW))).toBe(404);
			expect(statusOf(() => meetings.forEdit(who, pairingId, id))).toBe(404);
		}
		// A meeting id of another pairing is not found through this one.
		const other = paired();
		expect(statusOf(() => meetings.forEdit(mentor.actor, other.pairingId, id))).toBe(404);
		expect(meetings.history(pairingId)).toEqual([]);
		expect(pairings.page(mentor.actor, pairingId, NOW).private?.meetings[0].notes).toBe('Talked about the budget');
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
		meetings.book(mentee.actor, pairingId, { date: '2026-12-03', time: '18:30', durationMinutes: 60, mode: 'online', location: 'https://meet.example.org/video-call' }, NOW);
		expect(meetings.book(mentee.actor, pairingId, { date: '2026-12-03', time: '18:30', durationMinutes: 60, mode: 'online', location: 'https://meet.example.org/video-call' }, NOW)).toMatchObject({ ok: true, unchanged: true });
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

	it('offers the booked meeting as an .ics file to the pair only, with the invitation’s UID', () => {
		const { mentor, mentee, pairingId } = paired();
		expect(statusOf(() => meetings.calendar(mentor.actor, pairingId, NOW))).toBe(404); // nothing booked yet
		meetings.book(mentor.actor, pairingId, { date: '2026-12-03', time: '18:30', durationMinutes: 60, mode: 'online', location: 'https://meet.example.org/a' }, NOW);
		const file = meetings.calendar(mentee.actor, pairingId, NOW);
		expect(file.filename).toBe('mentoring-meeting-2026-12-03.ics');
		expect(prop(file.body, 'METHOD')).toBe('PUBLISH');
		expect(prop(file.body, 'DTSTART')).toBe('20261203T183000Z');
		expect(prop(file.body, 'URL')).toBe('https://meet.example.org/a');
		expect(prop(file.body, 'UID')).toBe(prop(invites(mentee.email)[0].icalEvent!.content, 'UID'));
		expect(statusOf(() => meetings.calendar(makeCoordinator().actor, pairingId, NOW))).toBe(404);
		expect(statusOf(() => meetings.calendar(makeMember().actor, pairingId, NOW))).toBe(404);
		// Once the meeting has passed there is nothing to add.
		expect(statusOf(() => meetings.calendar(mentor.actor, pairingId, Date.UTC(2026, 11, 4)))).toBe(404);
	});

	it('refuses an online meeting without an http or https link, and anything but a web link as a link', () => {
		const { mentor, pairingId } = paired();
		const book = (mode: 'online' | 'in-person', location: string) => meetings.book(mentor.actor, pairingId, { date: '2026-12-03', time: '18:30', durationMinutes: 60, mode, location }, NOW);
		expect(book('online', 'javascript:alert(document.cookie)')).toMatchObject({ ok: false, field: 'location', message: 'Enter the link to join the online meeting, starting with https://' });
		expect(book('in-person', 'data:text/html,<script>1</script>')).toMatchObject({ ok: false, field: 'location' });
		expect(meetings.booked(pairingId)).toBeNull();
		expect(book('in-person', 'Leeds Civic Hall')).toMatchObject({ ok: true });
		expect(pairings.page(mentor.actor, pairingId, NOW).private?.booking).toMatchObject({ location: 'Leeds Civic Hall', link: null });
		expect(book('online', 'https://meet.example.org/b')).toMatchObject({ ok: true, changed: true });
		expect(pairings.page(mentor.actor, pairingId, NOW).private?.booking).toMatchObject({ link: 'https://meet.example.org/b' });
	});

	it('gets the time right across the clocks going forward (BST)', () => {
		const { mentor, pairingId } = paired();
		const march = Date.UTC(2027, 2, 20, 10);
		meetings.book(mentor.actor, pairingId, { date: '2027-04-01', time: '18:30', durationMinutes: 60, mode: 'online', location: 'https://meet.example.org/video-call' }, march);
		const [mail] = invites(mentor.email);
		expect(prop(mail.icalEvent!.content, 'DTSTART')).toBe('20270401T173000Z'); // 18:30 BST
		expect(mail.subject).toBe('Mentoring meeting: 1 April 2027, 6:30pm');
	});

	it('sends invitations even to members who turned mentoring emails off', () => {
		const { mentor, mentee, pairingId } = paired();
		preferences.update(mentee.id, { notifications: { ...preferences.get(mentee.id).notifications, mentoring: 'off' } });
		meetings.book(mentor.actor, pairingId, { date: '2026-12-03', time: '18:30', durationMinutes: 60, mode: 'online', location: 'https://meet.example.org/video-call' }, NOW);
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
		const parse = (d: Record<string, string>) => bookingSchema.safeParse({ date: '2026-12-03', time: '18:30', durationMinutes: '60', mode: 'online', location: 'https://meet.example.org/a', ...d });
		expect(parse({}).success).toBe(true);
		expect(parse({ time: '6.30pm' }).error?.issues[0].message).toBe('Enter the start time as hours and minutes, like 18:30');
		expect(parse({ durationMinutes: '600' }).error?.issues[0].message).toBe('Enter the length in minutes, between 15 and 240');
		expect(parse({ location: '' }).error?.issues[0].message).toMatch(/^Enter where you will meet/);
		// An online meeting needs a web link, and only http or https: refused with the other errors in one pass.
		expect(parse({ location: 'Video call', time: '6.30pm' }).error?.issues.map((i) => i.message)).toEqual([
			'Enter the start time as hours and minutes, like 18:30',
			'Enter the link to join the online meeting, starting with https://'
		]);
		expect(parse({ location: 'javascript:alert(1)' }).error?.issues[0].message).toBe('Enter the link to join the online meeting, starting with https://');
		expect(parse({ mode: 'in-person', location: 'javascript:alert(1)' }).error?.issues[0].message).toMatch(/^Enter a place or a phone number, or a web link on its own/);
		expect(parse({ mode: 'in-person', location: 'Hackney Town Hall' }).success).toBe(true);
	});

	it('marks the booked meeting as held when the meeting is logged', () => {
		const { mentor, pairingId } = paired();
		meetings.book(mentor.actor, pairingId, { date: '2026-11-25', time: '10:00', durationMinutes: 60, mode: 'online', location: 'https://meet.example.org/video-call' }, NOW);
		const later = Date.UTC(2026, 10, 26, 10);
		meetings.log(mentor.actor, pairingId, meeting({ heldOn: '2026-11-25' }), later);
		expect(meetings.booked(pairingId)).toBeNull();
		expect(pairings.page(mentor.actor, pairingId, later).private?.booking).toBeNull();
	});
});
