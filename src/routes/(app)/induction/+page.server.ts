import type { Actions, PageServerLoad } from './$types';
import * as paths from '$lib/server/induction/paths';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, url }) => ({ path: paths.mine(actorOf(locals)), welcome: url.searchParams.get('welcome') === '1' });

export const actions: Actions = {
	/** "Mark as done" from the list (no note): the step page takes a note. */
	tick: async ({ locals, request }) => {
		const actor = actorOf(locals);
		const key = String((await request.formData()).get('key') ?? '');
		paths.tick(actor, actor.id, key, '');
		return { ticked: key };
	},
	latest: ({ locals }) => {
		const r = paths.acceptLatest(actorOf(locals));
		return r.ok ? { moved: r.version } : { problem: r.message };
	}
};
