/**
 * Bounces (issue 14). Every email we send carries a VERP envelope sender
 * (`bounces+<key>@REPLY_DOMAIN`) naming its member (and outbox message), so a bounce that comes
 * back — to that address, or as a DSN quoting it — maps to one member.
 *
 * The bounce score is Discourse's idea: a soft bounce (mailbox full, try later) adds 1, at most
 * once a day; a hard bounce (no such mailbox) reaches the threshold at once. At the threshold
 * the member's address is marked bouncing: digests and notifications stop (mailout's side), the
 * member sees a banner and coordinators a list. The score is forgotten 30 days after the last
 * bounce; a successful sign-in or a new address clears it (`clearBounce`), and a member whose
 * address has changed since it bounced is not bouncing.
 */
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { db, prepared } from '../db/client';
import { member, memberMailState } from '../db/schema';
import { addressFor, macFor, sameMac, keyOf } from './reply-keys';

export const BOUNCE_THRESHOLD = 4;
export const SOFT_BOUNCE_SCORE = 1;
export const HARD_BOUNCE_SCORE = BOUNCE_THRESHOLD;
/** Soft bounces count at most once in this long. */
export const SOFT_BOUNCE_EVERY_MS = 24 * 60 * 60 * 1000;
/** The score starts again when the last bounce is older than this. */
export const BOUNCE_SCORE_RESET_MS = 30 * 24 * 60 * 60 * 1000;

export type BounceKind = 'hard' | 'soft';

export type BounceStatus = {
	bouncing: boolean;
	score: number;
	/** When the address was marked bouncing. */
	since: number | null;
	/** The address that bounced. */
	address: string | null;
	lastKind: BounceKind | null;
	lastDetail: string | null;
	lastAt: number | null;
};

/** The envelope sender for an email to a member (optionally naming the outbox message). */
export function verpReturnPath(memberId: number, outboxMessageId?: number): string {
	if (!Number.isSafeInteger(memberId) || memberId <= 0) throw new Error(`Not a member id: ${memberId}`);
	const parts = outboxMessageId ? `b${memberId.toString(36)}-${outboxMessageId.toString(36)}` : `b${memberId.toString(36)}`;
	return addressFor('bounces', `${parts}-${macFor('bounce', parts)}`);
}

/** The member (and outbox message) a VERP address names; null when we did not make it. */
export function resolveBounceAddress(address: string): { memberId: number; outboxMessageId?: number } | null {
	const k = keyOf(address);
	const m = k ? /^b([0-9a-z]{1,11})(?:-([0-9a-z]{1,11}))?-([a-z2-7]{26})$/.exec(k) : null;
	if (!m) return null;
	const [, member36, outbox36, mac] = m;
	const parts = outbox36 ? `b${member36}-${outbox36}` : `b${member36}`;
	if (!sameMac(mac, macFor('bounce', parts))) return null;
	const memberId = parseInt(member36, 36);
	if (!Number.isSafeInteger(memberId) || memberId <= 0) return null;
	return outbox36 ? { memberId, outboxMessageId: parseInt(outbox36, 36) } : { memberId };
}

const stateQuery = prepared(() =>
	db
		.select({ state: memberMailState, email: member.email })
		.from(member)
		.leftJoin(memberMailState, eq(memberMailState.memberId, member.id))
		.where(eq(member.id, sql.placeholder('memberId')))
		.prepare()
);

function statusOf(row: { state: typeof memberMailState.$inferSelect | null; email: string } | undefined, now: number): BounceStatus {
	const s = row?.state;
	if (!s || !row) return { bouncing: false, score: 0, since: null, address: null, lastKind: null, lastDetail: null, lastAt: null };
	const stale = s.lastBounceAt != null && now - s.lastBounceAt > BOUNCE_SCORE_RESET_MS && s.bouncingAt == null;
	return {
		bouncing: s.bouncingAt != null && s.bouncingAddress != null && s.bouncingAddress === row.email.toLowerCase(),
		score: stale ? 0 : s.bounceScore,
		since: s.bouncingAt,
		address: s.bouncingAddress,
		lastKind: s.lastBounceKind,
		lastDetail: s.lastBounceDetail,
		lastAt: s.lastBounceAt
	};
}

/** Whether the member's address is bouncing, and why. */
export function bounceStatus(memberId: number, now = Date.now()): BounceStatus {
	return statusOf(stateQuery().get({ memberId }), now);
}

/** Whether mail to the member's current address bounces (so none should be sent). */
export function isBouncing(memberId: number): boolean {
	return bounceStatus(memberId).bouncing;
}

