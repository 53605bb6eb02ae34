import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as templates from '$lib/server/succession/templates';
import * as forms from '$lib/server/succession/forms';
import { parseForm } from '$lib/server/forms';
import { actorOf, clientIp } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, url }) => ({ ...templates.overview(actorOf(locals)), done: url.searchParams.get('done') });

export const actions: Actions = {
	move: async ({ locals, request }) => {
		const form = parseForm(forms.moveForm, await request.formData());
		if (!form.ok) return fail(400, { action: 'move', errors: { form: 'Choose an item or section to move' }, values: form.values });
		const result = templates.move(actorOf(locals), form.data.kind, form.data.key, form.data.direction);
		if (!result.ok) return fail(400, { action: 'move', errors: result.errors, values: form.values });
		return { action: 'move', moved: form.data.key };
	},
	publish: async (event) => {
		const form = parseForm(forms.publishForm, await event.request.formData());
		if (!form.ok) return fail(400, { action: 'publish', errors: form.errors, values: form.values });
		const result = templates.publish(actorOf(event.locals), form.data.summary, { ip: clientIp(event) });
		if (!result.ok) return fail(400, { action: 'publish', errors: result.errors, values: form.values });
		return { action: 'publish', published: result.version };
	}
};
