/**
 * Events that reach people. The scheduler, once per event:
 * - announces a newly published event to the members it is for (its region's, or everyone for a
 *   national event), one email each through the outbox, to those whose "events" email setting is
 *   "immediately" ("in my digest" finds it among the digest's upcoming events);
 * - the day before (UK dates), reminds each member who said "I'm going", with the event's .ics
 *   file, unless they turned event emails off.
 *
 * It runs in the web server's process, among pages being served, and a national event is
 * emailed to every member: so both go in slices (issue 19), each a transaction of at most
 * SLICE_MS (or `perSlice` members), with a turn of the event loop after it, a checkpoint of the
 * write-ahead log in a turn of its own, and another turn before the next slice.
 *
 * Each slice claims its members in the transaction that queues their emails: an announcement
 * moves the event's `announced_through` (the highest member id done) and sets `announced_at` when
 * no member is left; a reminder sets each attendance's `reminded_at`. Every email has an
 * idempotency key as well. So nothing goes twice however many processes run the job (each slice
 * reads where the last one stopped inside its own transaction), and nothing is lost when a
 * process stops mid-way: an event still being announced is taken up again, from where it
 * stopped, by the next run.
 */
import { and, asc, eq, gt, isNull, lt, lte } from 'drizzle-orm';
import { convert } from 'html-to-text';
import { checkpoint, db, immediate } from '../db/client';
import { trainingEvent, trainingEventAttendance, type TrainingEvent } from '../db/schema';
import { config } from '../config';
import { log } from '../log';
import * as outbox from '../mail/outbox';
import { mayEmail } from '../mail/engagement';
import { renderEmail, type EmailBlock } from '../mail/layout';
import * as preferences from '../mail/preferences';
import { listHeaders, unsubscribeUrl } from '../mail/unsubscribe';
import * as members from '../network/members';
import { regionName } from '../network/authorities';
import { SLICE_MS, turn } from '../turns';
import { cleanLine } from '../validation';
import { formatDate, formatDateTime, formatTime, isoDate } from '../../time';
import { EVENT_KINDS, label, type NotifyChoice } from '../../vocab';
import { calendarFile } from './events';

const DAY = 86_400_000;
const LIST = 'events';
/** Events taken up per run (the rest wait for the next tick). */
const EVENTS_PER_RUN = 5;
/** Members taken in one slice at most (about 10 ms of work here; a slower or busier machine ends the slice on SLICE_MS first). */
const PER_SLICE = 100;

export type SliceOptions = {
	/** At most this many members in one slice (besides the SLICE_MS bound). */
	perSlice?: number;
};

type Contact = { id: number; name: string; email: string };

function when(e: TrainingEvent): string {
	const sameDay = isoDate(e.startsAt) === isoDate(e.endsAt);
	return sameDay ? `${formatDateTime(e.startsAt)} to ${formatTime(e.endsAt)}` : `${formatDateTime(e.startsAt)} to ${formatDateTime(e.endsAt)}`;
}

function details(e: TrainingEvent): EmailBlock[] {
	const blocks: EmailBlock[] = [{ kind: 'paragraph', text: `${label(EVENT_KINDS, e.kind)}, ${when(e)} (UK time).` }];
	if (e.location) blocks.push({ kind: 'paragraph', text: `Where: ${e.location}` });
	if (e.onlineUrl) blocks.push({ kind: 'paragraph', text: `Join online: ${e.onlineUrl}` });
	if (e.descriptionHtml) blocks.push({ kind: 'html', html: e.descriptionHtml, text: convert(e.descriptionHtml, { wordwrap: 72 }).trim() });
	return blocks;
}

/** One kind of event email, the same for every member but for the footer's links. */
type Message = { kind: 'announcement' | 'reminder'; subject: string; heading: string; blocks: EmailBlock[]; reason: string; ics?: string };

