/**
 * Event emails go in slices (issue 19): a national event is emailed to every member from the
 * web server's process, so the work is cut into short transactions with turns of the event
 * loop between them. What is checked here never depends on the clock: how far each slice went
 * (the `perSlice` bound), that the loop turned between slices, and what ends up in the outbox
 * after runs that are cut short or run side by side.
 */
import { and, eq, isNull, like } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '../db/client';
import { member, outboxMessage, trainingEvent, trainingEventAttendance } from '../db/schema';
import * as outbox from '../mail/outbox';
import * as preferences from '../mail/preferences';
import * as members from '../network/members';
import { makeMember } from '../../../../tests/support/members';
import { NOW, publishEvent } from '../../../../tests/support/training';
import * as events from './events';
import { announceNew, remindTomorrow } from './announcements';

const AUTHORITIES = ['Cumberland', 'Leeds', 'Kent', 'Camden', 'Cornwall', 'Birmingham', 'Nottingham', 'Norfolk', 'Newcastle upon Tyne'];
const DAY_BEFORE = Date.parse('2026-12-08T09:00:00Z');

/** Members who chose not to have event emails at once (across the whole file: the network is shared). */
const notAtOnce = new Set<number>();

/** `n` members spread over every region; every fifth wants event emails only in the digest, every seventh not at all. */
function network(n: number) {
	const made = Array.from({ length: n }, (_, i) => makeMember({ authority: AUTHORITIES[i % AUTHORITIES.length] }));
	made.forEach((m, i) => {
		const choice = i % 7 === 3 ? 'off' : i % 5 === 1 ? 'digest' : null;
		if (!choice) return;
		preferences.update(m.id, { notifications: { ...preferences.get(m.id).notifications, events: choice } });
		notAtOnce.add(m.id);
	});
	return made;
}

/** Everyone a national event by `creatorId` is announced to: active members who want event emails at once, but its author. */
function everyoneWanting(creatorId: number): number[] {
	return db
		.select({ id: member.id })
		.from(member)
		.where(isNull(member.deactivatedAt))
		.all()
		.map((r) => r.id)
		.filter((id) => id !== creatorId && !notAtOnce.has(id))
		.sort((a, b) => a - b);
}

/** How many of the event's emails of one kind each member has, by member id. */
function copies(eventId: number, what: 'announcement' | 'reminder'): Map<number, number> {
	const out = new Map<number, number>();
	for (const m of db.select({ to: outboxMessage.recipientId }).from(outboxMessage).where(like(outboxMessage.idempotencyKey, `event:${eventId}:${what}:%`)).all())
		out.set(m.to!, (out.get(m.to!) ?? 0) + 1);
	return out;
}

const progress = (eventId: number) => db.select({ through: trainingEvent.announcedThrough, at: trainingEvent.announcedAt }).from(trainingEvent).where(eq(trainingEvent.id, eventId)).get()!;

/**
 * Reads `read()` once in every turn of the event loop until stopped: what a page served between
 * two slices would see. Returns the values seen, in order.
 */
function everyTurn<T>(read: () => T): { seen: T[]; stop: () => void } {
	const seen: T[] = [];
	let on = true;
	const look = () => {
		if (!on) return;
		seen.push(read());
		setImmediate(look);
	};
	setImmediate(look);
	return { seen, stop: () => void (on = false) };
}

/** Makes outbox.enqueue fail from its `n`th call on (the process stopping there): the slice it is in is undone. */
function failFromCall(n: number) {
	const real = outbox.enqueue;
	let calls = 0;
	return vi.spyOn(outbox, 'enqueue').mockImplementation((email, now) => {
		if (++calls >= n) throw new Error('the process stopped here');
		return real(email, now);
	});
}

afterEach(() => vi.restoreAllMocks());

