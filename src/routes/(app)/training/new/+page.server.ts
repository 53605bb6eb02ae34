import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as entries from '$lib/server/training/entries';
import * as fromLibrary from '$lib/server/training/library';
import { entryForm } from '$lib/server/training/forms';
import { actorOf } from '$lib/server/request';
import * as once from '$lib/server/once';
import { failed, invalid, parseForm } from '$lib/server/forms';
import { TOPICS, TRAINING_KINDS, values } from '$lib/vocab';

const topicSet = new Set<string>(values(TOPICS));
const kindSet = new Set<string>(values(TRAINING_KINDS));

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	// "Add to my training log" on a library document starts the form from it, for the member to confirm.
	const library = /^\d{1,9}$/.test(url.searchParams.get('library') ?? '') ? fromLibrary.prefill(actor, Number(url.searchParams.get('library')), entries.today()) : null;
	if (library) return { formToken: once.newToken(), initial: library.values, document: library.document };
	// A link from the gaps page can start the form with a topic ticked (or a kind chosen).
	const topic = url.searchParams.get('topic') ?? '';
	const kind = url.searchParams.get('kind') ?? '';
	return {
		document: null,
		formToken: once.newToken(),
		initial: {
			startDate: entries.today(),
			topics: topicSet.has(topic) ? [topic] : [],
			kind: kindSet.has(kind) ? kind : ''
		} as Record<string, string | string[]>
	};
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const actor = actorOf(locals);
		const data = await request.formData();
		const form = parseForm(entryForm, data, { arrays: ['topics'] });
		if (!form.ok) return failed(form);
		const saved = once.run(
			once.of(data, actor.id, 'training-entry'),
			() => entries.addEntry(actor, form.data),
			(made) => `/training?added=${made.entry.id}`
		);
		if (!saved.ok) return invalid(saved.errors, form.values);
		redirect(303, saved.href);
	}
};
