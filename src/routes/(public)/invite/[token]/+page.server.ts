import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as invites from '$lib/server/network/invites';
import { authorityById } from '$lib/server/network/authorities';
import { hashPassword, passwordProblem } from '$lib/server/auth/password';
import { createSession } from '$lib/server/auth/session';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { clientIp } from '$lib/server/request';
import { failed, invalid, parseForm } from '$lib/server/forms';
import { roleStartDate, text } from '$lib/server/validation';
import { isNew } from '$lib/server/induction/paths';

export const load: PageServerLoad = ({ params }) => {
	const state = invites.find(params.token);
	if (!state.ok) return { problem: invites.explain(state.reason), replaced: state.reason === 'replaced', invite: null };
	return { problem: null, replaced: false, invite: { email: state.invite.email, name: state.invite.name, authority: authorityById(state.invite.authorityId)?.name ?? '' } };
};

const schema = z.object({ name: text('your full name'), inRoleSince: roleStartDate('the date you took on the role', 'you'), password: z.string().optional().default(''), confirm: z.string().optional().default('') });

export const actions: Actions = {
	default: async (event) => {
		const form = parseForm(schema, await event.request.formData());
		if (!form.ok) return failed(form);
		const problem = passwordProblem(form.data.password);
		if (problem) return invalid({ password: problem }, form.values);
		if (form.data.password !== form.data.confirm) return invalid({ confirm: 'Enter the same password twice' }, form.values);
		const result = invites.accept(event.params.token, { name: form.data.name, inRoleSince: form.data.inRoleSince, passwordHash: await hashPassword(form.data.password) });
		if (!result.ok) return { problem: invites.explain(result.reason), replaced: result.reason === 'replaced' };
		const { token, session } = createSession(result.memberId, { userAgent: event.request.headers.get('user-agent') ?? '', ipAddress: clientIp(event) });
		setSessionCookie(event.cookies, token, session.expiresAt);
		// Someone new to the role starts on their first 100 days; everyone else on their profile.
		redirect(303, isNew(result.memberId) ? '/induction?welcome=1' : '/settings/profile?welcome=1');
	}
};
