import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as twoFactor from '$lib/server/network/two-factor';
import { needsReauth, reauthPath } from '$lib/server/network/reauth';
import { actorOf, clientIp, safeNext } from '$lib/server/request';
import { failed, invalid, parseForm } from '$lib/server/forms';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	if (needsReauth(locals.session!)) redirect(303, reauthPath(url.pathname + url.search));
	const setup = twoFactor.beginSetup(actor);
	return {
		qr: `data:image/svg+xml;base64,${Buffer.from(setup.qrSvg).toString('base64')}`,
		secret: setup.groupedSecret,
		replacing: setup.replacing,
		next: url.searchParams.has('next') ? safeNext(url.searchParams.get('next')) : '/settings/two-factor'
	};
};

const confirmForm = z.object({
	code: z.string({ error: 'Enter the 6-digit code from your app' }).trim().min(1, 'Enter the 6-digit code from your app').max(20, 'Enter the 6-digit code from your app'),
	next: z.string().optional()
});

export const actions: Actions = {
	default: async (event) => {
		const actor = actorOf(event.locals);
		if (needsReauth(event.locals.session!)) redirect(303, reauthPath('/settings/two-factor/set-up'));
		const form = parseForm(confirmForm, await event.request.formData());
		if (!form.ok) return failed(form);
		const result = twoFactor.confirmSetup(actor, event.locals.session!.id, form.data.code, { ip: clientIp(event) });
		if (!result.ok) return invalid({ code: result.message }, form.values);
		return { recoveryCodes: result.recoveryCodes, replaced: result.replaced, next: form.data.next ? safeNext(form.data.next) : '/settings/two-factor' };
	}
};
