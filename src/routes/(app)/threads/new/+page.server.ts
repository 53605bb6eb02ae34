import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as threads from '$lib/server/discussions/threads';
import * as categories from '$lib/server/discussions/categories';
import { failed, formValues } from '$lib/server/forms';
import { parseForm } from '$lib/server/forms';
import { actorOf } from '$lib/server/request';
import * as once from '$lib/server/once';
import * as attachments from '$lib/server/discussions/attachments';
import { POST_ARRAYS, threadSchema } from '../params';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const active = categories.active();
	const wanted = active.find((c) => c.slug === url.searchParams.get('category'));
	const scopes = threads.scopeOptions(actor);
	const wantedScope = url.searchParams.get('scope');
	// "Share in a discussion" from a library page starts the form with that document ticked.
	const attach = /^\d{1,9}$/.test(url.searchParams.get('attach') ?? '') ? [Number(url.searchParams.get('attach'))] : [];
	const documents = attachments.choices(actor, attach);
	return {
		documents,
		categoryOptions: active.map((c) => [c.id, c.name] as [number, string]),
		scopeOptions: scopes.map(([v, l]) => [v, v === 'national' ? 'Every member of the network (national)' : `Only members in the ${l.replace(/ only$/, '')} region, its coordinator and admins`] as [string, string]),
		asking: url.searchParams.get('question') === '1',
		formToken: once.newToken(),
		initial: {
			categoryId: wanted ? String(wanted.id) : '',
			scope: scopes.some(([v]) => v === wantedScope) ? wantedScope! : 'national',
			isQuestion: url.searchParams.get('question') === '1' ? ['yes'] : [],
			attach: documents.filter((d) => attach.includes(Number(d.value))).map((d) => d.value)
		}
	};
};

export const actions: Actions = {
	preview: async ({ request }) => {
		const data = await request.formData();
		const values = formValues(data, ['isQuestion', ...POST_ARRAYS]);
		const body = typeof values.body === 'string' ? values.body.slice(0, 60_000) : '';
		const title = typeof values.title === 'string' ? values.title.slice(0, 1_000) : '';
		const p = threads.preview(body);
		return { preview: p.html, unknownMentions: p.unknownMentions, childSafety: threads.previewWarnings(body, title), values };
	},
	post: async ({ locals, request }) => {
		const actor = actorOf(locals);
		const data = await request.formData();
		const form = parseForm(threadSchema, data, { arrays: ['isQuestion', ...POST_ARRAYS] });
		if (!form.ok) return failed(form);
		const { title, body, categoryId, scope, isQuestion, childSafeConfirmed, attachments } = form.data;
		const result = once.run(
			once.of(data, actor.id, 'thread'),
			() => threads.create(actor, { title, body, categoryId, regionId: scope === 'national' ? null : scope, isQuestion, childSafeConfirmed, attachments }),
			(made) => `/threads/${made.value.id}`
		);
		if (!result.ok) return fail(400, { errors: result.errors, values: form.values, childSafety: result.childSafety ?? null });
		redirect(303, result.href);
	}
};
