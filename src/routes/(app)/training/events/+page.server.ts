import type { PageServerLoad } from './$types';
import * as events from '$lib/server/training/events';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const filter = events.parseListFilter(url.searchParams);
	const list = events.list(actor, filter);
	const href = (extra: Record<string, string>) => {
		const p = new URLSearchParams();
		if (filter.when === 'past') p.set('when', 'past');
		if (filter.region) p.set('region', filter.region);
		for (const [k, v] of Object.entries(extra)) p.set(k, v);
		const s = p.toString();
		return `/training/events${s ? `?${s}` : ''}`;
	};
	return {
		...list,
		next: list.next ? href({ after: list.next }) : null,
		first: filter.after ? href({}) : null,
		now: Date.now()
	};
};