function send(e: TrainingEvent, to: Contact, m: Message, now: number) {
	const { html, text } = renderEmail({
		heading: m.heading,
		preheader: m.subject,
		blocks: m.blocks,
		reason: m.reason,
		footerLinks: [
			{ text: 'Change your email settings', href: '/settings/email' },
			{ text: 'Stop event emails', href: unsubscribeUrl(to.id, LIST) }
		]
	});
	outbox.enqueue(
		{
			key: `event:${e.id}:${m.kind}:member:${to.id}`,
			kind: 'event',
			to: to.email,
			recipientId: to.id,
			subject: m.subject,
			text,
			html,
			headers: listHeaders(to.id, LIST, 'Events'),
			...(m.ics ? { icalEvent: { method: 'PUBLISH', content: m.ics, filename: 'event.ics' } } : {})
		},
		now
	);
}

function announcement(e: TrainingEvent): Message {
	const title = cleanLine(e.title);
	const forWhom = e.regionId ? `members in ${regionName(e.regionId)}` : 'every member';
	return {
		kind: 'announcement',
		subject: `New event: ${title}, ${formatDate(e.startsAt)}`,
		heading: title,
		blocks: [...details(e), { kind: 'button', text: 'See the event and say if you are going', href: `/training/events/${e.id}` }],
		reason: `You get this email because a new event was published for ${forWhom} of the Lead Member Network.`
	};
}

function reminder(e: TrainingEvent): Message {
	const title = cleanLine(e.title);
	return {
		kind: 'reminder',
		subject: `Tomorrow: ${title} at ${formatTime(e.startsAt)}`,
		heading: `${title} is tomorrow`,
		blocks: [
			{ kind: 'paragraph', text: 'You said you are going. The calendar file is attached: open it to add the event to your calendar.' },
			...details(e),
			{ kind: 'button', text: 'See the event', href: `/training/events/${e.id}` }
		],
		reason: 'You get this email because you said you are going to this event on the Lead Member Network.',
		ics: calendarFile(e, config().origin)
	};
}

/** True while a slice that began at `began` may take another member (the first is always taken). */
function inSlice(began: number, done: number, perSlice: number): boolean {
	return done === 0 || (done < perSlice && performance.now() - began < SLICE_MS);
}

/**
 * Queues `message` to the members `ids`, in order, while the slice that began at `began` may go
 * on: to each whose "events" email setting `wants` it and who may be emailed now (mayEmail).
 * Returns how many members were looked at (the first `done` of `ids`) and how many emails queued.
 */
function sendInSlice(
	e: TrainingEvent,
	ids: number[],
	wants: (id: number, events: NotifyChoice) => boolean,
	message: Message,
	now: number,
	slice: { began: number; perSlice: number }
): { done: number; queued: number } {
	const prefs = preferences.many(ids);
	const who = members.recipients(ids);
	let done = 0;
	let queued = 0;
	for (; done < ids.length && inSlice(slice.began, done, slice.perSlice); done++) {
		const id = ids[done];
		if (!wants(id, prefs(id).notifications.events)) continue;
		const to = who.get(id);
		if (!to || !mayEmail(to, now)) continue;
		send(e, to, message, now);
		queued++;
	}
	return { done, queued };
}

/**
 * Runs `slice` — one transaction, returning how many emails it queued and whether the work is
 * finished — until it is finished, with turns of the event loop and a checkpoint between
 * slices. A slice that fails is undone and logged, and the run stops there (the next run goes
 * on from the last slice done). Returns how many emails were queued.
 */
async function inSlices(slice: () => { queued: number; finished: boolean }, failed: (err: unknown) => void): Promise<number> {
	let queued = 0;
	try {
		for (;;) {
			const r = slice();
			queued += r.queued;
			await turn();
			// The slice's pages copied into the database file now, in a turn of their own: else the
			// commit that takes the log past wal_autocheckpoint (4,000 pages) copies 16 MB inside a slice.
			checkpoint();
			if (r.finished) return queued;
			await turn();
		}
	} catch (err) {
		failed(err);
		return queued;
	}
}

const logFailure = (what: string, eventId: number) => (err: unknown) => log.error(what, { eventId, error: err instanceof Error ? err.stack : String(err) });

