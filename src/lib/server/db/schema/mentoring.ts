// Tables of the mentoring area. Owned by $lib/server/mentoring/; other areas call its functions, never these tables.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { member, region } from './network';

/** A member's offer to mentor (one per member). Expertise and ways of meeting are vocabulary values. */
export const mentorOffer = sqliteTable(
	'mentor_offer',
	{
		memberId: integer('member_id')
			.primaryKey()
			.references(() => member.id, { onDelete: 'cascade' }),
		/** Mentees at once, 1–3. */
		capacity: integer('capacity').notNull(),
		/** JSON array of topic values */
		expertise: text('expertise', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
		availability: text('availability').notNull().default(''),
		regionScope: text('region_scope', { enum: ['own', 'other', 'both'] }).notNull().default('both'),
		/** JSON array of meeting mode values */
		meetingModes: text('meeting_modes', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
		/** Taking on new mentees now. */
		open: integer('open', { mode: 'boolean' }).notNull().default(true),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [index('mentor_offer_open_idx').on(t.open)]
);

/**
 * A member's request for a mentor. `open` requests are in the matching pool; `proposed` ones
 * wait for both sides to answer a confirmed proposal; `matched` ones became a pairing.
 */
export const mentorRequest = sqliteTable(
	'mentor_request',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		memberId: integer('member_id')
			.notNull()
			.references(() => member.id, { onDelete: 'cascade' }),
		/** The member's region when they asked (coordinators match their own region's requests). */
		regionId: text('region_id')
			.notNull()
			.references(() => region.id),
		/** In the member's own words; private to the member and the mentor they are matched with. */
		goals: text('goals').notNull(),
		focusTopics: text('focus_topics', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
		regionPref: text('region_pref', { enum: ['same', 'other', 'any'] }).notNull().default('any'),
		partyPref: text('party_pref', { enum: ['same', 'cross', 'any'] }).notNull().default('any'),
		kindPref: text('kind_pref', { enum: ['similar', 'any'] }).notNull().default('any'),
		meetingModes: text('meeting_modes', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
		status: text('status', { enum: ['open', 'proposed', 'matched', 'withdrawn'] }).notNull().default('open'),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull(),
		matchedAt: integer('matched_at'),
		withdrawnAt: integer('withdrawn_at')
	},
	(t) => [index('mentor_request_status_idx').on(t.status, t.regionId, t.createdAt, t.matchedAt), index('mentor_request_member_idx').on(t.memberId, t.status)]
);

/**
 * A match a coordinator confirmed, waiting for (or holding) both sides' answers. A decline puts
 * the request back in the pool; two accepts make a pairing.
 */
export const mentoringProposal = sqliteTable(
	'mentoring_proposal',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		requestId: integer('request_id')
			.notNull()
			.references(() => mentorRequest.id, { onDelete: 'cascade' }),
		mentorId: integer('mentor_id')
			.notNull()
			.references(() => member.id, { onDelete: 'cascade' }),
		menteeId: integer('mentee_id')
			.notNull()
			.references(() => member.id, { onDelete: 'cascade' }),
		regionId: text('region_id')
			.notNull()
			.references(() => region.id),
		score: integer('score').notNull(),
		explanation: text('explanation').notNull(),
		status: text('status', { enum: ['awaiting', 'accepted', 'declined', 'withdrawn'] }).notNull().default('awaiting'),
		mentorAnswer: text('mentor_answer', { enum: ['accepted', 'declined'] }),
		mentorReason: text('mentor_reason').notNull().default(''),
		mentorAnsweredAt: integer('mentor_answered_at'),
		menteeAnswer: text('mentee_answer', { enum: ['accepted', 'declined'] }),
		menteeReason: text('mentee_reason').notNull().default(''),
		menteeAnsweredAt: integer('mentee_answered_at'),
		confirmedById: integer('confirmed_by_id').references(() => member.id, { onDelete: 'set null' }),
		createdAt: integer('created_at').notNull(),
		decidedAt: integer('decided_at')
	},
	(t) => [
		index('mentoring_proposal_mentor_idx').on(t.mentorId, t.status),
		index('mentoring_proposal_mentee_idx').on(t.menteeId, t.status),
		index('mentoring_proposal_region_idx').on(t.status, t.regionId, t.createdAt),
		index('mentoring_proposal_request_idx').on(t.requestId)
	]
);

/** A coordinator's adjustment to matching: rule a mentor out for a request, or fix one in. */
export const matchAdjustment = sqliteTable(
	'match_adjustment',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		requestId: integer('request_id')
			.notNull()
			.references(() => mentorRequest.id, { onDelete: 'cascade' }),
		mentorId: integer('mentor_id')
			.notNull()
			.references(() => member.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['exclude', 'fix'] }).notNull(),
		byId: integer('by_id').references(() => member.id, { onDelete: 'set null' }),
		createdAt: integer('created_at').notNull()
	},
	(t) => [uniqueIndex('match_adjustment_pair_uq').on(t.requestId, t.mentorId)]
);

/**
 * A mentor and a mentee working together. The member ids become null when a member deletes
 * their account (the pairing stays for the other member and the region's figures, without notes).
 */
export const pairing = sqliteTable(
	'pairing',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		requestId: integer('request_id').references(() => mentorRequest.id, { onDelete: 'set null' }),
		proposalId: integer('proposal_id').references(() => mentoringProposal.id, { onDelete: 'set null' }),
		mentorId: integer('mentor_id').references(() => member.id, { onDelete: 'set null' }),
		menteeId: integer('mentee_id').references(() => member.id, { onDelete: 'set null' }),
		/** The mentee's region: its coordinator looks after the pairing. */
		regionId: text('region_id')
			.notNull()
			.references(() => region.id),
		/** Meet every 2, 4 or 6 weeks. */
		rhythmWeeks: integer('rhythm_weeks').notNull().default(4),
		/** 'YYYY-MM-DD' (London dates) */
		startsOn: text('starts_on').notNull(),
		endsOn: text('ends_on').notNull(),
		status: text('status', { enum: ['active', 'completed', 'ended-early'] }).notNull().default('active'),
		closedAt: integer('closed_at'),
		closedById: integer('closed_by_id').references(() => member.id, { onDelete: 'set null' }),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [
		index('pairing_mentor_idx').on(t.mentorId, t.status),
		index('pairing_mentee_idx').on(t.menteeId, t.status),
		index('pairing_region_idx').on(t.regionId, t.status),
		index('pairing_status_idx').on(t.status, t.endsOn),
		index('pairing_created_idx').on(t.createdAt)
	]
);

/** A goal of a pairing, with its status. Private to the pair. */
export const pairingGoal = sqliteTable(
	'pairing_goal',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		pairingId: integer('pairing_id')
			.notNull()
			.references(() => pairing.id, { onDelete: 'cascade' }),
		text: text('text').notNull(),
		status: text('status', { enum: ['not-started', 'in-progress', 'done'] }).notNull().default('not-started'),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [index('pairing_goal_pairing_idx').on(t.pairingId, t.id)]
);

/** A meeting that took place. Notes and actions are private to the pair. */
export const pairingMeeting = sqliteTable(
	'pairing_meeting',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		pairingId: integer('pairing_id')
			.notNull()
			.references(() => pairing.id, { onDelete: 'cascade' }),
		/** 'YYYY-MM-DD' (London date) */
		heldOn: text('held_on').notNull(),
		durationMinutes: integer('duration_minutes').notNull(),
		mode: text('mode').notNull(),
		notes: text('notes').notNull().default(''),
		/** Free-text agreed actions from before action items (moved into pairing_action by migration; no longer written). */
		actions: text('actions').notNull().default(''),
		loggedById: integer('logged_by_id').references(() => member.id, { onDelete: 'set null' }),
		addedToTrainingLog: integer('added_to_training_log', { mode: 'boolean' }).notNull().default(false),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('pairing_meeting_pairing_idx').on(t.pairingId, t.heldOn)]
);

