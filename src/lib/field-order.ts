/**
 * Errors in the order of the form's fields, so an error summary reads top to bottom like the
 * form (GOV.UK). `fields` is the form's field names in page order — a submitted FormData's keys
 * are exactly that. An error for a field the browser did not send (radios left unchosen, a
 * checkbox group with nothing ticked) stays just after the error it followed; `form` (an error
 * about the whole form) comes first.
 */
export function inFieldOrder<E extends Record<string, string>>(errors: E, fields: Iterable<string>): E {
	const place = new Map<string, number>();
	for (const f of fields) if (!place.has(f)) place.set(f, place.size);
	let previous = -1;
	const ranked = Object.entries(errors).map(([field, message], i) => {
		const at = field === 'form' ? -1 : place.get(field);
		const rank = at ?? previous + 1e-3;
		previous = rank;
		return { field, message, rank, i };
	});
	ranked.sort((a, b) => a.rank - b.rank || a.i - b.i);
	return Object.fromEntries(ranked.map((r) => [r.field, r.message])) as E;
}
