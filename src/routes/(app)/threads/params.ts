/** Small helpers shared by the discussion routes: ids from the URL and the forms' schemas. */
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { bodyError, cleanBody, cleanTitle, REASON_MAX, titleError } from '$lib/server/discussions/input';
import * as attachments from '$lib/server/discussions/attachments';
import { POST_UPLOAD_KINDS } from '$lib/server/library/entries';
import { values } from '$lib/vocab';

/** A positive integer id from a route parameter; 404 for anything else. */
export function idParam(raw: string | undefined): number {
	if (!raw || !/^\d{1,12}$/.test(raw)) error(404, 'Page not found');
	const n = Number(raw);
	if (n < 1) error(404, 'Page not found');
	return n;
}

/** A positive integer from the query string, or null. */
export function intQuery(url: URL, name: string): number | null {
	const raw = url.searchParams.get(name);
	if (!raw || !/^\d{1,9}$/.test(raw)) return null;
	const n = Number(raw);
	return n > 0 ? n : null;
}

const title = z
	.string()
	.default('')
	.transform(cleanTitle)
	.superRefine((v, ctx) => {
		const e = titleError(v);
		if (e) ctx.addIssue({ code: 'custom', message: e });
	});

function body(what: string) {
	return z
		.string()
		.default('')
		.transform(cleanBody)
		.superRefine((v, ctx) => {
			const e = bodyError(v, what);
			if (e) ctx.addIssue({ code: 'custom', message: e });
		});
}

/** The box ticked after the child-safety check warned ("no child can be identified"). */
const childSafeConfirmed = z
	.string()
	.optional()
	.transform((v) => v === 'yes');

/** The ticked library documents (`attach`, repeated) and pasted library links (`attachLinks`). */
const attachFields = {
	attach: z.array(z.string()).optional(),
	attachLinks: z.string().max(2_000, 'Paste at most 10 library links').optional()
};

/** The fields of a post form that choose library documents, checked and turned into entry ids (`attachments`). */
function chosenDocuments<T extends { attach?: string[]; attachLinks?: string }>(v: T, ctx: z.RefinementCtx): Omit<T, 'attach' | 'attachLinks'> & { attachments: number[] } {
	const { attach, attachLinks, ...rest } = v;
	const r = attachments.parse({ attach, attachLinks });
	if (!r.ok) {
		ctx.addIssue({ code: 'custom', path: ['attachLinks'], message: r.error });
		return z.NEVER;
	}
	return { ...rest, attachments: r.ids };
}

/** What kind of document a file uploaded with a post is (the file itself is read by the route, as it streams). */
const uploadKind = z.enum(values(POST_UPLOAD_KINDS), { error: 'Choose what kind of document the file is' }).default('report');

/** The names of the repeated fields in post forms (for parseForm's `arrays`). */
export const POST_ARRAYS = ['attach'];

/** Starting a thread. */
export const threadSchema = z
	.object({
		childSafeConfirmed,
		title,
		body: body('your post'),
		categoryId: z.coerce.number({ error: 'Choose a category' }).int('Choose a category from the list').positive('Choose a category from the list'),
		scope: z.string({ error: 'Choose who can see the thread' }).min(1, 'Choose who can see the thread'),
		isQuestion: z
			.array(z.string())
			.optional()
			.transform((v) => v?.includes('yes') ?? false),
		...attachFields,
		uploadKind
	})
	.transform(chosenDocuments);

/** A reply. */
export const replySchema = z
	.object({
		body: body('your reply'),
		childSafeConfirmed,
		replyToPostId: z
			.string()
			.optional()
			.transform((v) => (v && /^\d{1,12}$/.test(v) ? Number(v) : null)),
		...attachFields,
		uploadKind
	})
	.transform(chosenDocuments);

/** Editing a post (the title only for a thread's opening post) and its attached documents. */
export const editSchema = z
	.object({
		...attachFields,
		uploadKind,
		body: body('your post'),
		title: z
			.string()
			.optional()
			.transform((v) => (v == null ? null : cleanTitle(v)))
			.superRefine((v, ctx) => {
				if (v == null) return;
				const e = titleError(v);
				if (e) ctx.addIssue({ code: 'custom', message: e });
			})
	})
	.transform(chosenDocuments);

/** A moderator's reason for hiding a post. */
export const hideSchema = z.object({
	reason: z
		.string({ error: 'Enter the reason – the author will be told it' })
		.trim()
		.min(1, 'Enter the reason – the author will be told it')
		.max(REASON_MAX, `Enter a reason of at most ${REASON_MAX} characters`)
});

/** A post id from a form. */
export const postIdSchema = z.object({ postId: z.coerce.number({ error: 'Choose a post' }).int().positive('Choose a post') });
