import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { health, mayReadCounts } from '$lib/server/health';
import { actorOf } from '$lib/server/request';

// Public: whether the service and its database are up. The counts: HEALTH_TOKEN or an admin.
export const GET: RequestHandler = ({ request, locals }) => {
	const h = health(mayReadCounts(request.headers.get('authorization'), locals.user ? actorOf(locals) : null));
	return json(h, { status: h.ok ? 200 : 503, headers: { 'Cache-Control': 'no-store', Vary: 'Authorization, Cookie' } });
};
