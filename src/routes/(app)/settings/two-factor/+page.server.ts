import type { Actions, PageServerLoad } from './$types';
import * as twoFactor from '$lib/server/network/two-factor';
import { actorOf, clientIp, safeNext } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const left = url.searchParams.get('recovery');
	return {
		status: twoFactor.status(locals.user!),
		required: url.searchParams.has('required'),
		next: safeNext(url.searchParams.get('next')),
		recoveryLeft: left != null && /^\d+$/.test(left) ? Number(left) : null,
		turnedOff: url.searchParams.has('off'),
		role: actor.role
	};
};

export const actions: Actions = {
	forget: (event) => {
		const actor = actorOf(event.locals);
		return { forgotten: twoFactor.forgetBrowsers(actor, { ip: clientIp(event) }) };
	}
};
