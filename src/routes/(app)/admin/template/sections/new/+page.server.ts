import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as templates from '$lib/server/succession/templates';
import * as forms from '$lib/server/succession/forms';
import { parseForm } from '$lib/server/forms';
import { actorOf, clientIp } from '$lib/server/request';

export const load: PageServerLoad = ({ locals }) => {
	const e = templates.editable(actorOf(locals));
	return { version: e.isDraft ? e.template.version : e.template.version + 1 };
};

export const actions: Actions = {
	default: async (event) => {
		const form = parseForm(forms.sectionForm, await event.request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		const result = templates.saveSection(actorOf(event.locals), null, form.data, { ip: clientIp(event) });
		if (!result.ok) return fail(400, { errors: result.errors, values: form.values });
		redirect(303, '/admin/template?done=section-saved');
	}
};
