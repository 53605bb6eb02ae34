import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as checklists from '$lib/server/succession/checklists';
import * as history from '$lib/server/succession/history';
import * as forms from '$lib/server/succession/forms';
import * as documents from '$lib/server/succession/documents';
import { parseForm } from '$lib/server/forms';
import { actorOf, clientIp } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const actor = actorOf(locals);
	const id = checklists.parseId(params.authorityId);
	const item = checklists.item(actor, id, params.key);
	return {
		...item,
		documents: documents.byItemKey(actor, id)[params.key] ?? [],
		documentChoices: item.permissions.edit ? documents.choices(actor, id) : [],
		changes: history.list(actor, id, { item: params.key, limit: 10 }).entries,
		reopened: url.searchParams.get('reopened') === '1',
		linked: url.searchParams.get('linked') === '1'
	};
};

export const actions: Actions = {
	documents: async (event) => {
		const actor = actorOf(event.locals);
		const id = checklists.parseId(event.params.authorityId);
		const form = parseForm(forms.documentsForm, await event.request.formData(), { arrays: ['documents'] });
		// The item form's own values are not sent back: that form keeps what is saved.
		if (!form.ok) return fail(400, { errors: form.errors, documentValues: form.values.documents as string[], conflict: null });
		const result = documents.setForItem(actor, id, event.params.key, form.data.documents, { ip: clientIp(event) });
		if (!result.ok) return fail(400, { errors: result.errors, documentValues: form.values.documents as string[], conflict: null });
		redirect(303, `/succession/${id}/items/${encodeURIComponent(event.params.key)}?linked=1#library-documents`);
	},
	save: async (event) => {
		const actor = actorOf(event.locals);
		const id = checklists.parseId(event.params.authorityId);
		const form = parseForm(forms.itemForm, await event.request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values, conflict: null });
		const d = form.data;
		const result = checklists.updateItem(
			actor,
			id,
			event.params.key,
			d.version,
			{ status: d.status, owner: { memberId: d.ownerMemberId, name: d.ownerName }, dueDate: d.dueDate, note: d.note, naReason: d.naReason },
			{ ip: clientIp(event) }
		);
		if (!result.ok) return fail(result.conflict ? 409 : 400, { errors: result.errors, values: form.values, conflict: result.conflict ?? null });
		redirect(303, `/succession/${id}?saved=${encodeURIComponent(event.params.key)}#item-${event.params.key}`);
	}
};
