/**
 * Lists shown a page at a time by number (the coordinators' lists): the page asked for from the
 * query string, and one page of a list already filtered and sorted.
 */

/** A page number from the query string: a whole number from 1, or 1 (`pageOf` keeps it within the pages there are). */
export function pageNumber(value: string | null): number {
	const n = value != null && /^\d{1,6}$/.test(value) ? Number(value) : 1;
	return n >= 1 ? n : 1;
}

export type Paging = {
	page: number;
	pages: number;
	perPage: number;
	/** The first and last row shown, counted from 1 (both 0 when there are none). */
	from: number;
	to: number;
};

/** Page `page` of `items`, `perPage` a page; a page past the end shows the last one (an empty list has one, empty, page). */
export function pageOf<T>(items: readonly T[], page: number | undefined, perPage: number): { items: T[]; paging: Paging } {
	const pages = Math.max(1, Math.ceil(items.length / perPage));
	const shown = Math.min(Math.max(1, Math.floor(page ?? 1) || 1), pages);
	const start = (shown - 1) * perPage;
	const slice = items.slice(start, start + perPage);
	return { items: slice, paging: { page: shown, pages, perPage, from: slice.length ? start + 1 : 0, to: start + slice.length } };
}
