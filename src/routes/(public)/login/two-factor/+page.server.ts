import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as twoFactor from '$lib/server/network/two-factor';
import * as devices from '$lib/server/auth/trusted-devices';
import { clientIp, safeNext } from '$lib/server/request';
import { failed, invalid, parseForm } from '$lib/server/forms';

// The second step of signing in for members with two-factor on. Reached with a pending
// session (see hooks.server.ts): the password was right, the code is still to come.
export const load: PageServerLoad = ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (locals.user) redirect(303, next);
	if (!locals.session) redirect(303, `/login?next=${encodeURIComponent(next)}`);
	return { next };
};

const codeForm = z.object({
	code: z.string({ error: 'Enter the code from your authenticator app' }).trim().min(1, 'Enter the code from your authenticator app').max(40, 'Enter the 6-digit code from your authenticator app'),
	remember: z.string().optional(),
	next: z.string().optional()
});

export const actions: Actions = {
	default: async (event) => {
		const { locals } = event;
		if (locals.user) redirect(303, '/');
		if (!locals.session) redirect(303, '/login');
		const form = parseForm(codeForm, await event.request.formData());
		if (!form.ok) return failed(form);
		const next = safeNext(form.data.next); // a hostile `next` is refused before the code is used
		const result = twoFactor.completeSignIn(locals.session.memberId, locals.session.id, form.data.code, { ip: clientIp(event) });
		if (!result.ok) return invalid({ code: result.message }, form.values, result.reason === 'limited' ? 429 : 400);
		if (form.data.remember === 'yes') {
			const device = devices.remember(locals.session.memberId, event.request.headers.get('user-agent') ?? '');
			devices.setDeviceCookie(event.cookies, device.token, device.expiresAt);
		}
		redirect(303, result.method === 'recovery' ? `/settings/two-factor?recovery=${result.recoveryCodesLeft}` : next);
	}
};
