/**
 * The one place the training area asks the mentoring area who a member's current mentor is
 * (for sharing a log with one's mentor). Everything in training goes through here, so the
 * link between the two areas is a single function.
 *
 * mentoring/training-link.ts also imports the training area (to log meetings), so the two
 * modules form an import cycle, and training-link calls `useMentorLookup` while it loads —
 * possibly before this module has run. `override` is therefore a `var` (hoisted, never in a
 * temporal dead zone) and the default is read at call time.
 */
import { currentMentorOf as fromMentoring } from '../mentoring/training-link';

type Lookup = (memberId: number) => number | null;

// eslint-disable-next-line no-var
var override: Lookup | undefined;

/** The member id of `memberId`'s current mentor (their active pairing as mentee), or null. */
export function currentMentorOf(memberId: number): number | null {
	return (override ?? fromMentoring)(memberId);
}

/** Replaces the lookup (tests); null goes back to asking the mentoring area. */
export function useMentorLookup(fn: Lookup | null): void {
	override = fn ?? undefined;
}
