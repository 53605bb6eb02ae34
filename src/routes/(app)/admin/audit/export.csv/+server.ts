import type { RequestHandler } from './$types';
import * as auditLog from '$lib/server/trust/audit-log';
import { actorOf } from '$lib/server/request';

/** The audit trail with the page's filters as a CSV download (admins only). */
export const GET: RequestHandler = ({ locals, url }) => {
	const { filter } = auditLog.parseFilter(url.searchParams);
	const { filename, body } = auditLog.csv(actorOf(locals), { ...filter, before: undefined });
	return new Response(body, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${filename}"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
