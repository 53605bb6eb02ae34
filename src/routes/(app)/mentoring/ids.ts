import { error } from '@sveltejs/kit';

/** A positive whole-number id from the URL; anything else is "not found". */
export function idParam(raw: string): number {
	const id = Number(raw);
	if (!/^\d{1,12}$/.test(raw) || !Number.isSafeInteger(id) || id <= 0) error(404, 'Page not found');
	return id;
}