/**
 * An action agreed between mentor and mentee: who does it, by when, and whether it is done.
 * Usually agreed at a meeting (`meetingId`); open ones carry forward to the next meeting, the
 * pairing page, the mentor's dashboard and both digests. Private to the pair.
 */
export const pairingAction = sqliteTable(
	'pairing_action',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		pairingId: integer('pairing_id')
			.notNull()
			.references(() => pairing.id, { onDelete: 'cascade' }),
		meetingId: integer('meeting_id').references(() => pairingMeeting.id, { onDelete: 'set null' }),
		text: text('text').notNull(),
		owner: text('owner', { enum: ['mentor', 'mentee', 'both'] }).notNull(),
		/** 'YYYY-MM-DD' (London date); null when no date was agreed. */
		dueOn: text('due_on'),
		status: text('status', { enum: ['open', 'done'] }).notNull().default('open'),
		doneAt: integer('done_at'),
		doneById: integer('done_by_id').references(() => member.id, { onDelete: 'set null' }),
		createdById: integer('created_by_id').references(() => member.id, { onDelete: 'set null' }),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [index('pairing_action_pairing_idx').on(t.pairingId, t.status, t.dueOn), index('pairing_action_meeting_idx').on(t.meetingId)]
);

/**
 * An earlier version of a logged meeting, kept when its author changes or deletes it (as for
 * posts). `meetingId` is not a foreign key: the history outlives a deleted meeting. Private to the pair.
 */
