import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as requests from '$lib/server/mentoring/requests';
import { requestSchema } from '$lib/server/mentoring/schemas';
import { failed, invalid, parseForm } from '$lib/server/forms';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals }) => requests.formContext(actorOf(locals));

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const actor = actorOf(locals);
		const form = parseForm(requestSchema, await request.formData(), { arrays: ['focusTopics', 'meetingModes'] });
		if (!form.ok) return failed(form);
		const saved = requests.submit(actor, form.data);
		if (!saved.ok) return invalid({ form: saved.message }, form.values);
		redirect(303, '/mentoring?done=requested');
	}
};
