/**
 * The digests area's part of data rights (the trust area assembles them): a member's personal
 * digest history and the regional digests they composed; on erasure their digest schedule and
 * history go, and they are taken out of the "new members" lines of past regional digests.
 * (Their email choices and the emails sent to them belong to mail/, which the network part erases.)
 */
import { eq, or } from 'drizzle-orm';
import { db } from '../db/client';
import { personalDigestRun, personalDigestState, regionalDigest } from '../db/schema';
import * as members from '../network/members';
import { regionName } from '../network/authorities';

/** What happened to each period's digest, in words. */
const DIGEST_OUTCOME: Record<(typeof personalDigestRun.$inferSelect)['outcome'], string> = {
	sent: 'sent',
	empty: 'nothing new, not sent',
	seen: 'not sent: you had been on the site and seen all of it',
	held: 'not sent: your address was bouncing, or you had not been on the site for a long time'
};

/** Everything of the member's in digests. */
export function exportMemberData(memberId: number): Record<string, unknown> {
	const runs = db.select().from(personalDigestRun).where(eq(personalDigestRun.memberId, memberId)).orderBy(personalDigestRun.dueAt).all();
	const composed = db
		.select({ id: regionalDigest.id, title: regionalDigest.title, regionId: regionalDigest.regionId, status: regionalDigest.status, sentAt: regionalDigest.sentAt, createdAt: regionalDigest.createdAt })
		.from(regionalDigest)
		.where(or(eq(regionalDigest.createdById, memberId), eq(regionalDigest.sentById, memberId)))
		.all();
	return {
		personalDigests: runs.map((r) => ({
			period: r.periodKey,
			scheduledFor: new Date(r.dueAt).toISOString(),
			covering: { from: new Date(r.coversFrom).toISOString(), to: new Date(r.coversUntil).toISOString() },
			outcome: DIGEST_OUTCOME[r.outcome],
			items: r.itemCount
		})),
		regionalDigestsComposed: composed.map((d) => ({ title: d.title, region: regionName(d.regionId), status: d.status, sentAt: d.sentAt ? new Date(d.sentAt).toISOString() : null }))
	};
}

/** Deletes the member's digest schedule and history, and their line in past digests' new-member lists. */
export function eraseMember(memberId: number): void {
	db.delete(personalDigestRun).where(eq(personalDigestRun.memberId, memberId)).run();
	db.delete(personalDigestState).where(eq(personalDigestState.memberId, memberId)).run();
	const handle = members.byId(memberId)?.handle;
	if (!handle) return;
	const href = `/members/${handle}`;
	for (const d of db.select({ id: regionalDigest.id, sections: regionalDigest.sections }).from(regionalDigest).all()) {
		if (!d.sections.some((s) => s.items.some((i) => i.href === href))) continue;
		const sections = d.sections.map((s) => ({ ...s, items: s.items.filter((i) => i.href !== href) }));
		db.update(regionalDigest).set({ sections }).where(eq(regionalDigest.id, d.id)).run();
	}
}
