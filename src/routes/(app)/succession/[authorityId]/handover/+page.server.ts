import type { PageServerLoad } from './$types';
import * as checklists from '$lib/server/succession/checklists';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	return { ...checklists.view(actor, checklists.parseId(params.authorityId)), printedAt: Date.now() };
};