describe('announcing a national event in slices', () => {
	it('emails every member it is for exactly once, a slice of at most perSlice members at a time, with the loop turning between slices', async () => {
		const admin = makeMember({ role: 'admin', authority: 'Westminster' });
		const gone = network(60);
		members.setActive(admin.actor, gone[0].id, false);
		const id = publishEvent(admin.actor, { region: 'national', title: 'National induction for new Lead Members' });
		const wanting = everyoneWanting(admin.id);
		expect(wanting.length).toBeGreaterThan(30);

		const watch = everyTurn(() => progress(id).through ?? 0);
		const queued = await announceNew(NOW, { perSlice: 7 });
		watch.stop();

		expect(queued).toBe(wanting.length);
		const sent = copies(id, 'announcement');
		expect([...sent.keys()].sort((a, b) => a - b)).toEqual(wanting);
		expect([...sent.values()].every((n) => n === 1)).toBe(true);
		expect(sent.has(gone[0].id)).toBe(false);
		expect(progress(id).at).toBe(NOW);

		// Between any two turns of the loop the announcement went through at most 7 members …
		// (the last slice's mark may come after the run is awaited: it is read here).
		const active = db.select({ id: member.id }).from(member).where(isNull(member.deactivatedAt)).all().map((r) => r.id);
		const marks = [...new Set([0, ...watch.seen, progress(id).through!])];
		for (let i = 1; i < marks.length; i++) expect(active.filter((m) => m > marks[i - 1] && m <= marks[i]).length).toBeLessThanOrEqual(7);
		// … so the loop turned at least once for every 7 of them.
		expect(marks.length - 1).toBeGreaterThanOrEqual(Math.ceil(active.length / 7));
	});

	it('finishes, on the next run, an announcement whose run stopped after one slice, sending nothing twice', async () => {
		const admin = makeMember({ role: 'admin', authority: 'Westminster' });
		network(30);
		const id = publishEvent(admin.actor, { region: 'national', title: 'Corporate parenting webinar' });
		const wanting = everyoneWanting(admin.id);

		// The process stops in the second slice (or a later one, if the clock cut the first short):
		// what the slices before it queued stays, and the event shows how far they went.
		failFromCall(6);
		const before = await announceNew(NOW, { perSlice: 5 });
		vi.restoreAllMocks();
		const stopped = progress(id);
		expect(stopped.at).toBeNull();
		const first = copies(id, 'announcement');
		expect(before).toBe(first.size);
		expect(first.size).toBeGreaterThan(0);
		expect(first.size).toBeLessThanOrEqual(5);
		expect([...first.keys()].sort((a, b) => a - b)).toEqual(wanting.filter((m) => m <= stopped.through!));

		// The next run takes it up where it stopped.
		expect(await announceNew(NOW + 60_000, { perSlice: 5 })).toBe(wanting.length - first.size);
		const sent = copies(id, 'announcement');
		expect([...sent.keys()].sort((a, b) => a - b)).toEqual(wanting);
		expect([...sent.values()].every((n) => n === 1)).toBe(true);
		expect(progress(id).at).toBe(NOW + 60_000);
		expect(await announceNew(NOW + 120_000)).toBe(0);
	});

	it('shares the work between two runs going at once, and neither queues a member the other did', async () => {
		const admin = makeMember({ role: 'admin', authority: 'Westminster' });
		network(30);
		const id = publishEvent(admin.actor, { region: 'national', title: 'Ofsted framework briefing' });
		const wanting = everyoneWanting(admin.id);

		const [a, b] = await Promise.all([announceNew(NOW, { perSlice: 3 }), announceNew(NOW, { perSlice: 3 })]);
		// Each run counts only what it queued itself: the two add up to one email each.
		expect(a).toBeGreaterThan(0);
		expect(b).toBeGreaterThan(0);
		expect(a + b).toBe(wanting.length);
		const sent = copies(id, 'announcement');
		expect([...sent.keys()].sort((x, y) => x - y)).toEqual(wanting);
		expect([...sent.values()].every((n) => n === 1)).toBe(true);
	});

	it('stops at once when the event is cancelled part way through', async () => {
		const admin = makeMember({ role: 'admin', authority: 'Westminster' });
		network(20);
		const id = publishEvent(admin.actor, { region: 'national', title: 'Called off half way' });
		failFromCall(4);
		const before = await announceNew(NOW, { perSlice: 3 });
		vi.restoreAllMocks();
		expect(before).toBeGreaterThan(0);
		expect(progress(id).at).toBeNull();
		events.cancel(admin.actor, id, NOW);
		expect(await announceNew(NOW + 60_000, { perSlice: 3 })).toBe(0);
		expect(copies(id, 'announcement').size).toBe(before);
	});
});

describe('reminding those going in slices', () => {
	function goingTo(id: number, n: number) {
		const made = network(n);
		for (const m of made) expect(events.setGoing(m.actor, id, true, NOW)).toEqual({ ok: true });
		return made.filter((m) => preferences.get(m.id).notifications.events !== 'off').map((m) => m.id).sort((a, b) => a - b);
	}

	it('reminds each member going exactly once, after a run stopped mid-way and with two runs at once', async () => {
		const admin = makeMember({ role: 'admin', authority: 'Westminster' });
		const id = publishEvent(admin.actor, { region: 'national', title: 'National SEND conference' });
		const reminded = goingTo(id, 24);

		failFromCall(5);
		const before = await remindTomorrow(DAY_BEFORE, { perSlice: 4 });
		vi.restoreAllMocks();
		expect(before).toBeGreaterThan(0);
		expect(before).toBeLessThan(reminded.length);
		expect(copies(id, 'reminder').size).toBe(before);

		const [a, b] = await Promise.all([remindTomorrow(DAY_BEFORE + 60_000, { perSlice: 2 }), remindTomorrow(DAY_BEFORE + 60_000, { perSlice: 2 })]);
		expect(a).toBeGreaterThan(0);
		expect(b).toBeGreaterThan(0);
		expect(a + b).toBe(reminded.length - before);
		const sent = copies(id, 'reminder');
		expect([...sent.keys()].sort((x, y) => x - y)).toEqual(reminded);
		expect([...sent.values()].every((n) => n === 1)).toBe(true);
		// Everyone going is marked, those who turned event emails off too, and nobody is asked again.
		expect(db.select().from(trainingEventAttendance).where(and(eq(trainingEventAttendance.eventId, id), isNull(trainingEventAttendance.remindedAt))).all()).toEqual([]);
		expect(await remindTomorrow(DAY_BEFORE + 120_000)).toBe(0);
	});
});
