import type { PageServerLoad } from './$types';
import * as regional from '$lib/server/digests/regional';
import { regionById } from '$lib/server/network/authorities';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const region = url.searchParams.get('region') ?? '';
	const regionId = region === 'national' ? 'national' : (regionById(region)?.id ?? undefined);
	const after = url.searchParams.get('after')?.slice(0, 40) || undefined;
	const o = regional.overview(actor, { regionId, after });
	let next: string | null = null;
	if (o.next) {
		const u = new URL(url);
		u.searchParams.set('after', o.next);
		next = u.pathname + u.search;
	}
	return { ...o, next, region: regionId ?? '', paged: Boolean(after), scheduled: url.searchParams.get('scheduled'), deleted: url.searchParams.has('deleted') };
};
