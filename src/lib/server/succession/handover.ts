/**
 * The printable handover pack: the checklist as a new Lead Member reads it. Opening it is
 * recorded (who, which authority, first and last time) so a new member's path can see that
 * they have read their predecessor's pack.
 */
import { and, eq, min } from 'drizzle-orm';
import { db, inJson, jsonList, prepared } from '../db/client';
import { handoverPackOpening } from '../db/schema';
import type { Actor } from '../auth/policy';
import { view, type ChecklistView } from './checklists';

/** The authority's pack for this actor (404 when they may not see it), recording that they opened it. */
export function open(actor: Actor, authorityId: number, now = Date.now()): ChecklistView {
	const pack = view(actor, authorityId, now);
	db.insert(handoverPackOpening)
		.values({ memberId: actor.id, authorityId: pack.authority.id, firstAt: now, lastAt: now })
		.onConflictDoUpdate({ target: [handoverPackOpening.memberId, handoverPackOpening.authorityId], set: { lastAt: now } })
		.run();
	return pack;
}

const openingsQuery = prepared(() =>
	db
		.select({ memberId: handoverPackOpening.memberId, authorityId: handoverPackOpening.authorityId, firstAt: min(handoverPackOpening.firstAt) })
		.from(handoverPackOpening)
		.where(inJson(handoverPackOpening.memberId, 'ids'))
		.groupBy(handoverPackOpening.memberId, handoverPackOpening.authorityId)
		.prepare()
);

/** When each of these members first opened their own authority's pack (members who never did are left out). One prepared query for any number of members. */
export function firstOpenedOwnPack(members: { id: number; authorityId: number }[]): Map<number, number> {
	if (members.length === 0) return new Map();
	const authorityOf = new Map(members.map((m) => [m.id, m.authorityId]));
	const rows = openingsQuery().all({ ids: jsonList([...authorityOf.keys()]) });
	const out = new Map<number, number>();
	for (const r of rows) if (authorityOf.get(r.memberId) === r.authorityId && r.firstAt != null) out.set(r.memberId, r.firstAt);
	return out;
}

/** The packs a member opened (for their data export). */
export function openedBy(memberId: number) {
	return db.select().from(handoverPackOpening).where(eq(handoverPackOpening.memberId, memberId)).all();
}

/** Forgets a member's openings (erasure). */
export function forget(memberId: number): void {
	db.delete(handoverPackOpening).where(and(eq(handoverPackOpening.memberId, memberId))).run();
}