export const pairingMeetingRevision = sqliteTable(
	'pairing_meeting_revision',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		pairingId: integer('pairing_id')
			.notNull()
			.references(() => pairing.id, { onDelete: 'cascade' }),
		meetingId: integer('meeting_id').notNull(),
		heldOn: text('held_on').notNull(),
		durationMinutes: integer('duration_minutes').notNull(),
		mode: text('mode').notNull(),
		notes: text('notes').notNull().default(''),
		actions: text('actions').notNull().default(''),
		/** Who made the change that replaced this version. */
		editorId: integer('editor_id').references(() => member.id, { onDelete: 'set null' }),
		/** When this version was replaced (UTC epoch ms). */
		replacedAt: integer('replaced_at').notNull(),
		reason: text('reason', { enum: ['edit', 'delete'] }).notNull().default('edit')
	},
	(t) => [index('pairing_meeting_revision_meeting_idx').on(t.pairingId, t.meetingId, t.replacedAt)]
);

/**
 * The next meeting of a pairing, sent to both as a calendar invitation. `uid` stays the same for
 * the life of the meeting; `sequence` rises with every change and with the cancellation.
 */
export const pairingBooking = sqliteTable(
	'pairing_booking',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		pairingId: integer('pairing_id')
			.notNull()
			.references(() => pairing.id, { onDelete: 'cascade' }),
		uid: text('uid').notNull(),
		sequence: integer('sequence').notNull().default(0),
		/** UTC epoch ms */
		startsAt: integer('starts_at').notNull(),
		endsAt: integer('ends_at').notNull(),
		mode: text('mode').notNull(),
		/** A place, a video link or a phone number. */
		location: text('location').notNull().default(''),
		status: text('status', { enum: ['booked', 'cancelled', 'held'] }).notNull().default('booked'),
		bookedById: integer('booked_by_id').references(() => member.id, { onDelete: 'set null' }),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [
		uniqueIndex('pairing_booking_uid_uq').on(t.uid),
		index('pairing_booking_pairing_idx').on(t.pairingId, t.status),
		index('pairing_booking_starts_idx').on(t.status, t.startsAt)
	]
);

/** Feedback on a closed pairing from each side: a rating 1–5 and a short comment. */
export const pairingFeedback = sqliteTable(
	'pairing_feedback',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		pairingId: integer('pairing_id')
			.notNull()
			.references(() => pairing.id, { onDelete: 'cascade' }),
		side: text('side', { enum: ['mentor', 'mentee'] }).notNull(),
		memberId: integer('member_id').references(() => member.id, { onDelete: 'set null' }),
		rating: integer('rating').notNull(),
		comment: text('comment').notNull().default(''),
		createdAt: integer('created_at').notNull()
	},
	(t) => [uniqueIndex('pairing_feedback_side_uq').on(t.pairingId, t.side)]
);

export type MentorOffer = typeof mentorOffer.$inferSelect;
export type MentorRequest = typeof mentorRequest.$inferSelect;
export type MentoringProposal = typeof mentoringProposal.$inferSelect;
export type MatchAdjustment = typeof matchAdjustment.$inferSelect;
export type Pairing = typeof pairing.$inferSelect;
export type PairingGoal = typeof pairingGoal.$inferSelect;
export type PairingMeeting = typeof pairingMeeting.$inferSelect;
export type PairingMeetingRevision = typeof pairingMeetingRevision.$inferSelect;
export type PairingAction = typeof pairingAction.$inferSelect;
export type PairingBooking = typeof pairingBooking.$inferSelect;
export type PairingFeedback = typeof pairingFeedback.$inferSelect;
