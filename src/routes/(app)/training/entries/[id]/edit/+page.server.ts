import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as entries from '$lib/server/training/entries';
import { entryForm, idParam } from '$lib/server/training/forms';
import { actorOf } from '$lib/server/request';
import { failed, invalid, parseForm } from '$lib/server/forms';

function id(raw: string): number {
	const n = idParam(raw);
	if (n == null) error(404, 'Page not found');
	return n;
}

export const load: PageServerLoad = ({ locals, params, url }) => {
	const actor = actorOf(locals);
	const entry = entries.forEdit(actor, id(params.id));
	return { id: entry.id, title: entry.title, initial: entries.formValues(entry), fromEvent: url.searchParams.get('from') === 'event' };
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const actor = actorOf(locals);
		const entryId = id(params.id);
		const form = parseForm(entryForm, await request.formData(), { arrays: ['topics'] });
		if (!form.ok) return failed(form);
		const saved = entries.update(actor, entryId, form.data);
		if (!saved.ok) return invalid(saved.errors, form.values);
		redirect(303, `/training/entries/${entryId}?saved=1`);
	}
};
