/** What the signed-in header shows besides the name: the unread notification count. */
import type { Actor } from './auth/policy';

type Counter = (actor: Actor) => number;
let counter: Counter = () => 0;

/** The discussions area registers its unread-notification counter here. */
export function registerUnreadCounter(fn: Counter) {
	counter = fn;
}

export function unreadCount(actor: Actor): number {
	return counter(actor);
}
