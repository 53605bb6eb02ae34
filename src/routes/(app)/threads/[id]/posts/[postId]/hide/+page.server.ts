import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as moderation from '$lib/server/discussions/moderation';
import { failed, invalid, parseForm } from '$lib/server/forms';
import { actorOf, clientIp } from '$lib/server/request';
import { hideSchema, idParam } from '../../../../params';

export const load: PageServerLoad = ({ locals, params }) => moderation.forHide(actorOf(locals), idParam(params.id), idParam(params.postId));

export const actions: Actions = {
	default: async (event) => {
		const actor = actorOf(event.locals);
		const threadId = idParam(event.params.id);
		const target = moderation.forHide(actor, threadId, idParam(event.params.postId));
		const form = parseForm(hideSchema, await event.request.formData());
		if (!form.ok) return failed(form);
		const result = moderation.hidePost(actor, target.post.id, form.data.reason, { ip: clientIp(event) });
		if (!result.ok) return invalid(result.errors, form.values);
		redirect(303, `/threads/${threadId}?post=${target.post.number}&done=hidden#post-${target.post.number}`);
	}
};
