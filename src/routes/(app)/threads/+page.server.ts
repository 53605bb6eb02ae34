import type { PageServerLoad } from './$types';
import * as threads from '$lib/server/discussions/threads';
import * as categories from '$lib/server/discussions/categories';
import { actorOf } from '$lib/server/request';

const VIEWS = threads.LIST_VIEWS.map(([v]) => v) as string[];

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const rawView = url.searchParams.get('view') ?? 'latest';
	const view = (VIEWS.includes(rawView) ? rawView : 'latest') as threads.ListView;
	const all = categories.all();
	const category = all.find((c) => c.slug === url.searchParams.get('category')) ?? null;
	const scopes = threads.scopeOptions(actor);
	const rawScope = url.searchParams.get('scope');
	const scope = scopes.some(([v]) => v === rawScope) ? rawScope : null;
	const after = url.searchParams.get('after');
	const result = threads.list(actor, { view, categoryId: category?.id ?? null, scope, after });
	return {
		...result,
		view,
		category: category ? { slug: category.slug, name: category.name, description: category.description, archived: category.archivedAt != null } : null,
		scope,
		paged: threads.parseCursor(after) != null,
		categoryOptions: all.map((c) => [c.slug, c.archivedAt ? `${c.name} (archived)` : c.name] as [string, string]),
		scopeOptions: scopes.map(([v, l]) => [v, v === 'national' ? 'National threads' : l.replace(/ only$/, '')] as [string, string])
	};
};
