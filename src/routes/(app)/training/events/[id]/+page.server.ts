import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as events from '$lib/server/training/events';
import { idParam } from '$lib/server/training/forms';
import { actorOf } from '$lib/server/request';

function id(raw: string): number {
	const n = idParam(raw);
	if (n == null) error(404, 'Page not found');
	return n;
}

export const load: PageServerLoad = ({ locals, params, url }) => {
	const actor = actorOf(locals);
	return { ...events.get(actor, id(params.id)), now: Date.now(), saved: url.searchParams.get('saved') ?? null };
};

export const actions: Actions = {
	going: ({ locals, params }) => {
		const r = events.setGoing(actorOf(locals), id(params.id), true);
		if (!r.ok) return fail(400, { message: r.message });
		return { going: true };
	},
	notGoing: ({ locals, params }) => {
		events.setGoing(actorOf(locals), id(params.id), false);
		return { going: false };
	},
	addToLog: ({ locals, params }) => {
		const r = events.addToLog(actorOf(locals), id(params.id));
		if (!r.ok) return fail(400, { message: r.message });
		redirect(303, r.created ? `/training/entries/${r.entry.id}/edit?from=event` : `/training/entries/${r.entry.id}`);
	}
};
