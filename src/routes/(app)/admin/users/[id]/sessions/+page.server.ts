import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as security from '$lib/server/trust/sessions';
import * as twoFactor from '$lib/server/network/two-factor';
import { actorOf, clientIp, idParam, loadById } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	const view = loadById(params.id, (id) => security.memberSecurity(actor, id));
	return view;
};

export const actions: Actions = {
	end: (event) => {
		const actor = actorOf(event.locals);
		const result = security.endAllSessionsOf(actor, idParam(event.params.id), { ip: clientIp(event) });
		if (!result) error(404, 'Page not found');
		return { ended: result.ended, forgotten: result.browsersForgotten };
	},
	resetTwoFactor: (event) => {
		const actor = actorOf(event.locals);
		const done = twoFactor.resetByAdmin(actor, idParam(event.params.id), { ip: clientIp(event) });
		return { reset: done };
	}
};
