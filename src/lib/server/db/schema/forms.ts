// The one-time form tokens (see $lib/server/once.ts): shared by every area's create forms, owned by once.ts.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { member } from './network';

/**
 * One row per create-form submission that made something: the form's one-time token, who sent
 * it, what kind of thing it made and where that thing is (the address to show it). Written in
 * the same transaction as the thing itself, so a repeated submit of the token finds the row
 * and shows the record already made instead of making another.
 */
export const formSubmission = sqliteTable(
	'form_submission',
	{
		token: text('token').primaryKey(),
		/** The signed-in member who sent it (null on public forms such as the join request). */
		actorId: integer('actor_id').references(() => member.id, { onDelete: 'cascade' }),
		/** 'thread', 'reply', 'training-entry' … */
		kind: text('kind').notNull(),
		/** Where the record made is shown (a site path). */
		resultRef: text('result_ref').notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('form_submission_created_idx').on(t.createdAt), index('form_submission_actor_idx').on(t.actorId)]
);

export type FormSubmission = typeof formSubmission.$inferSelect;
