import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as members from '$lib/server/network/members';
import { regions } from '$lib/server/network/authorities';
import { authorize } from '$lib/server/auth/policy';
import { actorOf, clientIp } from '$lib/server/request';
import { failed, invalid, parseForm } from '$lib/server/forms';
import { email } from '$lib/server/validation';

export const load: PageServerLoad = ({ locals }) => {
	const actor = actorOf(locals);
	authorize(actor, 'member.administer', {});
	const all = members.coordinators();
	return {
		regions: regions().map((r) => ({ id: r.id, name: r.name, coordinators: all.filter((c) => c.regionId === r.id) })),
		regionOptions: regions().map((r) => [r.id, r.name] as [string, string])
	};
};

const appointForm = z.object({ email, regionId: z.string({ error: 'Choose a region' }).min(1, 'Choose a region') });

export const actions: Actions = {
	default: async (event) => {
		const actor = actorOf(event.locals);
		const form = parseForm(appointForm, await event.request.formData());
		if (!form.ok) return failed(form);
		const result = members.appointCoordinator(actor, form.data.email, form.data.regionId, { ip: clientIp(event) });
		if (!result.ok) return invalid({ [result.field]: result.message }, form.values);
		return { appointed: form.data.email };
	}
};
