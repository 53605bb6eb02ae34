import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as templates from '$lib/server/induction/templates';
import { PHASE_TITLES } from '$lib/server/induction/words';
import { actorOf, clientIp } from '$lib/server/request';
import { failed, invalid, parseForm } from '$lib/server/forms';

export const load: PageServerLoad = ({ locals, url }) => ({ ...templates.overview(actorOf(locals)), phaseTitles: PHASE_TITLES, discarded: url.searchParams.get('done') === 'discarded', saved: url.searchParams.get('saved') });

const publishForm = z.object({ summary: z.string().optional().default('') });

export const actions: Actions = {
	publish: async (event) => {
		const form = parseForm(publishForm, await event.request.formData());
		if (!form.ok) return failed(form);
		const r = templates.publish(actorOf(event.locals), form.data.summary, { ip: clientIp(event) });
		return r.ok ? { published: r.version } : invalid(r.errors, form.values);
	},
	remove: async (event) => {
		const key = String((await event.request.formData()).get('key') ?? '');
		const r = templates.deleteStep(actorOf(event.locals), key, { ip: clientIp(event) });
		return r.ok ? { removed: true } : invalid(r.errors, {});
	}
};