/** One slice of an event's announcement: the next members after `announced_through`, in its own transaction. */
function announceSlice(eventId: number, now: number, perSlice: number): { queued: number; finished: boolean } {
	return immediate(() => {
		const began = performance.now();
		// Read again in the transaction: another process may have gone on, or finished, since.
		const e = db.select().from(trainingEvent).where(eq(trainingEvent.id, eventId)).get();
		if (!e || e.announcedAt != null || e.cancelledAt != null) return { queued: 0, finished: true };
		const ids = members.activeIdsAfter(e.regionId, e.announcedThrough ?? 0, perSlice);
		const wants = (id: number, events: NotifyChoice) => id !== e.createdById && events === 'immediately';
		const { done, queued } = sendInSlice(e, ids, wants, announcement(e), now, { began, perSlice });
		const finished = done === ids.length && ids.length < perSlice;
		db.update(trainingEvent)
			.set({ announcedThrough: done > 0 ? ids[done - 1] : e.announcedThrough, ...(finished ? { announcedAt: now } : {}) })
			.where(eq(trainingEvent.id, e.id))
			.run();
		return { queued, finished };
	});
}

/**
 * Announces events published since the last run — and finishes any a stopped run left half
 * done — to the members they are for, in slices. Returns how many emails were queued.
 */
export async function announceNew(now = Date.now(), opts: SliceOptions = {}): Promise<number> {
	const perSlice = Math.max(1, opts.perSlice ?? PER_SLICE);
	const due = db
		.select({ id: trainingEvent.id })
		.from(trainingEvent)
		.where(and(isNull(trainingEvent.announcedAt), isNull(trainingEvent.cancelledAt), gt(trainingEvent.startsAt, now)))
		.orderBy(asc(trainingEvent.createdAt))
		.limit(EVENTS_PER_RUN)
		.all();
	let queued = 0;
	for (const { id } of due) queued += await inSlices(() => announceSlice(id, now, perSlice), logFailure('event announcement failed', id));
	return queued;
}

/** One slice of an event's reminders: the next members going who have not had theirs, in its own transaction. */
function remindSlice(eventId: number, now: number, perSlice: number): { queued: number; finished: boolean } {
	return immediate(() => {
		const began = performance.now();
		const e = db.select().from(trainingEvent).where(eq(trainingEvent.id, eventId)).get();
		if (!e || e.cancelledAt != null) return { queued: 0, finished: true };
		const going = db
			.select({ memberId: trainingEventAttendance.memberId })
			.from(trainingEventAttendance)
			.where(and(eq(trainingEventAttendance.eventId, e.id), isNull(trainingEventAttendance.remindedAt)))
			.orderBy(asc(trainingEventAttendance.memberId))
			.limit(perSlice)
			.all()
			.map((r) => r.memberId);
		if (going.length === 0) return { queued: 0, finished: true };
		const { done, queued } = sendInSlice(e, going, (_id, events) => events !== 'off', reminder(e), now, { began, perSlice });
		// Claimed, sent or not (their settings say no): every row up to the last one done was read in
		// this transaction, so none is marked without being looked at.
		db.update(trainingEventAttendance)
			.set({ remindedAt: now })
			.where(and(eq(trainingEventAttendance.eventId, e.id), isNull(trainingEventAttendance.remindedAt), lte(trainingEventAttendance.memberId, going[done - 1])))
			.run();
		return { queued, finished: done === going.length && going.length < perSlice };
	});
}

/** Reminds members going to an event that starts tomorrow (UK dates), with its .ics, in slices. Returns how many emails were queued. */
export async function remindTomorrow(now = Date.now(), opts: SliceOptions = {}): Promise<number> {
	const perSlice = Math.max(1, opts.perSlice ?? PER_SLICE);
	const tomorrow = isoDate(now + DAY);
	// Events starting within the next two days, narrowed to tomorrow's UK date (clock changes make a day 23 or 25 hours).
	const soon = db
		.select({ id: trainingEvent.id, startsAt: trainingEvent.startsAt })
		.from(trainingEvent)
		.where(and(isNull(trainingEvent.cancelledAt), gt(trainingEvent.startsAt, now), lt(trainingEvent.startsAt, now + 2 * DAY)))
		.all()
		.filter((e) => isoDate(e.startsAt) === tomorrow);
	let queued = 0;
	for (const { id } of soon) queued += await inSlices(() => remindSlice(id, now, perSlice), logFailure('event reminders failed', id));
	return queued;
}

/** The scheduler's task: announcements, then reminders. */
export async function runDue(now = Date.now()) {
	return { announced: await announceNew(now), reminded: await remindTomorrow(now) };
}
