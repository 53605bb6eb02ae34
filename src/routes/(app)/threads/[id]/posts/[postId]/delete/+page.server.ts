import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as posts from '$lib/server/discussions/posts';
import { actorOf } from '$lib/server/request';
import { idParam } from '../../../../params';

export const load: PageServerLoad = ({ locals, params }) => posts.forDelete(actorOf(locals), idParam(params.id), idParam(params.postId));

export const actions: Actions = {
	default: ({ locals, params }) => {
		const actor = actorOf(locals);
		const threadId = idParam(params.id);
		const target = posts.forDelete(actor, threadId, idParam(params.postId));
		posts.remove(actor, target.post.id);
		redirect(303, `/threads/${threadId}?post=${target.post.number}&done=deleted#post-${target.post.number}`);
	}
};
