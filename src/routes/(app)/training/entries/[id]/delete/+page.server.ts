import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as entries from '$lib/server/training/entries';
import { idParam } from '$lib/server/training/forms';
import { actorOf } from '$lib/server/request';

function id(raw: string): number {
	const n = idParam(raw);
	if (n == null) error(404, 'Page not found');
	return n;
}

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	const e = entries.forEdit(actor, id(params.id));
	return { id: e.id, title: e.title, startDate: e.startDate, endDate: e.endDate };
};

export const actions: Actions = {
	default: ({ locals, params }) => {
		const actor = actorOf(locals);
		entries.remove(actor, id(params.id));
		redirect(303, '/training?deleted=1');
	}
};
