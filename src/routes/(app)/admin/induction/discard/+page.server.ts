import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as templates from '$lib/server/induction/templates';
import { actorOf, clientIp } from '$lib/server/request';

export const load: PageServerLoad = ({ locals }) => {
	const o = templates.overview(actorOf(locals));
	return { isDraft: o.isDraft, version: o.template.version };
};

export const actions: Actions = {
	default: (event) => {
		templates.discardDraft(actorOf(event.locals), { ip: clientIp(event) });
		redirect(303, '/admin/induction?done=discarded');
	}
};
