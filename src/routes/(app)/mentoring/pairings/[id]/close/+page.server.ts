import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as pairings from '$lib/server/mentoring/pairings';
import { closeSchema, feedbackSchema } from '$lib/server/mentoring/schemas';
import { failed, invalid, parseForm } from '$lib/server/forms';
import { actorOf } from '$lib/server/request';
import { idParam } from '../../../ids';

export const load: PageServerLoad = ({ locals, params }) => {
	const p = pairings.page(actorOf(locals), idParam(params.id));
	const mode = p.canClose ? 'close' : p.private?.feedbackWanted ? 'feedback' : null;
	if (!mode) {
		if (p.status === 'active') error(404, 'Page not found');
		redirect(303, `/mentoring/pairings/${p.id}`);
	}
	return { mode, inPair: !!p.private, pairing: { id: p.id, mentor: p.mentor.name, mentee: p.mentee.name, other: p.mySide === 'mentor' ? p.mentee.name : p.mentor.name } };
};

export const actions: Actions = {
	close: async ({ locals, params, request }) => {
		const id = idParam(params.id);
		const form = parseForm(closeSchema, await request.formData());
		if (!form.ok) return failed(form);
		const r = pairings.close(actorOf(locals), id, form.data);
		if (!r.ok) return invalid({ [r.field ?? 'form']: r.message }, form.values);
		redirect(303, `/mentoring/pairings/${id}?done=closed`);
	},
	feedback: async ({ locals, params, request }) => {
		const id = idParam(params.id);
		const form = parseForm(feedbackSchema, await request.formData());
		if (!form.ok) return failed(form);
		const r = pairings.giveFeedback(actorOf(locals), id, form.data);
		if (!r.ok) return invalid({ form: r.message }, form.values);
		redirect(303, `/mentoring/pairings/${id}?done=feedback`);
	}
};
