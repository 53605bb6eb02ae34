import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as security from '$lib/server/trust/sessions';
import * as twoFactor from '$lib/server/auth/two-factor';
import { actorOf, clientIp } from '$lib/server/request';

/** The member id from the URL; 404 for anything that is not one. */
function idOf(raw: string): number {
	const id = Number(raw);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, 'Page not found');
	return id;
}

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	const view = security.memberSecurity(actor, idOf(params.id));
	if (!view) error(404, 'Page not found');
	return view;
};

export const actions: Actions = {
	end: (event) => {
		const actor = actorOf(event.locals);
		const result = security.endAllSessionsOf(actor, idOf(event.params.id), { ip: clientIp(event) });
		if (!result) error(404, 'Page not found');
		return { ended: result.ended, forgotten: result.browsersForgotten };
	},
	resetTwoFactor: (event) => {
		const actor = actorOf(event.locals);
		const done = twoFactor.resetByAdmin(actor, idOf(event.params.id), { ip: clientIp(event) });
		return { reset: done };
	}
};
