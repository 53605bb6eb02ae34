import type { PageServerLoad } from './$types';
import * as library from '$lib/server/library/entries';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const q = url.searchParams;
	const authorityId = Number(q.get('authority')) || null;
	const filter = {
		kind: q.get('kind') || null,
		topic: q.get('topic') || null,
		region: q.get('region') || null,
		authorityId,
		sort: q.get('sort') === 'useful' ? ('useful' as const) : ('newest' as const),
		cursor: q.get('after'),
		mine: q.get('mine') === '1'
	};
	const options = library.options(actor);
	return {
		...library.list(actor, filter),
		filter: { ...filter, authority: authorityId ? String(authorityId) : '' },
		paged: !!filter.cursor,
		options,
		usage: options.canSeeUsage ? library.usage(actor) : null,
		quota: library.quota(actor)
	};
};
