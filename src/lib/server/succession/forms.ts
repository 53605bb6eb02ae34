/** One schema per succession form. Messages say what to do; the server functions check the rest. */
import { z } from 'zod';
import { CHECKLIST_STATUSES, values } from '../../vocab';
import { checkDueDate, checkElectionDate, NA_REASON_MAX, NOTE_MAX, OWNER_NAME_MAX, REOPEN_NOTE_MAX } from './checklists';
import { MESSAGE_MAX } from './reminders';
import { TEMPLATE_LIMITS } from './templates';

const version = z.coerce.number({ error: 'The form was incomplete. Reload the page and try again.' }).int().positive('The form was incomplete. Reload the page and try again.');
const status = z.enum(values(CHECKLIST_STATUSES), { error: 'Choose a status from the list' });
/** Browsers send new lines as \r\n: count them as one character, as the person typing sees them. */
const longText = (max: number, message: string) =>
	z
		.string()
		.optional()
		.transform((v) => (v ?? '').replace(/\r\n/g, '\n'))
		.refine((v) => v.length <= max, { message });
/** An optional 'YYYY-MM-DD' date (empty = none), checked by `check` (a message, or null when fine). */
const date = (check: (iso: string) => string | null) =>
	z
		.string()
		.trim()
		.max(20, 'Enter the date as a real date')
		.optional()
		.transform((v) => (v ? v : null))
		.superRefine((v, ctx) => {
			const message = v ? check(v) : null;
			if (message) ctx.addIssue({ code: 'custom', message });
		});

/** The library documents linked to an item (ticked boxes; none ticked = none linked). */
export const documentsForm = z.object({
	documents: z
		.array(z.string().regex(/^\d{1,9}$/, 'Choose documents from the list'))
		.max(50, 'Choose documents from the list')
		.transform((v) => v.map(Number))
});

/** The item edit form. */
export const itemForm = z.object({
	version,
	status,
	ownerMemberId: z
		.string()
		.trim()
		.optional()
		.refine((v) => !v || /^\d{1,12}$/.test(v), { message: 'Choose a member from the list' })
		.transform((v) => (v ? Number(v) : null)),
	ownerName: z
		.string()
		.trim()
		.max(OWNER_NAME_MAX, `Enter a name of at most ${OWNER_NAME_MAX} characters`)
		.optional()
		.transform((v) => v ?? ''),
	dueDate: date((v) => checkDueDate(v)),
	note: longText(NOTE_MAX, `Enter an evidence note of at most ${NOTE_MAX.toLocaleString('en-GB')} characters`),
	naReason: longText(NA_REASON_MAX * 2, `Give the reason in at most ${NA_REASON_MAX.toLocaleString('en-GB')} characters`)
});

/** A coordinator sending a not-applicable item back to do. */
export const reopenForm = z.object({
	reopenNote: longText(REOPEN_NOTE_MAX, `Enter a note of at most ${REOPEN_NOTE_MAX.toLocaleString('en-GB')} characters`)
});

/** The quick status change on the checklist page. */
export const statusForm = z.object({
	key: z.string({ error: 'Choose an item from the checklist' }).min(1, 'Choose an item from the checklist').max(100, 'Choose an item from the checklist'),
	version,
	status
});

/** Setting (or clearing) the next election date. */
export const electionForm = z.object({ electionDate: date((v) => checkElectionDate(v)) });

/** Moving to a newer template version. */
export const upgradeForm = z.object({ version: z.coerce.number({ error: 'Choose a version' }).int().positive('Choose a version') });

/** The coordinator's reminder. */
export const reminderForm = z.object({ message: longText(MESSAGE_MAX, `Enter a message of at most ${MESSAGE_MAX.toLocaleString('en-GB')} characters`) });

/** A template section. */
export const sectionForm = z.object({
	title: z
		.string({ error: 'Enter a section title' })
		.trim()
		.min(1, 'Enter a section title')
		.max(TEMPLATE_LIMITS.title, `Enter a section title of at most ${TEMPLATE_LIMITS.title} characters`)
});

/** A template item. */
export const templateItemForm = z.object({
	sectionKey: z.string({ error: 'Choose a section' }).trim().min(1, 'Choose a section'),
	title: z.string({ error: 'Enter the item' }).trim().min(1, 'Enter the item').max(TEMPLATE_LIMITS.title, `Enter an item of at most ${TEMPLATE_LIMITS.title} characters`),
	guidance: longText(TEMPLATE_LIMITS.guidance, `Enter guidance of at most ${TEMPLATE_LIMITS.guidance.toLocaleString('en-GB')} characters`),
	weight: z.coerce
		.number({ error: `Enter a weight from ${TEMPLATE_LIMITS.minWeight} to ${TEMPLATE_LIMITS.maxWeight}` })
		.int(`Enter a whole number from ${TEMPLATE_LIMITS.minWeight} to ${TEMPLATE_LIMITS.maxWeight}`)
		.min(TEMPLATE_LIMITS.minWeight, `Enter a weight from ${TEMPLATE_LIMITS.minWeight} to ${TEMPLATE_LIMITS.maxWeight}`)
		.max(TEMPLATE_LIMITS.maxWeight, `Enter a weight from ${TEMPLATE_LIMITS.minWeight} to ${TEMPLATE_LIMITS.maxWeight}`)
});

/** Publishing the draft. */
export const publishForm = z.object({
	summary: z
		.string({ error: 'Describe what changed in this version' })
		.trim()
		.min(1, 'Describe what changed in this version')
		.max(TEMPLATE_LIMITS.summary, `Describe what changed in at most ${TEMPLATE_LIMITS.summary.toLocaleString('en-GB')} characters`)
});

/** Moving an item or section up or down. */
export const moveForm = z.object({
	kind: z.enum(['item', 'section'], { error: 'Choose an item or section' }),
	key: z.string().min(1).max(100),
	direction: z.enum(['up', 'down'], { error: 'Choose up or down' })
});
