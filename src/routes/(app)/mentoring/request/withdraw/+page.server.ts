import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as requests from '$lib/server/mentoring/requests';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals }) => {
	const request = requests.current(actorOf(locals));
	if (!request) redirect(303, '/mentoring');
	return { status: request.status };
};

export const actions: Actions = {
	default: ({ locals }) => {
		const result = requests.withdraw(actorOf(locals));
		redirect(303, result.ok ? '/mentoring?done=withdrawn' : '/mentoring');
	}
};
