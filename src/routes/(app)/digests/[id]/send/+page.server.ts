import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as regional from '$lib/server/digests/regional';
import { actorOf, clientIp } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	const c = regional.confirmation(actor, Number(params.id));
	if (c.sent) redirect(303, `/digests/${c.id}`);
	return { id: c.digest.id, title: c.digest.title, regionName: c.digest.regionName, recipients: c.recipients, empty: c.empty, tooBig: c.tooBig, scheduledFor: c.digest.status === 'scheduled' ? c.digest.scheduledFor : null };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = actorOf(event.locals);
		const r = await regional.send(actor, Number(event.params.id), Date.now(), { ip: clientIp(event) });
		if (!r.ok) {
			if (r.reason === 'already-sent') redirect(303, `/digests/${event.params.id}`);
			return { problem: r.message };
		}
		redirect(303, `/digests/${event.params.id}?sent=${r.recipients}`);
	}
};
