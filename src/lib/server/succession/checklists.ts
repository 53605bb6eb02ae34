/**
 * One live checklist per authority: its items' answers, the readiness score, the election
 * countdown and flags, version upgrades. Every function takes the acting member and asks the
 * policy; a checklist of another authority is "not found" to those who may not see it.
 */
import { error } from '@sveltejs/kit';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { db, immediate, prepared, sqlite } from '../db/client';
import { checklist, checklistChange, checklistItem, templateItem, templateSection, type Checklist, type ChecklistChange, type ChecklistItem } from '../db/schema';
import { authorize, can, type Actor } from '../auth/policy';
import * as audit from '../auth/audit';
import * as members from '../network/members';
import { authorityById, regionName } from '../network/authorities';
import { CHECKLIST_STATUSES, values, type ChecklistStatus } from '../../vocab';
import * as templates from './templates';
import { addDays, addMonths, electionCountdown, isOpen, itemFlags, readiness, sectionDone, type Countdown, type ItemFlag, type Readiness } from './score';
import { formatDay, today as todayOf } from './words';

export const NOTE_MAX = 5_000;
/** A reason an item does not apply: at least a sentence — this many characters, and more than one word. */
export const NA_REASON_MIN = 20;
export const NA_REASON_MAX = 1_000;
export const NA_REASON_MESSAGE = `Say why this item does not apply to your authority, in at least a sentence (${NA_REASON_MIN} characters or more)`;

/** The message for a not-applicable reason that is missing, too short or too long; null when fine. */
export function naReasonError(reason: string): string | null {
	const r = reason.replace(/\s+/g, ' ').trim();
	if (r.length < NA_REASON_MIN || !r.includes(' ')) return NA_REASON_MESSAGE;
	if (r.length > NA_REASON_MAX) return `Give the reason in at most ${NA_REASON_MAX.toLocaleString('en-GB')} characters`;
	return null;
}
export const OWNER_NAME_MAX = 200;
/** How far from today a due date may be. */
export const DUE_DATE_YEARS_BACK = 2;
export const DUE_DATE_YEARS_AHEAD = 5;
/** How far ahead an election date may be. */
export const ELECTION_YEARS_AHEAD = 5;

const STATUSES = new Set<string>(values(CHECKLIST_STATUSES));

export type Meta = { ip?: string };

type AuthorityInfo = { id: number; name: string; regionId: string; regionName: string };

/** An authority id from a URL segment; 404 for anything that is not a plain number. */
export function parseId(segment: string): number {
	if (!/^\d{1,9}$/.test(segment)) error(404, 'Page not found');
	return Number(segment);
}

/** The authority (404 if unknown) as the policy and the pages need it. */
export function authorityInfo(authorityId: number): AuthorityInfo {
	const a = Number.isSafeInteger(authorityId) ? authorityById(authorityId) : null;
	if (!a) error(404, 'Page not found');
	return { id: a.id, name: a.name, regionId: a.regionId, regionName: regionName(a.regionId) };
}

const facts = (a: AuthorityInfo) => ({ authorityId: a.id, regionId: a.regionId });

/** What this actor may do with this authority's checklist. */
export function permissions(actor: Actor, a: Pick<AuthorityInfo, 'id' | 'regionId'>) {
	const f = { authorityId: a.id, regionId: a.regionId };
	return {
		view: can(actor, 'checklist.view', f),
		edit: can(actor, 'checklist.edit', f),
		setElection: can(actor, 'checklist.setElection', f),
		remind: can(actor, 'checklist.remind', f),
		reopenNotApplicable: can(actor, 'checklist.reopenNotApplicable', f),
		viewRegion: can(actor, 'succession.viewRegion', { regionId: a.regionId })
	};
}

/** The authority's checklist row, if it has started one. */
export function existing(authorityId: number): Checklist | null {
	return existingQuery().get({ authorityId }) ?? null;
}

/** Prepared once: every home page and digest asks for the member's authority's checklist. */
const existingQuery = prepared(() => db.select().from(checklist).where(eq(checklist.authorityId, sql.placeholder('authorityId'))).prepare());

/**
 * The authority's checklist, started on the latest template version if it has none, with a
 * row for every item of its version. Not a policy check: callers authorise first.
 */
