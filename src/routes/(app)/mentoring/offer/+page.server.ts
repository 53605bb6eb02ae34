import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as offers from '$lib/server/mentoring/offers';
import { offerSchema } from '$lib/server/mentoring/schemas';
import { failed, parseForm } from '$lib/server/forms';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals }) => {
	const actor = actorOf(locals);
	const offer = offers.mine(actor);
	return { defaults: offers.formDefaults(actor), existing: offer ? { load: offer.load } : null };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const actor = actorOf(locals);
		const form = parseForm(offerSchema, await request.formData(), { arrays: ['expertise', 'meetingModes'] });
		if (!form.ok) return failed(form);
		offers.save(actor, form.data);
		redirect(303, '/mentoring?done=offer');
	}
};
