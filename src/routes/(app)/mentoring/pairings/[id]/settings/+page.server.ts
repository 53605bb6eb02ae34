import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as pairings from '$lib/server/mentoring/pairings';
import { settingsSchema } from '$lib/server/mentoring/schemas';
import { failed, invalid, parseForm } from '$lib/server/forms';
import { actorOf } from '$lib/server/request';
import { idParam } from '../../../ids';

export const load: PageServerLoad = ({ locals, params }) => {
	const p = pairings.page(actorOf(locals), idParam(params.id));
	if (!p.private) error(404, 'Page not found');
	if (p.status !== 'active') redirect(303, `/mentoring/pairings/${p.id}`);
	return { pairing: { id: p.id, mentor: p.mentor.name, mentee: p.mentee.name, startsOn: p.startsOn }, defaults: { rhythmWeeks: String(p.rhythmWeeks), endsOn: p.endsOn } };
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const id = idParam(params.id);
		const form = parseForm(settingsSchema, await request.formData());
		if (!form.ok) return failed(form);
		const r = pairings.updateSettings(actorOf(locals), id, form.data);
		if (!r.ok) return invalid({ [r.field ?? 'form']: r.message }, form.values);
		redirect(303, `/mentoring/pairings/${id}?done=settings`);
	}
};
