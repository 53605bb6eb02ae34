import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as meetings from '$lib/server/mentoring/meetings';
import { meetingEditSchema } from '$lib/server/mentoring/schemas';
import { failed, invalid, parseForm } from '$lib/server/forms';
import { actorOf } from '$lib/server/request';
import { isoDate } from '$lib/time';
import { idParam } from '../../../../../ids';

export const load: PageServerLoad = ({ locals, params }) => {
	const id = idParam(params.id);
	const { pairing: p, meeting: m } = meetings.forEdit(actorOf(locals), id, idParam(params.meetingId));
	if (p.status !== 'active') redirect(303, `/mentoring/pairings/${id}`);
	return {
		pairing: { id, startsOn: p.startsOn },
		meeting: m,
		today: isoDate(Date.now()),
		defaults: { heldOn: m.heldOn, durationMinutes: String(m.durationMinutes), mode: m.mode, notes: m.notes }
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const id = idParam(params.id);
		const form = parseForm(meetingEditSchema, await request.formData());
		if (!form.ok) return failed(form);
		const r = meetings.update(actorOf(locals), id, idParam(params.meetingId), form.data);
		if (!r.ok) return invalid({ [r.field ?? 'form']: r.message }, form.values);
		redirect(303, `/mentoring/pairings/${id}?done=${r.changed ? 'meeting-changed' : 'meeting-unchanged'}`);
	}
};
