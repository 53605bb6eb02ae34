/**
 * Who sees which threads, as SQL. The policy (auth/policy.ts, `thread.view`) decides for one
 * thread; lists, search, notifications and digests need the same rule inside a query, so it is
 * expressed here once: national threads for everyone, a region's threads for its members, its
 * coordinator and admins.
 */
import { inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { can, type Actor } from '../auth/policy';

/** The regions whose threads the actor may see besides national ones; null means every region (admins). */
export function visibleRegionIds(actor: Actor): string[] | null {
	if (actor.role === 'admin') return null;
	const ids = [actor.regionId];
	if (actor.role === 'coordinator' && actor.coordinatorRegionId && actor.coordinatorRegionId !== actor.regionId) ids.push(actor.coordinatorRegionId);
	return ids;
}

/** The same for every actor who sees the same threads: a key for statements built per visibility. */
export function visibilityKey(actor: Actor): string {
	return visibleRegionIds(actor)?.join(',') ?? '*';
}

/**
 * A condition on a thread's region column: true for threads the actor may see (undefined = no
 * restriction). With `steer: false` the column is written `+column` so SQLite does not pick a
 * region index for it — lists then walk their activity index in order and stop at the page size
 * instead of collecting and sorting every visible thread.
 */
export function visibleWhere(actor: Actor, regionColumn: AnySQLiteColumn, opts: { steer?: boolean } = {}): SQL | undefined {
	const ids = visibleRegionIds(actor);
	if (ids == null) return undefined;
	if (opts.steer === false) return sql`(+${regionColumn} is null or +${regionColumn} in ${ids})`;
	return or(isNull(regionColumn), inArray(regionColumn, ids));
}

/** The same condition as raw SQL text with its parameters, for hand-written statements (search). */
export function visibleSqlText(actor: Actor, column: string): { text: string; params: string[] } {
	const ids = visibleRegionIds(actor);
	if (ids == null) return { text: '1', params: [] };
	return { text: `(${column} IS NULL OR ${column} IN (${ids.map(() => '?').join(', ')}))`, params: ids };
}

/** May the actor see a thread with this scope? */
export function canSee(actor: Actor, regionId: string | null): boolean {
	return can(actor, 'thread.view', { regionId });
}

/** A condition that is always false (an empty result without a special case). */
export const nothing = sql`0`;
