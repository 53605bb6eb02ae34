import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as members from '$lib/server/network/members';
import * as placeChanges from '$lib/server/trust/place-changes';
import { authorityGroups, regionById, regions } from '$lib/server/network/authorities';
import { can } from '$lib/server/auth/policy';
import { actorOf, clientIp, idParam, loadById } from '$lib/server/request';
import { failed, invalid, parseForm } from '$lib/server/forms';
import { authorityId, position, roleStartDate, text } from '$lib/server/validation';
import { ROLES, values } from '$lib/vocab';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	const m = loadById(params.id, (id) => members.adminProfile(actor, id));
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
			inRoleSince: m.inRoleSince ?? '',
			role: m.role,
			coordinatorRegionId: m.coordinatorRegionId ?? '',
			active: m.deactivatedAt == null,
			deactivatedAt: m.deactivatedAt,
			createdAt: m.createdAt,
			lastSignInAt: m.lastSignInAt
		},
		self: m.id === actor.id,
		canManage: can(actor, 'member.manage', { id: m.id, regionId: m.regionId }),
		canChangePlace: can(actor, 'member.changePlace', { id: m.id }),
		pending: (() => {
			const p = placeChanges.pendingFor(actor, m.id);
			return p ? { changes: p.changes, approvers: p.approvers } : null;
		})(),
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

const placeForm = z.object({
	authorityId,
	position,
	inRoleSince: roleStartDate('the date they took on the role', 'they'),
	reason: text('the reason for the change', { min: 10, max: 1000 })
});

export const actions: Actions = {
	role: async (event) => {
		const actor = actorOf(event.locals);
		const id = idParam(event.params.id);
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
		const id = idParam(event.params.id);
		const form = parseForm(placeForm, await event.request.formData());
		if (!form.ok) return failed(form);
		const d = form.data;
		const result = placeChanges.setDirectly(actor, id, { authorityId: d.authorityId, position: d.position, inRoleSince: d.inRoleSince }, d.reason, { ip: clientIp(event) });
		if (!result.ok) return invalid({ [result.field ?? 'authorityId']: result.message }, form.values);
		return { done: 'Their authority and role have been changed. We have emailed them to say so.' };
	},
	reactivate: async (event) => {
		const actor = actorOf(event.locals);
		if (!members.setActive(actor, idParam(event.params.id), true, { ip: clientIp(event) })) error(404, 'Page not found');
		return { done: 'The account has been reactivated. They can sign in again.' };
	},
	sessions: async (event) => {
		const actor = actorOf(event.locals);
		const ended = members.endSessionsOf(actor, idParam(event.params.id), { ip: clientIp(event) });
		return { done: ended === 0 ? 'They were not signed in anywhere.' : `They have been signed out everywhere (${ended === 1 ? '1 session' : `${ended} sessions`}).` };
	}
};
