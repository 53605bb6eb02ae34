import type { LayoutServerLoad } from './$types';
import { WORDS } from '$lib/server/mentoring/words';

/** The words every mentoring page uses for mentoring's own values (states, preferences …). */
export const load: LayoutServerLoad = () => ({ words: WORDS });
