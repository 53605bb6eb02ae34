/**
 * What a member's digest (and the home page "your week") holds: each area's section for them,
 * the sections with something new first, and an overall cap so no email runs on. The areas
 * rank and cap their own groups ("and 12 more"); here every group is held to GROUP_CAP items and
 * the whole digest to TOTAL_CAP, the rest counted into each group's "more".
 */
import { areas, sectionOf } from './areas';
import type { DigestGroup, DigestRecipient, DigestSection } from '../digest-items';

/** At most this many items in one group … */
export const GROUP_CAP = 8;
/** … and in the whole digest. */
export const TOTAL_CAP = 40;

export type DigestContent = {
	sections: DigestSection[];
	/** Something in it is new since `since` (else no digest is sent). */
	hasNew: boolean;
	/** Items shown, and items beyond them ("more"). */
	itemCount: number;
	moreCount: number;
};

/** Holds groups to the caps; a group with no room left keeps only its "more" line. */
export function capSections(sections: DigestSection[], groupCap = GROUP_CAP, totalCap = TOTAL_CAP): DigestSection[] {
	let budget = totalCap;
	return sections.map((s) => ({
		...s,
		groups: s.groups.map((g): DigestGroup => {
			const room = Math.max(0, Math.min(groupCap, budget));
			const items = g.items.slice(0, room);
			budget -= items.length;
			const more = (g.more ?? 0) + (g.items.length - items.length);
			return { ...g, items, ...(more > 0 ? { more } : { more: undefined }) };
		})
	}));
}

/** Drops empty groups and sections; sections with something new first, otherwise in area order. */
export function orderSections(sections: (DigestSection | null)[]): DigestSection[] {
	const kept = sections
		.filter((s): s is DigestSection => s != null)
		.map((s) => ({ ...s, groups: s.groups.filter((g) => g.items.length > 0 || (g.more ?? 0) > 0) }))
		.filter((s) => s.groups.length > 0);
	return [...kept.filter((s) => s.hasNew), ...kept.filter((s) => !s.hasNew)];
}

/** Counts the items shown and beyond. */
export function countItems(sections: DigestSection[]): { itemCount: number; moreCount: number } {
	let itemCount = 0;
	let moreCount = 0;
	for (const s of sections)
		for (const g of s.groups) {
			itemCount += g.items.length;
			moreCount += g.more ?? 0;
		}
	return { itemCount, moreCount };
}

/**
 * Everything the areas have for this member from `since` to `now`, ordered and capped. `without`
 * leaves areas out unasked (the home page shows induction in its own block).
 */
export function buildContent(recipient: DigestRecipient, since: number, now: number, caps: { group?: number; total?: number } = {}, without: readonly DigestSection['area'][] = []): DigestContent {
	const sections = capSections(
		orderSections(areas().filter((a) => !without.includes(a.name)).map((a) => sectionOf(a, recipient, since, now))),
		caps.group ?? GROUP_CAP,
		caps.total ?? TOTAL_CAP
	);
	return { sections, hasNew: sections.some((s) => s.hasNew), ...countItems(sections) };
}
