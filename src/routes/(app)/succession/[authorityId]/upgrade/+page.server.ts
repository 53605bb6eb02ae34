import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as checklists from '$lib/server/succession/checklists';
import * as forms from '$lib/server/succession/forms';
import { parseForm } from '$lib/server/forms';
import { actorOf, clientIp } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	const id = checklists.parseId(params.authorityId);
	return { id, preview: checklists.upgradePreview(actor, id) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = actorOf(event.locals);
		const id = checklists.parseId(event.params.authorityId);
		const form = parseForm(forms.upgradeForm, await event.request.formData());
		if (!form.ok) return fail(400, { errors: { form: Object.values(form.errors)[0] } });
		const result = checklists.upgrade(actor, id, form.data.version, { ip: clientIp(event) });
		if (!result.ok) return fail(400, { errors: result.errors });
		redirect(303, `/succession/${id}/history`);
	}
};
