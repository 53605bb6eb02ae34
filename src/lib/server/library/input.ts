/** The library's forms: one schema each (routes parse with these, then call the area). */
import { z } from 'zod';
import { LIBRARY_KINDS, values } from '../../vocab';
import { authorityId, isoDate, optionalText, text, topics } from '../validation';

export const TITLE = { min: 5, max: 150 };
export const SUMMARY_MAX = 10_000;
export const FIELD_MAX = 10_000;

export const entrySchema = z
	.object({
		kind: z.enum(values(LIBRARY_KINDS), { error: 'Choose what kind of document this is' }),
		title: text('a title', { min: TITLE.min, max: TITLE.max, required: 'Enter a title' }),
		summary: text('a summary', { max: SUMMARY_MAX, required: 'Enter a short summary: what it is and why it could help another council' }),
		topics: topics.min(1, 'Choose at least one topic'),
		authorityId,
		scope: z.string({ error: 'Choose who can see it' }).min(1, 'Choose who can see it'),
		reviewBy: isoDate('the review date', { minYear: 2000, maxYear: 2100 }),
		situation: optionalText('the situation', FIELD_MAX),
		whatWeDid: optionalText('what you did', FIELD_MAX),
		whatChanged: optionalText('what changed', FIELD_MAX),
		differently: optionalText('what you would do differently', FIELD_MAX),
		contact: optionalText('who to contact', 500),
		/** "Save as a private draft" was the button pressed. */
		draft: z
			.string()
			.optional()
			.transform((v) => v === 'yes')
	})
	.superRefine((v, ctx) => {
		if (v.kind !== 'case-study') return;
		if (!v.situation) ctx.addIssue({ code: 'custom', path: ['situation'], message: 'Describe the situation you started from' });
		if (!v.whatWeDid) ctx.addIssue({ code: 'custom', path: ['whatWeDid'], message: 'Describe what you did' });
		if (!v.whatChanged) ctx.addIssue({ code: 'custom', path: ['whatChanged'], message: 'Describe what changed – with figures if you have any' });
	});
/** `draft` may be left out by callers other than the form (seeds, tests): a shared entry. */
export type EntryInput = Omit<z.infer<typeof entrySchema>, 'draft'> & { draft?: boolean };

export const REPORT_REASONS = [
	['identifies-child', 'It could identify a child or young person'],
	['personal-information', 'It shares someone’s personal information'],
	['copyright', 'It is not ours to share (copyright or confidential)'],
	['out-of-date', 'It is out of date or wrong'],
	['other', 'Something else']
] as const;

export const reportSchema = z.object({
	reason: z.enum(values(REPORT_REASONS), { error: 'Choose why you are reporting this document' }),
	note: optionalText('a note', 1000)
});

export const hideSchema = z.object({ reason: text('a reason', { max: 1000, required: 'Say why it is hidden – its author will see this' }) });

export const FILTER_SORTS = [
	['newest', 'Newest'],
	['useful', 'Most useful']
] as const;
