import type { PageServerLoad } from './$types';
import * as entries from '$lib/server/training/entries';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const filter = entries.parseFilter(url.searchParams);
	const log = entries.logPage(actor, filter);
	const query = (extra: Record<string, string> = {}) => {
		const p = new URLSearchParams();
		if (filter.kind) p.set('kind', filter.kind);
		if (filter.topic) p.set('topic', filter.topic);
		if (filter.period !== 'all') p.set('period', filter.period);
		for (const [k, v] of Object.entries(extra)) p.set(k, v);
		const s = p.toString();
		return s ? `?${s}` : '';
	};
	const added = Number(url.searchParams.get('added') ?? '');
	return {
		...log,
		next: log.next ? `/training${query({ after: log.next })}` : null,
		first: filter.after ? `/training${query()}` : null,
		csvHref: `/training/export.csv${query()}`,
		added: log.entries.find((e) => e.id === added)?.title ?? null,
		deleted: url.searchParams.get('deleted') === '1'
	};
};
