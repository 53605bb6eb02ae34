/**
 * Who an author may mean by `@jo…`: members of the directory (active members, as the directory
 * shows them to anyone signed in), matched by the start of their handle or of any word of their
 * name. Behind the completion in the post box (`/members/mentions.json`), with a rate limit:
 * it is typed into, not a way to list the network.
 */
import { and, asc, eq, isNull, like, ne, or, sql } from 'drizzle-orm';
import { db } from '../db/client';
import { authority, member } from '../db/schema';
import { authorize, type Actor } from '../auth/policy';
import * as rateLimit from '../auth/rate-limit';

/** Suggestions shown at once. */
export const SUGGESTIONS = 6;
/** Look-ups one member may make a minute (a fast typist asks a few times a second, for a few seconds). */
export const LOOKUPS_PER_MINUTE = 60;

export type MentionSuggestion = { handle: string; name: string; authorityName: string };

/** What was typed after `@`: letters, digits, hyphens, spaces and apostrophes, 1–40 of them; null otherwise. */
export function parsePrefix(raw: string | null): string | null {
	const q = (raw ?? '').replace(/^@/, '').trim().toLowerCase();
	return /^[\p{L}\p{N}][\p{L}\p{N}' -]{0,39}$/u.test(q) ? q : null;
}

/**
 * Members whose handle or a word of whose name starts with `prefix`, handles first, then by
 * name; never the author. `limited` when they have asked too often this minute.
 */
export function mentionSuggestions(actor: Actor, prefix: string, now = Date.now()): { limited: boolean; members: MentionSuggestion[] } {
	authorize(actor, 'member.view', { id: actor.id });
	const key = `mention-lookup:${actor.id}`;
	if (rateLimit.isLimited(key, LOOKUPS_PER_MINUTE, 60_000, now)) return { limited: true, members: [] };
	rateLimit.record(key, now);
	// parsePrefix lets no LIKE wildcard through (% and _ are not among its characters).
	const handleMatch = like(member.handle, `${prefix.replace(/[' ]+/g, '-')}%`);
	const rows = db
		.select({ handle: member.handle, name: member.name, authorityName: authority.name, byHandle: sql<number>`${handleMatch}` })
		.from(member)
		.innerJoin(authority, eq(authority.id, member.authorityId))
		.where(
			and(
				isNull(member.deactivatedAt),
				ne(member.id, actor.id),
				or(handleMatch, like(member.name, `${prefix}%`), like(member.name, `% ${prefix}%`))
			)
		)
		.orderBy(sql`${handleMatch} desc`, asc(member.name), asc(member.id))
		.limit(SUGGESTIONS)
		.all();
	return { limited: false, members: rows.map(({ handle, name, authorityName }) => ({ handle, name, authorityName })) };
}
