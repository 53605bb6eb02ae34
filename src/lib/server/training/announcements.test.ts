import { and, eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../db/client';
import { outboxMessage, trainingEvent, trainingEventAttendance } from '../db/schema';
import * as preferences from '../mail/preferences';
import { makeMember } from '../../../../tests/support/members';
import { DAY, NOW } from '../../../../tests/support/training';
import * as events from './events';
import { announceNew, remindTomorrow } from './announcements';

const form = (over: Record<string, unknown> = {}) => ({
	title: 'North West Lead Member network meeting',
	kind: 'network-meeting',
	startDate: '2026-12-09',
	startTime: '10:00',
	endTime: '13:30',
	location: 'County Hall, Preston',
	onlineUrl: '',
	provider: 'North West network',
	topics: ['send'],
	description: 'Agenda: **SEND** sufficiency.',
	...over
});

function publish(actor: Parameters<typeof events.create>[0], over: Record<string, unknown> = {}, now = NOW) {
	const r = events.create(actor, form(over), now);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.id;
}

const mailsFor = (eventId: number, what: 'announcement' | 'reminder') =>
	db.select().from(outboxMessage).where(like(outboxMessage.idempotencyKey, `event:${eventId}:${what}:%`)).all();

const setEvents = (id: number, choice: 'immediately' | 'digest' | 'off') => preferences.update(id, { notifications: { ...preferences.get(id).notifications, events: choice } });

describe('announcing a published event', () => {
	it('emails each member it is for once, as their "events" setting allows, with an unsubscribe link', () => {
		const coordinator = makeMember({ authority: 'Salford', role: 'coordinator', coordinatorRegionId: 'north-west' });
		const here = makeMember({ authority: 'Wigan' });
		const digestOnly = makeMember({ authority: 'Bolton' });
		const off = makeMember({ authority: 'Bury' });
		const elsewhere = makeMember({ authority: 'Kent' });
		setEvents(digestOnly.id, 'digest');
		setEvents(off.id, 'off');
		const id = publish(coordinator.actor);
		announceNew(NOW);
		const sent = mailsFor(id, 'announcement');
		const to = sent.map((m) => m.toAddress);
		expect(to).toContain(here.email);
		for (const not of [digestOnly, off, elsewhere, coordinator]) expect(to).not.toContain(not.email);
		const mine = sent.find((m) => m.toAddress === here.email)!;
		expect(mine).toMatchObject({ kind: 'event', subject: 'New event: North West Lead Member network meeting, 9 December 2026', idempotencyKey: `event:${id}:announcement:member:${here.id}` });
		expect(mine.text).toContain('10:00am to 1:30pm (UK time)');
		expect(mine.text).toContain('Where: County Hall, Preston');
		expect(mine.text).toContain(`/training/events/${id}`);
		expect(mine.text).toMatch(/\/unsubscribe\//);
		expect(mine.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
		// Once only.
		expect(announceNew(NOW + 60_000)).toBe(0);
		expect(mailsFor(id, 'announcement')).toHaveLength(sent.length);
		expect(db.select({ at: trainingEvent.announcedAt }).from(trainingEvent).where(eq(trainingEvent.id, id)).get()?.at).toBe(NOW);
	});

	it('announces a national event to every region, and never a cancelled or past one', () => {
		const admin = makeMember({ role: 'admin', authority: 'Westminster' });
		const north = makeMember({ authority: 'Cumberland' });
		const south = makeMember({ authority: 'Cornwall' });
		const national = publish(admin.actor, { region: 'national', title: 'National induction for new Lead Members' });
		const cancelled = publish(admin.actor, { region: 'national', title: 'Called off' });
		events.cancel(admin.actor, cancelled, NOW);
		announceNew(NOW);
		expect(mailsFor(national, 'announcement').map((m) => m.toAddress)).toEqual(expect.arrayContaining([north.email, south.email]));
		expect(mailsFor(cancelled, 'announcement')).toEqual([]);
		const old = publish(admin.actor, { region: 'national', title: 'Soon over' });
		expect(announceNew(Date.UTC(2026, 11, 10))).toBe(0);
		expect(mailsFor(old, 'announcement')).toEqual([]);
	});
});

describe('the reminder the day before', () => {
	it('goes once to each member who said they are going, with the .ics, unless they turned event emails off', () => {
		const coordinator = makeMember({ authority: 'Salford', role: 'coordinator', coordinatorRegionId: 'north-west' });
		const going = makeMember({ authority: 'Wigan' });
		const quiet = makeMember({ authority: 'Bolton' });
		const notGoing = makeMember({ authority: 'Bury' });
		setEvents(quiet.id, 'off');
		const id = publish(coordinator.actor, { startDate: '2026-12-09' });
		for (const m of [going, quiet]) expect(events.setGoing(m.actor, id, true, NOW)).toEqual({ ok: true });
		// Two days before: nothing yet.
		expect(remindTomorrow(Date.parse('2026-12-07T09:00:00Z'))).toBe(0);
		const dayBefore = Date.parse('2026-12-08T09:00:00Z');
		expect(remindTomorrow(dayBefore)).toBe(1);
		const [mail] = mailsFor(id, 'reminder');
		expect(mail).toMatchObject({ toAddress: going.email, subject: 'Tomorrow: North West Lead Member network meeting at 10:00am' });
		const ics = mail.icalEvent as { method: string; content: string };
		expect(ics.method).toBe('PUBLISH');
		expect(ics.content).toContain('DTSTART:20261209T100000Z');
		expect(ics.content).toContain('SUMMARY:North West Lead Member network meeting');
		expect(mail.text).toMatch(/\/unsubscribe\//);
		expect(mailsFor(id, 'reminder').map((m) => m.toAddress)).not.toContain(notGoing.email);
		// Once only — and the one who turned event emails off is not asked again either.
		expect(remindTomorrow(dayBefore + 3_600_000)).toBe(0);
		const rows = db.select().from(trainingEventAttendance).where(and(eq(trainingEventAttendance.eventId, id))).all();
		expect(rows.every((r) => r.remindedAt === dayBefore)).toBe(true);
		// Someone who says "I'm going" later that day still gets theirs.
		events.setGoing(notGoing.actor, id, true, dayBefore + 2 * 3_600_000);
		expect(remindTomorrow(dayBefore + 3 * 3_600_000)).toBe(1);
	});

	it('is not sent for a cancelled event', () => {
		const coordinator = makeMember({ authority: 'Salford', role: 'coordinator', coordinatorRegionId: 'north-west' });
		const going = makeMember({ authority: 'Wigan' });
		const id = publish(coordinator.actor, { startDate: '2026-12-09' });
		events.setGoing(going.actor, id, true, NOW);
		events.cancel(coordinator.actor, id, NOW + DAY);
		expect(remindTomorrow(Date.parse('2026-12-08T09:00:00Z'))).toBe(0);
	});
});
