/**
 * The meeting log and the next meeting. Logged meetings (date, length, how, notes and agreed
 * actions) are private to the pair. Booking the next meeting emails both a calendar invitation;
 * changing it sends an update with the same UID and a higher SEQUENCE; cancelling sends
 * METHOD:CANCEL.
 */
import { and, desc, eq } from 'drizzle-orm';
import { db, immediate } from '../db/client';
import { pairingBooking, pairingMeeting, pairingMeetingRevision, type Pairing, type PairingBooking, type PairingMeeting } from '../db/schema';
import { authorize, type Actor } from '../auth/policy';
import { formatDate, isoDate, londonDateTimeToUtc } from '../../time';
import { meetingCalendarFile, newMeetingUid } from './invites';
import { locationProblem } from './meeting-link';
import { notFound, pairFacts, pairingById, people, refuse, today, type Outcome } from './store';
import * as notify from './notify';
import * as trainingLink from './training-link';
import { MEETING_IN_FUTURE, type BookingForm, type MeetingEditForm, type MeetingForm } from './schemas';
import * as actions from './actions';

/** How far ahead the next meeting may be booked. */
export const MAX_BOOKING_AHEAD_DAYS = 183;
const DAY = 86_400_000;

const dateWords = (d: string) => formatDate(Date.parse(`${d}T12:00:00Z`));

function forPair(actor: Actor, id: number): Pairing {
	const p = pairingById(id);
	if (!p) notFound();
	authorize(actor, 'pairing.logMeeting', pairFacts(p), { hide: true });
	return p;
}

const CLOSED = 'This mentoring has closed, so it cannot be changed.';

/**
 * Logs a meeting that took place: not in the future, not before the mentoring started, with the
 * actions agreed at it and the open actions the pair ticked as done (one transaction). A booked
 * meeting on or before that date is marked as held. Optionally adds it to both members' training
 * logs as "mentoring" (when the training log is available).
 */
export function log(actor: Actor, pairingId: number, input: MeetingForm, now = Date.now()): Outcome<{ id: number; addedToTrainingLog: boolean }> {
	const p = forPair(actor, pairingId);
	if (p.status !== 'active') return refuse(CLOSED);
	const wrongDate = dateProblem(p, input.heldOn, now);
	if (wrongDate) return refuse(wrongDate, 'heldOn');
	if (input.newActions.length && actions.openCount(p.id) + input.newActions.length - input.doneActionIds.length > actions.MAX_OPEN_ACTIONS) {
		return refuse(`A pairing can have up to ${actions.MAX_OPEN_ACTIONS} open actions. Mark some as done first.`, 'action1');
	}
	const id = immediate(() => {
		const row = db
			.insert(pairingMeeting)
			.values({
				pairingId: p.id,
				heldOn: input.heldOn,
				durationMinutes: input.durationMinutes,
				mode: input.mode,
				notes: input.notes,
				loggedById: actor.id,
				addedToTrainingLog: false,
				createdAt: now
			})
			.returning({ id: pairingMeeting.id })
			.get();
		actions.recordAtMeeting(p.id, row.id, actor.id, input.newActions, input.doneActionIds, now);
		const booked = db.select().from(pairingBooking).where(and(eq(pairingBooking.pairingId, p.id), eq(pairingBooking.status, 'booked'))).get();
		if (booked && isoDate(booked.startsAt) <= input.heldOn) {
			db.update(pairingBooking).set({ status: 'held', updatedAt: now }).where(eq(pairingBooking.id, booked.id)).run();
		}
		return row.id;
	});
	let added = false;
	if (input.addToTrainingLog && p.mentorId != null && p.menteeId != null) {
		added = trainingLink.addMentoringMeeting({ mentorId: p.mentorId, menteeId: p.menteeId, heldOn: input.heldOn, durationMinutes: input.durationMinutes, meetingId: id }, now);
		if (added) db.update(pairingMeeting).set({ addedToTrainingLog: true }).where(eq(pairingMeeting.id, id)).run();
	}
	return { ok: true, id, addedToTrainingLog: added };
}

function dateProblem(p: Pairing, heldOn: string, now: number): string | null {
	if (heldOn > today(now)) return MEETING_IN_FUTURE;
	if (heldOn < p.startsOn) return `Enter a date on or after the start of your mentoring, ${dateWords(p.startsOn)}`;
	return null;
}

/** A logged meeting its author may change or delete (404 for anyone else, or a meeting of another pairing). */
function ownMeeting(actor: Actor, pairingId: number, meetingId: number): { p: Pairing; m: PairingMeeting } {
	const p = pairingById(pairingId);
	if (!p) notFound();
	const m = Number.isSafeInteger(meetingId) ? db.select().from(pairingMeeting).where(and(eq(pairingMeeting.id, meetingId), eq(pairingMeeting.pairingId, p.id))).get() : undefined;
	if (!m) notFound();
	authorize(actor, 'pairing.changeMeeting', { ...pairFacts(p), authorId: m.loggedById }, { hide: true });
	return { p, m };
}

