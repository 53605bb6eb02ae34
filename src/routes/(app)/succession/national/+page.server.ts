import type { PageServerLoad } from './$types';
import * as region from '$lib/server/succession/region';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals }) => region.national(actorOf(locals));
