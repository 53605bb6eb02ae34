import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as joinRequests from '$lib/server/network/join-requests';
import { authorities, regions } from '$lib/server/network/authorities';
import { failed, invalid, parseForm } from '$lib/server/forms';
import { clientIp } from '$lib/server/request';
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
	default: async (event) => {
		const form = parseForm(schema, await event.request.formData());
		if (!form.ok) return failed(form);
		const result = joinRequests.submit(form.data, { ip: clientIp(event) });
		if (!result.ok) return invalid({ email: 'We have had several requests to join from your connection in the last hour. Wait an hour and send yours again.' }, form.values, 429);
		return { sent: true, values: form.values };
	}
};
