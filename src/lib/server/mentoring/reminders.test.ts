import { and, eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../db/client';
import { outboxMessage } from '../db/schema';
import * as preferences from '../mail/preferences';
import * as meetings from './meetings';
import { sendOverdueReminders } from './reminders';
import { resolveAddress } from '../mail/reply-keys';
import { makeCoordinator, makeMentee, makeMentor, pairUp } from '../../../../tests/support/mentoring';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 23, 8);
const reminders = (address: string) =>
	db
		.select()
		.from(outboxMessage)
		.where(and(eq(outboxMessage.toAddress, address), like(outboxMessage.idempotencyKey, 'mentoring:overdue:%')))
		.all();

describe('overdue check-in reminders', () => {
	it('email both members once per overdue spell, and again after the next lapse', () => {
		const coordinator = makeCoordinator();
		const mentor = makeMentor();
		const mentee = makeMentee();
		const { pairingId } = pairUp(coordinator, mentor, mentee, NOW - 36 * DAY); // due by start + 35 days

		sendOverdueReminders(NOW - DAY);
		expect(reminders(mentor.email)).toHaveLength(0);
		expect(sendOverdueReminders(NOW).overdue).toBeGreaterThanOrEqual(1);
		sendOverdueReminders(NOW + 3_600_000);
		const toMentor = reminders(mentor.email);
		expect(toMentor).toHaveLength(1);
		expect(toMentor[0].text).toContain(`No meeting with your mentee ${mentee.name} has been logged yet.`);
		expect(reminders(mentee.email)[0].text).toContain(`No meeting with your mentor ${mentor.name}`);
		// A reminder is answered by email to add a note to the pair's meeting log (issue 14).
		expect(resolveAddress(toMentor[0].headers!['Reply-To'])).toEqual({ memberId: mentor.id, kind: 'pairing', id: pairingId });
		expect(toMentor[0].text).toContain('Reply to this email to add a note to your meeting log — it is visible only to you and your mentee.');

		meetings.log(mentor.actor, pairingId, { heldOn: '2026-11-23', durationMinutes: 30, mode: 'phone', notes: '', newActions: [], doneActionIds: [], addToTrainingLog: false }, NOW);
		sendOverdueReminders(NOW + 10 * DAY);
		expect(reminders(mentor.email)).toHaveLength(1);
		sendOverdueReminders(NOW + 36 * DAY);
		expect(reminders(mentor.email)).toHaveLength(2);
	});

	it('leave members who chose the digest to their digest', () => {
		const coordinator = makeCoordinator();
		const mentor = makeMentor();
		const mentee = makeMentee();
		preferences.update(mentee.id, { notifications: { ...preferences.get(mentee.id).notifications, mentoring: 'digest' } });
		pairUp(coordinator, mentor, mentee, NOW - 50 * DAY);
		sendOverdueReminders(NOW);
		expect(reminders(mentee.email)).toHaveLength(0);
		expect(reminders(mentor.email)).toHaveLength(1);
	});
});