export function ensure(authorityId: number, byId: number | null, now = Date.now()): Checklist {
	const found = existing(authorityId);
	if (found) {
		const have = db.select({ key: checklistItem.itemKey }).from(checklistItem).where(eq(checklistItem.checklistId, found.id)).all().length;
		const want = templates.itemsByKey(found.templateId);
		if (have < want.size) addMissingItems(found.id, found.templateId, now);
		return found;
	}
	const template = templates.current(now);
	return immediate(() => {
		const again = existing(authorityId);
		if (again) return again;
		const c = db.insert(checklist).values({ authorityId, templateId: template.id, createdAt: now, updatedAt: null, updatedById: null }).returning().get();
		addMissingItems(c.id, template.id, now);
		db.insert(checklistChange).values({ checklistId: c.id, field: 'version', fromValue: '', toValue: String(template.version), changedById: byId, at: now }).run();
		return c;
	});
}

function addMissingItems(checklistId: number, templateId: number, now: number) {
	for (const item of templates.itemsByKey(templateId).values()) {
		db.insert(checklistItem)
			.values({ checklistId, itemKey: item.key, templateItemId: item.id, status: 'not-started', updatedAt: now })
			.onConflictDoNothing()
			.run();
	}
}

/** Names of members by id; unknown (erased) members read "Former member". */
export function memberNames(ids: Iterable<number | null | undefined>): Map<number, string> {
	const wanted = [...new Set(ids)].filter((id): id is number => id != null);
	const found = members.people(wanted);
	return new Map(wanted.map((id) => [id, found.get(id)?.name ?? 'Former member']));
}

export type ItemView = {
	key: string;
	title: string;
	guidance: string;
	weight: number;
	sectionKey: string;
	sectionTitle: string;
	status: ChecklistStatus;
	ownerMemberId: number | null;
	ownerName: string;
	/** Who owns it, in words: a member's name or the name typed in ('' = nobody yet). */
	owner: string;
	dueDate: string | null;
	dueDateText: string;
	note: string;
	/** Why it does not apply ('' unless the status is not-applicable). */
	naReason: string;
	version: number;
	updatedAt: number;
	updatedByName: string | null;
	flags: ItemFlag[];
};

export type SectionView = { key: string; title: string; done: boolean; doneCount: number; applicableCount: number; items: ItemView[] };

export type ChecklistView = {
	authority: AuthorityInfo;
	checklist: { id: number; templateVersion: number; createdAt: number; updatedAt: number | null; updatedByName: string | null; electionDate: string | null; electionSetAt: number | null; electionSetByName: string | null };
	readiness: Readiness;
	countdown: Countdown | null;
	sections: SectionView[];
	counts: { overdue: number; flagged: number; open: number; notStarted: number; sectionsDone: number; sections: number };
	/** A newer template version this checklist could move to. */
	upgrade: { version: number; summary: string; publishedAt: number | null } | null;
	permissions: ReturnType<typeof permissions>;
	today: string;
};

function buildItems(c: Checklist, rows: ChecklistItem[], today: string): { sections: SectionView[]; all: ItemView[] } {
	const content = templates.contents(c.templateId)!;
	const byKey = new Map(rows.map((r) => [r.itemKey, r]));
	const names = memberNames([...rows.map((r) => r.ownerMemberId), ...rows.map((r) => r.updatedById)]);
	const all: ItemView[] = [];
	const sections = content.sections.map((s) => {
		const items = s.items.map((t): ItemView => {
			const r = byKey.get(t.key);
			const status = (r?.status ?? 'not-started') as ChecklistStatus;
			const ownerMemberId = r?.ownerMemberId ?? null;
			const ownerName = r?.ownerName ?? '';
			const view: ItemView = {
				key: t.key,
				title: t.title,
				guidance: t.guidance,
				weight: t.weight,
				sectionKey: s.key,
				sectionTitle: s.title,
				status,
				ownerMemberId,
				ownerName,
				owner: ownerMemberId != null ? (names.get(ownerMemberId) ?? 'Former member') : ownerName,
				dueDate: r?.dueDate ?? null,
				dueDateText: formatDay(r?.dueDate),
				note: r?.note ?? '',
				naReason: r?.naReason ?? '',
				version: r?.version ?? 1,
				updatedAt: r?.updatedAt ?? c.createdAt,
				updatedByName: r?.updatedById != null ? (names.get(r.updatedById) ?? 'Former member') : r && r.version > 1 ? 'Former member' : null,
				flags: itemFlags({ status, dueDate: r?.dueDate ?? null }, today, c.electionDate)
			};
			all.push(view);
			return view;
		});
		const applicable = items.filter((i) => i.status !== 'not-applicable');
		return {
			key: s.key,
			title: s.title,
			done: sectionDone(items),
			doneCount: applicable.filter((i) => i.status === 'done').length,
			applicableCount: applicable.length,
			items
		};
	});
	return { sections, all };
}

