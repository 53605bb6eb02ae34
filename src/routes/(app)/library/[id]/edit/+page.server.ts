import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as library from '$lib/server/library/entries';
import { entrySchema } from '$lib/server/library/input';
import { failed, parseForm } from '$lib/server/forms';
import { actorOf, clientIp } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	return { ...library.forEdit(actor, Number(params.id)), options: library.options(actor) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = actorOf(event.locals);
		const id = Number(event.params.id);
		const form = parseForm(entrySchema, await event.request.formData(), { arrays: ['topics'] });
		if (!form.ok) return failed(form);
		const result = library.update(actor, id, form.data, { ip: clientIp(event) });
		if (!result.ok) return fail(400, { errors: result.errors, values: form.values });
		redirect(303, `/library/${id}?edited=1`);
	}
};
