import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as templates from '$lib/server/succession/templates';
import { actorOf, clientIp } from '$lib/server/request';

export const load: PageServerLoad = ({ locals }) => {
	const e = templates.editable(actorOf(locals));
	return { isDraft: e.isDraft, version: e.template.version };
};

export const actions: Actions = {
	default: (event) => {
		templates.discardDraft(actorOf(event.locals), { ip: clientIp(event) });
		redirect(303, '/admin/template?done=discarded');
	}
};
