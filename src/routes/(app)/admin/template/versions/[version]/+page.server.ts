import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as templates from '$lib/server/succession/templates';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params }) => {
	if (!/^\d{1,6}$/.test(params.version)) error(404, 'Page not found');
	return templates.publishedVersion(actorOf(locals), Number(params.version));
};
