import type { RequestHandler } from './$types';
import * as entries from '$lib/server/training/entries';
import { actorOf } from '$lib/server/request';

/** The member's log (with the log page's filters) as a CSV download. */
export const GET: RequestHandler = ({ locals, url }) => {
	const { filename, body } = entries.csv(actorOf(locals), entries.parseFilter(url.searchParams));
	return new Response(body, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${filename}"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
