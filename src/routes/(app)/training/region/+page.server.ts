import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as aggregates from '$lib/server/training/aggregates';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const asked = url.searchParams.get('region');
	const regionId = asked || aggregates.defaultRegion(actor);
	if (regionId) return { region: aggregates.regionAggregates(actor, regionId), national: null };
	if (actor.role !== 'admin') error(404, 'Page not found');
	return { region: null, national: aggregates.nationalOverview(actor) };
};
