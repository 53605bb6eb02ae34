import type { LayoutServerLoad } from './$types';
import { actorOf } from '$lib/server/request';
import { bouncing, unreadCount } from '$lib/server/header';

export const load: LayoutServerLoad = async ({ locals }) => {
	const actor = actorOf(locals);
	const u = locals.user!;
	return {
		user: { id: u.id, name: u.name, handle: u.handle, role: u.role, regionId: u.regionId, coordinatorRegionId: u.coordinatorRegionId },
		unreadNotifications: unreadCount(actor),
		bouncing: bouncing(actor.id)
	};
};