/** The checklist page: every item, the score, the countdown, what the actor may do. */
export function view(actor: Actor, authorityId: number, now = Date.now()): ChecklistView {
	const a = authorityInfo(authorityId);
	authorize(actor, 'checklist.view', facts(a), { hide: true });
	const c = ensure(a.id, actor.id, now);
	const today = todayOf(now);
	const rows = db.select().from(checklistItem).where(eq(checklistItem.checklistId, c.id)).all();
	const { sections, all } = buildItems(c, rows, today);
	const template = templates.byId(c.templateId)!;
	const latest = templates.current(now);
	const names = memberNames([c.updatedById, c.electionSetById]);
	return {
		authority: a,
		checklist: {
			id: c.id,
			templateVersion: template.version,
			createdAt: c.createdAt,
			updatedAt: c.updatedAt,
			updatedByName: c.updatedById != null ? (names.get(c.updatedById) ?? null) : null,
			electionDate: c.electionDate,
			electionSetAt: c.electionSetAt,
			electionSetByName: c.electionSetById != null ? (names.get(c.electionSetById) ?? null) : null
		},
		readiness: readiness(all),
		countdown: electionCountdown(c.electionDate, today),
		sections,
		counts: {
			overdue: all.filter((i) => i.flags.includes('overdue')).length,
			flagged: all.filter((i) => i.flags.length > 0).length,
			open: all.filter((i) => isOpen(i.status)).length,
			notStarted: all.filter((i) => i.status === 'not-started').length,
			sectionsDone: sections.filter((s) => s.done).length,
			sections: sections.length
		},
		upgrade: latest.version > template.version ? { version: latest.version, summary: latest.summary, publishedAt: latest.publishedAt } : null,
		permissions: permissions(actor, a),
		today
	};
}

export type OwnerOption = { id: number; name: string };

/** Members of the authority who can own an item. */
export function ownerOptions(actor: Actor, authorityId: number): OwnerOption[] {
	return members.directory(actor, { authorityId, limit: 500 }).members.map((m) => ({ id: m.id, name: m.name }));
}

/** The member who owns an item now (kept as owner even after leaving the authority). */
function currentOwner(authorityId: number, key: string): number | null {
	const c = existing(authorityId);
	if (!c) return null;
	return db.select({ id: checklistItem.ownerMemberId }).from(checklistItem).where(and(eq(checklistItem.checklistId, c.id), eq(checklistItem.itemKey, key))).get()?.id ?? null;
}

/** One item with what the edit page needs (404 for an unknown item or a hidden checklist). */
export function item(actor: Actor, authorityId: number, key: string, now = Date.now()) {
	const v = view(actor, authorityId, now);
	const it = v.sections.flatMap((s) => s.items).find((i) => i.key === key);
	if (!it) error(404, 'Page not found');
	return {
		authority: v.authority,
		item: it,
		countdown: v.countdown,
		permissions: v.permissions,
		owners: v.permissions.edit ? withCurrentOwner(ownerOptions(actor, v.authority.id), it) : [],
		today: v.today,
		limits: dateLimits(now)
	};
}

/** The owner choices, with the current owner kept even if they are no longer a member for the authority. */
function withCurrentOwner(options: OwnerOption[], it: ItemView): OwnerOption[] {
	if (it.ownerMemberId == null || options.some((o) => o.id === it.ownerMemberId)) return options;
	return [...options, { id: it.ownerMemberId, name: `${it.owner} (no longer a member for this authority)` }];
}

/** The earliest and latest due dates accepted today. */
export function dateLimits(now = Date.now()) {
	const t = todayOf(now);
	return {
		dueMin: addMonths(t, -12 * DUE_DATE_YEARS_BACK),
		dueMax: addMonths(t, 12 * DUE_DATE_YEARS_AHEAD),
		electionMin: t,
		electionMax: addMonths(t, 12 * ELECTION_YEARS_AHEAD)
	};
}

