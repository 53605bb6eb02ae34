import type { PageServerLoad } from './$types';
import * as auditLog from '$lib/server/trust/audit-log';
import { can } from '$lib/server/auth/policy';
import { regionById, regions } from '$lib/server/network/authorities';
import { actorOf } from '$lib/server/request';

/** The audit trail, read only: admins see everything, coordinators their region's entries. */
export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const p = url.searchParams;
	const { filter, errors, values } = auditLog.parseFilter(p);
	const page = auditLog.list(actor, filter);
	const nextParams = new URLSearchParams(p);
	if (page.next) nextParams.set('before', String(page.next));
	const csvParams = new URLSearchParams(p);
	csvParams.delete('before');
	return {
		rows: page.rows.map((r) => ({ id: r.id, at: r.at, sentence: r.sentence, words: r.words, region: r.region, ipAddress: r.ipAddress })),
		scope: page.scope === 'all' ? null : (regionById(page.scope)?.name ?? page.scope),
		isAdmin: actor.role === 'admin',
		canExport: can(actor, 'audit.export', {}),
		csvHref: `/admin/audit/export.csv${csvParams.size ? `?${csvParams}` : ''}`,
		memberName: auditLog.memberName(actor, filter.memberId),
		filters: values,
		errors: Object.keys(errors).length ? errors : undefined,
		groups: auditLog.ACTION_GROUPS.map(([k, l]) => [k, l] as [string, string]),
		regions: regions().map((r) => [r.id, r.name] as [string, string]),
		next: page.next ? `?${nextParams}` : null,
		first: p.has('before')
			? `?${(() => {
					const q = new URLSearchParams(p);
					q.delete('before');
					return q;
				})()}`
			: null
	};
};
