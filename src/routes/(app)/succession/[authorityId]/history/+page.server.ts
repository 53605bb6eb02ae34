import type { PageServerLoad } from './$types';
import * as checklists from '$lib/server/succession/checklists';
import * as history from '$lib/server/succession/history';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const actor = actorOf(locals);
	const before = Number(url.searchParams.get('before')) || undefined;
	const item = url.searchParams.get('item')?.slice(0, 100) || undefined;
	return { ...history.list(actor, checklists.parseId(params.authorityId), { before, item, limit: 50 }), item: item ?? null, paged: before != null };
};
