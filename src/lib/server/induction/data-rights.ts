/**
 * A member's data in the induction area: their path (version, when it began, whether a
 * coordinator marked them new), every step they ticked or marked not relevant with their notes
 * and reasons, and the nudges they were sent. Erasing removes all of it; nudges a coordinator sent
 * stay (the other member's data) without the sender's id, as do the template versions and
 * region steps they wrote.
 */
import { eq } from 'drizzle-orm';
import { db, immediate } from '../db/client';
import { inductionNudge, inductionPath, inductionProgress, inductionRegionStep, inductionTemplate } from '../db/schema';
import * as templates from './templates';

export function exportMemberData(memberId: number): Record<string, unknown> {
	const path = db.select().from(inductionPath).where(eq(inductionPath.memberId, memberId)).get();
	const progress = db.select().from(inductionProgress).where(eq(inductionProgress.memberId, memberId)).orderBy(inductionProgress.at).all();
	const nudges = db.select().from(inductionNudge).where(eq(inductionNudge.memberId, memberId)).orderBy(inductionNudge.sentAt).all();
	const sent = db.select().from(inductionNudge).where(eq(inductionNudge.sentById, memberId)).orderBy(inductionNudge.sentAt).all();
	const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());
	return {
		path: path
			? { version: templates.byId(path.templateId)?.version ?? null, startedAt: iso(path.startedAt), markedNewByCoordinatorAt: iso(path.markedNewAt) }
			: null,
		steps: progress.map((p) => ({ step: p.stepKey, status: p.status === 'done' ? 'Done' : 'Not relevant for me', at: iso(p.at), note: p.note || null, reason: p.reason || null })),
		nudgesReceived: nudges.map((n) => ({ sentAt: iso(n.sentAt), message: n.message })),
		nudgesSent: sent.map((n) => ({ sentAt: iso(n.sentAt), message: n.message }))
	};
}

export function eraseMember(memberId: number): void {
	immediate(() => {
		db.delete(inductionProgress).where(eq(inductionProgress.memberId, memberId)).run();
		db.delete(inductionNudge).where(eq(inductionNudge.memberId, memberId)).run();
		db.delete(inductionPath).where(eq(inductionPath.memberId, memberId)).run();
		db.update(inductionNudge).set({ sentById: null }).where(eq(inductionNudge.sentById, memberId)).run();
		db.update(inductionPath).set({ markedNewById: null }).where(eq(inductionPath.markedNewById, memberId)).run();
		db.update(inductionRegionStep).set({ createdById: null }).where(eq(inductionRegionStep.createdById, memberId)).run();
		db.update(inductionTemplate).set({ createdById: null }).where(eq(inductionTemplate.createdById, memberId)).run();
		db.update(inductionTemplate).set({ publishedById: null }).where(eq(inductionTemplate.publishedById, memberId)).run();
	});
}
