import type { Actions, PageServerLoad } from './$types';
import * as notifications from '$lib/server/discussions/notifications';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const raw = url.searchParams.get('before');
	const before = raw && /^\d{1,12}$/.test(raw) ? Number(raw) : null;
	const unreadOnly = url.searchParams.get('show') === 'unread';
	return { ...notifications.listByThread(actor, { before, unreadOnly }), unreadOnly, paged: before != null };
};

export const actions: Actions = {
	read: async ({ locals, request }) => {
		const raw = String((await request.formData()).get('id') ?? '');
		const id = /^\d{1,12}$/.test(raw) ? Number(raw) : 0;
		notifications.markRead(actorOf(locals), id);
		return { notice: null };
	},
	readAll: ({ locals }) => {
		const n = notifications.markAllRead(actorOf(locals));
		return { notice: n === 0 ? 'There was nothing unread.' : n === 1 ? 'One notification marked as read.' : `${n} notifications marked as read.` };
	}
};
