import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as regionSteps from '$lib/server/induction/region-steps';
import { regionFor } from '$lib/server/induction/coordination';
import { actorOf, clientIp } from '$lib/server/request';

/** An admin looking after another region keeps it in the addresses. */
const regionQuery = (url: URL, regionId: string) => (url.searchParams.has('region') ? `region=${encodeURIComponent(regionId)}` : '');

export const load: PageServerLoad = ({ locals, params, url }) => {
	const actor = actorOf(locals);
	const regionId = regionFor(actor, url.searchParams.get('region'));
	return { ...regionSteps.one(actor, regionId, params.key), regionQuery: regionQuery(url, regionId) };
};

export const actions: Actions = {
	default: (event) => {
		const actor = actorOf(event.locals);
		const regionId = regionFor(actor, event.url.searchParams.get('region'));
		// Already gone (a second tab, a double click): the list says it is removed either way.
		regionSteps.remove(actor, regionId, event.params.key, { ip: clientIp(event) });
		const q = regionQuery(event.url, regionId);
		redirect(303, `/induction/region/steps?removed=1${q ? `&${q}` : ''}`);
	}
};
