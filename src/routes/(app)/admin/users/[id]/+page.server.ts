import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as members from '$lib/server/network/members';
import { authorityGroups, regionById, regions } from '$lib/server/network/authorities';
import { can } from '$lib/server/auth/policy';
import { actorOf, clientIp } from '$lib/server/request';
import { failed, invalid, parseForm } from '$lib/server/forms';
import { authorityId } from '$lib/server/validation';
import { ROLES, values } from '$lib/vocab';

/** The member id from the URL; 404 for anything that is not one. */
function idOf(raw: string): number {
	const id = Number(raw);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, 'Page not found');
	return id;
}

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	const m = members.adminProfile(actor, idOf(params.id));
	if (!m) error(404, 'Page not found');
	return {
		user: {
			id: m.id,
			name: m.name,
			email: m.email,
			handle: m.handle,
			authorityId: m.authorityId,
			authorityName: m.authorityName,
			regionName: m.regionName,
			position: m.position,
			role: m.role,
			coordinatorRegionId: m.coordinatorRegionId ?? '',
			active: m.deactivatedAt == null,
			deactivatedAt: m.deactivatedAt,
			createdAt: m.createdAt,
			lastSignInAt: m.lastSignInAt
		},
		self: m.id === actor.id,
		canManage: can(actor, 'member.manage', { id: m.id, regionId: m.regionId }),
		canSetRole: can(actor, 'member.setRole', { id: m.id }),
		canEndSessions: can(actor, 'member.endAllSessions', { id: m.id }),
		regions: regions().map((r) => [r.id, r.name] as [string, string]),
		authorityGroups: authorityGroups()
	};
};

const roleForm = z.object({
	role: z.enum(values(ROLES), { error: 'Choose a role' }),
	coordinatorRegionId: z.string().optional().default('')
});

export const actions: Actions = {
	role: async (event) => {
		const actor = actorOf(event.locals);
		const id = idOf(event.params.id);
		const form = parseForm(roleForm, await event.request.formData());
		if (!form.ok) return failed(form);
		const { role, coordinatorRegionId } = form.data;
		const region = role === 'coordinator' ? regionById(coordinatorRegionId) : null;
		if (role === 'coordinator' && !region) return invalid({ coordinatorRegionId: 'Choose the region they will coordinate' }, form.values);
		if (!members.setRole(actor, id, role, region?.id ?? null, { ip: clientIp(event) })) error(404, 'Page not found');
		return { done: 'Their role has been changed.' };
	},
	authority: async (event) => {
		const actor = actorOf(event.locals);
		const id = idOf(event.params.id);
		const form = parseForm(z.object({ authorityId }), await event.request.formData());
		if (!form.ok) return failed(form);
		if (!members.setAuthority(actor, id, form.data.authorityId, { ip: clientIp(event) })) return invalid({ authorityId: 'Choose an authority from the list' }, form.values);
		return { done: 'Their authority has been changed.' };
	},
	reactivate: async (event) => {
		const actor = actorOf(event.locals);
		if (!members.setActive(actor, idOf(event.params.id), true, { ip: clientIp(event) })) error(404, 'Page not found');
		return { done: 'The account has been reactivated. They can sign in again.' };
	},
	sessions: async (event) => {
		const actor = actorOf(event.locals);
		const ended = members.endSessionsOf(actor, idOf(event.params.id), { ip: clientIp(event) });
		return { done: ended === 0 ? 'They were not signed in anywhere.' : `They have been signed out everywhere (${ended === 1 ? '1 session' : `${ended} sessions`}).` };
	}
};
