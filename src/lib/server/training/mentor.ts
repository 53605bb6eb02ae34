/**
 * The one place the training area asks who a member's current mentor is (for sharing a log with
 * one's mentor). Training does not import the mentoring area — mentoring imports training, to put
 * logged meetings into both members' logs — so the answer comes from a lookup that the mentoring
 * area provides when it loads (`mentoring/training-link.ts`; the server, the seeds and the
 * command line load it through `provideLinks()` in `$lib/server/links.ts`).
 */
type Lookup = (memberId: number) => number | null;

let fromMentoring: Lookup | undefined;
let override: Lookup | undefined;

/** The member id of `memberId`'s current mentor (their active pairing as mentee), or null. */
export function currentMentorOf(memberId: number): number | null {
	const lookup = override ?? fromMentoring;
	if (!lookup) throw new Error('No mentor lookup: the mentoring area provides it when it loads (call provideLinks() from $lib/server/links.ts)');
	return lookup(memberId);
}

/** For the mentoring area: how to find a member's current mentor. */
export function provideMentorLookup(fn: Lookup): void {
	fromMentoring = fn;
}

/** Replaces the lookup (tests); null goes back to asking the mentoring area. */
export function useMentorLookup(fn: Lookup | null): void {
	override = fn ?? undefined;
}
