/**
 * The shapes of the training forms as they arrive: every field a string (topics a list).
 * The rules and their messages live in rules.ts (checkEntry, checkEvent), so forms and
 * other areas calling in get the same answers.
 */
import { z } from 'zod';

const field = z.string().max(100_000, 'This answer is too long').optional();

/** The log entry form (add and edit). */
export const entryForm = z.object({
	startDate: field,
	endDate: field,
	title: field,
	provider: field,
	kind: field,
	topics: z.array(z.string().max(100)).max(50, 'Choose topics from the list').optional(),
	hours: field,
	reflection: field,
	link: field,
	/** Set when the form was started from a library document ("Add to my training log"). */
	libraryEntryId: z
		.string()
		.optional()
		.transform((v) => (v && /^\d{1,9}$/.test(v) ? Number(v) : null))
});

/** The event form (publish and edit). */
export const eventForm = z.object({
	region: field,
	title: field,
	kind: field,
	startDate: field,
	startTime: field,
	endDate: field,
	endTime: field,
	location: field,
	onlineUrl: field,
	provider: field,
	topics: z.array(z.string().max(100)).max(50, 'Choose topics from the list').optional(),
	description: field
});

/** The sharing switch. */
export const sharingForm = z.object({ share: z.enum(['yes', 'no'], { error: 'Choose whether to share your log with your mentor' }) });

/** An id from the URL: a positive whole number, or null (the page then answers 404). */
export function idParam(raw: string): number | null {
	if (!/^\d{1,12}$/.test(raw)) return null;
	const id = Number(raw);
	return id > 0 ? id : null;
}
