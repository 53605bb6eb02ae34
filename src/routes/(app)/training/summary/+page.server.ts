import type { PageServerLoad } from './$types';
import * as entries from '$lib/server/training/entries';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals }) => ({ summary: entries.summaryPage(actorOf(locals)) });
