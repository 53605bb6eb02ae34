import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as templates from '$lib/server/succession/templates';
import { actorOf, clientIp } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params }) => templates.editableItem(actorOf(locals), params.key);

export const actions: Actions = {
	default: (event) => {
		const result = templates.deleteItem(actorOf(event.locals), event.params.key, { ip: clientIp(event) });
		if (!result.ok) return fail(400, { errors: result.errors });
		redirect(303, '/admin/template?done=item-removed');
	}
};
