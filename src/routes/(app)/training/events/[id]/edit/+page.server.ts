import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as events from '$lib/server/training/events';
import { eventForm, idParam } from '$lib/server/training/forms';
import { actorOf, clientIp } from '$lib/server/request';
import { failed, invalid, parseForm } from '$lib/server/forms';

function id(raw: string): number {
	const n = idParam(raw);
	if (n == null) error(404, 'Page not found');
	return n;
}

export const load: PageServerLoad = ({ locals, params }) => events.forEdit(actorOf(locals), id(params.id));

export const actions: Actions = {
	default: async (event) => {
		const actor = actorOf(event.locals);
		const eventId = id(event.params.id);
		const form = parseForm(eventForm, await event.request.formData(), { arrays: ['topics'] });
		if (!form.ok) return failed(form);
		const saved = events.update(actor, eventId, form.data, Date.now(), { ipAddress: clientIp(event) });
		if (!saved.ok) return invalid(saved.errors, form.values);
		redirect(303, `/training/events/${eventId}?saved=changed`);
	}
};
