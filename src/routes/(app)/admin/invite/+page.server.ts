import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as invites from '$lib/server/network/invites';
import { authorityById, regionName } from '$lib/server/network/authorities';
import { authorize } from '$lib/server/auth/policy';
import { actorOf, clientIp } from '$lib/server/request';
import * as once from '$lib/server/once';
import { failed, invalid, parseForm } from '$lib/server/forms';
import { authorityId, email, position, text } from '$lib/server/validation';

export const load: PageServerLoad = ({ locals }) => {
	const actor = actorOf(locals);
	const scope = actor.role === 'admin' ? null : actor.coordinatorRegionId;
	authorize(actor, 'member.invite', { regionId: scope ?? actor.regionId });
	return {
		scopeName: scope ? regionName(scope) : null,
		formToken: once.newToken(),
		authorityGroups: invites.invitableGroups(actor),
		open: invites.listOpen(actor).map((i) => ({
			id: i.id,
			email: i.email,
			name: i.name,
			authorityName: authorityById(i.authorityId)?.name ?? '',
			createdAt: i.createdAt,
			expiresAt: i.expiresAt
		}))
	};
};

const inviteForm = z.object({ name: text('their full name'), email, authorityId, position });

export const actions: Actions = {
	invite: async (event) => {
		const actor = actorOf(event.locals);
		const data = await event.request.formData();
		const form = parseForm(inviteForm, data);
		if (!form.ok) return failed(form);
		const auth = authorityById(form.data.authorityId);
		// Only offer what the actor may use; a crafted authority from elsewhere is a field error, not a 403.
		if (!auth || !invites.invitableAuthorities(actor).some((a) => a.id === auth.id)) return invalid({ authorityId: 'Choose an authority from the list' }, form.values);
		const result = once.run(
			once.of(data, actor.id, 'invitation'),
			() => invites.create(actor, form.data, { ip: clientIp(event) }),
			(made) => `/admin/invite#invite-${made.invite.id}`
		);
		if (!result.ok) return invalid({ [result.field]: result.message }, form.values);
		// A repeated submit shows the invitation the first one sent.
		return { invited: result.value ? result.value.invite.email : form.data.email, replaced: result.value?.replaced ?? 0 };
	},
	withdraw: async (event) => {
		const actor = actorOf(event.locals);
		const id = Number((await event.request.formData()).get('id'));
		const ok = Number.isSafeInteger(id) && id > 0 && invites.withdraw(actor, id, { ip: clientIp(event) });
		return ok ? { withdrawn: true } : { problem: 'That invitation had already been used or withdrawn.' };
	}
};
