import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as mailbox from '$lib/server/mail/mailbox';
import { authorize } from '$lib/server/auth/policy';
import { actorOf } from '$lib/server/request';

/**
 * The HTML part of a stored email, for the sandboxed iframe on the message page. Its own strict
 * CSP: no scripts, no remote anything, a unique origin (sandbox), framable only by this site.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const actor = actorOf(locals);
	authorize(actor, 'mailbox.read', {});
	const message = await mailbox.read(params.id);
	if (!message || !message.html) error(404, 'Page not found');
	return new Response(message.html, {
		headers: {
			'Content-Type': 'text/html; charset=utf-8',
			'Content-Security-Policy': "sandbox; default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'",
			'X-Frame-Options': 'SAMEORIGIN',
			'Cache-Control': 'private, no-store'
		}
	});
};