/** A logged meeting as its edit form shows it (the author only, while the mentoring is active). */
export function forEdit(actor: Actor, pairingId: number, meetingId: number) {
	const { p, m } = ownMeeting(actor, pairingId, meetingId);
	return {
		pairing: p,
		meeting: { id: m.id, heldOn: m.heldOn, durationMinutes: m.durationMinutes, mode: m.mode, notes: m.notes }
	};
}

function keep(m: PairingMeeting, editorId: number, reason: 'edit' | 'delete', now: number) {
	db.insert(pairingMeetingRevision)
		.values({ pairingId: m.pairingId, meetingId: m.id, heldOn: m.heldOn, durationMinutes: m.durationMinutes, mode: m.mode, notes: m.notes, actions: m.actions, editorId, replacedAt: now, reason })
		.run();
}

/**
 * Changes a logged meeting (its author only). The version it replaces is kept in the meeting's
 * history; saving without a change keeps nothing. The same date rules as logging apply.
 */
export function update(actor: Actor, pairingId: number, meetingId: number, input: MeetingEditForm, now = Date.now()): Outcome<{ changed: boolean }> {
	const { p, m } = ownMeeting(actor, pairingId, meetingId);
	if (p.status !== 'active') return refuse(CLOSED);
	const wrongDate = dateProblem(p, input.heldOn, now);
	if (wrongDate) return refuse(wrongDate, 'heldOn');
	return immediate(() => {
		const fresh = db.select().from(pairingMeeting).where(eq(pairingMeeting.id, m.id)).get();
		if (!fresh) return refuse('This meeting has been deleted.');
		const next = { heldOn: input.heldOn, durationMinutes: input.durationMinutes, mode: input.mode, notes: input.notes };
		if ((Object.keys(next) as (keyof typeof next)[]).every((k) => fresh[k] === next[k])) return { ok: true as const, changed: false };
		keep(fresh, actor.id, 'edit', now);
		db.update(pairingMeeting).set(next).where(eq(pairingMeeting.id, m.id)).run();
		return { ok: true as const, changed: true };
	});
}

/** Deletes a logged meeting (its author only); what it said is kept in its history. */
export function remove(actor: Actor, pairingId: number, meetingId: number, now = Date.now()): Outcome {
	const { p, m } = ownMeeting(actor, pairingId, meetingId);
	if (p.status !== 'active') return refuse(CLOSED);
	immediate(() => {
		keep(m, actor.id, 'delete', now);
		db.delete(pairingMeeting).where(eq(pairingMeeting.id, m.id)).run();
	});
	return { ok: true };
}

/** Earlier versions of a pairing's meetings, newest change first (for the pair's page). */
export function history(pairingId: number) {
	return db.select().from(pairingMeetingRevision).where(eq(pairingMeetingRevision.pairingId, pairingId)).orderBy(desc(pairingMeetingRevision.replacedAt), desc(pairingMeetingRevision.id)).all();
}

/** Longest meeting note (the form's limit on notes). */
export const NOTES_MAX = 10_000;

/**
 * Adds a note to the pairing's meeting log (private to the pair) — from a reply to a meeting
 * reminder by email: appended, dated and signed, to the notes of the most recent meeting logged.
 * Refused when the mentoring has closed, no meeting is logged yet (log it first), the note is
 * empty, or the notes would grow past the limit.
 */
export function addNote(actor: Actor, pairingId: number, note: string, now = Date.now()): Outcome<{ meetingId: number; heldOn: string }> {
	const p = forPair(actor, pairingId);
	if (p.status !== 'active') return refuse(CLOSED);
	const text = note.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
	if (!text) return refuse('Write your note – it cannot be empty', 'notes');
	return immediate(() => {
		const last = db.select().from(pairingMeeting).where(eq(pairingMeeting.pairingId, p.id)).orderBy(desc(pairingMeeting.heldOn), desc(pairingMeeting.id)).limit(1).get();
		if (!last) return refuse('There is no meeting in your log yet to add a note to. Log your meeting on the site first.', 'notes');
		const who = people([actor.id]).get(actor.id)?.name ?? 'A member';
		const added = `${last.notes ? `${last.notes}\n\n` : ''}Note added by ${who} on ${formatDate(now)}:\n${text}`;
		if (added.length > NOTES_MAX) return refuse(`Shorten your note: a meeting's notes can be at most ${NOTES_MAX.toLocaleString('en-GB')} characters`, 'notes');
		db.update(pairingMeeting).set({ notes: added }).where(eq(pairingMeeting.id, last.id)).run();
		return { ok: true as const, meetingId: last.id, heldOn: last.heldOn };
	});
}

/** The booked next meeting of a pairing, or null. */
export function booked(pairingId: number): PairingBooking | null {
	return db.select().from(pairingBooking).where(and(eq(pairingBooking.pairingId, pairingId), eq(pairingBooking.status, 'booked'))).get() ?? null;
}

