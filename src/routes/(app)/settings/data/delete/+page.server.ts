import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as erase from '$lib/server/trust/erase';
import * as twoFactor from '$lib/server/network/two-factor';
import { clearSessionCookie } from '$lib/server/auth/cookies';
import { clearDeviceCookie } from '$lib/server/auth/trusted-devices';
import { actorOf, clientIp } from '$lib/server/request';
import { failed, invalid, parseForm } from '$lib/server/forms';

export const load: PageServerLoad = ({ locals }) => {
	const actor = actorOf(locals);
	return { hasTwoFactor: twoFactor.isEnabled(actor.id), role: actor.role };
};

const deleteForm = z.object({
	password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(1024, 'Enter your password'),
	code: z.string().trim().max(40, 'Enter the 6-digit code from your authenticator app').optional()
});

export const actions: Actions = {
	default: async (event) => {
		const actor = actorOf(event.locals);
		const form = parseForm(deleteForm, await event.request.formData());
		if (!form.ok) return failed(form);
		// Always the signed-in member's own account: nothing in the request names another.
		const result = await erase.deleteAccount(actor, actor.id, { password: form.data.password, code: form.data.code || undefined }, { ip: clientIp(event) });
		if (!result.ok) return invalid({ [result.field]: result.message }, form.values, result.field === 'form' ? 503 : 400);
		clearSessionCookie(event.cookies);
		clearDeviceCookie(event.cookies);
		redirect(303, '/privacy/account-deleted');
	}
};
