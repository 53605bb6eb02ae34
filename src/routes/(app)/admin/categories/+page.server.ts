import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as categories from '$lib/server/discussions/categories';
import { authorize } from '$lib/server/auth/policy';
import { failed, invalid, parseForm } from '$lib/server/forms';
import { actorOf, clientIp } from '$lib/server/request';

export const load: PageServerLoad = ({ locals }) => {
	const actor = actorOf(locals);
	authorize(actor, 'category.manage', {});
	return { categories: categories.all().map((c) => ({ id: c.id, slug: c.slug, name: c.name, description: c.description, archived: c.archivedAt != null })) };
};

const createSchema = z.object({
	name: z.string().default(''),
	description: z.string().default('')
});

function idFrom(data: FormData): number {
	const raw = String(data.get('id') ?? '');
	if (!/^\d{1,9}$/.test(raw)) error(400, 'Choose a category');
	return Number(raw);
}

export const actions: Actions = {
	create: async (event) => {
		const form = parseForm(createSchema, await event.request.formData());
		if (!form.ok) return failed(form);
		const result = categories.create(actorOf(event.locals), form.data, { ip: clientIp(event) });
		if (!result.ok) return invalid(result.errors, form.values);
		return { notice: `“${result.value.name}” is added at the end of the list.` };
	},
	up: async ({ locals, request }) => {
		categories.move(actorOf(locals), idFrom(await request.formData()), 'up');
		return { notice: null };
	},
	down: async ({ locals, request }) => {
		categories.move(actorOf(locals), idFrom(await request.formData()), 'down');
		return { notice: null };
	},
	archive: async (event) => {
		const result = categories.setArchived(actorOf(event.locals), idFrom(await event.request.formData()), true, { ip: clientIp(event) });
		if (!result.ok) return invalid(result.errors, {});
		return { notice: 'The category is archived. Its threads stay readable; no new threads can start in it.' };
	},
	restore: async (event) => {
		const result = categories.setArchived(actorOf(event.locals), idFrom(await event.request.formData()), false, { ip: clientIp(event) });
		if (!result.ok) return invalid(result.errors, {});
		return { notice: 'The category is open for new threads again.' };
	}
};
