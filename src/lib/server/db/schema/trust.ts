// Tables of the trust area: two-factor sign-in, recovery codes, remembered browsers and
// re-authentication. Owned by $lib/server/auth/ (two-factor.ts, recovery-codes.ts,
// trusted-devices.ts, reauth.ts); other areas call their functions, never these tables.
// `place_change` is owned by $lib/server/trust/place-changes.ts.
import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { session } from './auth';
import { authority, member } from './network';

/**
 * A member's authenticator app (TOTP, RFC 6238: SHA-1, 6 digits, 30 seconds).
 * `key` is the confirmed key (null until the first code confirms it); `pendingKey` is a key
 * being set up (shown as a QR code, not yet confirmed). `lastUsedStep` is the time-step of the
 * last code accepted, so a code cannot be used twice.
 */
export const twoFactor = sqliteTable('two_factor', {
	memberId: integer('member_id')
		.primaryKey()
		.references(() => member.id, { onDelete: 'cascade' }),
	key: blob('key', { mode: 'buffer' }),
	enabledAt: integer('enabled_at'),
	lastUsedStep: integer('last_used_step'),
	pendingKey: blob('pending_key', { mode: 'buffer' }),
	pendingCreatedAt: integer('pending_created_at'),
	updatedAt: integer('updated_at').notNull()
});

/** Single-use recovery codes (ten at a time), stored as SHA-256 only. */
export const recoveryCode = sqliteTable(
	'recovery_code',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		memberId: integer('member_id')
			.notNull()
			.references(() => member.id, { onDelete: 'cascade' }),
		codeHash: text('code_hash').notNull(),
		usedAt: integer('used_at'),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('recovery_code_member_idx').on(t.memberId, t.usedAt), uniqueIndex('recovery_code_hash_uq').on(t.memberId, t.codeHash)]
);

/**
 * A browser where the member chose "do not ask for a code on this browser for 30 days".
 * The cookie holds `${id}.${secret}`; only SHA-256(secret) is stored.
 */
export const trustedDevice = sqliteTable(
	'trusted_device',
	{
		id: text('id').primaryKey(),
		secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
		memberId: integer('member_id')
			.notNull()
			.references(() => member.id, { onDelete: 'cascade' }),
		userAgent: text('user_agent').notNull().default(''),
		createdAt: integer('created_at').notNull(),
		lastUsedAt: integer('last_used_at').notNull(),
		expiresAt: integer('expires_at').notNull()
	},
	(t) => [index('trusted_device_member_idx').on(t.memberId), index('trusted_device_expires_idx').on(t.expiresAt)]
);

/** When the member last proved it was them again in a session (password or code), for sensitive changes. */
export const sessionReauth = sqliteTable('session_reauth', {
	sessionId: text('session_id')
		.primaryKey()
		.references(() => session.id, { onDelete: 'cascade' }),
	at: integer('at').notNull()
});

/**
 * A member's request to change their authority (and so region), position or "in the role
 * since" date. Nothing about the member changes until the destination region's coordinator
 * (or an admin) approves. At most one request per member is pending (the partial unique index).
 */
export const placeChange = sqliteTable(
	'place_change',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		memberId: integer('member_id')
			.notNull()
			.references(() => member.id, { onDelete: 'cascade' }),
		fromAuthorityId: integer('from_authority_id')
			.notNull()
			.references(() => authority.id),
		toAuthorityId: integer('to_authority_id')
			.notNull()
			.references(() => authority.id),
		fromPosition: text('from_position').notNull(),
		toPosition: text('to_position').notNull(),
		/** 'YYYY-MM-DD' or null */
		fromInRoleSince: text('from_in_role_since'),
		toInRoleSince: text('to_in_role_since'),
		/** The member's note to the coordinator. */
		note: text('note').notNull().default(''),
		status: text('status', { enum: ['pending', 'approved', 'declined', 'cancelled'] })
			.notNull()
			.default('pending'),
		decidedById: integer('decided_by_id').references(() => member.id, { onDelete: 'set null' }),
		decidedAt: integer('decided_at'),
		/** Why it was declined (told to the member). */
		reason: text('reason').notNull().default(''),
		createdAt: integer('created_at').notNull()
	},
	(t) => [
		uniqueIndex('place_change_pending_uq').on(t.memberId).where(sql`status = 'pending'`),
		index('place_change_status_idx').on(t.status, t.createdAt),
		index('place_change_decided_by_idx').on(t.decidedById)
	]
);

export type PlaceChange = typeof placeChange.$inferSelect;
export type TwoFactor = typeof twoFactor.$inferSelect;
export type RecoveryCode = typeof recoveryCode.$inferSelect;
export type TrustedDevice = typeof trustedDevice.$inferSelect;
