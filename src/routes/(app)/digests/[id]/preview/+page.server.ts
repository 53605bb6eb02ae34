import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as regional from '$lib/server/digests/regional';
import { actorOf, clientIp } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	const p = regional.preview(actor, Number(params.id));
	if (p.digest.sent) redirect(303, `/digests/${p.digest.id}`);
	return { id: p.digest.id, title: p.digest.title, subject: p.email.subject, bodyHtml: p.bodyHtml, text: p.email.text, headers: p.email.headers, empty: p.empty, recipients: p.recipients };
};

export const actions: Actions = {
	test: (event) => {
		const actor = actorOf(event.locals);
		const r = regional.test(actor, Number(event.params.id), Date.now(), { ip: clientIp(event) });
		return r.ok ? { tested: r.to } : { problem: r.message };
	}
};
