import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as requests from '$lib/server/mentoring/requests';
import { requestSchema } from '$lib/server/mentoring/schemas';
import { failed, invalid, parseForm } from '$lib/server/forms';
import { actorOf } from '$lib/server/request';
import * as once from '$lib/server/once';

// From a new member's first 100 days (?from=first-100-days), a first request starts from their profile.
export const load: PageServerLoad = ({ locals, url }) => ({ ...requests.formContext(actorOf(locals), { fromProfile: url.searchParams.get('from') === 'first-100-days' }), formToken: once.newToken() });

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const actor = actorOf(locals);
		const data = await request.formData();
		const form = parseForm(requestSchema, data, { arrays: ['focusTopics', 'meetingModes'] });
		if (!form.ok) return failed(form);
		const saved = once.run(once.of(data, actor.id, 'mentor-request'), () => requests.submit(actor, form.data), () => '/mentoring?done=requested');
		if (!saved.ok) return invalid({ form: saved.message }, form.values);
		redirect(303, saved.href);
	}
};
