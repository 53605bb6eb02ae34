import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as accounts from '$lib/server/network/accounts';
import * as tokens from '$lib/server/auth/tokens';
import * as knownBrowsers from '$lib/server/network/known-browsers';
import { createSession } from '$lib/server/auth/session';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { clientIp } from '$lib/server/request';

// Opening the link shows a button; only pressing it signs in, so mail scanners that follow
// links cannot use up the single-use token.
export const load: PageServerLoad = ({ params }) => {
	const state = tokens.inspect('sign-in', params.token);
	return { problem: state.ok ? null : tokens.explain(state.reason, 'sign-in') };
};

export const actions: Actions = {
	default: async (event) => {
		const result = accounts.useSignInLink(event.params.token, { ip: clientIp(event) });
		if (!result.ok) return { problem: tokens.explain(result.reason, 'sign-in') };
		const { token, session } = createSession(result.memberId, { userAgent: event.request.headers.get('user-agent') ?? '', ipAddress: clientIp(event) });
		setSessionCookie(event.cookies, token, session.expiresAt);
		// This browser has now signed in: wrong passwords from elsewhere cannot lock it out.
		if (!knownBrowsers.verify(event.cookies.get(knownBrowsers.KNOWN_BROWSER_COOKIE), result.memberId)) knownBrowsers.setCookie(event.cookies, knownBrowsers.issue(result.memberId));
		redirect(303, '/');
	}
};
