import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as mentions from '$lib/server/network/mention-suggestions';
import { actorOf } from '$lib/server/request';

/** Completion for `@` mentions in the post box: `?q=jo` → up to six members, as the directory shows them. */
export const GET: RequestHandler = ({ locals, url }) => {
	const prefix = mentions.parsePrefix(url.searchParams.get('q'));
	const headers = { 'Cache-Control': 'private, no-store' };
	if (prefix == null) return json({ members: [] }, { headers });
	const r = mentions.mentionSuggestions(actorOf(locals), prefix);
	if (r.limited) return json({ members: [], message: 'Too many look-ups: wait a minute, or type the handle in full.' }, { status: 429, headers: { ...headers, 'Retry-After': '60' } });
	return json({ members: r.members }, { headers });
};
