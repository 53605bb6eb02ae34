import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as meetings from '$lib/server/mentoring/meetings';
import { actorOf } from '$lib/server/request';
import { idParam } from '../../../../../ids';

export const load: PageServerLoad = ({ locals, params }) => {
	const id = idParam(params.id);
	const { pairing: p, meeting: m } = meetings.forEdit(actorOf(locals), id, idParam(params.meetingId));
	if (p.status !== 'active') redirect(303, `/mentoring/pairings/${id}`);
	return { pairingId: id, meeting: { heldOn: m.heldOn } };
};

export const actions: Actions = {
	default: ({ locals, params }) => {
		const id = idParam(params.id);
		const r = meetings.remove(actorOf(locals), id, idParam(params.meetingId));
		redirect(303, `/mentoring/pairings/${id}${r.ok ? '?done=meeting-deleted' : ''}`);
	}
};
