import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as pairings from '$lib/server/mentoring/pairings';
import * as meetings from '$lib/server/mentoring/meetings';
import { actorOf } from '$lib/server/request';
import { idParam } from '../../../../ids';

export const load: PageServerLoad = ({ locals, params }) => {
	const p = pairings.page(actorOf(locals), idParam(params.id));
	if (!p.private) error(404, 'Page not found');
	const b = p.private.booking;
	if (!b || b.past) redirect(303, `/mentoring/pairings/${p.id}`);
	return { pairing: { id: p.id, mentor: p.mentor.name, mentee: p.mentee.name }, startsAt: b.startsAt };
};

export const actions: Actions = {
	default: ({ locals, params }) => {
		const id = idParam(params.id);
		const r = meetings.cancel(actorOf(locals), id);
		redirect(303, `/mentoring/pairings/${id}${r.ok ? '?done=cancelled' : ''}`);
	}
};
