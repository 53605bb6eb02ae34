/** Which library entries an actor sees, as SQL: the same rule as regional threads. */
import { and, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/policy';
import { libraryEntry } from '../db/schema';

/** The regions whose entries the actor sees besides national ones; null = all (admins). */
export function visibleRegionIds(actor: Actor): string[] | null {
	if (actor.role === 'admin') return null;
	const ids = [actor.regionId];
	if (actor.role === 'coordinator' && actor.coordinatorRegionId && actor.coordinatorRegionId !== actor.regionId) ids.push(actor.coordinatorRegionId);
	return ids;
}

/** SQL: entries the actor may see in lists and search (hidden ones only to their author and admins; drafts only to their author). */
export function visibleWhere(actor: Actor): SQL | undefined {
	const ids = visibleRegionIds(actor);
	const scope = ids == null ? undefined : or(isNull(libraryEntry.regionId), inArray(libraryEntry.regionId, ids));
	const shown = actor.role === 'admin' ? undefined : or(isNull(libraryEntry.hiddenAt), eq(libraryEntry.authorId, actor.id));
	const notDraft = or(eq(libraryEntry.draft, false), eq(libraryEntry.authorId, actor.id));
	return and(scope, shown, notDraft);
}
