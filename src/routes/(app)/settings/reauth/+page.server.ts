import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as reauth from '$lib/server/network/reauth';
import * as twoFactor from '$lib/server/network/two-factor';
import { actorOf, clientIp, safeNext } from '$lib/server/request';
import { failed, invalid, parseForm } from '$lib/server/forms';

// "Confirm it's you": asked before sensitive changes when the last sign-in was more than
// 10 minutes ago. `next` is where to go back to (a same-site path).
export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const next = safeNext(url.searchParams.get('next'));
	if (!reauth.needsReauth(locals.session!)) redirect(303, next);
	return { next, hasTwoFactor: twoFactor.isEnabled(actor.id) };
};

const passwordForm = z.object({
	password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(1024, 'Enter your password'),
	next: z.string().optional()
});
const codeForm = z.object({
	code: z.string({ error: 'Enter the code from your authenticator app' }).trim().min(1, 'Enter the code from your authenticator app').max(40, 'Enter the 6-digit code from your authenticator app'),
	next: z.string().optional()
});

export const actions: Actions = {
	password: async (event) => {
		const actor = actorOf(event.locals);
		const form = parseForm(passwordForm, await event.request.formData());
		if (!form.ok) return failed(form);
		const r = await reauth.reauthenticate(actor.id, event.locals.session!.id, { password: form.data.password }, { ip: clientIp(event) });
		if (!r.ok) return invalid({ password: r.message }, form.values);
		redirect(303, safeNext(form.data.next));
	},
	code: async (event) => {
		const actor = actorOf(event.locals);
		const form = parseForm(codeForm, await event.request.formData());
		if (!form.ok) return failed(form);
		const r = await reauth.reauthenticate(actor.id, event.locals.session!.id, { code: form.data.code }, { ip: clientIp(event) });
		if (!r.ok) return invalid({ code: r.message }, form.values);
		redirect(303, safeNext(form.data.next));
	}
};
