import { z } from 'zod';
import type { Actions } from './$types';
import * as accounts from '$lib/server/network/accounts';
import { failed, parseForm } from '$lib/server/forms';
import { email } from '$lib/server/validation';

export const actions: Actions = {
	default: async ({ request }) => {
		const form = parseForm(z.object({ email }), await request.formData());
		if (!form.ok) return failed(form);
		accounts.requestPasswordReset(form.data.email);
		return { sent: true, values: form.values };
	}
};
