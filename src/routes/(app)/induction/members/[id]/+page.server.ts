import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as paths from '$lib/server/induction/paths';
import { actorOf, clientIp } from '$lib/server/request';

function idOf(segment: string): number {
	if (!/^\d{1,9}$/.test(segment)) error(404, 'Page not found');
	return Number(segment);
}

export const load: PageServerLoad = ({ locals, params }) => ({ path: paths.ofMember(actorOf(locals), idOf(params.id)) });

export const actions: Actions = {
	/** A coordinator marks the member as new (or takes the mark off). */
	markNew: async (event) => {
		const on = (await event.request.formData()).get('on') === 'yes';
		paths.markNew(actorOf(event.locals), idOf(event.params.id), on, { ip: clientIp(event) });
		return { marked: on };
	}
};
