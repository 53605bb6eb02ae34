import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { hasHealthToken, health } from '$lib/server/health';

// Public: whether the service and its database are up. The counts: HEALTH_TOKEN or an admin.
export const GET: RequestHandler = ({ request, locals }) => {
	const detail = hasHealthToken(request.headers.get('authorization')) || locals.user?.role === 'admin';
	const h = health(detail);
	return json(h, { status: h.ok ? 200 : 503, headers: { 'Cache-Control': 'no-store', Vary: 'Authorization, Cookie' } });
};
