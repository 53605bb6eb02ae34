import type { PageServerLoad } from './$types';
import * as inboundAdmin from '$lib/server/inbound/admin';
import { actorOf } from '$lib/server/request';

/** Mail in: every message received, with what happened to it; filter by outcome, newest first. */
export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const before = Number(url.searchParams.get('before'));
	const data = inboundAdmin.list(actor, { outcome: url.searchParams.get('outcome'), before: Number.isSafeInteger(before) ? before : null });
	const next = new URLSearchParams(url.searchParams);
	if (data.next) next.set('before', String(data.next));
	return {
		...data,
		outcomes: Object.entries(inboundAdmin.OUTCOME_WORDS).map(([k, v]) => [k, `${v} (${data.counts[k as keyof typeof data.counts]})`] as [string, string]),
		nextHref: data.next ? `?${next}` : null,
		firstHref: url.searchParams.has('before') ? `?${(() => { const q = new URLSearchParams(url.searchParams); q.delete('before'); return q; })()}` : null
	};
};
