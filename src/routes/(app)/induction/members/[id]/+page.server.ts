import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as paths from '$lib/server/induction/paths';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params }) => {
	if (!/^\d{1,9}$/.test(params.id)) error(404, 'Page not found');
	const actor = actorOf(locals);
	return { path: paths.ofMember(actor, Number(params.id)) };
};
