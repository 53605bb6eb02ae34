import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as members from '$lib/server/network/members';
import { authorize } from '$lib/server/auth/policy';
import { actorOf, clientIp, idParam, loadById } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	const m = loadById(params.id, (id) => members.adminProfile(actor, id));
	authorize(actor, 'member.manage', { id: m.id, regionId: m.regionId });
	if (m.deactivatedAt != null) redirect(303, `/admin/users/${m.id}`);
	return { user: { id: m.id, name: m.name, email: m.email, authorityName: m.authorityName } };
};

export const actions: Actions = {
	default: (event) => {
		const actor = actorOf(event.locals);
		const id = idParam(event.params.id);
		if (!members.setActive(actor, id, false, { ip: clientIp(event) })) error(404, 'Page not found');
		redirect(303, `/admin/users/${id}`);
	}
};
