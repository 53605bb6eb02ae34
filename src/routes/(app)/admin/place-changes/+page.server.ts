import type { Actions, PageServerLoad } from './$types';
import * as placeChanges from '$lib/server/trust/place-changes';
import { actorOf, clientIp } from '$lib/server/request';

/** Requests to change authority or role: the destination region decides; the source region sees them. */
export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const w = placeChanges.workbench(actor);
	return {
		scopeName: w.scopeName,
		declined: url.searchParams.get('declined') === '1',
		taken: url.searchParams.get('taken') === '1',
		pending: w.pending.map((p) => ({
			id: p.id,
			memberId: p.memberId,
			memberName: p.memberName,
			changes: p.changes,
			note: p.note,
			createdAt: p.createdAt,
			toRegionName: p.toRegionName,
			approvers: p.approvers,
			canDecide: p.canDecide
		})),
		decided: w.decided.map((d) => ({ id: d.id, memberName: d.memberName, changes: d.changes, status: d.status, decidedAt: d.decidedAt, decidedByName: d.decidedByName, reason: d.reason }))
	};
};

export const actions: Actions = {
	approve: async (event) => {
		const actor = actorOf(event.locals);
		const id = Number((await event.request.formData()).get('id'));
		if (!Number.isSafeInteger(id) || id <= 0) return { problem: 'That request could not be found' };
		const result = placeChanges.approve(actor, id, { ip: clientIp(event) });
		return result.ok ? { approved: id } : { problem: result.message };
	}
};
