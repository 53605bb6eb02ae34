/**
 * Overdue check-in reminders: once a pairing goes overdue (no meeting logged within its rhythm
 * plus 7 days), email both members once — the mentor's email names the mentee. Sent only to
 * members who want mentoring emails "immediately"; the others see it in their digest. One email
 * per member per overdue spell (the idempotency key carries the due date, so logging a meeting
 * and falling behind again later sends a new one). Meant to run from the scheduler
 * (src/lib/server/jobs.ts), e.g. hourly.
 */
import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { pairing } from '../db/schema';
import { formatDate } from '../../time';
import { pairingHealth } from './health';
import { lastMeetings, people, today } from './store';
import * as notify from './notify';

const dateWords = (d: string) => formatDate(Date.parse(`${d}T12:00:00Z`));

/** Emails overdue reminders that have not been sent yet; returns how many pairings are overdue. */
export function sendOverdueReminders(now = Date.now()): { overdue: number } {
	const active = db.select().from(pairing).where(eq(pairing.status, 'active')).all();
	const last = lastMeetings(active.map((p) => p.id));
	const day = today(now);
	const overdue = active.flatMap((p) => {
		const lastMeetingOn = last.get(p.id) ?? null;
		const h = pairingHealth({ ...p, lastMeetingOn }, day);
		return h.state === 'overdue' && h.dueBy ? [{ p, lastMeetingOn, dueBy: h.dueBy }] : [];
	});
	const who = people(overdue.flatMap(({ p }) => [p.mentorId, p.menteeId]));
	for (const { p, lastMeetingOn, dueBy } of overdue) {
		const mentor = p.mentorId != null ? who.get(p.mentorId) : undefined;
		const mentee = p.menteeId != null ? who.get(p.menteeId) : undefined;
		if (!mentor || !mentee) continue;
		const since = lastMeetingOn ? `since ${dateWords(lastMeetingOn)}` : 'yet';
		notify.overdueReminder(p.id, dueBy, mentor, `No meeting with your mentee ${mentee.name} has been logged ${since}.`, p.rhythmWeeks, now, 'mentee');
		notify.overdueReminder(p.id, dueBy, mentee, `No meeting with your mentor ${mentor.name} has been logged ${since}.`, p.rhythmWeeks, now, 'mentor');
	}
	return { overdue: overdue.length };
}
