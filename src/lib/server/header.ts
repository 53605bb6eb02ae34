/** What the signed-in header shows besides the name: the unread notification count, and a banner when the member's email bounces. */
import type { Actor } from './auth/policy';
import * as notifications from './discussions/notifications';
import { bounceStatus } from './mail/bounces';

/** Unread notifications the member may see (discussions owns notifications). */
export function unreadCount(actor: Actor): number {
	return notifications.unreadCount(actor);
}

/** When mail to the member's current address bounces: the address and since when (the banner on every page); else null. */
export function bouncing(memberId: number): { address: string; since: number } | null {
	const s = bounceStatus(memberId);
	return s.bouncing && s.address && s.since != null ? { address: s.address, since: s.since } : null;
}
