/**
 * Data rights for the library (the trust area assembles every area's part): everything of a
 * member's here (private drafts included), with a link to download each file they uploaded; and
 * erasure — documents they shared stay for the network, shown as shared by "Former member";
 * their private drafts, useful marks and reports go.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { db, immediate } from '../db/client';
import { libraryEntry, libraryFile, libraryReport, libraryUseful, libraryVersion } from '../db/schema';
import { regionName } from '../network/authorities';
import * as files from '../files';

const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());

/** Everything of this member's in the library. */
export function exportMemberData(memberId: number): Record<string, unknown> {
	const entries = db
		.select()
		.from(libraryEntry)
		.where(eq(libraryEntry.authorId, memberId))
		.orderBy(asc(libraryEntry.id))
		.all()
		.map((e) => ({ id: e.id, kind: e.kind, title: e.title, summary: e.summary, caseStudy: e.caseStudy, topics: e.topics, scope: regionName(e.regionId), reviewBy: e.reviewBy, draft: e.draft, sharedAt: e.draft ? null : iso(e.createdAt), savedAt: iso(e.createdAt), hiddenAt: iso(e.hiddenAt), hiddenReason: e.hiddenReason, page: `/library/${e.id}` }));
	const uploads = db
		.select({ id: libraryVersion.id, entryId: libraryFile.entryId, number: libraryVersion.number, name: libraryVersion.name, size: libraryVersion.size, kind: libraryVersion.kind, sha256: libraryVersion.hash, createdAt: libraryVersion.createdAt })
		.from(libraryVersion)
		.innerJoin(libraryFile, eq(libraryFile.id, libraryVersion.fileId))
		.where(eq(libraryVersion.uploadedById, memberId))
		.orderBy(asc(libraryVersion.id))
		.all()
		.map((v) => ({ ...v, uploadedAt: iso(v.createdAt), createdAt: undefined, download: `/library/${v.entryId}/versions/${v.id}` }));
	const useful = db
		.select({ entryId: libraryUseful.entryId, title: libraryEntry.title, at: libraryUseful.createdAt })
		.from(libraryUseful)
		.innerJoin(libraryEntry, eq(libraryEntry.id, libraryUseful.entryId))
		.where(eq(libraryUseful.memberId, memberId))
		.all()
		.map((u) => ({ ...u, at: iso(u.at) }));
	const reports = db
		.select({ entryId: libraryReport.entryId, reason: libraryReport.reason, note: libraryReport.note, at: libraryReport.createdAt })
		.from(libraryReport)
		.where(eq(libraryReport.reporterId, memberId))
		.all()
		.map((r) => ({ ...r, at: iso(r.at) }));
	return { entries, uploads, markedUseful: useful, reports };
}

/** Erasure: shared documents stay (as "Former member"); the member's private drafts, marks and reports go. */
export function eraseMember(memberId: number, now = Date.now()): void {
	immediate(() => {
		// Drafts were never shared: they go, with their hold on each stored file (housekeeping removes unreferenced bytes).
		const drafts = db
			.select({ id: libraryEntry.id })
			.from(libraryEntry)
			.where(and(eq(libraryEntry.authorId, memberId), eq(libraryEntry.draft, true)))
			.all()
			.map((d) => d.id);
		if (drafts.length) {
			const held = db.select({ hash: libraryVersion.hash }).from(libraryVersion).innerJoin(libraryFile, eq(libraryFile.id, libraryVersion.fileId)).where(inArray(libraryFile.entryId, drafts)).all();
			for (const h of held) files.remove(h.hash, now);
			db.delete(libraryEntry).where(inArray(libraryEntry.id, drafts)).run();
		}
		const marks = db.select({ entryId: libraryUseful.entryId }).from(libraryUseful).where(eq(libraryUseful.memberId, memberId)).all();
		if (marks.length)
			db.update(libraryEntry)
				.set({ usefulCount: sql`max(${libraryEntry.usefulCount} - 1, 0)` })
				.where(inArray(libraryEntry.id, marks.map((m) => m.entryId)))
				.run();
		db.delete(libraryUseful).where(eq(libraryUseful.memberId, memberId)).run();
		db.delete(libraryReport).where(eq(libraryReport.reporterId, memberId)).run();
		db.update(libraryEntry).set({ authorId: null }).where(eq(libraryEntry.authorId, memberId)).run();
		db.update(libraryEntry).set({ hiddenById: null }).where(eq(libraryEntry.hiddenById, memberId)).run();
		db.update(libraryVersion).set({ uploadedById: null }).where(and(eq(libraryVersion.uploadedById, memberId))).run();
	});
}
