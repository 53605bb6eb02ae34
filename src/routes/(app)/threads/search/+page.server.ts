import type { PageServerLoad } from './$types';
import * as search from '$lib/server/discussions/search';
import * as threads from '$lib/server/discussions/threads';
import * as categories from '$lib/server/discussions/categories';
import { actorOf } from '$lib/server/request';
import { intQuery } from '../params';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const q = (url.searchParams.get('q') ?? '').slice(0, 200);
	const all = categories.all();
	const category = all.find((c) => c.slug === url.searchParams.get('category')) ?? null;
	const scopes = threads.scopeOptions(actor);
	const rawScope = url.searchParams.get('scope');
	const scope = scopes.some(([v]) => v === rawScope) ? rawScope : null;
	const result = q.trim() ? search.search(actor, { q, categoryId: category?.id ?? null, scope, page: intQuery(url, 'page') ?? 1 }) : null;
	return {
		q,
		category: category?.slug ?? null,
		scope,
		result,
		categoryOptions: all.map((c) => [c.slug, c.name] as [string, string]),
		scopeOptions: scopes.map(([v, l]) => [v, v === 'national' ? 'National threads' : l.replace(/ only$/, '')] as [string, string])
	};
};
