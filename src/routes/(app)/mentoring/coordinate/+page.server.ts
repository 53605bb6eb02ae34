import type { PageServerLoad } from './$types';
import * as coordination from '$lib/server/mentoring/coordination';
import { regions } from '$lib/server/network/authorities';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const now = Date.now();
	const overview = coordination.overview(actor, url.searchParams.get('region'), now, { allClosed: url.searchParams.get('closed') === 'all' });
	return {
		overview,
		now,
		done: url.searchParams.get('done'),
		allClosedHref: `?${new URLSearchParams([...[...url.searchParams].filter(([k]) => k === 'region'), ['closed', 'all']])}`,
		regionChoices: actor.role === 'admin' ? regions().map((r) => [r.id, r.name] as [string, string]) : null,
		regionNames: Object.fromEntries(regions().map((r) => [r.id, r.name]))
	};
};
