import type { PageServerLoad } from './$types';
import * as dashboard from '$lib/server/mentoring/dashboard';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	return { ...dashboard.forMember(actor), done: url.searchParams.get('done'), now: Date.now() };
};
