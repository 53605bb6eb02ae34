/** Words for addresses and keys made from names and titles: @handles, category slugs, checklist keys. */

/**
 * Plain lower-case words joined by hyphens, accents and apostrophes dropped, at most `max`
 * characters: "Siân O’Brien" → "sian-obrien". Empty when nothing is left (callers add a fallback).
 */
export function slugify(text: string, max: number): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/['’]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, max);
}

/** `base` when no one has it, else the first of `base-2`, `base-3` … that is free. */
export function firstFree(base: string, taken: Set<string>): string {
	if (!taken.has(base)) return base;
	for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}
