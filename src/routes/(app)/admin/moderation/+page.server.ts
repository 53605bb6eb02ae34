import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as moderation from '$lib/server/discussions/moderation';
import { invalid, parseForm } from '$lib/server/forms';
import { regionName } from '$lib/server/network/authorities';
import { actorOf, clientIp } from '$lib/server/request';
import { hideSchema } from '../../threads/params';

export const load: PageServerLoad = ({ locals }) => {
	const actor = actorOf(locals);
	return { items: moderation.queue(actor), scope: actor.role === 'admin' ? null : regionName(actor.coordinatorRegionId) };
};

function postIdOf(data: FormData): number {
	const raw = String(data.get('postId') ?? '');
	if (!/^\d{1,12}$/.test(raw)) error(400, 'Choose a post');
	return Number(raw);
}

export const actions: Actions = {
	hide: async (event) => {
		const data = await event.request.formData();
		const postId = postIdOf(data);
		const form = parseForm(hideSchema, data);
		if (!form.ok) return invalid({ [`reason-${postId}`]: form.errors.reason }, { ...form.values, postId: String(postId) });
		const result = moderation.hidePost(actorOf(event.locals), postId, form.data.reason, { ip: clientIp(event) });
		if (!result.ok) return invalid({ [`reason-${postId}`]: result.errors.reason ?? 'The post could not be hidden' }, { ...form.values, postId: String(postId) });
		return { notice: 'The post is hidden and its author has been told why.' };
	},
	dismiss: async (event) => {
		const n = moderation.dismissReports(actorOf(event.locals), postIdOf(await event.request.formData()), { ip: clientIp(event) });
		return { notice: n === 1 ? 'The report is dismissed. The post stays as it is.' : 'The reports are dismissed. The post stays as it is.' };
	}
};

