import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as categories from '$lib/server/discussions/categories';
import { authorize } from '$lib/server/auth/policy';
import { failed, invalid, parseForm } from '$lib/server/forms';
import { actorOf, clientIp } from '$lib/server/request';

function categoryId(raw: string): number {
	if (!/^\d{1,9}$/.test(raw)) error(404, 'Page not found');
	return Number(raw);
}

export const load: PageServerLoad = ({ locals, params }) => {
	authorize(actorOf(locals), 'category.manage', {});
	const c = categories.byId(categoryId(params.id));
	if (!c) error(404, 'Page not found');
	return { category: { id: c.id, name: c.name, description: c.description, slug: c.slug } };
};

const schema = z.object({ name: z.string().default(''), description: z.string().default('') });

export const actions: Actions = {
	default: async (event) => {
		const form = parseForm(schema, await event.request.formData());
		if (!form.ok) return failed(form);
		const result = categories.update(actorOf(event.locals), categoryId(event.params.id), form.data, { ip: clientIp(event) });
		if (!result.ok) return invalid(result.errors, form.values);
		redirect(303, '/admin/categories');
	}
};
