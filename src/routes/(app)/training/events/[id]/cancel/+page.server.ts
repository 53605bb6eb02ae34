import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as events from '$lib/server/training/events';
import { idParam } from '$lib/server/training/forms';
import { actorOf, clientIp } from '$lib/server/request';

function id(raw: string): number {
	const n = idParam(raw);
	if (n == null) error(404, 'Page not found');
	return n;
}

export const load: PageServerLoad = ({ locals, params }) => {
	const e = events.forEdit(actorOf(locals), id(params.id));
	if (e.cancelled) redirect(303, `/training/events/${e.id}`);
	return { id: e.id, title: e.title };
};

export const actions: Actions = {
	default: (event) => {
		const eventId = id(event.params.id);
		events.cancel(actorOf(event.locals), eventId, Date.now(), { ipAddress: clientIp(event) });
		redirect(303, `/training/events/${eventId}`);
	}
};
