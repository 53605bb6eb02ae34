import { json } from '@sveltejs/kit';
import { health } from '$lib/server/health';

export const GET = () => {
	const h = health();
	return json(h, { status: h.ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
};
