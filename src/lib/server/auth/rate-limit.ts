import { and, count, eq, gte, lt, max } from 'drizzle-orm';
import { db } from '../db/client';
import { rateLimitEvent } from '../db/schema';

/** How many events with this key happened within the window. */
export function countRecent(key: string, windowMs: number, now = Date.now()): number {
	return db
		.select({ n: count() })
		.from(rateLimitEvent)
		.where(and(eq(rateLimitEvent.key, key), gte(rateLimitEvent.at, now - windowMs)))
		.get()!.n;
}

/** When the key's latest event happened, or null. */
export function latest(key: string): number | null {
	return db.select({ at: max(rateLimitEvent.at) }).from(rateLimitEvent).where(eq(rateLimitEvent.key, key)).get()?.at ?? null;
}

/** Records one event for a key. */
export function record(key: string, now = Date.now()) {
	db.insert(rateLimitEvent).values({ key, at: now }).run();
}

/** True when the key has reached `max` events within the window. */
export function isLimited(key: string, max: number, windowMs: number, now = Date.now()): boolean {
	return countRecent(key, windowMs, now) >= max;
}

/** Forgets a key's events (e.g. failed sign-ins after a success). */
export function clear(key: string) {
	db.delete(rateLimitEvent).where(eq(rateLimitEvent.key, key)).run();
}

/** Deletes events older than a day (housekeeping). */
export function purgeOld(now = Date.now()) {
	return db.delete(rateLimitEvent).where(lt(rateLimitEvent.at, now - 24 * 60 * 60 * 1000)).run().changes;
}
