import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as joinRequests from '$lib/server/network/join-requests';
import { authorityGroups } from '$lib/server/network/authorities';
import { failed, invalid, parseForm } from '$lib/server/forms';
import * as once from '$lib/server/once';
import { clientIp } from '$lib/server/request';
import { authorityId, email, optionalText, position, text } from '$lib/server/validation';

export const load: PageServerLoad = () => ({
	formToken: once.newToken(),
	authorityGroups: authorityGroups()
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
		const data = await event.request.formData();
		const form = parseForm(schema, data);
		if (!form.ok) return failed(form);
		// A repeated submit of the same form says "thank you" again and stores nothing new.
		const result = once.run(once.of(data, null, 'join-request'), () => joinRequests.submit(form.data, { ip: clientIp(event) }), () => '/join#sent');
		if (!result.ok) return invalid({ email: 'We have had several requests to join from your connection in the last hour. Wait an hour and send yours again.' }, form.values, 429);
		return { sent: true, values: form.values };
	}
};
