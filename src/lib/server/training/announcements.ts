/**
 * Events that reach people. The scheduler, once per event:
 * - announces a newly published event to the members it is for (its region's, or everyone for a
 *   national event), one email each through the outbox, to those whose "events" email setting is
 *   "immediately" ("in my digest" finds it among the digest's upcoming events);
 * - the day before (UK dates), reminds each member who said "I'm going", with the event's .ics
 *   file, unless they turned event emails off.
 * Each is claimed in the transaction that queues its emails (`announced_at`, `reminded_at`) and
 * each email has an idempotency key, so nothing goes twice however many processes run the job.
 */
import { and, asc, eq, gt, isNull, lt } from 'drizzle-orm';
import { convert } from 'html-to-text';
import { db, immediate } from '../db/client';
import { trainingEvent, trainingEventAttendance, type TrainingEvent } from '../db/schema';
import { config } from '../config';
import { enqueue } from '../mail/outbox';
import { mayEmail } from '../mail/engagement';
import { renderEmail, type EmailBlock } from '../mail/layout';
import * as preferences from '../mail/preferences';
import { listHeaders, unsubscribeUrl } from '../mail/unsubscribe';
import * as members from '../network/members';
import { regionName } from '../network/authorities';
import { cleanLine } from '../validation';
import { formatDate, formatDateTime, formatTime, isoDate } from '../../time';
import { EVENT_KINDS, label } from '../../vocab';
import { calendarFile } from './events';

const DAY = 86_400_000;
const LIST = 'events';
/** Events announced per run (the rest wait for the next tick). */
const EVENTS_PER_RUN = 5;

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

function send(to: Contact, key: string, subject: string, heading: string, blocks: EmailBlock[], reason: string, now: number, ics?: string) {
	const { html, text } = renderEmail({
		heading,
		preheader: subject,
		blocks,
		reason,
		footerLinks: [
			{ text: 'Change your email settings', href: '/settings/email' },
			{ text: 'Stop event emails', href: unsubscribeUrl(to.id, LIST) }
		]
	});
	enqueue(
		{
			key,
			kind: 'event',
			to: to.email,
			recipientId: to.id,
			subject,
			text,
			html,
			headers: listHeaders(to.id, LIST, 'Events'),
			...(ics ? { icalEvent: { method: 'PUBLISH', content: ics, filename: 'event.ics' } } : {})
		},
		now
	);
}

/** Announces events published since the last run to the members they are for. Returns how many emails were queued. */
export function announceNew(now = Date.now()): number {
	const due = db
		.select()
		.from(trainingEvent)
		.where(and(isNull(trainingEvent.announcedAt), isNull(trainingEvent.cancelledAt), gt(trainingEvent.startsAt, now)))
		.orderBy(asc(trainingEvent.createdAt))
		.limit(EVENTS_PER_RUN)
		.all();
	let queued = 0;
	for (const e of due) {
		queued += immediate(() => {
			// Claimed here: another process that read the same row finds it taken and sends nothing.
			const claimed = db.update(trainingEvent).set({ announcedAt: now }).where(and(eq(trainingEvent.id, e.id), isNull(trainingEvent.announcedAt))).run().changes;
			if (!claimed) return 0;
			const ids = members.activeMemberPlaces(e.regionId ?? undefined).map((m) => m.id).filter((id) => id !== e.createdById);
			const prefs = preferences.many(ids);
			const wanting = ids.filter((id) => prefs(id).notifications.events === 'immediately');
			const who = members.recipients(wanting);
			const forWhom = e.regionId ? `members in ${regionName(e.regionId)}` : 'every member';
			const title = cleanLine(e.title);
			const page = `/training/events/${e.id}`;
			let n = 0;
			for (const id of wanting) {
				const to = who.get(id);
				if (!to || !mayEmail(to, now)) continue;
				send(
					to,
					`event:${e.id}:announcement:member:${id}`,
					`New event: ${title}, ${formatDate(e.startsAt)}`,
					title,
					[...details(e), { kind: 'button', text: 'See the event and say if you are going', href: page }],
					`You get this email because a new event was published for ${forWhom} of the Lead Member Network.`,
					now
				);
				n++;
			}
			return n;
		});
	}
	return queued;
}

/** Reminds members going to an event that starts tomorrow (UK dates), with its .ics. Returns how many emails were queued. */
export function remindTomorrow(now = Date.now()): number {
	const tomorrow = isoDate(now + DAY);
	// Events starting within the next two days, narrowed to tomorrow's UK date (clock changes make a day 23 or 25 hours).
	const soon = db
		.select()
		.from(trainingEvent)
		.where(and(isNull(trainingEvent.cancelledAt), gt(trainingEvent.startsAt, now), lt(trainingEvent.startsAt, now + 2 * DAY)))
		.all()
		.filter((e) => isoDate(e.startsAt) === tomorrow);
	let queued = 0;
	for (const e of soon) {
		queued += immediate(() => {
			const going = db
				.select({ memberId: trainingEventAttendance.memberId })
				.from(trainingEventAttendance)
				.where(and(eq(trainingEventAttendance.eventId, e.id), isNull(trainingEventAttendance.remindedAt)))
				.all()
				.map((r) => r.memberId);
			if (going.length === 0) return 0;
			db.update(trainingEventAttendance).set({ remindedAt: now }).where(and(eq(trainingEventAttendance.eventId, e.id), isNull(trainingEventAttendance.remindedAt))).run();
			const prefs = preferences.many(going);
			const who = members.recipients(going.filter((id) => prefs(id).notifications.events !== 'off'));
			const ics = calendarFile(e, config().origin);
			const title = cleanLine(e.title);
			let n = 0;
			for (const to of who.values()) {
				if (!mayEmail(to, now)) continue;
				send(
					to,
					`event:${e.id}:reminder:member:${to.id}`,
					`Tomorrow: ${title} at ${formatTime(e.startsAt)}`,
					`${title} is tomorrow`,
					[
						{ kind: 'paragraph', text: 'You said you are going. The calendar file is attached: open it to add the event to your calendar.' },
						...details(e),
						{ kind: 'button', text: 'See the event', href: `/training/events/${e.id}` }
					],
					'You get this email because you said you are going to this event on the Lead Member Network.',
					now,
					ics
				);
				n++;
			}
			return n;
		});
	}
	return queued;
}

/** The scheduler's task: announcements, then reminders. */
export function runDue(now = Date.now()) {
	return { announced: announceNew(now), reminded: remindTomorrow(now) };
}
