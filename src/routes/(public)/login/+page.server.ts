import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as accounts from '$lib/server/network/accounts';
import * as knownBrowsers from '$lib/server/network/known-browsers';
import { createSession } from '$lib/server/auth/session';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { clientIp, safeNext } from '$lib/server/request';
import { failed, invalid, parseForm } from '$lib/server/forms';
import { email } from '$lib/server/validation';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return { next: safeNext(url.searchParams.get('next')), expired: url.searchParams.has('next') };
};

const passwordForm = z.object({
	email,
	password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(1024, 'Enter your password'),
	next: z.string().optional()
});

const linkForm = z.object({ email: email });

/** Emails a sign-in link (the second form on the page, told apart by `intent=link`). */
async function requestLink(data: FormData) {
	const form = parseForm(linkForm, data);
	// This form's email field has its own id (link-email), so its error is keyed apart.
	if (!form.ok) return invalid({ linkEmail: form.errors.email }, { linkEmail: form.values.email ?? '' });
	accounts.requestSignInLink(form.data.email);
	return { linkSent: true, values: form.values };
}

// One default action for both forms: SvelteKit does not allow a default action beside named
// ones, and POST /login must keep signing in (password managers, scripts, tests post there).
export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		if (data.get('intent') === 'link') return requestLink(data);
		const form = parseForm(passwordForm, data);
		if (!form.ok) return failed(form);
		const next = safeNext(form.data.next); // a hostile `next` is refused before anything happens
		const result = await accounts.signIn(form.data.email, form.data.password, { ip: clientIp(event), knownBrowser: event.cookies.get(knownBrowsers.KNOWN_BROWSER_COOKIE) });
		if (!result.ok) {
			const message =
				result.reason === 'limited'
					? 'There have been too many wrong passwords from here. Wait 15 minutes and try again, or get a sign-in link by email below.'
					: result.reason === 'slow'
						? `There have been many wrong passwords for this account, so we are slowing sign-ins down. Wait ${result.waitSeconds === 1 ? '1 second' : `${result.waitSeconds} seconds`} and try again, or get a sign-in link by email below.`
						: 'Enter the email address and password of your account. Check both and try again.';
			return invalid({ email: message }, form.values, result.reason === 'invalid' ? 400 : 429);
		}
		knownBrowsers.setCookie(event.cookies, result.knownBrowser);
		const { token, session } = createSession(result.memberId, { userAgent: event.request.headers.get('user-agent') ?? '', ipAddress: clientIp(event) });
		setSessionCookie(event.cookies, token, session.expiresAt);
		redirect(303, next);
	}
};
