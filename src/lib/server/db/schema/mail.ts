import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
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
		/**
		 * `uncertain`: sent in full twice with no answer either time (the server may have it, perhaps
		 * twice); never sent again by the worker.
		 */
		status: text('status', { enum: ['queued', 'sending', 'sent', 'failed', 'uncertain'] }).notNull().default('queued'),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: integer('next_attempt_at').notNull(),
		/** Lease: who claimed it and until when. A lease that runs out is claimed again. */
		claimedBy: text('claimed_by'),
		leaseUntil: integer('lease_until'),
		lastError: text('last_error'),
		/** When an attempt first ended with no answer after the whole message was sent (it may have arrived). */
		uncertainAt: integer('uncertain_at'),
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
		index('outbox_sent_idx').on(t.status, t.sentAt),
		index('outbox_uncertain_idx').on(t.uncertainAt).where(sql`uncertain_at is not null`)
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
	/** Send the personal digest even when the member has been on the site and seen all of it. */
	digestWhenVisited: integer('digest_when_visited', { mode: 'boolean' }).notNull().default(false),
	updatedAt: integer('updated_at').notNull()
});

export type EmailPreference = typeof emailPreference.$inferSelect;

/**
 * Whether a member still reads what we send: when they were last on the site, last active in
 * any way (on the site, or replying or asking by email), and whether the one "are you still
 * there?" email has gone for their current quiet spell. Owned by mail/engagement.ts.
 */
export const mailEngagement = sqliteTable(
	'mail_engagement',
	{
		memberId: integer('member_id')
			.primaryKey()
			.references(() => member.id, { onDelete: 'cascade' }),
		/** Last request on the site while signed in (written at most once a minute). */
		seenAt: integer('seen_at'),
		/** Last sign of life: a visit, a sign-in, a reply or question by email (or joining). */
		activeAt: integer('active_at').notNull(),
		/** The `activeAt` the "are you still there?" email was sent for (one per quiet spell). */
		askedForActiveAt: integer('asked_for_active_at'),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [index('mail_engagement_active_idx').on(t.activeAt)]
);

export type MailEngagement = typeof mailEngagement.$inferSelect;

/**
 * Mail state per member that mail/ keeps itself (issue 14): the epoch of their reply addresses
 * (raising it revokes every address made before), and their bounce score (Discourse-like: soft
 * bounces add 1 at most once a day, a hard bounce reaches the threshold at once; the score is
 * forgotten 30 days after the last bounce). `bouncingAddress` is the address that bounced: a
 * member who changes their address is no longer bouncing.
 */
export const memberMailState = sqliteTable(
	'member_mail_state',
	{
		memberId: integer('member_id')
			.primaryKey()
			.references(() => member.id, { onDelete: 'cascade' }),
		keyEpoch: integer('key_epoch').notNull().default(0),
		bounceScore: integer('bounce_score').notNull().default(0),
		bouncingAt: integer('bouncing_at'),
		bouncingAddress: text('bouncing_address'),
		lastBounceAt: integer('last_bounce_at'),
		lastBounceKind: text('last_bounce_kind', { enum: ['hard', 'soft'] }),
		lastBounceDetail: text('last_bounce_detail'),
		/** When the member last took part by email (a reply, a question …): counts as being there. */
		lastInboundAt: integer('last_inbound_at'),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [index('member_mail_state_bouncing_idx').on(t.bouncingAt)]
);

export type MemberMailState = typeof memberMailState.$inferSelect;

export const INBOUND_OUTCOMES = ['pending', 'posted', 'held', 'refused', 'rejected', 'auto-reply', 'bounce', 'failed'] as const;
export type InboundOutcome = (typeof INBOUND_OUTCOMES)[number];

/**
 * Every message that came in (issue 14), whichever way: stored raw by a receiver, then processed
 * by inbound/ from the scheduler. Unique on Message-ID, so a message delivered twice is stored
 * (and posted) once. The raw message is kept RAW_DAYS for debugging, then emptied.
 */
export const inboundMessage = sqliteTable(
	'inbound_message',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** The Message-ID header, or a hash of the message when it has none. */
		messageId: text('message_id').notNull(),
		via: text('via', { enum: ['smtp', 'imap', 'webhook'] }).notNull(),
		receivedAt: integer('received_at').notNull(),
		/** SMTP MAIL FROM (the envelope sender), when known. */
		envelopeFrom: text('envelope_from'),
		/** The envelope recipients (or To/Cc when there was no envelope), as received. */
		recipients: text('recipients', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
		size: integer('size').notNull(),
		raw: blob('raw', { mode: 'buffer' }),
		/** Filled in by processing: */
		fromAddress: text('from_address'),
		subject: text('subject'),
		/** The reply address that named the member and the target. */
		toKey: text('to_key'),
		memberId: integer('member_id').references(() => member.id, { onDelete: 'set null' }),
		outcome: text('outcome', { enum: INBOUND_OUTCOMES }).notNull().default('pending'),
		/** What was done ('reply', 'question', 'note', 'accept', 'decline') or why not, in words. */
		action: text('action'),
		reason: text('reason'),
		/** Where the post it made can be seen. */
		resultPath: text('result_path'),
		attempts: integer('attempts').notNull().default(0),
		processedAt: integer('processed_at'),
		/** When a rejection email went to the sender (at most one per sender per hour). */
		notifiedAt: integer('notified_at')
	},
	(t) => [
		uniqueIndex('inbound_message_id_uq').on(t.messageId),
		index('inbound_pending_idx').on(t.outcome, t.receivedAt),
		index('inbound_received_idx').on(t.receivedAt),
		index('inbound_from_idx').on(t.fromAddress, t.notifiedAt)
	]
);

export type InboundMessage = typeof inboundMessage.$inferSelect;
