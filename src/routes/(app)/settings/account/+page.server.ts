import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as accounts from '$lib/server/network/accounts';
import { actorOf, clientIp } from '$lib/server/request';
import { failed, invalid, parseForm } from '$lib/server/forms';
import { email } from '$lib/server/validation';

export const load: PageServerLoad = ({ locals }) => {
	actorOf(locals);
	return { email: locals.user!.email };
};

const secret = (message: string) => z.string({ error: message }).min(1, message).max(1024, message);

const emailForm = z.object({
	newEmail: email,
	emailPassword: secret('Enter your password')
});

const passwordForm = z.object({
	currentPassword: secret('Enter your current password'),
	password: z.string().max(4096).optional().default(''),
	confirm: z.string().max(4096).optional().default('')
});

export const actions: Actions = {
	email: async (event) => {
		const actor = actorOf(event.locals);
		const form = parseForm(emailForm, await event.request.formData());
		if (!form.ok) return failed(form);
		const result = await accounts.requestEmailChange(actor.id, form.data.emailPassword, form.data.newEmail);
		if (!result.ok) return invalid({ [result.field === 'email' ? 'newEmail' : 'emailPassword']: result.message }, form.values);
		return { emailSent: form.data.newEmail };
	},
	password: async (event) => {
		const actor = actorOf(event.locals);
		const form = parseForm(passwordForm, await event.request.formData());
		if (!form.ok) return failed(form);
		const { currentPassword, password, confirm } = form.data;
		if (password === '') return invalid({ password: 'Enter a new password' }, form.values);
		if (password !== confirm) return invalid({ confirm: 'Enter the same new password twice' }, form.values);
		const result = await accounts.changePassword(actor.id, event.locals.session!.id, currentPassword, password, { ip: clientIp(event) });
		if (!result.ok) return invalid({ [result.field === 'current' ? 'currentPassword' : 'password']: result.message }, form.values);
		return { passwordChanged: true };
	}
};
