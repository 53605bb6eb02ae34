import type { PageServerLoad } from './$types';
import * as members from '$lib/server/network/members';
import { regionName } from '$lib/server/network/authorities';
import { actorOf } from '$lib/server/request';
import { ROLES, values } from '$lib/vocab';

const roleValues = new Set<string>(values(ROLES));

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 200);
	const roleParam = url.searchParams.get('role') ?? '';
	const role = roleValues.has(roleParam) ? (roleParam as (typeof ROLES)[number][0]) : undefined;
	const after = url.searchParams.get('after')?.slice(0, 400) || undefined;
	const page = members.adminList(actor, { q: q || undefined, role, after });
	let next: string | null = null;
	if (page.next) {
		const u = new URL(url);
		u.searchParams.set('after', page.next);
		next = u.pathname + u.search;
	}
	return {
		q,
		role: role ?? '',
		paged: Boolean(after),
		next,
		users: page.members.map((m) => ({
			id: m.id,
			name: m.name,
			email: m.email,
			authorityName: m.authorityName,
			role: m.role,
			coordinates: m.role === 'coordinator' ? regionName(m.coordinatorRegionId) : null,
			active: m.deactivatedAt == null
		}))
	};
};
