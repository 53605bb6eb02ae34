import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as library from '$lib/server/library/entries';
import { hideSchema } from '$lib/server/library/input';
import { parseForm, failed } from '$lib/server/forms';
import { actorOf, clientIp } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const actor = actorOf(locals);
	const id = Number(params.id);
	const v = library.view(actor, id);
	return { ...v, reports: v.may.moderate ? library.openReports(actor, id) : [], added: url.searchParams.get('added') === '1', drafted: url.searchParams.get('drafted') === '1', uploaded: url.searchParams.get('uploaded') === '1', edited: url.searchParams.get('edited') === '1', reported: url.searchParams.get('reported') === '1' };
};

export const actions: Actions = {
	useful: async ({ locals, params, request }) => {
		const data = await request.formData();
		library.setUseful(actorOf(locals), Number(params.id), data.get('on') === '1');
		return { ok: true };
	},
	publish: (event) => {
		const result = library.publish(actorOf(event.locals), Number(event.params.id), { ip: clientIp(event) });
		if (!result.ok) return fail(400, { errors: result.errors, values: {} });
		return { published: true };
	},
	hide: async (event) => {
		const form = parseForm(hideSchema, await event.request.formData());
		if (!form.ok) return failed(form);
		library.hide(actorOf(event.locals), Number(event.params.id), form.data.reason, { ip: clientIp(event) });
		return { hidden: true };
	},
	unhide: async (event) => {
		library.unhide(actorOf(event.locals), Number(event.params.id), { ip: clientIp(event) });
		return { unhidden: true };
	},
	delete: async (event) => {
		const data = await event.request.formData();
		if (data.get('confirm') !== 'yes') return fail(400, { errors: { confirm: 'Tick the box to confirm you want to delete it' }, values: {} });
		library.remove(actorOf(event.locals), Number(event.params.id), { ip: clientIp(event) });
		redirect(303, '/library?deleted=1');
	}
};
