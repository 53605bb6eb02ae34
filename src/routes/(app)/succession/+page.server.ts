import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { actorOf } from '$lib/server/request';

/** "Succession" in the navigation: the checklist of the member's own authority. */
export const load: PageServerLoad = ({ locals }) => {
	const actor = actorOf(locals);
	redirect(303, `/succession/${actor.authorityId}`);
};
