/**
 * Sharing a training log with one's mentor: the member's choice, given to a named mentor.
 * When the member's mentor changes, the log is not shared with the new mentor until the
 * member switches sharing on again. The mentor reads; only the member edits.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { db } from '../db/client';
import { trainingSharing } from '../db/schema';
import * as members from '../network/members';
import type { Actor, Resources } from '../auth/policy';
import { currentMentorOf } from './mentor';

/** The mentor the member's log is shared with now: the stored mentor if they are still the current one. */
export function sharedWithMentorId(memberId: number): number | null {
	const row = db.select({ mentorId: trainingSharing.mentorId }).from(trainingSharing).where(eq(trainingSharing.memberId, memberId)).get();
	if (!row) return null;
	return currentMentorOf(memberId) === row.mentorId ? row.mentorId : null;
}

/** The facts the policy needs to decide 'training.view' on a member's log. */
export function viewFacts(memberId: number): Resources['training.view'] {
	return { memberId, sharedWithMentorId: sharedWithMentorId(memberId) };
}

function nameOf(id: number | null): { id: number; name: string } | null {
	if (id == null) return null;
	const p = members.people([id]).get(id);
	return p && p.deactivatedAt == null ? { id: p.id, name: p.name } : null;
}

/** The acting member's sharing: their current mentor (or null), and whether the log is shared with them. */
export function status(actor: Actor): { mentor: { id: number; name: string } | null; shared: boolean; previousMentor: { id: number; name: string } | null } {
	const mentor = nameOf(currentMentorOf(actor.id));
	const row = db.select().from(trainingSharing).where(eq(trainingSharing.memberId, actor.id)).get();
	const shared = mentor != null && row?.mentorId === mentor.id;
	const previousMentor = row && !shared ? nameOf(row.mentorId) : null;
	return { mentor, shared, previousMentor };
}

/**
 * Switches sharing the acting member's log with their current mentor on or off. Sharing
 * without a current mentor is refused with a message.
 */
export function setShared(actor: Actor, share: boolean, now = Date.now()): { ok: true } | { ok: false; errors: Record<string, string> } {
	if (!share) {
		db.delete(trainingSharing).where(eq(trainingSharing.memberId, actor.id)).run();
		return { ok: true };
	}
	const mentorId = currentMentorOf(actor.id);
	if (mentorId == null || mentorId === actor.id) return { ok: false, errors: { share: 'You do not have a mentor at the moment, so there is no one to share your log with' } };
	db.insert(trainingSharing)
		.values({ memberId: actor.id, mentorId, sharedAt: now })
		.onConflictDoUpdate({ target: trainingSharing.memberId, set: { mentorId, sharedAt: now } })
		.run();
	return { ok: true };
}

/** Mentees whose logs are shared with the acting member now, by name. */
export function sharedWithMe(actor: Actor): { id: number; name: string; authorityName: string; sharedAt: number }[] {
	const shares = db.select({ memberId: trainingSharing.memberId, sharedAt: trainingSharing.sharedAt }).from(trainingSharing).where(eq(trainingSharing.mentorId, actor.id)).all();
	const who = members.people(shares.map((s) => s.memberId));
	return shares
		.flatMap((s) => {
			const p = who.get(s.memberId);
			return p && p.deactivatedAt == null && currentMentorOf(p.id) === actor.id ? [{ id: p.id, name: p.name, authorityName: p.authorityName, sharedAt: s.sharedAt }] : [];
		})
		.sort((a, b) => byCodeUnits(a.name, b.name) || a.id - b.id);
}

/** Plain string order, like SQLite's default BINARY collation (not by locale). */
function byCodeUnits(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Forget every share to or from these members (used when an account is erased). */
export function forget(memberIds: number[]): void {
	if (memberIds.length === 0) return;
	db.delete(trainingSharing).where(inArray(trainingSharing.memberId, memberIds)).run();
	db.delete(trainingSharing).where(inArray(trainingSharing.mentorId, memberIds)).run();
}

/** The stored share of one member, for their data export. */
export function shareRow(memberId: number) {
	return db.select().from(trainingSharing).where(and(eq(trainingSharing.memberId, memberId))).get() ?? null;
}
