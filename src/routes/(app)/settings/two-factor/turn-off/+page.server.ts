import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as twoFactor from '$lib/server/network/two-factor';
import { needsReauth, reauthPath } from '$lib/server/network/reauth';
import { actorOf, clientIp } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, url }) => {
	actorOf(locals);
	const status = twoFactor.status(locals.user!);
	if (!status.enabled) redirect(303, '/settings/two-factor');
	if (!status.required && needsReauth(locals.session!)) redirect(303, reauthPath(url.pathname));
	return { required: status.required };
};

export const actions: Actions = {
	default: (event) => {
		const actor = actorOf(event.locals);
		if (needsReauth(event.locals.session!)) redirect(303, reauthPath('/settings/two-factor/turn-off'));
		const result = twoFactor.turnOff(actor, { ip: clientIp(event) });
		if (!result.ok) return { problem: result.message };
		redirect(303, '/settings/two-factor?off=1');
	}
};
