import type { PageServerLoad } from './$types';
import { gapsPage } from '$lib/server/training/gaps';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals }) => ({ coverage: gapsPage(actorOf(locals)) });
