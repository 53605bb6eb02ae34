import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as members from '$lib/server/network/members';
import * as placeChanges from '$lib/server/trust/place-changes';
import { authorityGroups } from '$lib/server/network/authorities';
import { actorOf, clientIp } from '$lib/server/request';
import { failed, invalid, parseForm } from '$lib/server/forms';
import { LIMITS, authorityId, optionalText, position, roleStartDate, text, topics } from '$lib/server/validation';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const p = members.profile(actor.id);
	if (!p) error(404, 'Page not found');
	return {
		profile: {
			handle: p.handle,
			name: p.name,
			authorityId: p.authorityId,
			position: p.position,
			party: p.party ?? '',
			inRoleSince: p.inRoleSince ?? '',
			background: p.background,
			expertise: p.expertise,
			bio: p.bio
		},
		pending: pendingOf(placeChanges.pendingFor(actor, actor.id)),
		authorityGroups: authorityGroups(),
		welcome: url.searchParams.get('welcome') === '1'
	};
};

function pendingOf(p: placeChanges.PlaceChangeView | null) {
	return p ? { changes: p.changes, approvers: p.approvers, createdAt: p.createdAt } : null;
}

const schema = z.object({
	name: text('your full name'),
	authorityId,
	position,
	party: optionalText('your party or group', LIMITS.name),
	inRoleSince: roleStartDate('the date you took on the role', 'you'),
	background: optionalText('your professional background'),
	expertise: topics,
	bio: optionalText('your short bio')
});

export const actions: Actions = {
	save: async (event) => {
		const actor = actorOf(event.locals);
		const form = parseForm(schema, await event.request.formData(), { arrays: ['expertise'] });
		if (!form.ok) return failed(form);
		const d = form.data;
		const result = placeChanges.saveProfile(
			actor,
			{
				name: d.name,
				authorityId: d.authorityId,
				position: d.position,
				party: d.party || null,
				inRoleSince: d.inRoleSince,
				background: d.background,
				expertise: d.expertise,
				bio: d.bio
			},
			{ ip: clientIp(event) }
		);
		if (!result.ok) return invalid({ [result.field ?? 'authorityId']: result.message }, form.values);
		if (result.requested) return { saved: true, requested: pendingOf(result.requested) };
		return { saved: true };
	},
	cancel: (event) => {
		const actor = actorOf(event.locals);
		const result = placeChanges.cancel(actor, { ip: clientIp(event) });
		return result.ok ? { cancelled: true } : { problem: result.message };
	}
};
