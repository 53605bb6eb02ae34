import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as posts from '$lib/server/discussions/posts';
import * as threads from '$lib/server/discussions/threads';
import { formValues, invalid } from '$lib/server/forms';
import { actorOf, clientIp } from '$lib/server/request';
import * as uploads from '$lib/server/library/uploads';
import * as attachments from '$lib/server/discussions/attachments';
import { editSchema, idParam, POST_ARRAYS } from '../../../../params';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	const edit = posts.forEdit(actor, idParam(params.id), idParam(params.postId));
	return { ...edit, documents: attachments.choices(actor, edit.post.attachments), upload: uploads.postFormOptions() };
};

// With a file, save and preview read the form as it streams (library/uploads.ts); they may take
// more than 512 KB — see hooks.server.ts.
export const actions: Actions = {
	preview: async ({ request }) => {
		const form = await uploads.readForm(request);
		if (!form.ok) error(form.status, form.message);
		await uploads.drop(form.upload); // a preview keeps no file
		const values = formValues(form.upload.fields, POST_ARRAYS);
		const body = typeof values.body === 'string' ? values.body : '';
		const p = threads.preview(body.slice(0, 60_000));
		return { preview: p.html, unknownMentions: p.unknownMentions, values, fileAgain: !!form.upload.file };
	},
	save: async (event) => {
		const actor = actorOf(event.locals);
		const threadId = idParam(event.params.id);
		const postId = idParam(event.params.postId);
		const current = posts.forEdit(actor, threadId, postId);
		const form = await uploads.readForm(event.request);
		if (!form.ok) error(form.status, form.message);
		const parsed = uploads.parse(editSchema, form.upload, { arrays: POST_ARRAYS });
		if (!parsed.ok) {
			await uploads.drop(form.upload);
			return invalid(parsed.errors, parsed.values);
		}
		const upload = parsed.file ? { file: parsed.file, kind: parsed.data.uploadKind, ip: clientIp(event) } : null;
		const result = await uploads.settle(form.upload, () => posts.edit(actor, postId, { body: parsed.data.body, title: current.isOpening ? parsed.data.title : null, attachments: parsed.data.attachments, upload }));
		if (!result.ok) return invalid(uploads.withFileHint(result.errors, form.upload), parsed.values);
		redirect(303, `/threads/${threadId}?post=${current.post.number}&done=edited#post-${current.post.number}`);
	}
};
