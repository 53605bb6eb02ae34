import type { Actions, PageServerLoad } from './$types';
import * as unsubscribe from '$lib/server/network/unsubscribe';

/** The confirm page of an unsubscribe link: says what the link stops. A GET never unsubscribes. */
export const load: PageServerLoad = ({ params, setHeaders }) => {
	setHeaders({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
	if (unsubscribe.isPreview(params.token)) return { ok: false as const, preview: true };
	const t = unsubscribe.inspect(params.token);
	return t ? { ok: true as const, description: t.description, subscribed: t.subscribed, preview: false } : { ok: false as const, preview: false };
};

export const actions: Actions = {
	default: ({ params }) => {
		const r = unsubscribe.unsubscribe(params.token);
		return r.ok ? { done: true, description: r.description } : { done: false };
	}
};
