import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as regional from '$lib/server/digests/regional';
import { actorOf } from '$lib/server/request';
import * as once from '$lib/server/once';
import { failed, invalid, parseForm } from '$lib/server/forms';

export const load: PageServerLoad = ({ locals }) => {
	const actor = actorOf(locals);
	return { options: regional.startOptions(actor), formToken: once.newToken() };
};

const schema = z.object({ regionId: z.string({ error: 'Choose a region' }).trim().min(1, 'Choose a region').max(40, 'Choose a region from the list') });

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const actor = actorOf(locals);
		const data = await request.formData();
		const form = parseForm(schema, data);
		if (!form.ok) return failed(form);
		const r = once.run(
			once.of(data, actor.id, 'regional-digest'),
			() => regional.create(actor, form.data.regionId === 'national' ? null : form.data.regionId),
			(made) => `/digests/${made.id}/edit`
		);
		if (!r.ok) return invalid(r.errors, form.values);
		redirect(303, r.href);
	}
};
