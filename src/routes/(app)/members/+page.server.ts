import type { PageServerLoad } from './$types';
import * as members from '$lib/server/network/members';
import { authorityById, authorityGroups, regionById, regions } from '$lib/server/network/authorities';
import { actorOf } from '$lib/server/request';
import { TOPICS, values } from '$lib/vocab';

const topicValues = new Set<string>(values(TOPICS));

/** Reads the directory's filters from the query string; anything unknown is ignored. */
function filters(url: URL) {
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 200);
	const region = url.searchParams.get('region') ?? '';
	const authority = Number(url.searchParams.get('authority') ?? '');
	const expertise = url.searchParams.get('expertise') ?? '';
	return {
		q,
		regionId: regionById(region)?.id ?? '',
		authorityId: Number.isInteger(authority) && authorityById(authority) ? authority : 0,
		expertise: topicValues.has(expertise) ? expertise : '',
		newInRole: url.searchParams.get('new') === '1'
	};
}

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const f = filters(url);
	const after = url.searchParams.get('after')?.slice(0, 400) || undefined;
	const now = Date.now();
	const page = members.directory(actor, { q: f.q || undefined, regionId: f.regionId || undefined, authorityId: f.authorityId || undefined, expertise: f.expertise || undefined, newInRole: f.newInRole, after }, now);
	let next: string | null = null;
	if (page.next) {
		const u = new URL(url);
		u.searchParams.set('after', page.next);
		next = u.pathname + u.search;
	}
	return {
		filters: f,
		filtered: Boolean(f.q || f.regionId || f.authorityId || f.expertise || f.newInRole),
		paged: Boolean(after),
		members: page.members.map((m) => ({
			handle: m.handle,
			name: m.name,
			position: m.position,
			authorityName: m.authorityName,
			regionName: m.regionName,
			party: m.party,
			expertise: m.expertise,
			newInRole: members.isNewInRole(m.inRoleSince, now),
			role: m.role,
			coordinatorRegionId: m.coordinatorRegionId
		})),
		next,
		regions: regions().map((r) => [r.id, r.name] as [string, string]),
		authorityGroups: authorityGroups()
	};
};
