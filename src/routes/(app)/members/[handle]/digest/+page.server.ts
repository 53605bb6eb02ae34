import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as personal from '$lib/server/digests/personal';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	const p = personal.previewForMember(actor, params.handle);
	if (!p) error(404, 'Page not found');
	return {
		member: p.member,
		schedule: p.schedule,
		nextAt: p.nextAt,
		since: p.since,
		seenAt: p.engagement.seenAt,
		activeAt: p.engagement.activeAt,
		whenVisited: p.whenVisited,
		decision: p.decision,
		explanation: p.explanation,
		itemCount: p.content.itemCount,
		moreCount: p.content.moreCount,
		subject: p.email?.subject ?? null,
		bodyHtml: p.bodyHtml,
		text: p.email?.text ?? null,
		history: p.history.map((h) => ({ periodKey: h.periodKey, dueAt: h.dueAt, outcome: h.outcome, itemCount: h.itemCount }))
	};
};
