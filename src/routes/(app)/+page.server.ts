import type { PageServerLoad } from './$types';
import * as home from '$lib/server/digests/home';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals }) => {
	const actor = actorOf(locals);
	return { home: home.home(actor) };
};
