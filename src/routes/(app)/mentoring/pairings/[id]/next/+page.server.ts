import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as pairings from '$lib/server/mentoring/pairings';
import * as meetings from '$lib/server/mentoring/meetings';
import { bookingSchema } from '$lib/server/mentoring/schemas';
import { failed, invalid, parseForm } from '$lib/server/forms';
import { actorOf } from '$lib/server/request';
import { isoDate, londonParts } from '$lib/time';
import { idParam } from '../../../ids';

const hhmm = (ms: number) => {
	const t = londonParts(ms);
	return `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
};

export const load: PageServerLoad = ({ locals, params }) => {
	const now = Date.now();
	const p = pairings.page(actorOf(locals), idParam(params.id), now);
	if (!p.private) error(404, 'Page not found');
	if (p.status !== 'active') redirect(303, `/mentoring/pairings/${p.id}`);
	const b = p.private.booking && !p.private.booking.past ? p.private.booking : null;
	return {
		pairing: { id: p.id, mentor: p.mentor.name, mentee: p.mentee.name, endsOn: p.endsOn },
		changing: !!b,
		today: isoDate(now),
		defaults: b
			? { date: isoDate(b.startsAt), time: hhmm(b.startsAt), durationMinutes: String(Math.round((b.endsAt - b.startsAt) / 60_000)), mode: b.mode, location: b.location }
			: { date: '', time: '', durationMinutes: '60', mode: '', location: '' }
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const id = idParam(params.id);
		const form = parseForm(bookingSchema, await request.formData());
		if (!form.ok) return failed(form);
		const r = meetings.book(actorOf(locals), id, form.data);
		if (!r.ok) return invalid({ [r.field ?? 'form']: r.message }, form.values);
		redirect(303, `/mentoring/pairings/${id}?done=${r.unchanged ? 'unchanged' : r.changed ? 'changed' : 'booked'}`);
	}
};
