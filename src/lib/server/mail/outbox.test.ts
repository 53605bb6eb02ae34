import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db, sqlite } from '../db/client';
import { outboxMessage } from '../db/schema';
import * as outbox from './outbox';

const T0 = Date.parse('2026-11-23T09:00:00Z');

afterEach(() => {
	db.delete(outboxMessage).run();
});

describe('enqueue', () => {
	it('queues an email once per key, its headers and calendar part as JSON, absent ones as NULL', () => {
		const email = {
			key: 'test:json',
			kind: 'test',
			to: 'a@example.org',
			recipientId: null,
			subject: 'Subject',
			text: 'Hello',
			html: '<p>Hello</p>',
			headers: { 'List-Id': 'Test <test.example.org>' },
			icalEvent: { method: 'REQUEST', content: 'BEGIN:VCALENDAR', filename: 'invite.ics' },
			batchKey: 'batch:1',
			sendAfter: T0 + 60_000
		};
		const first = outbox.enqueue(email, T0);
		expect(first.created).toBe(true);
		expect(outbox.enqueue({ ...email, subject: 'Another' }, T0 + 1)).toEqual({ id: first.id, created: false });
		const row = db.select().from(outboxMessage).where(eq(outboxMessage.id, first.id)).get()!;
		expect(row).toMatchObject({
			idempotencyKey: 'test:json',
			kind: 'test',
			toAddress: 'a@example.org',
			recipientId: null,
			subject: 'Subject',
			headers: email.headers,
			icalEvent: email.icalEvent,
			batchKey: 'batch:1',
			status: 'queued',
			attempts: 0,
			nextAttemptAt: T0 + 60_000,
			createdAt: T0
		});

		const plain = outbox.enqueue({ key: 'test:plain', kind: 'test', to: 'b@example.org', subject: 'S', text: 't', html: 'h' }, T0);
		const raw = sqlite().prepare('SELECT headers, ical_event, batch_key, recipient_id, next_attempt_at FROM outbox_message WHERE id = ?').get(plain.id);
		expect(raw).toEqual({ headers: null, ical_event: null, batch_key: null, recipient_id: null, next_attempt_at: T0 });
	});
});
