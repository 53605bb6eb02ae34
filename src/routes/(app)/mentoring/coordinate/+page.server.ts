import type { PageServerLoad } from './$types';
import * as coordination from '$lib/server/mentoring/coordination';
import { regions } from '$lib/server/network/authorities';
import { actorOf } from '$lib/server/request';
import { pageNumber } from '$lib/server/paging';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const now = Date.now();
	const region = url.searchParams.get('region');
	const allClosed = url.searchParams.get('closed') === 'all';
	const overview = coordination.overview(actor, region, now, { allClosed, page: pageNumber(url.searchParams.get('page')) });
	/** The page's address keeping the region chosen, with a page of active pairings and the closed list shown in full or not. */
	const href = (n: number, all: boolean, hash: string) => {
		const query = new URLSearchParams();
		if (region) query.set('region', region);
		if (n > 1) query.set('page', String(n));
		if (all) query.set('closed', 'all');
		const q = query.toString();
		return `${q ? `?${q}` : url.pathname}${hash}`;
	};
	const { page, pages } = overview.activePage;
	return {
		overview,
		now,
		done: url.searchParams.get('done'),
		allClosedHref: href(page, true, '#closed-pairings'),
		previousPageHref: page > 1 ? href(page - 1, allClosed, '#active-pairings') : null,
		nextPageHref: page < pages ? href(page + 1, allClosed, '#active-pairings') : null,
		regionChoices: actor.role === 'admin' ? regions().map((r) => [r.id, r.name] as [string, string]) : null,
		regionNames: Object.fromEntries(regions().map((r) => [r.id, r.name]))
	};
};
