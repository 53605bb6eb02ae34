import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as moderation from '$lib/server/discussions/moderation';
import { REASON_MAX } from '$lib/server/discussions/input';
import { failed, invalid, parseForm } from '$lib/server/forms';
import { actorOf } from '$lib/server/request';
import { idParam } from '../../../../params';

export const load: PageServerLoad = ({ locals, params }) => ({
	...moderation.forReport(actorOf(locals), idParam(params.id), idParam(params.postId)),
	reasons: moderation.REPORT_REASONS.map(([v, l]) => [v, l] as [string, string])
});

const schema = z.object({
	reason: z.enum(moderation.REPORT_REASONS.map(([v]) => v) as [moderation.ReportReason, ...moderation.ReportReason[]], { error: 'Choose why you are reporting this post' }),
	note: z.string().trim().max(REASON_MAX, `Enter at most ${REASON_MAX} characters`).optional().transform((v) => v ?? '')
});

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const actor = actorOf(locals);
		const threadId = idParam(params.id);
		const postId = idParam(params.postId);
		const form = parseForm(schema, await request.formData());
		if (!form.ok) return failed(form);
		const result = moderation.report(actor, postId, form.data);
		if (!result.ok) return invalid(result.errors, form.values);
		const { post } = moderation.forReport(actor, threadId, postId);
		redirect(303, `/threads/${threadId}?post=${post.number}&done=reported#post-${post.number}`);
	}
};
