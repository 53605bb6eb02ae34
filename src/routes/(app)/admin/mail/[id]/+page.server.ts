import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as mailAdmin from '$lib/server/mail/admin';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	const m = mailAdmin.message(actor, Number(params.id));
	if (!m) error(404, 'Page not found');
	return { m };
};