/** Of these members, those whose current address is bouncing. */
export function bouncingAmong(memberIds: number[]): Set<number> {
	const out = new Set<number>();
	for (let i = 0; i < memberIds.length; i += 500) {
		const rows = db
			.select({ id: member.id })
			.from(memberMailState)
			.innerJoin(member, eq(member.id, memberMailState.memberId))
			.where(and(inArray(memberMailState.memberId, memberIds.slice(i, i + 500)), isNotNull(memberMailState.bouncingAt), sql`${memberMailState.bouncingAddress} = lower(${member.email})`))
			.all();
		for (const r of rows) out.add(r.id);
	}
	return out;
}

/** Every member whose current address is bouncing (for coordinators' and admins' lists), most recent first. */
export function bouncingMembers(): { memberId: number; since: number; kind: BounceKind | null; detail: string | null }[] {
	return db
		.select({ memberId: memberMailState.memberId, since: memberMailState.bouncingAt, kind: memberMailState.lastBounceKind, detail: memberMailState.lastBounceDetail })
		.from(memberMailState)
		.innerJoin(member, eq(member.id, memberMailState.memberId))
		.where(and(isNotNull(memberMailState.bouncingAt), sql`${memberMailState.bouncingAddress} = lower(${member.email})`))
		.orderBy(sql`${memberMailState.bouncingAt} desc`)
		.all()
		.map((r) => ({ ...r, since: r.since! }));
}

/**
 * Counts a bounce of mail to the member's current address; marks it bouncing at the threshold.
 * Returns the status after. Unknown members: a status that is not bouncing.
 */
export function recordBounce(memberId: number, kind: BounceKind, detail: string, now = Date.now()): BounceStatus {
	return db.transaction(() => {
		const row = stateQuery().get({ memberId });
		if (!row) return statusOf(undefined, now);
		const email = row.email.toLowerCase();
		const s = row.state;
		// A previous address's score, or one whose last bounce is long past, starts again.
		const fresh = !s || s.lastBounceAt == null || now - s.lastBounceAt > BOUNCE_SCORE_RESET_MS || (s.bouncingAddress != null && s.bouncingAddress !== email);
		let score = fresh ? 0 : s!.bounceScore;
		const countedRecently = !fresh && s!.lastBounceAt != null && now - s!.lastBounceAt < SOFT_BOUNCE_EVERY_MS && s!.bounceScore > 0;
		if (kind === 'hard') score = Math.max(score + HARD_BOUNCE_SCORE, BOUNCE_THRESHOLD);
		else if (!countedRecently) score += SOFT_BOUNCE_SCORE;
		// lastBounceAt is when a bounce last counted, so "once a day" is measured from that.
		const counted = kind === 'hard' || !countedRecently;
		const alreadyBouncing = !fresh && s!.bouncingAt != null;
		const bouncingAt = alreadyBouncing ? s!.bouncingAt : score >= BOUNCE_THRESHOLD ? now : null;
		const values = {
			bounceScore: score,
			bouncingAt,
			bouncingAddress: email,
			lastBounceAt: counted ? now : s!.lastBounceAt,
			lastBounceKind: kind,
			lastBounceDetail: detail.slice(0, 500),
			updatedAt: now
		};
		db.insert(memberMailState)
			.values({ memberId, ...values })
			.onConflictDoUpdate({ target: memberMailState.memberId, set: values })
			.run();
		return bounceStatus(memberId, now);
	});
}

/** Clears the member's bounce score and mark (a successful sign-in, a new address, an admin). */
export function clearBounce(memberId: number, now = Date.now()): void {
	db.update(memberMailState)
		.set({ bounceScore: 0, bouncingAt: null, bouncingAddress: null, updatedAt: now })
		.where(eq(memberMailState.memberId, memberId))
		.run();
}

/** Records that the member took part by email (counts as being there, for the inactivity rule). */
export function noteInbound(memberId: number, now = Date.now()): void {
	db.insert(memberMailState)
		.values({ memberId, lastInboundAt: now, updatedAt: now })
		.onConflictDoUpdate({ target: memberMailState.memberId, set: { lastInboundAt: now, updatedAt: now } })
		.run();
}

/** When the member last took part by email, or null. */
export function lastInboundAt(memberId: number): number | null {
	return db.select({ at: memberMailState.lastInboundAt }).from(memberMailState).where(eq(memberMailState.memberId, memberId)).get()?.at ?? null;
}
