import type { PageServerLoad } from './$types';
import * as checklists from '$lib/server/succession/checklists';
import * as handover from '$lib/server/succession/handover';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	return { ...handover.open(actor, checklists.parseId(params.authorityId)), printedAt: Date.now() };
};
