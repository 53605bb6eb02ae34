import type { PageServerLoad } from './$types';
import * as text from '$lib/server/library/text';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const q = (url.searchParams.get('q') ?? '').slice(0, 200);
	return { q, result: q.trim() ? text.search(actor, q) : null };
};
