import type { PageServerLoad } from './$types';
import { bouncingList } from '$lib/server/network/bouncing';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals }) => bouncingList(actorOf(locals));
