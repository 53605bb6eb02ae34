import type { PageServerLoad } from './$types';
import * as auditLog from '$lib/server/trust/audit-log';
import { regionById, regions } from '$lib/server/network/authorities';
import { actorOf } from '$lib/server/request';
import { londonDateTimeToUtc } from '$lib/time';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The audit trail, read only: admins see everything, coordinators their region's entries. */
export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const p = url.searchParams;
	const group = auditLog.ACTION_GROUPS.find(([k]) => k === p.get('group'))?.[0];
	const who = (p.get('who') ?? '').trim().slice(0, 100);
	const regionId = regionById(p.get('region'))?.id;
	const from = DATE.test(p.get('from') ?? '') ? londonDateTimeToUtc(p.get('from')!, '00:00') : null;
	const toStart = DATE.test(p.get('to') ?? '') ? londonDateTimeToUtc(p.get('to')!, '00:00') : null;
	const before = Number(p.get('before'));
	const errors: Record<string, string> = {};
	if (p.get('from') && from == null) errors.from = 'Enter the “from” date as a real date, like 2026-11-01';
	if (p.get('to') && toStart == null) errors.to = 'Enter the “to” date as a real date, like 2026-11-23';
	if (from != null && toStart != null && from > toStart) errors.to = 'The “to” date must be the same as or after the “from” date';
	const page = auditLog.list(actor, {
		group,
		who: who || undefined,
		regionId,
		from: errors.from ? undefined : (from ?? undefined),
		// to the end of that UK day
		to: errors.to || toStart == null ? undefined : toStart + 86_400_000 - 1,
		before: Number.isSafeInteger(before) && before > 0 ? before : undefined
	});
	const nextParams = new URLSearchParams(p);
	if (page.next) nextParams.set('before', String(page.next));
	return {
		rows: page.rows,
		scope: page.scope === 'all' ? null : (regionById(page.scope)?.name ?? page.scope),
		isAdmin: actor.role === 'admin',
		filters: { group: group ?? '', who, region: regionId ?? '', from: p.get('from') ?? '', to: p.get('to') ?? '' },
		errors: Object.keys(errors).length ? errors : undefined,
		groups: auditLog.ACTION_GROUPS.map(([k, l]) => [k, l] as [string, string]),
		regions: regions().map((r) => [r.id, r.name] as [string, string]),
		next: page.next ? `?${nextParams}` : null,
		first: p.has('before') ? `?${(() => { const q = new URLSearchParams(p); q.delete('before'); return q; })()}` : null
	};
};
