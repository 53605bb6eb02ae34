import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as checklists from '$lib/server/succession/checklists';
import * as forms from '$lib/server/succession/forms';
import { parseForm } from '$lib/server/forms';
import { actorOf, clientIp } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	const item = checklists.item(actor, checklists.parseId(params.authorityId), params.key);
	if (!item.permissions.reopenNotApplicable) error(403, 'Only the region’s coordinator or an admin can send an item back to do');
	return { authority: item.authority, item: item.item };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = actorOf(event.locals);
		const id = checklists.parseId(event.params.authorityId);
		const form = parseForm(forms.reopenForm, await event.request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		const result = checklists.reopenNotApplicable(actor, id, event.params.key, form.data.reopenNote, { ip: clientIp(event) });
		if (!result.ok) return fail(400, { errors: result.errors, values: form.values });
		redirect(303, `/succession/${id}/items/${encodeURIComponent(event.params.key)}?reopened=1`);
	}
};
