import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as paths from '$lib/server/induction/paths';
import { actorOf } from '$lib/server/request';
import { failed, invalid, parseForm } from '$lib/server/forms';

export const load: PageServerLoad = ({ locals, params }) => {
	const { step, page } = paths.step(actorOf(locals), params.key);
	return { step, version: page.version };
};

const tickForm = z.object({ note: z.string().optional().default('') });
const notRelevantForm = z.object({ reason: z.string().optional().default('') });

export const actions: Actions = {
	tick: async ({ locals, params, request }) => {
		const actor = actorOf(locals);
		const form = parseForm(tickForm, await request.formData());
		if (!form.ok) return failed(form);
		const r = paths.tick(actor, actor.id, params.key, form.data.note);
		if (!r.ok) return invalid(r.errors, form.values);
		redirect(303, `/induction#step-${encodeURIComponent(params.key)}`);
	},
	notRelevant: async ({ locals, params, request }) => {
		const actor = actorOf(locals);
		const form = parseForm(notRelevantForm, await request.formData());
		if (!form.ok) return failed(form);
		const r = paths.notRelevant(actor, actor.id, params.key, form.data.reason);
		if (!r.ok) return invalid(r.errors, form.values);
		redirect(303, `/induction#step-${encodeURIComponent(params.key)}`);
	},
	reopen: ({ locals, params }) => {
		const actor = actorOf(locals);
		paths.reopen(actor, actor.id, params.key);
		redirect(303, `/induction/steps/${encodeURIComponent(params.key)}`);
	}
};
