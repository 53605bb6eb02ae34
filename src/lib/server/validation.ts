/** Field rules shared by many forms, with messages that say what to do. */
import { z } from 'zod';
import { POSITIONS, TOPICS, values } from '../vocab';
import { isoDate as londonIsoDate } from '../time';

export const LIMITS = { name: 200, text: 20_000, email: 254 } as const;

/**
 * Text as typed, without the control characters nobody types: NUL and the other C0 controls
 * except tab and newline, and DEL, removed; Windows and old Mac line endings made "\n". Every
 * form value goes through this (parseForm, and the text helpers below).
 */
export function cleanText(value: string): string {
	return value.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/** One line of text (a title, a name, a subject): every control character, tab and newline included, made a space; runs of spaces made one; trimmed. */
export function cleanLine(value: string): string {
	return value.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Unchecked text for a place where it must stay short and plainly someone else's words, such
 * as an email subject: one line, cut to `max` characters (with "…"), in quotation marks.
 */
export function quoted(value: string, max = 40): string {
	const line = cleanLine(value);
	return `“${line.length > max ? line.slice(0, max - 1).trimEnd() + '…' : line}”`;
}

/** A trimmed text field: required with `required` message, at most `max` characters. */
export function text(label: string, opts: { min?: number; max?: number; required?: string } = {}) {
	const max = opts.max ?? LIMITS.name;
	const min = Math.max(1, opts.min ?? 1);
	const s = z
		.string({ error: opts.required ?? `Enter ${label}` })
		.overwrite(cleanText)
		.trim()
		.min(min, min > 1 ? `Enter ${label} of at least ${min} characters` : (opts.required ?? `Enter ${label}`));
	return s.max(max, `Enter ${label} of at most ${max.toLocaleString('en-GB')} characters`);
}

/** An optional trimmed text field (missing becomes ''). */
export function optionalText(label: string, max: number = LIMITS.text) {
	return z
		.string()
		.overwrite(cleanText)
		.trim()
		.max(max, `Enter ${label} of at most ${max.toLocaleString('en-GB')} characters`)
		.optional()
		.transform((v) => v ?? '');
}

export const email = z
	.string({ error: 'Enter your email address' })
	.trim()
	.min(1, 'Enter an email address')
	.max(LIMITS.email, 'Enter an email address of at most 254 characters')
	.pipe(z.email({ error: 'Enter an email address in the right format, like name@council.gov.uk' }))
	.transform((v) => v.toLowerCase());

export const position = z.enum(values(POSITIONS), { error: 'Choose a position from the list' });

export const topics = z.array(z.enum(values(TOPICS), { error: 'Choose topics from the list' })).max(TOPICS.length);

export const authorityId = z.coerce.number({ error: 'Choose an authority from the list' }).int().positive('Choose an authority from the list');

/** A 'YYYY-MM-DD' date between two years. */
export function isoDate(label: string, opts: { required?: boolean; minYear?: number; maxYear?: number } = {}) {
	const base = z
		.string()
		.trim()
		.refine((v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v + 'T00:00:00Z')) && new Date(v + 'T00:00:00Z').toISOString().slice(0, 10) === v), {
			message: `Enter ${label} as a real date`
		})
		.refine((v) => v === '' || ((opts.minYear == null || Number(v.slice(0, 4)) >= opts.minYear) && (opts.maxYear == null || Number(v.slice(0, 4)) <= opts.maxYear)), {
			message: `Enter ${label} between ${opts.minYear} and ${opts.maxYear}`
		});
	return opts.required
		? base.refine((v) => v !== '', { message: `Enter ${label}` })
		: base.optional().transform((v) => (v ? v : null));
}

/** How far back a role start date may go: nobody has held the role for longer. */
export const ROLE_START_MAX_YEARS = 40;

/**
 * What is wrong with a role start date ('YYYY-MM-DD', already a real date), or null: it must not
 * be after today (London) nor more than 40 years ago. `who` is "you" or "they".
 */
export function roleStartProblem(day: string, now = Date.now(), who: 'you' | 'they' = 'you'): string | null {
	const today = londonIsoDate(now);
	if (day > today) return `The date ${who} took on the role must be today or in the past`;
	const earliest = `${Number(today.slice(0, 4)) - ROLE_START_MAX_YEARS}${today.slice(4)}`;
	if (day < earliest) return `The date ${who} took on the role must be within the last ${ROLE_START_MAX_YEARS} years: check the year`;
	return null;
}

/** A role start date field (optional unless `required`): a real date, not in the future, not more than 40 years ago. */
export function roleStartDate(label: string, who: 'you' | 'they', opts: { required?: boolean } = {}) {
	const check = (v: string | null | undefined) => !v || roleStartProblem(v, Date.now(), who) == null;
	const message = (v: string | null | undefined) => (v ? (roleStartProblem(v, Date.now(), who) ?? '') : '');
	const base = isoDate(label, { required: opts.required });
	return base.superRefine((v, ctx) => {
		if (!check(v)) ctx.addIssue({ code: 'custom', message: message(v) });
	});
}
