/**
 * The two links between mentoring and the training log, through the training area's exported
 * functions only: a logged meeting can go into both members' training logs as "mentoring", and
 * the training area asks who a member's current mentor is (for sharing a log with them). The
 * imports run one way, mentoring → training: training gets its answer from the lookup this
 * module provides when it loads.
 */
import { and, desc, eq } from 'drizzle-orm';
import { db } from '../db/client';
import { mentorRequest, pairing } from '../db/schema';
import { addMentoringEntry } from '../training/entries';
import { provideMentorLookup } from '../training/mentor';
import { people } from './store';

/** The member id of a member's current mentor (their active pairing as mentee), or null. */
export function currentMentorOf(memberId: number): number | null {
	const row = db
		.select({ mentorId: pairing.mentorId })
		.from(pairing)
		.where(and(eq(pairing.menteeId, memberId), eq(pairing.status, 'active')))
		.orderBy(desc(pairing.id))
		.get();
	return row?.mentorId ?? null;
}

let registered = false;

/** Tells the training area to ask mentoring who a member's mentor is. Safe to call more than once. */
export function registerWithTraining(): void {
	if (registered) return;
	provideMentorLookup(currentMentorOf);
	registered = true;
}

registerWithTraining();

/**
 * Adds a logged meeting to both members' training logs as kind "mentoring" (once per meeting:
 * logging it again updates the entries). Returns whether both entries were saved.
 */
export function addMentoringMeeting(
	m: { mentorId: number; menteeId: number; heldOn: string; durationMinutes: number; meetingId: number },
	now = Date.now()
): boolean {
	const who = people([m.mentorId, m.menteeId]);
	const mentor = who.get(m.mentorId);
	const mentee = who.get(m.menteeId);
	if (!mentor || !mentee) return false;
	const topics = focusTopicsOf(m.menteeId);
	const hours = Math.max(0.01, Math.round((m.durationMinutes / 60) * 100) / 100);
	const sourceKey = `mentoring:meeting:${m.meetingId}`;
	const forMentee = addMentoringEntry(m.menteeId, { date: m.heldOn, hours, title: `Mentoring meeting with ${mentor.name}`, topics, sourceKey }, now);
	const forMentor = addMentoringEntry(m.mentorId, { date: m.heldOn, hours, title: `Mentoring ${mentee.name} (as mentor)`, topics, sourceKey }, now);
	return forMentee.ok && forMentor.ok;
}

/** The focus topics of the mentee's matched request, for the training entries. */
function focusTopicsOf(menteeId: number): string[] {
	const row = db
		.select({ topics: mentorRequest.focusTopics })
		.from(mentorRequest)
		.where(and(eq(mentorRequest.memberId, menteeId), eq(mentorRequest.status, 'matched')))
		.orderBy(desc(mentorRequest.id))
		.get();
	return row?.topics ?? [];
}
