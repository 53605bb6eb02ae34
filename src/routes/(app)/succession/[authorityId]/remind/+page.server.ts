import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as checklists from '$lib/server/succession/checklists';
import * as reminders from '$lib/server/succession/reminders';
import * as forms from '$lib/server/succession/forms';
import { parseForm } from '$lib/server/forms';
import { actorOf, clientIp } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const actor = actorOf(locals);
	return { ...reminders.preview(actor, checklists.parseId(params.authorityId)), sent: url.searchParams.get('sent') === '1' };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = actorOf(event.locals);
		const id = checklists.parseId(event.params.authorityId);
		const form = parseForm(forms.reminderForm, await event.request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		const result = reminders.send(actor, id, form.data.message, { ip: clientIp(event) });
		if (!result.ok) return fail(400, { errors: result.errors, values: form.values });
		redirect(303, `/succession/${id}/remind?sent=1`);
	}
};
