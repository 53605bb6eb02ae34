import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as accounts from '$lib/server/network/accounts';
import * as tokens from '$lib/server/auth/tokens';
import { createSession } from '$lib/server/auth/session';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { clientIp } from '$lib/server/request';
import { invalid } from '$lib/server/forms';

export const load: PageServerLoad = ({ params }) => {
	const state = tokens.inspect('reset', params.token);
	return { problem: state.ok ? null : tokens.explain(state.reason, 'password reset') };
};

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const password = String(data.get('password') ?? '');
		const confirm = String(data.get('confirm') ?? '');
		if (password !== confirm) return invalid({ confirm: 'Enter the same password twice' }, {});
		const result = await accounts.resetPassword(event.params.token, password, { ip: clientIp(event) });
		if (!result.ok) return result.field === 'token' ? { problem: result.message } : invalid({ password: result.message }, {});
		const { token, session } = createSession(result.memberId, { userAgent: event.request.headers.get('user-agent') ?? '', ipAddress: clientIp(event) });
		setSessionCookie(event.cookies, token, session.expiresAt);
		redirect(303, '/?password=reset');
	}
};
