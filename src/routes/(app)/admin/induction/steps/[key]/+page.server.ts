import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as templates from '$lib/server/induction/templates';
import { PHASE_CHOICES, RULE_CHOICES } from '$lib/server/induction/words';
import { actorOf, clientIp } from '$lib/server/request';
import { failed, invalid, parseForm } from '$lib/server/forms';
import { stepForm } from '../schema';

export const load: PageServerLoad = ({ locals, params }) => {
	const s = templates.editableStep(actorOf(locals), params.key);
	if (!s) error(404, 'Page not found');
	return { step: { key: s.key, phase: s.phase, title: s.title, body: s.body, link: s.link, linkText: s.linkText, rule: s.rule ?? '' }, phases: PHASE_CHOICES, rules: RULE_CHOICES };
};

export const actions: Actions = {
	default: async (event) => {
		const form = parseForm(stepForm, await event.request.formData());
		if (!form.ok) return failed(form);
		const r = templates.saveStep(actorOf(event.locals), event.params.key, form.data, { ip: clientIp(event) });
		if (!r.ok) return invalid(r.errors, form.values);
		redirect(303, `/admin/induction?saved=${encodeURIComponent(r.key)}`);
	}
};
