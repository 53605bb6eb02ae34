import type { Actions, PageServerLoad } from './$types';
import * as sharing from '$lib/server/training/sharing';
import { sharingForm } from '$lib/server/training/forms';
import { actorOf } from '$lib/server/request';
import { failed, invalid, parseForm } from '$lib/server/forms';

export const load: PageServerLoad = ({ locals }) => ({ status: sharing.status(actorOf(locals)) });

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const actor = actorOf(locals);
		const form = parseForm(sharingForm, await request.formData());
		if (!form.ok) return failed(form);
		const r = sharing.setShared(actor, form.data.share === 'yes');
		if (!r.ok) return invalid(r.errors, form.values);
		return { saved: form.data.share };
	}
};
