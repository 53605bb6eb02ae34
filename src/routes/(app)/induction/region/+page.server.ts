import type { PageServerLoad } from './$types';
import * as coordination from '$lib/server/induction/coordination';
import { actorOf } from '$lib/server/request';
import { pageNumber } from '$lib/server/paging';

const pick = <T extends string>(list: readonly T[], v: string | null, fallback: T): T => (list.includes(v as T) ? (v as T) : fallback);

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const regionId = coordination.regionFor(actor, url.searchParams.get('region'));
	const sort = pick(coordination.SORTS, url.searchParams.get('sort'), 'start');
	const dir = url.searchParams.get('dir');
	const view = coordination.newMembers(actor, regionId, {
		sort,
		filter: pick(coordination.FILTERS, url.searchParams.get('filter'), 'all'),
		descending: dir == null ? undefined : dir === 'desc',
		page: pageNumber(url.searchParams.get('page'))
	});
	return { ...view, now: Date.now(), isAdmin: actor.role === 'admin', sent: url.searchParams.get('sent') };
};
