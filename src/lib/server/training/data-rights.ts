/** The training area's part of "download my data" and "delete my account". */
import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { trainingEntry, trainingEvent, trainingEventAttendance } from '../db/schema';
import { TOPICS, TRAINING_KINDS, label } from '../../vocab';
import { allOf } from './entries';
import { goingOf, publishedBy } from './events';
import * as sharing from './sharing';

/** Everything of this member's in the training area: their log, sharing choice, events they said they'd go to and events they published. */
export function exportMemberData(memberId: number): Record<string, unknown> {
	const share = sharing.shareRow(memberId);
	return {
		trainingLog: allOf(memberId).map((e) => ({
			firstDay: e.startDate,
			lastDay: e.endDate,
			title: e.title,
			provider: e.provider,
			kind: label(TRAINING_KINDS, e.kind),
			topics: e.topics.map((t) => label(TOPICS, t)),
			hours: e.hours,
			reflection: e.reflection,
			link: e.link,
			fromEventId: e.eventId,
			addedBy: e.source,
			createdAt: new Date(e.createdAt).toISOString(),
			updatedAt: new Date(e.updatedAt).toISOString()
		})),
		trainingLogSharedWithMentor: share ? { mentorMemberId: share.mentorId, since: new Date(share.sharedAt).toISOString() } : null,
		eventsGoingTo: goingOf(memberId).map((g) => ({ eventId: g.eventId, title: g.title, startsAt: new Date(g.startsAt).toISOString(), markedAt: new Date(g.markedAt).toISOString() })),
		eventsPublished: publishedBy(memberId).map((e) => ({ eventId: e.id, title: e.title, region: e.regionId ?? 'national', startsAt: new Date(e.startsAt).toISOString(), publishedAt: new Date(e.createdAt).toISOString() }))
	};
}

/**
 * Deletes the member's training log, their "I'm going" marks and any sharing to or from
 * them. Events they published stay (they belong to the region) with no link to the person.
 */
export function eraseMember(memberId: number): void {
	db.delete(trainingEntry).where(eq(trainingEntry.memberId, memberId)).run();
	db.delete(trainingEventAttendance).where(eq(trainingEventAttendance.memberId, memberId)).run();
	sharing.forget([memberId]);
	db.update(trainingEvent).set({ createdById: null }).where(eq(trainingEvent.createdById, memberId)).run();
}
