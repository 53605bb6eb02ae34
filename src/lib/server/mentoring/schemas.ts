/**
 * One schema per mentoring form, with messages that say what to do. Rules that need the
 * database or the clock (an end date after the start, a meeting not in the future) are checked
 * again by the functions that save, which return the message for the field.
 */
import { z } from 'zod';
import { MEETING_MODES, TOPICS, values } from '../../vocab';
import { isoDate, optionalText, text } from '../validation';
import { locationProblem } from './meeting-link';
import { isoDate as londonToday } from '../../time';

/** Cross-field checks run even when another field failed, so every error shows in one pass. */
const always = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null };

/** A logged meeting dated after today. */
export const MEETING_IN_FUTURE = 'Enter a date that is today or earlier: log a meeting after it has happened';

/** A required 'YYYY-MM-DD' date (the shared rule, typed as a string). */
const requiredDate = (label: string) => isoDate(label, { required: true, minYear: 2000, maxYear: 2100 }).transform((v) => v ?? '');

const topicList = (max: number, one: string, many: string) =>
	z
		.array(z.enum(values(TOPICS), { error: 'Choose topics from the list' }))
		.min(1, `Choose at least one ${one}`)
		.max(max, `Choose at most ${max} ${many}`);

const modes = z
	.array(z.enum(values(MEETING_MODES), { error: 'Choose ways of meeting from the list' }))
	.min(1, 'Choose at least one way of meeting');

/** Offer to mentor. */
export const offerSchema = z.object({
	capacity: z.coerce
		.number({ error: 'Choose how many mentees you can take at once' })
		.int('Choose how many mentees you can take at once')
		.min(1, 'Choose between 1 and 3 mentees')
		.max(3, 'Choose between 1 and 3 mentees'),
	expertise: topicList(TOPICS.length, 'topic you can help with', 'topics'),
	availability: text('when you are usually available', { required: 'Enter when you are usually available', max: 500 }),
	regionScope: z.enum(['own', 'other', 'both'], { error: 'Choose which regions you will mentor in' }),
	meetingModes: modes,
	open: z.enum(['yes', 'no'], { error: 'Choose whether you are taking on new mentees now' }).transform((v) => v === 'yes')
});
export type OfferForm = z.infer<typeof offerSchema>;

/** Ask for a mentor. */
export const requestSchema = z.object({
	goals: z
		.string({ error: 'Tell us what you would like help with' })
		.trim()
		.min(20, 'Tell us what you would like help with, in at least 20 characters')
		.max(3000, 'Keep what you would like help with to 3,000 characters or fewer'),
	focusTopics: topicList(6, 'focus topic', 'focus topics'),
	regionPref: z.enum(['same', 'other', 'any'], { error: 'Choose a region preference' }),
	partyPref: z.enum(['same', 'cross', 'any'], { error: 'Choose a party preference' }),
	kindPref: z.enum(['similar', 'any'], { error: 'Choose whether a similar kind of authority matters' }),
	meetingModes: modes
});
export type RequestForm = z.infer<typeof requestSchema>;

/** Accept or decline a proposal; a decline needs a reason. */
export const answerSchema = z
	.object({
		answer: z.enum(['accepted', 'declined'], { error: 'Choose whether you accept this match' }),
		reason: optionalText('a reason', 1000)
	})
	.superRefine((v, ctx) => {
		if (v.answer === 'declined' && v.reason.length < 5) {
			ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Tell us why you are declining, so your coordinator can find a better match' });
		}
	});
export type AnswerForm = z.infer<typeof answerSchema>;

/** A coordinator's choice of a request and mentor (confirm, exclude, swap in). */
export const pairRefSchema = z.object({
	requestId: z.coerce.number({ error: 'Choose a request' }).int().positive('Choose a request'),
	mentorId: z.coerce.number({ error: 'Choose a mentor' }).int().positive('Choose a mentor')
});

export const goalSchema = z.object({ text: text('the goal', { min: 3, max: 300 }) });
export const goalStatusSchema = z.object({
	goalId: z.coerce.number().int().positive(),
	status: z.enum(['not-started', 'in-progress', 'done'], { error: 'Choose a status' })
});
export const goalIdSchema = z.object({ goalId: z.coerce.number().int().positive() });

/** Rhythm and end date. */
export const settingsSchema = z.object({
	rhythmWeeks: z.enum(['2', '4', '6'], { error: 'Choose how often you will meet' }).transform(Number),
	endsOn: requiredDate('the end date')
});

const minutes = (min: number, max: number) =>
	z.coerce
		.number({ error: `Enter the length in minutes, between ${min} and ${max}` })
		.int(`Enter the length in whole minutes, between ${min} and ${max}`)
		.min(min, `Enter the length in minutes, between ${min} and ${max}`)
		.max(max, `Enter the length in minutes, between ${min} and ${max}`);

/** The fields of a logged meeting (logging and changing it). */
const meetingFields = {
	// Checked here too (not only when saving), so a date in the future is flagged with the other errors.
	heldOn: requiredDate('the date of the meeting').refine((v) => v === '' || v <= londonToday(Date.now()), {
		message: MEETING_IN_FUTURE
	}),
	durationMinutes: minutes(5, 480),
	mode: z.enum(values(MEETING_MODES), { error: 'Choose how you met' }),
	notes: optionalText('notes', 10_000)
};

