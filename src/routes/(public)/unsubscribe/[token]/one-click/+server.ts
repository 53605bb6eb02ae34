/**
 * RFC 8058 one-click unsubscribe: mail providers POST `List-Unsubscribe=One-Click` here without
 * a cookie or an Origin header (hooks.server.ts exempts exactly this path from the form origin
 * check); the signed token in the URL is the authority. A GET never unsubscribes: it goes to the
 * confirm page.
 */
import { redirect, type RequestHandler } from '@sveltejs/kit';
import * as unsubscribe from '$lib/server/network/unsubscribe';

export const POST: RequestHandler = ({ params }) => {
	const r = unsubscribe.unsubscribe(params.token ?? '');
	const headers = { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' };
	return r.ok
		? new Response(`Unsubscribed: you will no longer get ${r.description}.\n`, { status: 200, headers })
		: new Response('This unsubscribe link does not work.\n', { status: 404, headers });
};

export const GET: RequestHandler = ({ params }) => redirect(303, `/unsubscribe/${encodeURIComponent(params.token ?? '')}`);
