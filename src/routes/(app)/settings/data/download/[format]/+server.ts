import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as exporting from '$lib/server/trust/export';
import { actorOf, clientIp } from '$lib/server/request';

/** "Download my data": the signed-in member's own data as JSON or a readable web page. */
export const GET: RequestHandler = (event) => {
	const actor = actorOf(event.locals);
	const format = event.params.format;
	if (format !== 'json' && format !== 'html') error(404, 'Page not found');
	const file = exporting.exportFor(actor, actor.id, format, { ip: clientIp(event) });
	return new Response(file.body, {
		headers: {
			'Content-Type': file.contentType,
			'Content-Disposition': `attachment; filename="${file.filename}"`,
			'Cache-Control': 'private, no-store',
			// The summary is a standalone page: no scripts, nothing loaded from anywhere.
			'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
		}
	});
};
