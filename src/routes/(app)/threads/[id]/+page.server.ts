import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as threads from '$lib/server/discussions/threads';
import * as posts from '$lib/server/discussions/posts';
import * as follows from '$lib/server/discussions/follows';
import * as moderation from '$lib/server/discussions/moderation';
import { failed, formValues, invalid, parseForm } from '$lib/server/forms';
import { actorOf, clientIp } from '$lib/server/request';
import * as once from '$lib/server/once';
import * as attachments from '$lib/server/discussions/attachments';
import * as uploads from '$lib/server/library/uploads';
import { idParam, intQuery, POST_ARRAYS, postIdSchema, replySchema } from '../params';
import { z } from 'zod';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const actor = actorOf(locals);
	const id = idParam(params.id);
	const view = threads.view(actor, id, { page: intQuery(url, 'page'), post: intQuery(url, 'post'), quote: intQuery(url, 'quote') });
	if (!view) error(404, 'Page not found');
	const flash = url.searchParams.get('done');
	return { ...view, flash: flash && FLASH[flash] ? FLASH[flash] : null, formToken: once.newToken(), documents: view.can.reply ? attachments.choices(actor) : [], upload: view.can.reply ? uploads.postFormOptions() : null };
};

/** Messages shown after a redirect back to the thread. */
const FLASH: Record<string, string> = {
	reported: 'Thank you – the moderators will look at the post you reported.',
	hidden: 'The post is hidden and its author has been told why.',
	deleted: 'Your post has been deleted.',
	edited: 'Your changes are saved.'
};

const moveSchema = z.object({ categoryId: z.coerce.number({ error: 'Choose a category' }).int().positive('Choose a category from the list') });

function postId(data: FormData) {
	const p = parseForm(postIdSchema, data);
	if (!p.ok) error(400, 'Choose a post');
	return p.data.postId;
}

export const actions: Actions = {
	// With a file, reply and preview read the form as it streams (library/uploads.ts); they are the
	// two actions here whose request body may be larger than 512 KB — see hooks.server.ts.
	reply: async (event) => {
		const actor = actorOf(event.locals);
		const id = idParam(event.params.id);
		const form = await uploads.readForm(event.request);
		if (!form.ok) error(form.status, form.message);
		const parsed = uploads.parse(replySchema, form.upload, { arrays: POST_ARRAYS });
		if (!parsed.ok) {
			await uploads.drop(form.upload);
			return fail(400, { errors: parsed.errors, values: parsed.values, childSafety: null });
		}
		const upload = parsed.file ? { file: parsed.file, kind: parsed.data.uploadKind, ip: clientIp(event) } : null;
		const result = await uploads.settle(form.upload, () =>
			once.run(
				once.of(form.upload.fields, actor.id, 'reply'),
				() => posts.reply(actor, id, { ...parsed.data, upload }),
				(made) => `/threads/${id}?post=${made.value.number}#post-${made.value.number}`
			)
		);
		if (!result.ok) return fail(400, { errors: uploads.withFileHint(result.errors, form.upload), values: parsed.values, childSafety: result.childSafety ?? null });
		redirect(303, result.href);
	},
	preview: async ({ request }) => {
		const form = await uploads.readForm(request);
		if (!form.ok) error(form.status, form.message);
		await uploads.drop(form.upload); // a preview keeps no file
		const values = formValues(form.upload.fields, POST_ARRAYS);
		const body = typeof values.body === 'string' ? values.body.slice(0, 60_000) : '';
		const p = threads.preview(body);
		return { preview: p.html, unknownMentions: p.unknownMentions, childSafety: threads.previewWarnings(body), values, fileAgain: !!form.upload.file };
	},
	follow: ({ locals, params }) => {
		follows.setFollowing(actorOf(locals), idParam(params.id), true);
		return { notice: 'You are following this thread. You will hear about new replies as your email settings say.' };
	},
	unfollow: ({ locals, params }) => {
		follows.setFollowing(actorOf(locals), idParam(params.id), false);
		return { notice: 'You have stopped following this thread.' };
	},
	accept: async (event) => {
		const actor = actorOf(event.locals);
		const result = threads.acceptAnswer(actor, idParam(event.params.id), postId(await event.request.formData()), { ip: clientIp(event) });
		if (!result.ok) return fail(400, { errors: result.errors, values: {} });
		return { notice: 'The reply is marked as the answer.' };
	},
	unaccept: (event) => {
		const result = threads.acceptAnswer(actorOf(event.locals), idParam(event.params.id), null, { ip: clientIp(event) });
		if (!result.ok) return fail(400, { errors: result.errors, values: {} });
		return { notice: 'The question no longer has an accepted answer.' };
	},
	lock: (event) => {
		moderation.setLocked(actorOf(event.locals), idParam(event.params.id), true, { ip: clientIp(event) });
		return { notice: 'The thread is locked. Members can read it but not reply.' };
	},
	unlock: (event) => {
		moderation.setLocked(actorOf(event.locals), idParam(event.params.id), false, { ip: clientIp(event) });
		return { notice: 'The thread is open for replies again.' };
	},
	pin: (event) => {
		moderation.setPinned(actorOf(event.locals), idParam(event.params.id), true, { ip: clientIp(event) });
		return { notice: 'The thread is pinned at the top of its category.' };
	},
	unpin: (event) => {
		moderation.setPinned(actorOf(event.locals), idParam(event.params.id), false, { ip: clientIp(event) });
		return { notice: 'The thread is no longer pinned.' };
	},
	move: async (event) => {
		const actor = actorOf(event.locals);
		const form = parseForm(moveSchema, await event.request.formData());
		if (!form.ok) return failed(form);
		const result = moderation.move(actor, idParam(event.params.id), form.data.categoryId, { ip: clientIp(event) });
		if (!result.ok) return invalid(result.errors, form.values);
		return { notice: 'The thread has moved to its new category.' };
	},
	unhide: async (event) => {
		moderation.unhidePost(actorOf(event.locals), postId(await event.request.formData()), { ip: clientIp(event) });
		return { notice: 'The post is shown again.' };
	}
};
