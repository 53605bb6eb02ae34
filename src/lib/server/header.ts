/** What the signed-in header shows besides the name: the unread notification count. */
import type { Actor } from './auth/policy';
import * as notifications from './discussions/notifications';

/** Unread notifications the member may see (discussions owns notifications). */
export function unreadCount(actor: Actor): number {
	return notifications.unreadCount(actor);
}
