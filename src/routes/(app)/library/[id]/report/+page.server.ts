import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as library from '$lib/server/library/entries';
import { REPORT_REASONS, reportSchema } from '$lib/server/library/input';
import { parseForm, failed, invalid } from '$lib/server/forms';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params }) => ({ entry: library.forReport(actorOf(locals), Number(params.id)), reasons: REPORT_REASONS.map(([v, l]) => [v, l] as [string, string]) });

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const form = parseForm(reportSchema, await request.formData());
		if (!form.ok) return failed(form);
		const r = library.report(actorOf(locals), Number(params.id), form.data);
		if (!r.ok) return invalid(r.errors, form.values);
		redirect(303, `/library/${params.id}?reported=1`);
	}
};
