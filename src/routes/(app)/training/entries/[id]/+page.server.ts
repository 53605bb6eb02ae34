import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as entries from '$lib/server/training/entries';
import { idParam } from '$lib/server/training/forms';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const actor = actorOf(locals);
	const id = idParam(params.id);
	if (id == null) error(404, 'Page not found');
	return { ...entries.get(actor, id), saved: url.searchParams.get('saved') === '1' };
};
