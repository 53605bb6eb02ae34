import type { PageServerLoad } from './$types';
import * as exporting from '$lib/server/trust/export';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals }) => {
	const actor = actorOf(locals);
	return { overview: exporting.overview(actor) };
};
