import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { member, region } from './network';

/** A signed-in browser. The token is `${id}.${secret}`; only SHA-256(secret) is stored. */
export const session = sqliteTable(
	'session',
	{
		id: text('id').primaryKey(),
		secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
		memberId: integer('member_id')
			.notNull()
			.references(() => member.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at').notNull(),
		lastUsedAt: integer('last_used_at').notNull(),
		expiresAt: integer('expires_at').notNull(),
		userAgent: text('user_agent').notNull().default(''),
		ipAddress: text('ip_address').notNull().default(''),
		/** When a second factor was last proved in this session (null: not proved). */
		mfaVerifiedAt: integer('mfa_verified_at')
	},
	(t) => [index('session_member_idx').on(t.memberId), index('session_expires_idx').on(t.expiresAt)]
);

/** Single-use emailed tokens: password reset, sign-in link, email change. Stored hashed. */
export const emailToken = sqliteTable(
	'email_token',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		kind: text('kind', { enum: ['reset', 'sign-in', 'email-change'] }).notNull(),
		tokenHash: text('token_hash').notNull(),
		memberId: integer('member_id')
			.notNull()
			.references(() => member.id, { onDelete: 'cascade' }),
		/** For an email change: the new address. */
		email: text('email'),
		expiresAt: integer('expires_at').notNull(),
		usedAt: integer('used_at'),
		createdAt: integer('created_at').notNull()
	},
	(t) => [uniqueIndex('email_token_hash_uq').on(t.tokenHash), index('email_token_member_idx').on(t.memberId, t.kind)]
);

/** Counted events for rate limits (failed sign-ins, posts …), kept in the database so a restart doesn't reset them. */
export const rateLimitEvent = sqliteTable(
	'rate_limit_event',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		key: text('key').notNull(),
		at: integer('at').notNull()
	},
	(t) => [index('rate_limit_key_at_idx').on(t.key, t.at)]
);

/** Sensitive actions: who did what, to what, when, from where. Append-only. */
export const auditEvent = sqliteTable(
	'audit_event',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: integer('at').notNull(),
		actorId: integer('actor_id').references(() => member.id, { onDelete: 'set null' }),
		action: text('action').notNull(),
		subjectType: text('subject_type'),
		subjectId: text('subject_id'),
		/** The region the action concerns, so coordinators can read their region's entries. */
		regionId: text('region_id').references(() => region.id),
		ipAddress: text('ip_address').notNull().default(''),
		detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>()
	},
	(t) => [index('audit_at_idx').on(t.at), index('audit_region_idx').on(t.regionId, t.at), index('audit_actor_idx').on(t.actorId, t.at), index('audit_subject_idx').on(t.subjectType, t.subjectId), index('audit_action_idx').on(t.action, t.at)]
);

export type Session = typeof session.$inferSelect;
export type EmailToken = typeof emailToken.$inferSelect;
export type AuditEvent = typeof auditEvent.$inferSelect;
