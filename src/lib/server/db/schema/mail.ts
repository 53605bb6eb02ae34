import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { member } from './network';

/**
 * Every email is one row here, delivered by the worker (ARCHITECTURE rule 4).
 * `idempotencyKey` is unique per (kind, recipient, period or object): enqueuing twice makes one email.
 */
export const outboxMessage = sqliteTable(
	'outbox_message',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		idempotencyKey: text('idempotency_key').notNull(),
		kind: text('kind').notNull(),
		recipientId: integer('recipient_id').references(() => member.id, { onDelete: 'set null' }),
		toAddress: text('to_address').notNull(),
		subject: text('subject').notNull(),
		text: text('text').notNull(),
		html: text('html').notNull(),
		/** Extra headers (List-Unsubscribe, List-Id …) */
		headers: text('headers', { mode: 'json' }).$type<Record<string, string>>(),
		/** A calendar part: { method, content } for nodemailer's icalEvent. */
		icalEvent: text('ical_event', { mode: 'json' }).$type<{ method: string; content: string; filename?: string }>(),
		/** Group sends (e.g. one regional digest) for reporting. */
		batchKey: text('batch_key'),
		status: text('status', { enum: ['queued', 'sending', 'sent', 'failed'] }).notNull().default('queued'),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: integer('next_attempt_at').notNull(),
		/** Lease: who claimed it and until when. A lease that runs out is claimed again. */
		claimedBy: text('claimed_by'),
		leaseUntil: integer('lease_until'),
		lastError: text('last_error'),
		smtpResponse: text('smtp_response'),
		messageId: text('message_id'),
		createdAt: integer('created_at').notNull(),
		sentAt: integer('sent_at'),
		failedAt: integer('failed_at')
	},
	(t) => [
		uniqueIndex('outbox_idempotency_uq').on(t.idempotencyKey),
		index('outbox_due_idx').on(t.status, t.nextAttemptAt),
		index('outbox_recipient_idx').on(t.recipientId, t.createdAt),
		index('outbox_batch_idx').on(t.batchKey, t.status),
		index('outbox_sent_idx').on(t.status, t.sentAt)
	]
);

export type OutboxMessage = typeof outboxMessage.$inferSelect;

/**
 * Each member's email choices: the personal digest (frequency, weekday, hour in UK time),
 * regional digests, and per kind of notification (immediately, in my digest, off).
 * A member without a row has the defaults (see mail/preferences.ts).
 */
export const emailPreference = sqliteTable('email_preference', {
	memberId: integer('member_id')
		.primaryKey()
		.references(() => member.id, { onDelete: 'cascade' }),
	digestFrequency: text('digest_frequency', { enum: ['daily', 'weekly', 'never'] }).notNull().default('weekly'),
	/** 1 = Monday … 7 = Sunday */
	digestWeekday: integer('digest_weekday').notNull().default(1),
	/** 0–23, UK time */
	digestHour: integer('digest_hour').notNull().default(7),
	regionalDigest: integer('regional_digest', { mode: 'boolean' }).notNull().default(true),
	/** JSON: notification kind → 'immediately' | 'digest' | 'off' */
	notifications: text('notifications', { mode: 'json' }).$type<Record<string, string>>().notNull().default(sql`'{}'`),
	updatedAt: integer('updated_at').notNull()
});

export type EmailPreference = typeof emailPreference.$inferSelect;
