import type { PageServerLoad } from './$types';
import * as checklists from '$lib/server/succession/checklists';
import * as documents from '$lib/server/succession/documents';
import * as handover from '$lib/server/succession/handover';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	const id = checklists.parseId(params.authorityId);
	return { ...handover.open(actor, id), documents: documents.byItemKey(actor, id), printedAt: Date.now() };
};
