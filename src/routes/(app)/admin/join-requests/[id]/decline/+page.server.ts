import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as joinRequests from '$lib/server/network/join-requests';
import { actorOf, clientIp, idParam, loadById } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	const req = loadById(params.id, (id) => joinRequests.forDecision(actor, id));
	return { request: { id: req.id, name: req.name, email: req.email, authorityName: req.authorityName } };
};

export const actions: Actions = {
	default: (event) => {
		const actor = actorOf(event.locals);
		const result = joinRequests.decline(actor, idParam(event.params.id), { ip: clientIp(event) });
		// A lost race (someone else decided first) goes back to the list, which says so.
		redirect(303, result.ok ? '/admin/join-requests?declined=1' : '/admin/join-requests?taken=1');
	}
};
