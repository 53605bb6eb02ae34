import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as regional from '$lib/server/digests/regional';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const actor = actorOf(locals);
	const p = regional.page(actor, Number(params.id));
	if (p.edit) redirect(303, `/digests/${p.id}/edit`);
	return { digest: p.digest, delivery: p.delivery, justSent: url.searchParams.get('sent') };
};
