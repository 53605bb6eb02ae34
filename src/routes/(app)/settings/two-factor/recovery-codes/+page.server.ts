import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as twoFactor from '$lib/server/network/two-factor';
import { needsReauth, reauthPath } from '$lib/server/network/reauth';
import { actorOf, clientIp } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, url }) => {
	actorOf(locals);
	if (needsReauth(locals.session!)) redirect(303, reauthPath(url.pathname));
	const status = twoFactor.status(locals.user!);
	if (!status.enabled) redirect(303, '/settings/two-factor');
	return { left: status.recoveryCodesLeft };
};

export const actions: Actions = {
	default: (event) => {
		const actor = actorOf(event.locals);
		if (needsReauth(event.locals.session!)) redirect(303, reauthPath('/settings/two-factor/recovery-codes'));
		const codes = twoFactor.regenerateRecoveryCodes(actor, { ip: clientIp(event) });
		if (!codes) redirect(303, '/settings/two-factor');
		return { codes };
	}
};
