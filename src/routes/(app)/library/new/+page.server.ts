import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as library from '$lib/server/library/entries';
import * as uploads from '$lib/server/library/uploads';
import { entrySchema } from '$lib/server/library/input';
import { actorOf, clientIp } from '$lib/server/request';
import * as once from '$lib/server/once';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	return { options: library.options(actor), quota: library.quota(actor), accept: uploads.ACCEPT, acceptedHint: uploads.HINT, maxLabel: uploads.maxLabel(), kind: url.searchParams.get('kind') === 'case-study' ? 'case-study' : '', formToken: once.newToken() };
};

// The upload is read as it arrives (uploads.read streams the file to disk); this route is the
// one place (with /library/[id]/upload) where the request body may be larger than 512 KB — see hooks.server.ts.
export const actions: Actions = {
	default: async (event) => {
		const actor = actorOf(event.locals);
		const form = await uploads.read(event.request);
		if (!form.ok) error(form.status, form.message);
		const parsed = uploads.parse(entrySchema, form.upload, { arrays: ['topics'] });
		if (!parsed.ok) {
			await uploads.drop(form.upload);
			return fail(400, { errors: parsed.errors, values: parsed.values });
		}
		const result = once.run(
			once.of(form.upload.fields, actor.id, 'library-entry'),
			() => library.create(actor, parsed.data, parsed.file, { ip: clientIp(event) }),
			(made) => `/library/${made.value.id}?${parsed.data.draft ? 'drafted' : 'added'}=1`
		);
		// Refused, or sent again after the first submit made the entry: this copy of the file is not kept.
		if (!result.ok || result.replayed) await uploads.drop(form.upload);
		if (!result.ok) return fail(400, { errors: uploads.withFileHint(result.errors, form.upload), values: parsed.values });
		redirect(303, result.href);
	}
};
