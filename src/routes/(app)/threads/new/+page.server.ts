import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as threads from '$lib/server/discussions/threads';
import * as categories from '$lib/server/discussions/categories';
import { formValues } from '$lib/server/forms';
import { actorOf, clientIp } from '$lib/server/request';
import * as uploads from '$lib/server/library/uploads';
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
		upload: uploads.postFormOptions(),
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

// With a file, post and preview read the form as it streams (library/uploads.ts); they are the
// two actions here whose request body may be larger than 512 KB — see hooks.server.ts.
export const actions: Actions = {
	preview: async ({ request }) => {
		const form = await uploads.readForm(request);
		if (!form.ok) error(form.status, form.message);
		await uploads.drop(form.upload); // a preview keeps no file
		const values = formValues(form.upload.fields, ['isQuestion', ...POST_ARRAYS]);
		const body = typeof values.body === 'string' ? values.body.slice(0, 60_000) : '';
		const title = typeof values.title === 'string' ? values.title.slice(0, 1_000) : '';
		const p = threads.preview(body);
		return { preview: p.html, unknownMentions: p.unknownMentions, childSafety: threads.previewWarnings(body, title), values, fileAgain: !!form.upload.file };
	},
	post: async (event) => {
		const actor = actorOf(event.locals);
		const form = await uploads.readForm(event.request);
		if (!form.ok) error(form.status, form.message);
		const parsed = uploads.parse(threadSchema, form.upload, { arrays: ['isQuestion', ...POST_ARRAYS] });
		if (!parsed.ok) {
			await uploads.drop(form.upload);
			return fail(400, { errors: parsed.errors, values: parsed.values, childSafety: null });
		}
		const { title, body, categoryId, scope, isQuestion, childSafeConfirmed, attachments, uploadKind } = parsed.data;
		const upload = parsed.file ? { file: parsed.file, kind: uploadKind, ip: clientIp(event) } : null;
		const result = await uploads.settle(form.upload, () =>
			once.run(
				once.of(form.upload.fields, actor.id, 'thread'),
				() => threads.create(actor, { title, body, categoryId, regionId: scope === 'national' ? null : scope, isQuestion, childSafeConfirmed, attachments, upload }),
				(made) => `/threads/${made.value.id}`
			)
		);
		if (!result.ok) return fail(400, { errors: uploads.withFileHint(result.errors, form.upload), values: parsed.values, childSafety: result.childSafety ?? null });
		redirect(303, result.href);
	}
};
