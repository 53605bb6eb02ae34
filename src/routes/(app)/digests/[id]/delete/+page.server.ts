import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as regional from '$lib/server/digests/regional';
import { actorOf, clientIp } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	const e = regional.editor(actor, Number(params.id));
	if (e.sent) redirect(303, `/digests/${e.id}`);
	return { id: e.digest.id, title: e.digest.title, scheduled: e.digest.status === 'scheduled' };
};

export const actions: Actions = {
	default: (event) => {
		const actor = actorOf(event.locals);
		regional.remove(actor, Number(event.params.id), Date.now(), { ip: clientIp(event) });
		redirect(303, '/digests?deleted=1');
	}
};
