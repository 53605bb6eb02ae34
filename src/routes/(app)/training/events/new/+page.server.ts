import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as events from '$lib/server/training/events';
import { eventForm } from '$lib/server/training/forms';
import { actorOf, clientIp } from '$lib/server/request';
import * as once from '$lib/server/once';
import { failed, invalid, parseForm } from '$lib/server/forms';

export const load: PageServerLoad = ({ locals }) => {
	const actor = actorOf(locals);
	const regions = events.publishRegions(actor);
	if (regions.length === 0) error(403, 'Only coordinators and admins can publish events');
	return { regions, formToken: once.newToken(), initial: { region: regions.length === 1 ? regions[0][0] : '', startTime: '10:00', endTime: '13:00' } as Record<string, string> };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = actorOf(event.locals);
		const data = await event.request.formData();
		const form = parseForm(eventForm, data, { arrays: ['topics'] });
		if (!form.ok) return failed(form);
		const saved = once.run(
			once.of(data, actor.id, 'event'),
			() => events.create(actor, form.data, Date.now(), { ipAddress: clientIp(event) }),
			(made) => `/training/events/${made.id}?saved=published`
		);
		if (!saved.ok) return invalid(saved.errors, form.values);
		redirect(303, saved.href);
	}
};
