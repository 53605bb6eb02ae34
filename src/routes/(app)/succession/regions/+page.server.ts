import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as region from '$lib/server/succession/region';
import { actorOf } from '$lib/server/request';

/** A coordinator's own region; admins go to the national summary. */
export const load: PageServerLoad = ({ locals }) => {
	const actor = actorOf(locals);
	const visible = region.visibleRegions(actor);
	if (visible.length > 1) redirect(303, '/succession/national');
	if (visible.length === 1) redirect(303, `/succession/regions/${visible[0].id}`);
	error(404, 'Page not found');
};
