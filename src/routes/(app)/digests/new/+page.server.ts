import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as regional from '$lib/server/digests/regional';
import { actorOf } from '$lib/server/request';
import { failed, invalid, parseForm } from '$lib/server/forms';

export const load: PageServerLoad = ({ locals }) => {
	const actor = actorOf(locals);
	return { options: regional.startOptions(actor) };
};

const schema = z.object({ regionId: z.string({ error: 'Choose a region' }).trim().min(1, 'Choose a region').max(40, 'Choose a region from the list') });

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const actor = actorOf(locals);
		const form = parseForm(schema, await request.formData());
		if (!form.ok) return failed(form);
		const r = regional.create(actor, form.data.regionId === 'national' ? null : form.data.regionId);
		if (!r.ok) return invalid(r.errors, form.values);
		redirect(303, `/digests/${r.id}/edit`);
	}
};
