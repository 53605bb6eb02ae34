import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as joinRequests from '$lib/server/network/join-requests';
import { actorOf, clientIp } from '$lib/server/request';

function idOf(raw: string): number {
	const id = Number(raw);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, 'Page not found');
	return id;
}

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	const req = joinRequests.forDecision(actor, idOf(params.id));
	if (!req) error(404, 'Page not found');
	return { request: { id: req.id, name: req.name, email: req.email, authorityName: req.authorityName } };
};

export const actions: Actions = {
	default: (event) => {
		const actor = actorOf(event.locals);
		const result = joinRequests.decline(actor, idOf(event.params.id), { ip: clientIp(event) });
		// A lost race (someone else decided first) goes back to the list, which says so.
		redirect(303, result.ok ? '/admin/join-requests?declined=1' : '/admin/join-requests?taken=1');
	}
};
