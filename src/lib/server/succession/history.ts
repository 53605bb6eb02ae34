/** The history of a checklist: every change, who made it and when, newest first. */
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { db } from '../db/client';
import { checklistChange, type ChecklistChange } from '../db/schema';
import { authorize, type Actor } from '../auth/policy';
import { authorityInfo, existing, memberNames, permissions } from './checklists';
import { formatDay, statusLabel } from './words';

export type HistoryEntry = {
	id: number;
	at: number;
	byName: string;
	itemKey: string | null;
	itemTitle: string;
	field: ChecklistChange['field'];
	/** "Status", "Owner", "Due date", "Evidence note", "Next election", "Template version" … */
	what: string;
	from: string;
	to: string;
	/** A sentence for changes that are not a simple from → to (added, removed, started). */
	summary: string | null;
};

const FIELD_WORDS: Record<ChecklistChange['field'], string> = {
	status: 'Status',
	owner: 'Owner',
	dueDate: 'Due date',
	note: 'Evidence note',
	naReason: 'Why it does not apply',
	reopened: 'Sent back to do',
	election: 'Next election',
	version: 'Template version',
	added: 'Item added',
	removed: 'Item removed',
	documents: 'Library documents'
};

/** Shows an owner value (`m:<id>`, `n:<name>` or ''). */
function ownerWords(value: string, names: Map<number, string>): string {
	if (value.startsWith('m:')) return names.get(Number(value.slice(2))) ?? 'Former member';
	if (value.startsWith('n:')) return value.slice(2);
	return 'No one';
}

/** Turns stored changes into words (names resolved, dates and statuses spelt out). */
export function describe(rows: ChecklistChange[]): HistoryEntry[] {
	const ownerIds = rows
		.filter((r) => r.field === 'owner')
		.flatMap((r) => [r.fromValue, r.toValue])
		.filter((v) => v.startsWith('m:'))
		.map((v) => Number(v.slice(2)));
	const names = memberNames([...rows.map((r) => r.changedById), ...ownerIds]);
	return rows.map((r) => {
		let from = r.fromValue;
		let to = r.toValue;
		let summary: string | null = null;
		switch (r.field) {
			case 'status':
				from = statusLabel(from);
				to = statusLabel(to);
				break;
			case 'owner':
				from = ownerWords(from, names);
				to = ownerWords(to, names);
				break;
			case 'dueDate':
				from = formatDay(from) || 'No date';
				to = formatDay(to) || 'No date';
				break;
			case 'election':
				from = formatDay(from) || 'Not set';
				to = formatDay(to) || 'Not set';
				break;
			case 'documents':
				from = from || 'None';
				to = to || 'None';
				break;
			case 'note':
			case 'naReason':
				from = from || '(empty)';
				to = to || '(empty)';
				break;
			case 'reopened':
				summary = `Sent back from “Not applicable” to “Not started” by ${r.changedById != null ? (names.get(r.changedById) ?? 'Former member') : 'a coordinator'}, with the note: ${to}.${from ? ` The reason it did not apply was: ${from}` : ''}`;
				break;
			case 'version':
				summary = from ? `Moved from template version ${from} to version ${to}` : `Checklist started on template version ${to}`;
				break;
			case 'added':
				summary = `Added by template version ${to}, as not started`;
				break;
			case 'removed': {
				let was = '';
				try {
					const old = JSON.parse(from) as { status?: string; dueDate?: string | null; note?: string };
					was = ` It was “${statusLabel(old.status ?? 'not-started')}”${old.dueDate ? `, due ${formatDay(old.dueDate)}` : ''}${old.note ? `, with the note: ${old.note}` : ''}.`;
				} catch {
					was = '';
				}
				summary = `Not in template version ${to}, so removed from the checklist.${was}`;
				from = '';
				break;
			}
		}
		return {
			id: r.id,
			at: r.at,
			byName: r.changedById != null ? (names.get(r.changedById) ?? 'Former member') : 'Former member',
			itemKey: r.itemKey,
			itemTitle: r.itemTitle,
			field: r.field,
			what: FIELD_WORDS[r.field],
			from,
			to,
			summary
		};
	});
}

export type HistoryFilter = { before?: number; item?: string; limit?: number };

/** A page of an authority's checklist history, newest first (keyset on id). */
export function list(actor: Actor, authorityId: number, f: HistoryFilter = {}) {
	const a = authorityInfo(authorityId);
	authorize(actor, 'checklist.view', { authorityId: a.id, regionId: a.regionId }, { hide: true });
	const c = existing(a.id);
	const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
	if (!c) return { authority: a, entries: [] as HistoryEntry[], next: null as number | null, permissions: permissions(actor, a) };
	const where: SQL[] = [eq(checklistChange.checklistId, c.id)];
	if (f.before && Number.isSafeInteger(f.before)) where.push(lt(checklistChange.id, f.before));
	if (f.item) where.push(eq(checklistChange.itemKey, f.item));
	const rows = db
		.select()
		.from(checklistChange)
		.where(and(...where))
		.orderBy(desc(checklistChange.id))
		.limit(limit + 1)
		.all();
	const page = rows.slice(0, limit);
	return { authority: a, entries: describe(page), next: rows.length > limit ? page.at(-1)!.id : null, permissions: permissions(actor, a) };
}
