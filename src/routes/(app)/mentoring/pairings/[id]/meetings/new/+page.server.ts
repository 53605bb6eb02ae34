import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as pairings from '$lib/server/mentoring/pairings';
import * as meetings from '$lib/server/mentoring/meetings';
import { ACTION_ROWS, meetingSchema } from '$lib/server/mentoring/schemas';
import { failed, invalid, parseForm } from '$lib/server/forms';
import { actorOf } from '$lib/server/request';
import * as once from '$lib/server/once';
import { isoDate } from '$lib/time';
import { idParam } from '../../../../ids';

export const load: PageServerLoad = ({ locals, params }) => {
	const now = Date.now();
	const p = pairings.page(actorOf(locals), idParam(params.id), now);
	if (!p.private) error(404, 'Page not found');
	if (p.status !== 'active') redirect(303, `/mentoring/pairings/${p.id}`);
	const booking = p.private.booking;
	return {
		pairing: { id: p.id, mentor: p.mentor.name, mentee: p.mentee.name, startsOn: p.startsOn },
		openActions: p.private.actions.filter((a) => a.status === 'open'),
		actionRows: ACTION_ROWS,
		today: isoDate(now),
		formToken: once.newToken(),
		defaults: {
			heldOn: booking?.past ? isoDate(booking.startsAt) : isoDate(now),
			durationMinutes: booking?.past ? String(Math.round((booking.endsAt - booking.startsAt) / 60_000)) : '60',
			mode: booking?.past ? booking.mode : '',
			addToTrainingLog: 'yes'
		}
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const id = idParam(params.id);
		const actor = actorOf(locals);
		const data = await request.formData();
		const form = parseForm(meetingSchema, data, { arrays: ['done'] });
		if (!form.ok) return failed(form);
		const r = once.run(
			once.of(data, actor.id, 'meeting'),
			() => meetings.log(actor, id, form.data),
			(made) => `/mentoring/pairings/${id}?done=${made.addedToTrainingLog ? 'logged-training' : 'logged'}`
		);
		if (!r.ok) return invalid({ [r.field ?? 'form']: r.message }, form.values);
		redirect(303, r.href);
	}
};
