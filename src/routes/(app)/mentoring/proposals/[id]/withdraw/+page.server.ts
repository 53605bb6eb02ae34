import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as proposals from '$lib/server/mentoring/proposals';
import * as coordination from '$lib/server/mentoring/coordination';
import { invalid } from '$lib/server/forms';
import { actorOf } from '$lib/server/request';
import { idParam } from '../../../ids';

export const load: PageServerLoad = ({ locals, params }) => {
	const p = proposals.view(actorOf(locals), idParam(params.id));
	if (p.mySide || p.status !== 'awaiting') redirect(303, `/mentoring/proposals/${p.id}`);
	return { proposal: { id: p.id, mentor: p.mentor.name, mentee: p.mentee.name } };
};

export const actions: Actions = {
	default: ({ locals, params }) => {
		const result = coordination.withdrawProposal(actorOf(locals), idParam(params.id));
		if (!result.ok) return invalid({ form: result.message }, {});
		redirect(303, '/mentoring/coordinate?done=withdrawn');
	}
};
