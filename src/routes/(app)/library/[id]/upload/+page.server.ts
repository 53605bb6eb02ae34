import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as library from '$lib/server/library/entries';
import * as uploads from '$lib/server/library/uploads';
import { actorOf, clientIp } from '$lib/server/request';
import * as once from '$lib/server/once';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	return { ...library.forUpload(actor, Number(params.id)), quota: library.quota(actor), accept: uploads.ACCEPT, acceptedHint: uploads.HINT, maxLabel: uploads.maxLabel(), formToken: once.newToken() };
};

const uploadSchema = z.object({ fileId: z.string({ error: 'Choose which file this is a new version of' }).regex(/^(new|\d+)$/, 'Choose which file this is a new version of') });

// Streams the file to disk as it arrives: one of the two routes allowed a body over 512 KB (hooks.server.ts).
export const actions: Actions = {
	default: async (event) => {
		const actor = actorOf(event.locals);
		const id = Number(event.params.id);
		library.forUpload(actor, id); // 404/403 before reading anything
		const form = await uploads.read(event.request);
		if (!form.ok) error(form.status, form.message);
		const parsed = uploads.parse(uploadSchema, form.upload);
		if (!parsed.ok || !parsed.file) {
			await uploads.drop(form.upload);
			return fail(400, { errors: parsed.ok ? { file: 'Choose a file to upload' } : parsed.errors, values: parsed.values });
		}
		const fileId = parsed.data.fileId === 'new' ? null : Number(parsed.data.fileId);
		const file = parsed.file;
		const result = once.run(
			once.of(form.upload.fields, actor.id, 'library-version'),
			() => library.upload(actor, id, fileId, file, { ip: clientIp(event) }),
			() => `/library/${id}?uploaded=1`
		);
		// Refused, or sent again after the first submit stored the version: this copy of the file is not kept.
		if (!result.ok || result.replayed) await uploads.drop(form.upload);
		if (!result.ok) return fail(400, { errors: uploads.withFileHint(result.errors, form.upload), values: parsed.values });
		redirect(303, result.href);
	}
};
