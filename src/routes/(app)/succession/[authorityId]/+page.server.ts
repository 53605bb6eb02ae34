import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as checklists from '$lib/server/succession/checklists';
import * as forms from '$lib/server/succession/forms';
import { parseForm } from '$lib/server/forms';
import { actorOf, clientIp } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const actor = actorOf(locals);
	const view = checklists.view(actor, checklists.parseId(params.authorityId));
	return { ...view, saved: url.searchParams.get('saved') };
};

export const actions: Actions = {
	/** The quick status change beside each item. */
	status: async (event) => {
		const actor = actorOf(event.locals);
		const id = checklists.parseId(event.params.authorityId);
		const form = parseForm(forms.statusForm, await event.request.formData());
		if (!form.ok) return fail(400, { action: 'status', errors: { form: Object.values(form.errors)[0] }, values: form.values, conflict: null, key: null });
		const result = checklists.updateItem(actor, id, form.data.key, form.data.version, { status: form.data.status }, { ip: clientIp(event) });
		const message = result.ok ? '' : result.errors.naReason ? 'To mark an item not applicable, open it and say why it does not apply, in at least a sentence.' : Object.values(result.errors)[0];
		if (!result.ok) return fail(result.conflict ? 409 : 400, { action: 'status', errors: { form: message }, values: form.values, conflict: result.conflict ?? null, key: form.data.key });
		redirect(303, `/succession/${id}?saved=${encodeURIComponent(form.data.key)}#item-${form.data.key}`);
	},
	/** The next election date. */
	election: async (event) => {
		const actor = actorOf(event.locals);
		const id = checklists.parseId(event.params.authorityId);
		const form = parseForm(forms.electionForm, await event.request.formData());
		if (!form.ok) return fail(400, { action: 'election', errors: form.errors, values: form.values, conflict: null, key: null });
		const result = checklists.setElection(actor, id, form.data.electionDate, { ip: clientIp(event) });
		if (!result.ok) return fail(400, { action: 'election', errors: result.errors, values: form.values, conflict: null, key: null });
		redirect(303, `/succession/${id}?saved=election`);
	}
};
