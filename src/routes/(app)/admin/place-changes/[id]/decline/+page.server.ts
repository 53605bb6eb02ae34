import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as placeChanges from '$lib/server/trust/place-changes';
import { actorOf, clientIp } from '$lib/server/request';
import { failed, invalid, parseForm } from '$lib/server/forms';
import { text } from '$lib/server/validation';

function idOf(raw: string): number {
	const id = Number(raw);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, 'Page not found');
	return id;
}

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	const r = placeChanges.forDecision(actor, idOf(params.id));
	if (!r) error(404, 'Page not found');
	return { request: { id: r.id, memberName: r.memberName, changes: r.changes } };
};

const schema = z.object({ reason: text('the reason', { min: 10, max: 1000 }) });

export const actions: Actions = {
	default: async (event) => {
		const actor = actorOf(event.locals);
		const id = idOf(event.params.id);
		if (!placeChanges.forDecision(actor, id)) redirect(303, '/admin/place-changes?taken=1');
		const form = parseForm(schema, await event.request.formData());
		if (!form.ok) return failed(form);
		const result = placeChanges.decline(actor, id, form.data.reason, { ip: clientIp(event) });
		if (!result.ok && result.field) return invalid({ [result.field]: result.message }, form.values);
		redirect(303, result.ok ? '/admin/place-changes?declined=1' : '/admin/place-changes?taken=1');
	}
};
