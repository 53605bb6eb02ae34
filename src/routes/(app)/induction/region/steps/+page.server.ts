import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as regionSteps from '$lib/server/induction/region-steps';
import { regionFor } from '$lib/server/induction/coordination';
import { PHASE_CHOICES } from '$lib/server/induction/words';
import { actorOf, clientIp } from '$lib/server/request';
import { failed, invalid, parseForm } from '$lib/server/forms';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const regionId = regionFor(actor, url.searchParams.get('region'));
	// An admin looking after another region keeps it in the forms' and links' addresses.
	const regionQuery = url.searchParams.has('region') ? `region=${encodeURIComponent(regionId)}` : '';
	return { ...regionSteps.list(actor, regionId), phases: PHASE_CHOICES, regionQuery, removed: url.searchParams.get('removed') === '1' };
};

const addForm = z.object({ phase: z.string().optional().default(''), title: z.string().optional().default(''), body: z.string().optional().default('') });

export const actions: Actions = {
	add: async (event) => {
		const actor = actorOf(event.locals);
		const regionId = regionFor(actor, event.url.searchParams.get('region'));
		const form = parseForm(addForm, await event.request.formData());
		if (!form.ok) return failed(form);
		const r = regionSteps.add(actor, regionId, form.data, { ip: clientIp(event) });
		return r.ok ? { added: form.data.title.trim() } : invalid(r.errors, form.values);
	}
};
