import type { PageServerLoad } from './$types';
import * as posts from '$lib/server/discussions/posts';
import { actorOf } from '$lib/server/request';
import { idParam } from '../../../../params';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	posts.inThread(actor, idParam(params.id), idParam(params.postId));
	return posts.history(actor, idParam(params.postId));
};
