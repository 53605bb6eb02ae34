import { and, eq, like } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { db } from '../db/client';
import { outboxMessage, trainingEvent, trainingEventAttendance } from '../db/schema';
import * as outbox from '../mail/outbox';
import * as preferences from '../mail/preferences';
import * as members from '../network/members';
import { makeMember } from '../../../../tests/support/members';
import { DAY, NOW, publishEvent } from '../../../../tests/support/training';
import * as events from './events';
import { announceNew, remindTomorrow } from './announcements';

const mailsFor = (eventId: number, what: 'announcement' | 'reminder') =>
	db.select().from(outboxMessage).where(like(outboxMessage.idempotencyKey, `event:${eventId}:${what}:%`)).all();

const setEvents = (id: number, choice: 'immediately' | 'digest' | 'off') => preferences.update(id, { notifications: { ...preferences.get(id).notifications, events: choice } });

describe('announcing a published event', () => {
	it('emails each member it is for once, as their "events" setting allows, with an unsubscribe link', async () => {
		const coordinator = makeMember({ authority: 'Salford', role: 'coordinator', coordinatorRegionId: 'north-west' });
		const here = makeMember({ authority: 'Wigan' });
		const digestOnly = makeMember({ authority: 'Bolton' });
		const off = makeMember({ authority: 'Bury' });
		const elsewhere = makeMember({ authority: 'Kent' });
		setEvents(digestOnly.id, 'digest');
		setEvents(off.id, 'off');
		const id = publishEvent(coordinator.actor);
		await announceNew(NOW);
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
		expect(await announceNew(NOW + 60_000)).toBe(0);
		expect(mailsFor(id, 'announcement')).toHaveLength(sent.length);
		expect(db.select({ at: trainingEvent.announcedAt }).from(trainingEvent).where(eq(trainingEvent.id, id)).get()?.at).toBe(NOW);
	});

	it('announces a national event to every region, and never a cancelled or past one', async () => {
		const admin = makeMember({ role: 'admin', authority: 'Westminster' });
		const north = makeMember({ authority: 'Cumberland' });
		const south = makeMember({ authority: 'Cornwall' });
		const national = publishEvent(admin.actor, { region: 'national', title: 'National induction for new Lead Members' });
		const cancelled = publishEvent(admin.actor, { region: 'national', title: 'Called off' });
		events.cancel(admin.actor, cancelled, NOW);
		await announceNew(NOW);
		expect(mailsFor(national, 'announcement').map((m) => m.toAddress)).toEqual(expect.arrayContaining([north.email, south.email]));
		expect(mailsFor(cancelled, 'announcement')).toEqual([]);
		const old = publishEvent(admin.actor, { region: 'national', title: 'Soon over' });
		expect(await announceNew(Date.UTC(2026, 11, 10))).toBe(0);
		expect(mailsFor(old, 'announcement')).toEqual([]);
	});
});

describe('the reminder the day before', () => {
	it('goes once to each member who said they are going, with the .ics, unless they turned event emails off', async () => {
		const coordinator = makeMember({ authority: 'Salford', role: 'coordinator', coordinatorRegionId: 'north-west' });
		const going = makeMember({ authority: 'Wigan' });
		const quiet = makeMember({ authority: 'Bolton' });
		const notGoing = makeMember({ authority: 'Bury' });
		setEvents(quiet.id, 'off');
		const id = publishEvent(coordinator.actor, { startDate: '2026-12-09' });
		for (const m of [going, quiet]) expect(events.setGoing(m.actor, id, true, NOW)).toEqual({ ok: true });
		// Two days before: nothing yet.
		expect(await remindTomorrow(Date.parse('2026-12-07T09:00:00Z'))).toBe(0);
		const dayBefore = Date.parse('2026-12-08T09:00:00Z');
		expect(await remindTomorrow(dayBefore)).toBe(1);
		const [mail] = mailsFor(id, 'reminder');
		expect(mail).toMatchObject({ toAddress: going.email, subject: 'Tomorrow: North West Lead Member network meeting at 10:00am' });
		const ics = mail.icalEvent as { method: string; content: string };
		expect(ics.method).toBe('PUBLISH');
		expect(ics.content).toContain('DTSTART:20261209T100000Z');
		expect(ics.content).toContain('SUMMARY:North West Lead Member network meeting');
		expect(mail.text).toMatch(/\/unsubscribe\//);
		expect(mailsFor(id, 'reminder').map((m) => m.toAddress)).not.toContain(notGoing.email);
		// Once only — and the one who turned event emails off is not asked again either.
		expect(await remindTomorrow(dayBefore + 3_600_000)).toBe(0);
		const rows = db.select().from(trainingEventAttendance).where(and(eq(trainingEventAttendance.eventId, id))).all();
		expect(rows.every((r) => r.remindedAt === dayBefore)).toBe(true);
		// Someone who says "I'm going" later that day still gets theirs.
		events.setGoing(notGoing.actor, id, true, dayBefore + 2 * 3_600_000);
		expect(await remindTomorrow(dayBefore + 3 * 3_600_000)).toBe(1);
	});

	it('is not sent for a cancelled event', async () => {
		const coordinator = makeMember({ authority: 'Salford', role: 'coordinator', coordinatorRegionId: 'north-west' });
		const going = makeMember({ authority: 'Wigan' });
		const id = publishEvent(coordinator.actor, { startDate: '2026-12-09' });
		events.setGoing(going.actor, id, true, NOW);
		events.cancel(coordinator.actor, id, NOW + DAY);
		expect(await remindTomorrow(Date.parse('2026-12-08T09:00:00Z'))).toBe(0);
	});
});
