import type { Actions, PageServerLoad } from './$types';
import { describeUserAgent, endAllSessions, endOwnSession, listSessions } from '$lib/server/auth/session';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals }) => {
	const actor = actorOf(locals);
	const current = locals.session!.id;
	return {
		sessions: listSessions(actor.id).map((s) => ({
			id: s.id,
			browser: describeUserAgent(s.userAgent),
			createdAt: s.createdAt,
			lastUsedAt: s.lastUsedAt,
			current: s.id === current
		}))
	};
};

export const actions: Actions = {
	end: async ({ locals, request }) => {
		const actor = actorOf(locals);
		const id = String((await request.formData()).get('id') ?? '');
		if (id === locals.session!.id) return { problem: 'To end the session in this browser, sign out.' };
		const ended = id !== '' && endOwnSession(actor.id, id);
		return ended ? { ended: 1 } : { problem: 'That session had already ended.' };
	},
	others: ({ locals }) => {
		const actor = actorOf(locals);
		return { ended: endAllSessions(actor.id, locals.session!.id) };
	}
};