const ISO_RE = /^\d{4}-\d{2}-\d{2}$/;
function realDate(iso: string): boolean {
	if (!ISO_RE.test(iso)) return false;
	const d = new Date(iso + 'T00:00:00Z');
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/** A message for a due date that is not a real date or is far outside reason; null when fine. */
export function checkDueDate(iso: string, now = Date.now()): string | null {
	if (!realDate(iso)) return 'Enter the due date as a real date, for example 31 3 2027';
	const { dueMin, dueMax } = dateLimits(now);
	if (iso < dueMin || iso > dueMax) return `Enter a due date between ${formatDay(dueMin)} and ${formatDay(dueMax)}`;
	return null;
}

/** A message for an election date that is not real, past, or too far ahead; null when fine. */
export function checkElectionDate(iso: string, now = Date.now()): string | null {
	if (!realDate(iso)) return 'Enter the election date as a real date, for example 6 5 2027';
	const { electionMin, electionMax } = dateLimits(now);
	if (iso < electionMin) return 'Enter the date of the next election: it must be today or in the future';
	if (iso > electionMax) return `Enter an election date before ${formatDay(addDays(electionMax, 1))}`;
	return null;
}

export type ItemPatch = {
	status?: string;
	/** A member of the authority, or a name typed in, or nobody (both empty). */
	owner?: { memberId: number | null; name: string };
	dueDate?: string | null;
	note?: string;
	/** Why the item does not apply: required (a sentence) when the status is or becomes not-applicable. */
	naReason?: string;
};

export type UpdateResult =
	| { ok: true; changed: string[] }
	| { ok: false; errors: Record<string, string>; conflict?: undefined }
	| { ok: false; errors: Record<string, string>; conflict: ItemView };

function ownerValue(memberId: number | null, name: string): string {
	if (memberId != null) return `m:${memberId}`;
	return name ? `n:${name}` : '';
}

/**
 * Saves an item. `version` is the number the form was loaded with: if someone saved the item
 * since, nothing is written and the current value comes back as a conflict to show the user.
 */
export function updateItem(actor: Actor, authorityId: number, key: string, version: number, patch: ItemPatch, meta: Meta = {}, now = Date.now()): UpdateResult {
	const a = authorityInfo(authorityId);
	authorize(actor, 'checklist.view', facts(a), { hide: true });
	authorize(actor, 'checklist.edit', facts(a));
	const errors: Record<string, string> = {};
	if (patch.status !== undefined && !STATUSES.has(patch.status)) errors.status = 'Choose a status from the list';
	if (patch.note !== undefined && patch.note.length > NOTE_MAX) errors.note = `Enter an evidence note of at most ${NOTE_MAX.toLocaleString('en-GB')} characters`;
	if (patch.dueDate) {
		const m = checkDueDate(patch.dueDate, now);
		if (m) errors.dueDate = m;
	}
	if (patch.owner) {
		const name = patch.owner.name.trim();
		if (patch.owner.memberId != null && name) errors.ownerName = 'Choose a member or type a name, not both';
		else if (name.length > OWNER_NAME_MAX) errors.ownerName = `Enter a name of at most ${OWNER_NAME_MAX} characters`;
		else if (patch.owner.memberId != null && patch.owner.memberId !== currentOwner(a.id, key) && !ownerOptions(actor, a.id).some((o) => o.id === patch.owner!.memberId))
			errors.ownerMemberId = `Choose a member for ${a.name} from the list, or type a name`;
	}
	if (!Number.isSafeInteger(version) || version < 1) errors.form = 'The form was incomplete. Reload the page and try again.';
	if (Object.keys(errors).length) return { ok: false, errors };

	const c = ensure(a.id, actor.id, now);
	const result = immediate((): UpdateResult => {
		const row = db.select().from(checklistItem).where(and(eq(checklistItem.checklistId, c.id), eq(checklistItem.itemKey, key))).get();
		const title = row ? db.select({ title: templateItem.title }).from(templateItem).where(eq(templateItem.id, row.templateItemId)).get()?.title : undefined;
		if (!row || title === undefined) return { ok: false, errors: { form: `That item is not on the ${a.name} checklist. Go back to the checklist and choose an item from it.` } };
		if (row.version !== version) {
			const current = buildItems(c, [row], todayOf(now)).all.find((i) => i.key === key)!;
			return {
				ok: false,
				errors: { form: 'Someone else saved this item while you were editing it. Check what is saved now, then save your changes again if they are still right.' },
				conflict: current
			};
		}
		const next = {
			status: (patch.status ?? row.status) as ChecklistStatus,
			ownerMemberId: patch.owner ? patch.owner.memberId : row.ownerMemberId,
			ownerName: patch.owner ? (patch.owner.memberId != null ? '' : patch.owner.name.trim()) : row.ownerName,
			dueDate: patch.dueDate !== undefined ? patch.dueDate || null : row.dueDate,
			note: patch.note !== undefined ? patch.note.replace(/\r\n/g, '\n').trim() : row.note,
			naReason: ''
		};
		if (next.status === 'not-applicable') {
			next.naReason = (patch.naReason !== undefined ? patch.naReason : row.naReason).replace(/\s+/g, ' ').trim();
			const problem = naReasonError(next.naReason);
			if (problem) return { ok: false, errors: { naReason: problem } };
		}
		const changes: Pick<ChecklistChange, 'field' | 'fromValue' | 'toValue'>[] = [];
		if (next.status !== row.status) changes.push({ field: 'status', fromValue: row.status, toValue: next.status });
		const ownerBefore = ownerValue(row.ownerMemberId, row.ownerName);
		const ownerAfter = ownerValue(next.ownerMemberId, next.ownerName);
		if (ownerBefore !== ownerAfter) changes.push({ field: 'owner', fromValue: ownerBefore, toValue: ownerAfter });
		if ((next.dueDate ?? '') !== (row.dueDate ?? '')) changes.push({ field: 'dueDate', fromValue: row.dueDate ?? '', toValue: next.dueDate ?? '' });
		if (next.note !== row.note) changes.push({ field: 'note', fromValue: row.note, toValue: next.note });
		if (next.naReason !== row.naReason) changes.push({ field: 'naReason', fromValue: row.naReason, toValue: next.naReason });
		if (changes.length === 0) return { ok: true, changed: [] };
		db.update(checklistItem)
			.set({ ...next, version: row.version + 1, updatedAt: now, updatedById: actor.id })
			.where(eq(checklistItem.id, row.id))
			.run();
		for (const ch of changes) db.insert(checklistChange).values({ checklistId: c.id, itemKey: key, itemTitle: title, ...ch, changedById: actor.id, at: now }).run();
		db.update(checklist).set({ updatedAt: now, updatedById: actor.id }).where(eq(checklist.id, c.id)).run();
		return { ok: true, changed: changes.map((ch) => ch.field) };
	});
	if (result.ok && result.changed.length) {
		audit.record(
			{ actorId: actor.id, action: 'checklist.item-updated', subjectType: 'checklist', subjectId: a.id, regionId: a.regionId, ipAddress: meta.ip, detail: { item: key, fields: result.changed } },
			now
		);
	}
	return result;
}

export const REOPEN_NOTE_MAX = 1_000;

/**
 * The region's coordinator (or an admin) sends a not-applicable item back to "not started",
 * with a note saying why; the reason it did not apply is kept in the history with the note.
 */
export function reopenNotApplicable(actor: Actor, authorityId: number, key: string, note: string, meta: Meta = {}, now = Date.now()): { ok: true } | { ok: false; errors: Record<string, string> } {
	const a = authorityInfo(authorityId);
	authorize(actor, 'checklist.view', facts(a), { hide: true });
	authorize(actor, 'checklist.reopenNotApplicable', facts(a));
	const why = (note ?? '').replace(/\s+/g, ' ').trim();
	if (why.length === 0) return { ok: false, errors: { reopenNote: 'Tell the authority why the item applies after all' } };
	if (why.length > REOPEN_NOTE_MAX) return { ok: false, errors: { reopenNote: `Enter a note of at most ${REOPEN_NOTE_MAX.toLocaleString('en-GB')} characters` } };
	const c = existing(a.id);
	if (!c) return { ok: false, errors: { form: 'This item is not marked not applicable.' } };
	const result = immediate((): { ok: true } | { ok: false; errors: Record<string, string> } => {
		const row = db.select().from(checklistItem).where(and(eq(checklistItem.checklistId, c.id), eq(checklistItem.itemKey, key))).get();
		if (!row) return { ok: false, errors: { form: `That item is not on the ${a.name} checklist.` } };
		if (row.status !== 'not-applicable') return { ok: false, errors: { form: 'This item is not marked not applicable (someone may have changed it already).' } };
		const title = db.select({ title: templateItem.title }).from(templateItem).where(eq(templateItem.id, row.templateItemId)).get()?.title ?? '';
		db.update(checklistItem)
			.set({ status: 'not-started', naReason: '', version: row.version + 1, updatedAt: now, updatedById: actor.id })
			.where(eq(checklistItem.id, row.id))
			.run();
		const base = { checklistId: c.id, itemKey: key, itemTitle: title, changedById: actor.id, at: now };
		db.insert(checklistChange).values({ ...base, field: 'reopened', fromValue: row.naReason, toValue: why }).run();
		db.insert(checklistChange).values({ ...base, field: 'status', fromValue: 'not-applicable', toValue: 'not-started' }).run();
		db.update(checklist).set({ updatedAt: now, updatedById: actor.id }).where(eq(checklist.id, c.id)).run();
		return { ok: true };
	});
	if (result.ok) {
		audit.record({ actorId: actor.id, action: 'checklist.item-reopened', subjectType: 'checklist', subjectId: a.id, regionId: a.regionId, ipAddress: meta.ip, detail: { item: key, note: why } }, now);
	}
	return result;
}

/** Sets (or clears, with null) the authority's next election date. */
export function setElection(actor: Actor, authorityId: number, date: string | null, meta: Meta = {}, now = Date.now()): { ok: true } | { ok: false; errors: Record<string, string> } {
	const a = authorityInfo(authorityId);
	authorize(actor, 'checklist.view', facts(a), { hide: true });
	authorize(actor, 'checklist.setElection', facts(a));
	if (date) {
		const m = checkElectionDate(date, now);
		if (m) return { ok: false, errors: { electionDate: m } };
	}
	const c = ensure(a.id, actor.id, now);
	const changed = immediate(() => {
		const row = db.select({ electionDate: checklist.electionDate }).from(checklist).where(eq(checklist.id, c.id)).get()!;
		if ((row.electionDate ?? '') === (date ?? '')) return false;
		db.update(checklist)
			.set({ electionDate: date, electionSetById: actor.id, electionSetAt: now, updatedAt: now, updatedById: actor.id })
			.where(eq(checklist.id, c.id))
			.run();
		db.insert(checklistChange).values({ checklistId: c.id, field: 'election', fromValue: row.electionDate ?? '', toValue: date ?? '', changedById: actor.id, at: now }).run();
		return true;
	});
	if (changed) {
		audit.record({ actorId: actor.id, action: 'checklist.election-set', subjectType: 'checklist', subjectId: a.id, regionId: a.regionId, ipAddress: meta.ip, detail: { electionDate: date } }, now);
	}
	return { ok: true };
}

/** What moving to the latest template version would change; null when already on it. */
export function upgradePreview(actor: Actor, authorityId: number, now = Date.now()) {
	const a = authorityInfo(authorityId);
	authorize(actor, 'checklist.view', facts(a), { hide: true });
	const c = ensure(a.id, actor.id, now);
	const from = templates.byId(c.templateId)!;
	const to = templates.current(now);
	if (to.version <= from.version) return null;
	const d = templates.diff(from.id, to.id);
	const rows = db.select().from(checklistItem).where(eq(checklistItem.checklistId, c.id)).all();
	const answered = new Map(rows.map((r) => [r.itemKey, r]));
	return {
		authority: a,
		from: { version: from.version },
		to: { version: to.version, summary: to.summary, publishedAt: to.publishedAt },
		added: d.added,
		changed: d.changed,
		/** Removed items with what the authority had recorded for them (kept in the history). */
		removed: d.removed.map((r) => ({ ...r, status: (answered.get(r.key)?.status ?? 'not-started') as ChecklistStatus, note: answered.get(r.key)?.note ?? '' })),
		permissions: permissions(actor, a)
	};
}

/**
 * Moves the checklist to template version `toVersion` (the one the member reviewed). Answers
 * carry over by item key; new items start as not started; removed items go, their last
 * answer kept in the history.
 */
export function upgrade(actor: Actor, authorityId: number, toVersion: number, meta: Meta = {}, now = Date.now()): { ok: true; version: number } | { ok: false; errors: Record<string, string> } {
	const a = authorityInfo(authorityId);
	authorize(actor, 'checklist.view', facts(a), { hide: true });
	authorize(actor, 'checklist.edit', facts(a));
	const target = templates.byVersion(toVersion);
	const c = ensure(a.id, actor.id, now);
	const from = templates.byId(c.templateId)!;
	if (!target) return { ok: false, errors: { form: 'That version of the checklist does not exist. Go back and review the latest version.' } };
	if (target.version <= from.version) return { ok: false, errors: { form: `This checklist is already on version ${from.version}.` } };
	const result = immediate(() => {
		const row = db.select({ templateId: checklist.templateId }).from(checklist).where(eq(checklist.id, c.id)).get()!;
		if (row.templateId !== c.templateId) return { ok: false as const, errors: { form: 'Someone else has just moved this checklist to a new version. Check it before changing anything.' } };
		const newItems = templates.itemsByKey(target.id);
		const oldItems = templates.itemsByKey(from.id);
		const rows = db.select().from(checklistItem).where(eq(checklistItem.checklistId, c.id)).all();
		for (const r of rows) {
			const next = newItems.get(r.itemKey);
			if (next) {
				db.update(checklistItem).set({ templateItemId: next.id }).where(eq(checklistItem.id, r.id)).run();
			} else {
				const old = oldItems.get(r.itemKey);
				const record = JSON.stringify({ status: r.status, owner: ownerValue(r.ownerMemberId, r.ownerName), dueDate: r.dueDate, note: r.note });
				db.insert(checklistChange)
					.values({ checklistId: c.id, itemKey: r.itemKey, itemTitle: old?.title ?? r.itemKey, field: 'removed', fromValue: record, toValue: String(target.version), changedById: actor.id, at: now })
					.run();
				db.delete(checklistItem).where(eq(checklistItem.id, r.id)).run();
			}
		}
		const have = new Set(rows.map((r) => r.itemKey));
		for (const item of newItems.values()) {
			if (have.has(item.key)) continue;
			db.insert(checklistItem).values({ checklistId: c.id, itemKey: item.key, templateItemId: item.id, status: 'not-started', updatedAt: now }).run();
			db.insert(checklistChange).values({ checklistId: c.id, itemKey: item.key, itemTitle: item.title, field: 'added', fromValue: '', toValue: String(target.version), changedById: actor.id, at: now }).run();
		}
		db.update(checklist).set({ templateId: target.id, updatedAt: now, updatedById: actor.id }).where(eq(checklist.id, c.id)).run();
		db.insert(checklistChange).values({ checklistId: c.id, field: 'version', fromValue: String(from.version), toValue: String(target.version), changedById: actor.id, at: now }).run();
		return { ok: true as const, version: target.version };
	});
	if (result.ok) {
		audit.record({ actorId: actor.id, action: 'checklist.upgraded', subjectType: 'checklist', subjectId: a.id, regionId: a.regionId, ipAddress: meta.ip, detail: { from: from.version, to: target.version } }, now);
	}
	return result;
}

export type AuthoritySummary = {
	authorityId: number;
	started: boolean;
	readiness: Readiness;
	sectionsDone: number;
	sections: number;
	overdue: number;
	flagged: number;
	open: number;
	/** No item has been started (or there is no checklist yet). */
	notStarted: boolean;
	electionDate: string | null;
	countdown: Countdown | null;
	updatedAt: number | null;
	templateVersion: number | null;
	/** Open items, in checklist order (for reminders). */
	openItems: { key: string; title: string; status: ChecklistStatus; dueDate: string | null; flags: ItemFlag[] }[];
	/** Items marked not applicable, with the reason given (for the coordinator's region table). */
	notApplicable: { key: string; title: string; reason: string }[];
};

/**
 * Figures for many authorities at once (region tables, digests, reminders). Not a policy
 * check: callers authorise first and pass only authorities the actor may see.
 */
export function summaries(authorityIds: number[], now = Date.now()): Map<number, AuthoritySummary> {
	if (authorityIds.length === 0) return new Map();
	const today = todayOf(now);
	const cache = summaryCache();
	const stamps = new Map(
		stampsQuery()
			.all(JSON.stringify(authorityIds))
			.map((r) => [(r as { authorityId: number }).authorityId, `${(r as { stamp: string }).stamp}:${today}`])
	);
	const found = new Map<number, AuthoritySummary>();
	const missing: number[] = [];
	for (const id of authorityIds) {
		const hit = stamps.has(id) ? cache.get(stamps.get(id)!) : undefined;
		if (hit) found.set(id, hit);
		else missing.push(id);
	}
	if (missing.length) {
		if (cache.size > 2_000) cache.clear();
		for (const [id, summary] of computeSummaries(missing, now)) {
			found.set(id, summary);
			if (stamps.has(id)) cache.set(stamps.get(id)!, summary);
		}
	}
	return new Map(authorityIds.filter((id) => found.has(id)).map((id) => [id, found.get(id)!]));
}

/** What would change each checklist's summary (see summaryCache), for authorities given as a JSON array of ids. */
const stampsQuery = prepared(() =>
	sqlite().prepare(
		`SELECT c.authority_id AS authorityId, c.id || ':' || c.template_id || ':' || coalesce(c.election_date, '') || ':' ||
			(SELECT coalesce(max(ch.id), 0) FROM checklist_change ch WHERE ch.checklist_id = c.id) || ':' ||
			(SELECT count(*) FROM checklist_item ci WHERE ci.checklist_id = c.id) AS stamp
		 FROM checklist c WHERE c.authority_id IN (SELECT value FROM json_each(?))`
	)
);

/**
 * Summaries kept per checklist, keyed by what would change them: its template, election date,
 * latest change in its history (every edit writes one), item count, and today's date (flags such
 * as "overdue" move with the day). Per connection, so tests that reopen the database start empty.
 */
const summaryCache = prepared(() => new Map<string, AuthoritySummary>());

function computeSummaries(authorityIds: number[], now: number): Map<number, AuthoritySummary> {
	const today = todayOf(now);
	const out = new Map<number, AuthoritySummary>();
	if (authorityIds.length === 0) return out;
	const lists = db.select().from(checklist).where(inArray(checklist.authorityId, authorityIds)).all();
	const versions = new Map<number, number>();
	const itemRows = lists.length
		? db
				.select({
					checklistId: checklistItem.checklistId,
					key: checklistItem.itemKey,
					status: checklistItem.status,
					dueDate: checklistItem.dueDate,
					naReason: checklistItem.naReason,
					weight: templateItem.weight,
					title: templateItem.title,
					position: templateItem.position,
					sectionKey: templateSection.key,
					sectionPosition: templateSection.position
				})
				.from(checklistItem)
				.innerJoin(templateItem, eq(templateItem.id, checklistItem.templateItemId))
				.innerJoin(templateSection, eq(templateSection.id, templateItem.sectionId))
				.where(
					inArray(
						checklistItem.checklistId,
						lists.map((l) => l.id)
					)
				)
				.orderBy(asc(templateSection.position), asc(templateItem.position))
				.all()
		: [];
	const byChecklist = new Map<number, typeof itemRows>();
	for (const r of itemRows) {
		const list = byChecklist.get(r.checklistId) ?? [];
		list.push(r);
		byChecklist.set(r.checklistId, list);
	}
	for (const l of lists) {
		if (!versions.has(l.templateId)) versions.set(l.templateId, templates.byId(l.templateId)?.version ?? 0);
		const items = (byChecklist.get(l.id) ?? []).map((r) => ({ ...r, status: r.status as ChecklistStatus, flags: itemFlags({ status: r.status as ChecklistStatus, dueDate: r.dueDate }, today, l.electionDate) }));
		const sections = new Map<string, typeof items>();
		for (const i of items) sections.set(i.sectionKey, [...(sections.get(i.sectionKey) ?? []), i]);
		const open = items.filter((i) => isOpen(i.status));
		out.set(l.authorityId, {
			authorityId: l.authorityId,
			started: true,
			readiness: readiness(items),
			sectionsDone: [...sections.values()].filter((s) => sectionDone(s)).length,
			sections: sections.size,
			overdue: items.filter((i) => i.flags.includes('overdue')).length,
			flagged: items.filter((i) => i.flags.length > 0).length,
			open: open.length,
			notStarted: items.every((i) => i.status === 'not-started'),
			electionDate: l.electionDate,
			countdown: electionCountdown(l.electionDate, today),
			updatedAt: l.updatedAt,
			templateVersion: versions.get(l.templateId) ?? null,
			openItems: open.map((i) => ({ key: i.key, title: i.title, status: i.status, dueDate: i.dueDate, flags: i.flags })),
			notApplicable: items.filter((i) => i.status === 'not-applicable').map((i) => ({ key: i.key, title: i.title, reason: i.naReason }))
		});
	}
	const blank = readiness([]);
	for (const id of authorityIds) {
		if (out.has(id)) continue;
		out.set(id, {
			authorityId: id,
			started: false,
			readiness: { ...blank, percent: 0, rag: 'red' },
			sectionsDone: 0,
			sections: 0,
			overdue: 0,
			flagged: 0,
			open: 0,
			notStarted: true,
			electionDate: null,
			countdown: null,
			updatedAt: null,
			templateVersion: null,
			openItems: [],
			notApplicable: []
		});
	}
	return out;
}
