import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as joinRequests from '$lib/server/network/join-requests';
import { authorities, regions } from '$lib/server/network/authorities';
import { failed, parseForm } from '$lib/server/forms';
import { authorityId, email, optionalText, position, text } from '$lib/server/validation';

export const load: PageServerLoad = () => ({
	authorityGroups: regions().map((r) => ({ label: r.name, options: authorities().filter((a) => a.regionId === r.id).map((a) => [a.id, a.name] as const) }))
});

const schema = z.object({
	name: text('your full name'),
	email,
	authorityId,
	position,
	message: optionalText('a message', 2000)
});

export const actions: Actions = {
	default: async ({ request }) => {
		const form = parseForm(schema, await request.formData());
		if (!form.ok) return failed(form);
		joinRequests.submit(form.data);
		return { sent: true, values: form.values };
	}
};
