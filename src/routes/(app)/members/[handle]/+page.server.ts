import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as members from '$lib/server/network/members';
import { regionName } from '$lib/server/network/authorities';
import { can } from '$lib/server/auth/policy';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	const p = members.profileByHandle(actor, params.handle);
	if (!p) error(404, 'Page not found');
	const staff = can(actor, 'member.invite', { regionId: p.regionId });
	return {
		member: {
			id: p.id,
			handle: p.handle,
			name: p.name,
			position: p.position,
			authorityName: p.authorityName,
			regionName: p.regionName,
			party: p.party,
			inRoleSince: p.inRoleSince,
			newInRole: members.isNewInRole(p.inRoleSince),
			background: p.background,
			expertise: p.expertise,
			bio: p.bio,
			role: p.role,
			coordinates: p.role === 'coordinator' ? regionName(p.coordinatorRegionId) : null,
			// Email addresses are for the member's coordinator and admins, not the whole network.
			email: staff || p.id === actor.id ? p.email : null
		},
		self: p.id === actor.id,
		canAdminister: can(actor, 'member.administer', {}),
		canPreviewDigest: can(actor, 'digest.previewMember', { regionId: p.regionId })
	};
};
