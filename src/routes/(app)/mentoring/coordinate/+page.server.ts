import type { PageServerLoad } from './$types';
import * as coordination from '$lib/server/mentoring/coordination';
import { regions } from '$lib/server/network/authorities';
import { actorOf } from '$lib/server/request';

/** A page number from the query string: a whole number from 1, or 1 (the overview keeps it within the pages there are). */
function pageNumber(value: string | null): number {
	const n = value != null && /^\d{1,6}$/.test(value) ? Number(value) : 1;
	return n >= 1 ? n : 1;
}

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const now = Date.now();
	const allClosed = url.searchParams.get('closed') === 'all';
	const overview = coordination.overview(actor, url.searchParams.get('region'), now, { allClosed, page: pageNumber(url.searchParams.get('page')) });
	const region = url.searchParams.get('region');
	/** The page's address with these parameters, keeping the region chosen. */
	const href = (params: [string, string][], hash = '') => {
		const query = new URLSearchParams([...(region ? [['region', region] as [string, string]] : []), ...params]).toString();
		return `${query ? `?${query}` : url.pathname}${hash}`;
	};
	const { page, pages } = overview.activePage;
	/** A page of active pairings, keeping the closed list as it is. */
	const pageHref = (n: number) => href([...(n > 1 ? [['page', String(n)] as [string, string]] : []), ...(allClosed ? [['closed', 'all'] as [string, string]] : [])], '#active-pairings');
	return {
		overview,
		now,
		done: url.searchParams.get('done'),
		allClosedHref: href([...(page > 1 ? [['page', String(page)] as [string, string]] : []), ['closed', 'all']], '#closed-pairings'),
		previousPageHref: page > 1 ? pageHref(page - 1) : null,
		nextPageHref: page < pages ? pageHref(page + 1) : null,
		regionChoices: actor.role === 'admin' ? regions().map((r) => [r.id, r.name] as [string, string]) : null,
		regionNames: Object.fromEntries(regions().map((r) => [r.id, r.name]))
	};
};
