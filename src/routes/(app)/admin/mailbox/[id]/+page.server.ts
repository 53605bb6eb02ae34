import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as mailbox from '$lib/server/mail/mailbox';
import { authorize } from '$lib/server/auth/policy';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = actorOf(locals);
	authorize(actor, 'mailbox.read', {});
	const message = await mailbox.read(params.id);
	if (!message) error(404, 'Page not found');
	const { html, ...rest } = message;
	return { message: { ...rest, hasHtml: html.trim() !== '' } };
};
