import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as mailAdmin from '$lib/server/mail/admin';
import { actorOf, clientIp } from '$lib/server/request';

export const load: PageServerLoad = ({ locals }) => {
	const actor = actorOf(locals);
	return mailAdmin.overview(actor);
};

const idForm = z.object({ id: z.coerce.number().int().positive() });

export const actions: Actions = {
	retry: async (event) => {
		const actor = actorOf(event.locals);
		const parsed = idForm.safeParse(Object.fromEntries(await event.request.formData()));
		const ok = parsed.success && mailAdmin.retry(actor, parsed.data.id, { ip: clientIp(event) });
		return ok ? { retried: 1 } : { problem: 'That message is no longer waiting for a retry. The list has been brought up to date.' };
	},
	retryAll: (event) => {
		const actor = actorOf(event.locals);
		return { retried: mailAdmin.retryAll(actor, { ip: clientIp(event) }) };
	}
};
