import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as coordination from '$lib/server/induction/coordination';
import { actorOf, clientIp } from '$lib/server/request';
import { failed, invalid, parseForm } from '$lib/server/forms';

function idOf(segment: string): number {
	if (!/^\d{1,9}$/.test(segment)) error(404, 'Page not found');
	return Number(segment);
}

export const load: PageServerLoad = ({ locals, params }) => coordination.nudgeForm(actorOf(locals), idOf(params.id));

const schema = z.object({ message: z.string().optional().default('') });

export const actions: Actions = {
	default: async (event) => {
		const actor = actorOf(event.locals);
		const form = parseForm(schema, await event.request.formData());
		if (!form.ok) return failed(form);
		const r = coordination.nudge(actor, idOf(event.params.id), form.data.message, { ip: clientIp(event) });
		if (!r.ok) return invalid(r.errors, form.values);
		redirect(303, `/induction/region?sent=${encodeURIComponent(r.name)}`);
	}
};