/**
 * Books the next meeting, or changes the booked one, and emails both a calendar invitation
 * (UID kept, SEQUENCE raised on a change). Refuses times in the past, more than six months ahead,
 * or after the mentoring ends.
 */
export function book(actor: Actor, pairingId: number, input: BookingForm, now = Date.now()): Outcome<{ changed: boolean; unchanged: boolean }> {
	const p = forPair(actor, pairingId);
	if (p.status !== 'active') return refuse(CLOSED);
	const startsAt = londonDateTimeToUtc(input.date, input.time);
	if (startsAt == null) return refuse('Enter a real date and time', 'date');
	if (startsAt <= now) return refuse('Enter a date and time in the future', 'date');
	if (startsAt > now + MAX_BOOKING_AHEAD_DAYS * DAY) return refuse('Enter a date within the next 6 months', 'date');
	if (input.date > p.endsOn) return refuse(`Enter a date before your mentoring ends on ${dateWords(p.endsOn)}, or extend it first`, 'date');
	const problem = locationProblem(input.mode, input.location);
	if (problem) return refuse(problem, 'location');
	const endsAt = startsAt + input.durationMinutes * 60_000;

	const result = immediate(() => {
		const existing = booked(p.id);
		if (existing) {
			const same = existing.startsAt === startsAt && existing.endsAt === endsAt && existing.mode === input.mode && existing.location === input.location;
			if (same) return { booking: existing, changed: false, unchanged: true };
			const updated = db
				.update(pairingBooking)
				.set({ startsAt, endsAt, mode: input.mode, location: input.location, sequence: existing.sequence + 1, updatedAt: now })
				.where(eq(pairingBooking.id, existing.id))
				.returning()
				.get();
			return { booking: updated, changed: true, unchanged: false };
		}
		const created = db
			.insert(pairingBooking)
			.values({ pairingId: p.id, uid: newMeetingUid(), sequence: 0, startsAt, endsAt, mode: input.mode, location: input.location, status: 'booked', bookedById: actor.id, createdAt: now, updatedAt: now })
			.returning()
			.get();
		return { booking: created, changed: false, unchanged: false };
	});
	if (!result.unchanged) send(p, result.booking, 'REQUEST', now);
	return { ok: true, changed: result.changed, unchanged: result.unchanged };
}

/**
 * The booked next meeting as an .ics file to download (METHOD:PUBLISH, the invitation's UID, so
 * a calendar that has the emailed invitation keeps one copy). The pair only; 404 when no
 * meeting is booked or it has passed.
 */
export function calendar(actor: Actor, pairingId: number, now = Date.now()): { filename: string; body: string } {
	const p = pairingById(pairingId);
	if (!p) notFound();
	authorize(actor, 'pairing.viewPrivate', pairFacts(p), { hide: true });
	const b = booked(p.id);
	if (!b || b.startsAt <= now) notFound();
	const who = people([p.mentorId, p.menteeId]);
	const name = (id: number | null) => (id != null ? who.get(id)?.name : undefined) ?? 'Former member';
	const body = meetingCalendarFile({ uid: b.uid, sequence: b.sequence, startsAt: b.startsAt, endsAt: b.endsAt, mode: b.mode, location: b.location, pairingId: p.id }, { mentor: name(p.mentorId), mentee: name(p.menteeId) }, b.updatedAt);
	return { filename: `mentoring-meeting-${isoDate(b.startsAt)}.ics`, body };
}

/** Cancels the booked meeting and emails both the cancellation. */
export function cancel(actor: Actor, pairingId: number, now = Date.now()): Outcome {
	const p = forPair(actor, pairingId);
	return cancelBooking(p.id, now) ? { ok: true } : refuse('There is no meeting booked to cancel.');
}

/** Cancels a pairing's booked meeting (if any) and sends METHOD:CANCEL; returns whether there was one. */
export function cancelBooking(pairingId: number, now = Date.now()): boolean {
	const p = pairingById(pairingId);
	if (!p) return false;
	const cancelled = immediate(() => {
		const existing = booked(pairingId);
		if (!existing) return null;
		return db
			.update(pairingBooking)
			.set({ status: 'cancelled', sequence: existing.sequence + 1, updatedAt: now })
			.where(eq(pairingBooking.id, existing.id))
			.returning()
			.get();
	});
	if (!cancelled) return false;
	if (cancelled.startsAt > now) send(p, cancelled, 'CANCEL', now);
	return true;
}

function send(p: Pairing, b: PairingBooking, method: 'REQUEST' | 'CANCEL', now: number) {
	const who = people([p.mentorId, p.menteeId]);
	const mentor = p.mentorId != null ? who.get(p.mentorId) : undefined;
	const mentee = p.menteeId != null ? who.get(p.menteeId) : undefined;
	if (!mentor || !mentee) return;
	notify.meetingInvitation(
		{ uid: b.uid, sequence: b.sequence, startsAt: b.startsAt, endsAt: b.endsAt, mode: b.mode, location: b.location, pairingId: p.id },
		mentor,
		mentee,
		method,
		now
	);
}
