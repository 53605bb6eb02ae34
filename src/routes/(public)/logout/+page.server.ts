import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { endSession } from '$lib/server/auth/session';
import { clearSessionCookie } from '$lib/server/auth/cookies';

export const load: PageServerLoad = () => redirect(303, '/login');

export const actions: Actions = {
	default: ({ locals, cookies }) => {
		if (locals.session) endSession(locals.session.id);
		clearSessionCookie(cookies);
		redirect(303, '/login');
	}
};
