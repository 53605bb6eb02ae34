import type { PageServerLoad } from './$types';
import * as entries from '$lib/server/training/entries';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, url }) => {
	const period = entries.parseFilter(new URLSearchParams({ period: url.searchParams.get('period') ?? '12m' })).period;
	return { record: entries.record(actorOf(locals), period), reflections: url.searchParams.get('reflections') === '1' };
};
