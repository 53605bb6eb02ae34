import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as mailbox from '$lib/server/mail/mailbox';
import * as demoReply from '$lib/server/mail/demo-reply';
import { authorize } from '$lib/server/auth/policy';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = actorOf(locals);
	authorize(actor, 'mailbox.read', {});
	const message = await mailbox.read(params.id);
	if (!message) error(404, 'Page not found');
	const { html, ...rest } = message;
	return { message: { ...rest, hasHtml: html.trim() !== '' }, canReply: demoReply.available() && demoReply.replyTarget(message) != null };
};

const replyForm = z.object({ text: z.string().max(20_000, 'Shorten your reply to at most 20,000 characters').trim().min(1, 'Write your reply') });

export const actions: Actions = {
	/** The demo: send a reply as the member this email went to, into the built-in SMTP receiver. */
	reply: async ({ locals, params, request }) => {
		const actor = actorOf(locals);
		const values = { text: String((await request.formData()).get('text') ?? '') };
		const parsed = replyForm.safeParse(values);
		if (!parsed.success) return fail(400, { errors: { text: parsed.error.issues[0].message }, values });
		const r = await demoReply.send(actor, params.id, parsed.data.text);
		if (!r.ok) return fail(400, { errors: { text: r.message }, values });
		return { sent: true };
	}
};
