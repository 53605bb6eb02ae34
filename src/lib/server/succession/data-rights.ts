/**
 * A member's data in the succession area: what they changed, what they own, the reminders
 * they sent. Erasing keeps each change (the authority's history needs it) but shows it as
 * made by "Former member", and removes the person's name and email from owners and notes.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { db, immediate } from '../db/client';
import { checklist, checklistChange, checklistItem, checklistTemplate, successionReminder, templateItem } from '../db/schema';
import * as members from '../network/members';
import { authorityById } from '../network/authorities';
import { describe } from './history';
import * as handover from './handover';
import { statusLabel } from './words';

const FORMER = 'Former member';

function authorityNames(checklistIds: number[]): Map<number, string> {
	if (checklistIds.length === 0) return new Map();
	return new Map(
		db
			.select({ id: checklist.id, authorityId: checklist.authorityId })
			.from(checklist)
			.where(inArray(checklist.id, checklistIds))
			.all()
			.map((r) => [r.id, authorityById(r.authorityId)?.name ?? ''])
	);
}

/** Everything of this member's in the succession area, for "download my data". */
export function exportMemberData(memberId: number): Record<string, unknown> {
	const changes = db.select().from(checklistChange).where(eq(checklistChange.changedById, memberId)).orderBy(checklistChange.id).all();
	const owned = db
		.select({ checklistId: checklistItem.checklistId, title: templateItem.title, status: checklistItem.status, dueDate: checklistItem.dueDate, updatedAt: checklistItem.updatedAt })
		.from(checklistItem)
		.innerJoin(templateItem, eq(templateItem.id, checklistItem.templateItemId))
		.where(eq(checklistItem.ownerMemberId, memberId))
		.all();
	const elections = db.select().from(checklist).where(eq(checklist.electionSetById, memberId)).all();
	const reminders = db.select().from(successionReminder).where(eq(successionReminder.sentById, memberId)).all();
	const templatesPublished = db.select().from(checklistTemplate).where(eq(checklistTemplate.publishedById, memberId)).all();
	const names = authorityNames([...changes.map((c) => c.checklistId), ...owned.map((o) => o.checklistId)]);
	const described = new Map(describe(changes).map((e) => [e.id, e]));
	return {
		checklistChanges: changes.map((c) => {
			const e = described.get(c.id)!;
			return { at: new Date(c.at).toISOString(), authority: names.get(c.checklistId) ?? '', item: c.itemTitle || null, change: e.what, from: e.from, to: e.to, summary: e.summary };
		}),
		checklistItemsOwned: owned.map((o) => ({ authority: names.get(o.checklistId) ?? '', item: o.title, status: statusLabel(o.status), dueDate: o.dueDate })),
		electionDatesSet: elections.map((c) => ({ authority: authorityById(c.authorityId)?.name ?? '', electionDate: c.electionDate, setAt: c.electionSetAt ? new Date(c.electionSetAt).toISOString() : null })),
		remindersSent: reminders.map((r) => ({ authority: authorityById(r.authorityId)?.name ?? '', day: r.day, recipients: r.recipientCount, openItems: r.openItemCount, message: r.message })),
		handoverPacksOpened: handover.openedBy(memberId).map((o) => ({ authority: authorityById(o.authorityId)?.name ?? '', firstOpenedAt: new Date(o.firstAt).toISOString(), lastOpenedAt: new Date(o.lastAt).toISOString() })),
		checklistTemplateVersionsPublished: templatesPublished.map((t) => ({ version: t.version, summary: t.summary, publishedAt: t.publishedAt ? new Date(t.publishedAt).toISOString() : null }))
	};
}

/** Removes the member from the succession area (call before the member row goes). */
export function eraseMember(memberId: number): void {
	const p = members.profile(memberId);
	const words = [p?.name, p?.email].filter((w): w is string => !!w && w.trim().length >= 3);
	immediate(() => {
		handover.forget(memberId);
		db.update(checklistChange).set({ changedById: null }).where(eq(checklistChange.changedById, memberId)).run();
		const ref = `m:${memberId}`;
		db.update(checklistChange).set({ fromValue: `n:${FORMER}` }).where(eq(checklistChange.fromValue, ref)).run();
		db.update(checklistChange).set({ toValue: `n:${FORMER}` }).where(eq(checklistChange.toValue, ref)).run();
		db.update(checklistItem).set({ ownerMemberId: null, ownerName: FORMER }).where(eq(checklistItem.ownerMemberId, memberId)).run();
		db.update(checklistItem).set({ updatedById: null }).where(eq(checklistItem.updatedById, memberId)).run();
		db.update(checklist).set({ updatedById: null }).where(eq(checklist.updatedById, memberId)).run();
		db.update(checklist).set({ electionSetById: null }).where(eq(checklist.electionSetById, memberId)).run();
		db.update(successionReminder).set({ sentById: null }).where(eq(successionReminder.sentById, memberId)).run();
		db.update(checklistTemplate).set({ createdById: null }).where(eq(checklistTemplate.createdById, memberId)).run();
		db.update(checklistTemplate).set({ publishedById: null }).where(eq(checklistTemplate.publishedById, memberId)).run();
		// The person's name or email typed into owners, notes or reminder messages.
		for (const w of words) {
			db.update(checklistItem)
				.set({ ownerName: sql`replace(${checklistItem.ownerName}, ${w}, ${FORMER})`, note: sql`replace(${checklistItem.note}, ${w}, ${FORMER})` })
				.where(sql`instr(${checklistItem.ownerName}, ${w}) > 0 or instr(${checklistItem.note}, ${w}) > 0`)
				.run();
			db.update(checklistChange)
				.set({ fromValue: sql`replace(${checklistChange.fromValue}, ${w}, ${FORMER})`, toValue: sql`replace(${checklistChange.toValue}, ${w}, ${FORMER})` })
				.where(sql`instr(${checklistChange.fromValue}, ${w}) > 0 or instr(${checklistChange.toValue}, ${w}) > 0`)
				.run();
			db.update(successionReminder)
				.set({ message: sql`replace(${successionReminder.message}, ${w}, ${FORMER})` })
				.where(sql`instr(${successionReminder.message}, ${w}) > 0`)
				.run();
		}
	});
}
