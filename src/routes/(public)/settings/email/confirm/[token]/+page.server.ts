import type { Actions, PageServerLoad } from './$types';
import * as accounts from '$lib/server/network/accounts';
import * as tokens from '$lib/server/auth/tokens';
import { clientIp } from '$lib/server/request';

export const load: PageServerLoad = ({ params }) => {
	const state = tokens.inspect('email-change', params.token);
	return { problem: state.ok ? null : tokens.explain(state.reason, 'email confirmation'), email: state.ok ? state.token.email : null };
};

export const actions: Actions = {
	default: (event) => {
		const result = accounts.confirmEmailChange(event.params.token, { ip: clientIp(event) });
		return result.ok ? { done: true } : { problem: result.message };
	}
};
