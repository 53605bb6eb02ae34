import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** The nine English regions. */
export const region = sqliteTable('region', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	sortOrder: integer('sort_order').notNull()
});

/** The 153 children's services authorities. */
export const authority = sqliteTable(
	'authority',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		onsCode: text('ons_code').notNull(),
		dfeCode: text('dfe_code').notNull(),
		name: text('name').notNull(),
		kind: text('kind').notNull(),
		regionId: text('region_id')
			.notNull()
			.references(() => region.id)
	},
	(t) => [uniqueIndex('authority_ons_code_uq').on(t.onsCode), index('authority_region_idx').on(t.regionId, t.name)]
);

/** A member of the network (a Lead Member, deputy, coordinator, admin …). */
export const member = sqliteTable(
	'member',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		email: text('email').notNull(),
		name: text('name').notNull(),
		/** Unique @mention handle, e.g. "jane-smith". */
		handle: text('handle').notNull(),
		passwordHash: text('password_hash'),
		authorityId: integer('authority_id')
			.notNull()
			.references(() => authority.id),
		position: text('position').notNull(),
		party: text('party'),
		/** 'YYYY-MM-DD' */
		inRoleSince: text('in_role_since'),
		background: text('background').notNull().default(''),
		/** JSON array of topic values */
		expertise: text('expertise', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
		bio: text('bio').notNull().default(''),
		role: text('role', { enum: ['member', 'coordinator', 'admin'] }).notNull().default('member'),
		coordinatorRegionId: text('coordinator_region_id').references(() => region.id),
		deactivatedAt: integer('deactivated_at'),
		lastSignInAt: integer('last_sign_in_at'),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [
		uniqueIndex('member_email_uq').on(t.email),
		uniqueIndex('member_handle_uq').on(t.handle),
		index('member_authority_idx').on(t.authorityId),
		index('member_name_idx').on(t.name),
		index('member_role_idx').on(t.role, t.coordinatorRegionId),
		index('member_in_role_idx').on(t.inRoleSince)
	]
);

/** A request to join from someone outside the network. */
export const joinRequest = sqliteTable(
	'join_request',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		name: text('name').notNull(),
		email: text('email').notNull(),
		authorityId: integer('authority_id')
			.notNull()
			.references(() => authority.id),
		position: text('position').notNull(),
		message: text('message').notNull().default(''),
		status: text('status', { enum: ['pending', 'approved', 'declined'] }).notNull().default('pending'),
		decidedById: integer('decided_by_id').references(() => member.id, { onDelete: 'set null' }),
		decidedAt: integer('decided_at'),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('join_request_status_idx').on(t.status, t.createdAt), index('join_request_authority_idx').on(t.authorityId)]
);

/** An invitation to join, sent by email with a single-use link. */
export const invite = sqliteTable(
	'invite',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		email: text('email').notNull(),
		name: text('name').notNull().default(''),
		authorityId: integer('authority_id')
			.notNull()
			.references(() => authority.id),
		position: text('position').notNull(),
		tokenHash: text('token_hash').notNull(),
		invitedById: integer('invited_by_id').references(() => member.id, { onDelete: 'set null' }),
		joinRequestId: integer('join_request_id').references(() => joinRequest.id, { onDelete: 'set null' }),
		expiresAt: integer('expires_at').notNull(),
		usedAt: integer('used_at'),
		revokedAt: integer('revoked_at'),
		createdAt: integer('created_at').notNull()
	},
	(t) => [uniqueIndex('invite_token_uq').on(t.tokenHash), index('invite_email_idx').on(t.email)]
);

export type Region = typeof region.$inferSelect;
export type Authority = typeof authority.$inferSelect;
export type Member = typeof member.$inferSelect;
export type JoinRequest = typeof joinRequest.$inferSelect;
export type Invite = typeof invite.$inferSelect;
