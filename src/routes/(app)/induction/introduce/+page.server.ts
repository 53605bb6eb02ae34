import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as introductions from '$lib/server/induction/introductions';
import { actorOf } from '$lib/server/request';
import { failed, parseForm } from '$lib/server/forms';
import * as once from '$lib/server/once';

export const load: PageServerLoad = ({ locals }) => ({ ...introductions.draftFor(actorOf(locals)), formToken: once.newToken() });

const schema = z.object({ body: z.string().optional().default(''), childSafeConfirmed: z.string().optional() });

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const actor = actorOf(locals);
		const data = await request.formData();
		const form = parseForm(schema, data);
		if (!form.ok) return failed(form);
		const posted = once.run(
			once.of(data, actor.id, 'introduction'),
			() => {
				const r = introductions.post(actor, form.data.body, form.data.childSafeConfirmed === 'yes');
				return r.ok ? { ok: true as const, threadId: r.threadId, postNumber: r.postNumber } : { ok: false as const, errors: r.errors, childSafety: r.childSafety };
			},
			(made) => `/threads/${made.threadId}?post=${made.postNumber}#post-${made.postNumber}`
		);
		if (!posted.ok) return fail(400, { errors: posted.errors, values: form.values, childSafety: posted.childSafety ?? null });
		redirect(303, posted.href);
	}
};
