import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as posts from '$lib/server/discussions/posts';
import * as threads from '$lib/server/discussions/threads';
import { failed, formValues, invalid, parseForm } from '$lib/server/forms';
import { actorOf } from '$lib/server/request';
import * as attachments from '$lib/server/discussions/attachments';
import { editSchema, idParam, POST_ARRAYS } from '../../../../params';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	const edit = posts.forEdit(actor, idParam(params.id), idParam(params.postId));
	return { ...edit, documents: attachments.choices(actor, edit.post.attachments) };
};

export const actions: Actions = {
	preview: async ({ request }) => {
		const values = formValues(await request.formData(), POST_ARRAYS);
		const body = typeof values.body === 'string' ? values.body : '';
		const p = threads.preview(body.slice(0, 60_000));
		return { preview: p.html, unknownMentions: p.unknownMentions, values };
	},
	save: async ({ locals, params, request }) => {
		const actor = actorOf(locals);
		const threadId = idParam(params.id);
		const postId = idParam(params.postId);
		const current = posts.forEdit(actor, threadId, postId);
		const form = parseForm(editSchema, await request.formData(), { arrays: POST_ARRAYS });
		if (!form.ok) return failed(form);
		const result = posts.edit(actor, postId, { body: form.data.body, title: current.isOpening ? form.data.title : null, attachments: form.data.attachments });
		if (!result.ok) return invalid(result.errors, form.values);
		redirect(303, `/threads/${threadId}?post=${current.post.number}&done=edited#post-${current.post.number}`);
	}
};