/** Change a logged meeting (its actions are kept up to date on the pairing page). */
export const meetingEditSchema = z.object(meetingFields);
export type MeetingEditForm = z.infer<typeof meetingEditSchema>;

/** New actions the meeting form has room for (more can be added on the pairing page). */
export const ACTION_ROWS = 3;
const ACTION_OWNERS = ['mentor', 'mentee', 'both'] as const;

const dueDate = (label: string) => isoDate(label, { minYear: 2000, maxYear: 2100 });

const rows = Array.from({ length: ACTION_ROWS }, (_, i) => i + 1);
/** Each agreed action's fields: `action1`, `owner1`, `due1` … */
const actionFields: Record<string, z.ZodType> = Object.fromEntries(
	rows.flatMap((n) => [
		[`action${n}`, optionalText(`action ${n}`, 300)],
		[`owner${n}`, z.enum([...ACTION_OWNERS, ''], { error: `Choose who will do action ${n}` }).optional()],
		[`due${n}`, dueDate(`the due date of action ${n}`)]
	])
);

/** A logged meeting as the form gives it: the meeting, the new actions, the open ones ticked as done. */
export type MeetingForm = MeetingEditForm & {
	newActions: { text: string; owner: (typeof ACTION_OWNERS)[number]; dueOn: string | null }[];
	doneActionIds: number[];
	addToTrainingLog: boolean;
};

/**
 * Log a meeting that took place: the meeting, up to `ACTION_ROWS` new agreed actions (an action
 * needs who will do it; its due date is optional), and the open actions ticked as done (`done`,
 * a repeated field: parse with `arrays: ['done']`).
 */
export const meetingSchema = z
	.object({
		...meetingFields,
		...actionFields,
		done: z.array(z.coerce.number().int().positive()).max(100).default([]),
		addToTrainingLog: z
			.string()
			.optional()
			.transform((v) => v === 'yes')
	})
	.superRefine((v, ctx) => {
		const row = v as Record<string, unknown>;
		for (const n of rows) {
			const text = row[`action${n}`];
			if (typeof text === 'string' && text !== '' && !row[`owner${n}`]) ctx.addIssue({ code: 'custom', path: [`owner${n}`], message: `Choose who will do action ${n}` });
			if (typeof text === 'string' && text === '' && row[`due${n}`]) ctx.addIssue({ code: 'custom', path: [`action${n}`], message: `Enter action ${n}, or clear its due date` });
		}
	}, always)
	.transform((v): MeetingForm => {
		const row = v as Record<string, unknown>;
		const newActions = rows
			.filter((n) => row[`action${n}`])
			.map((n) => ({ text: row[`action${n}`] as string, owner: row[`owner${n}`] as (typeof ACTION_OWNERS)[number], dueOn: (row[`due${n}`] as string | null) ?? null }));
		return { heldOn: v.heldOn, durationMinutes: v.durationMinutes, mode: v.mode, notes: v.notes, newActions, doneActionIds: v.done, addToTrainingLog: v.addToTrainingLog };
	});

/** Add an action on the pairing page. */
export const actionSchema = z
	.object({
		actionText: text('the action', { min: 3, max: 300 }),
		actionOwner: z.enum(ACTION_OWNERS, { error: 'Choose who will do it' }),
		actionDue: dueDate('the due date')
	})
	.transform((v) => ({ text: v.actionText, owner: v.actionOwner, dueOn: v.actionDue ?? null }));
export const actionStatusSchema = z.object({
	actionId: z.coerce.number().int().positive(),
	status: z.enum(['open', 'done'])
});

/** Book (or change) the next meeting. */
export const bookingSchema = z.object({
	date: requiredDate('the date of the meeting'),
	time: z
		.string({ error: 'Enter the start time, like 18:30' })
		.trim()
		.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the start time as hours and minutes, like 18:30'),
	durationMinutes: minutes(15, 240),
	mode: z.enum(values(MEETING_MODES), { error: 'Choose how you will meet' }),
	location: text('where you will meet, a video link or a phone number', { min: 3, max: 500 })
}).superRefine((v, ctx) => {
	// Runs even when other fields failed: only a typed location and a chosen way of meeting are checked.
	const problem = typeof v.location === 'string' && v.location.length >= 3 ? locationProblem(String(v.mode ?? ''), v.location) : null;
	if (problem) ctx.addIssue({ code: 'custom', path: ['location'], message: problem });
}, always);
export type BookingForm = z.infer<typeof bookingSchema>;

const rating = z.coerce
	.number({ error: 'Choose a rating from 1 to 5' })
	.int('Choose a rating from 1 to 5')
	.min(1, 'Choose a rating from 1 to 5')
	.max(5, 'Choose a rating from 1 to 5');

/** Feedback on a pairing. */
export const feedbackSchema = z.object({ rating, comment: optionalText('a comment', 2000) });

/**
 * Closing: the outcome, and (from the mentor or mentee, who must give one) a rating and comment.
 * A coordinator or admin closes without a rating; the pair are then asked for theirs.
 */
export const closeSchema = z.object({
	outcome: z.enum(['completed', 'ended-early'], { error: 'Choose whether the mentoring is complete or ending early' }),
	rating: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), rating.optional()),
	comment: optionalText('a comment', 2000)
});
