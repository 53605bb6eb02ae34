import type { PageServerLoad } from './$types';
import * as coordination from '$lib/server/induction/coordination';
import { actorOf } from '$lib/server/request';

const pick = <T extends string>(list: readonly T[], v: string | null, fallback: T): T => (list.includes(v as T) ? (v as T) : fallback);

/** A page number from the query string: a whole number from 1, or 1 (the list keeps it within the pages there are). */
function pageNumber(value: string | null): number {
	const n = value != null && /^\d{1,6}$/.test(value) ? Number(value) : 1;
	return n >= 1 ? n : 1;
}

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
