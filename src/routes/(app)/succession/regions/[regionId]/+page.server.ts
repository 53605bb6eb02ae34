import type { PageServerLoad } from './$types';
import * as region from '$lib/server/succession/region';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const actor = actorOf(locals);
	return { ...region.table(actor, params.regionId, region.parseQuery(url.searchParams)), isAdmin: actor.role === 'admin', now: Date.now() };
};
