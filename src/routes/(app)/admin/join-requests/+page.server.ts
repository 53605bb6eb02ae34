import type { Actions, PageServerLoad } from './$types';
import * as joinRequests from '$lib/server/network/join-requests';
import { authorize } from '$lib/server/auth/policy';
import { regionName } from '$lib/server/network/authorities';
import { actorOf, clientIp } from '$lib/server/request';

/** Admins see every region's requests; coordinators their own region's. */
const scopeOf = (actor: { role: string; coordinatorRegionId: string | null }) => (actor.role === 'admin' ? null : actor.coordinatorRegionId);

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const scope = scopeOf(actor);
	authorize(actor, 'joinRequest.list', { regionId: scope });
	return {
		scopeName: scope ? regionName(scope) : null,
		declined: url.searchParams.get('declined') === '1',
		taken: url.searchParams.get('taken') === '1',
		pending: joinRequests.listPending(actor).map((r) => ({
			id: r.request.id,
			name: r.request.name,
			email: r.request.email,
			position: r.request.position,
			message: r.request.message,
			createdAt: r.request.createdAt,
			authorityName: r.authorityName,
			regionName: regionName(r.regionId)
		})),
		decided: joinRequests.recentlyDecided(actor, 10).map((r) => ({
			id: r.request.id,
			name: r.request.name,
			authorityName: r.authorityName,
			status: r.request.status,
			decidedAt: r.request.decidedAt,
			decidedByName: r.decidedByName
		}))
	};
};

export const actions: Actions = {
	approve: async (event) => {
		const actor = actorOf(event.locals);
		const id = Number((await event.request.formData()).get('id'));
		if (!Number.isSafeInteger(id) || id <= 0) return { problem: 'That request could not be found' };
		const result = joinRequests.approve(actor, id, { ip: clientIp(event) });
		return result.ok ? { approved: id } : { problem: result.message };
	}
};
