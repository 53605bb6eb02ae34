import type { PageServerLoad } from './$types';
import * as mailbox from '$lib/server/mail/mailbox';
import { authorize } from '$lib/server/auth/policy';
import { config } from '$lib/server/config';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = actorOf(locals);
	authorize(actor, 'mailbox.read', {});
	const to = (url.searchParams.get('to') ?? '').trim().slice(0, 254);
	return {
		to,
		smtp: Boolean(config().smtpUrl),
		messages: await mailbox.list({ to: to || undefined, limit: 100 })
	};
};
