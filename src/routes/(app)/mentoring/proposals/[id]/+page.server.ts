import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as proposals from '$lib/server/mentoring/proposals';
import { answerSchema } from '$lib/server/mentoring/schemas';
import { failed, invalid, parseForm } from '$lib/server/forms';
import { actorOf } from '$lib/server/request';
import { idParam } from '../../ids';

export const load: PageServerLoad = ({ locals, params, url }) => ({
	proposal: proposals.view(actorOf(locals), idParam(params.id)),
	done: url.searchParams.get('done')
});

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const actor = actorOf(locals);
		const id = idParam(params.id);
		const form = parseForm(answerSchema, await request.formData());
		if (!form.ok) return failed(form);
		const result = proposals.answer(actor, id, form.data);
		if (!result.ok) return invalid({ form: result.message }, form.values);
		if (result.state === 'paired') redirect(303, `/mentoring/pairings/${result.pairingId}?done=paired`);
		if (result.state === 'declined') redirect(303, '/mentoring?done=declined');
		redirect(303, `/mentoring/proposals/${id}?done=accepted`);
	}
};
