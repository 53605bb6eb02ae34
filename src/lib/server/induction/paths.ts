/**
 * "Your first 100 days": a new member's path. Who is new (a role start date within six months,
 * or marked new by their coordinator), the steps of the version they started on plus their
 * region's own, which are done (by the member, or by itself: rules.ts), and the member's own
 * ticks, private notes and "not relevant for me" reasons.
 *
 * Progress is personal data (trust/areas.ts): the member sees everything; their mentor, their
 * region's coordinator and admins see the steps and dates, never the notes or reasons.
 */
import { error } from '@sveltejs/kit';
import { and, asc, eq, gte, isNotNull } from 'drizzle-orm';
import { db, immediate, inJson, jsonList, prepared } from '../db/client';
import { INDUCTION_PHASES, inductionPath, inductionProgress, inductionRegionStep, type InductionPath, type InductionPhase, type InductionProgress, type InductionRule } from '../db/schema';
import { authorize, can, type Actor } from '../auth/policy';
import * as audit from '../auth/audit';
import * as members from '../network/members';
import { regionName } from '../network/authorities';
import * as templates from './templates';
import { seenDone, type MemberPlace, type Seen } from './rules';
import { PATH_DAYS, daysSinceDay, newSince } from './dates';
import { PHASE_TITLES, RULE_WORDS } from './words';
import { isoDate } from '../../time';

export const NOTE_MAX = 2_000;
export const REASON_MAX = 500;

export type StepState = 'done' | 'not-relevant' | 'to-do';

export type StepView = {
	key: string;
	phase: InductionPhase;
	title: string;
	body: string;
	href: string | null;
	linkText: string;
	/** A step the member's region added. */
	regional: boolean;
	state: StepState;
	/** When it was done or marked not relevant. */
	at: number | null;
	/** Done by itself: what the network saw ("you asked for a mentor"). */
	seen: string | null;
	/** Ticked by itself once the network sees it done. */
	automatic: boolean;
	/** Only for the member themselves. */
	note: string | null;
	reason: string | null;
};

export type Newcomer = { id: number; authorityId: number; regionId: string; inRoleSince: string | null };

/** When the member's path started, 'YYYY-MM-DD': their role start date, or the day a coordinator marked them new. */
export function startDay(m: Pick<Newcomer, 'inRoleSince'>, path: Pick<InductionPath, 'markedNewAt'> | null | undefined, now: number): string | null {
	const since = newSince(now);
	if (m.inRoleSince && m.inRoleSince >= since) return m.inRoleSince;
	if (path?.markedNewAt != null && isoDate(path.markedNewAt) >= since) return isoDate(path.markedNewAt);
	return null;
}

function pathOf(memberId: number): InductionPath | null {
	return db.select().from(inductionPath).where(eq(inductionPath.memberId, memberId)).get() ?? null;
}

/** The member's path row, made on the current version when they have none. */
function ensurePath(memberId: number, now: number): InductionPath {
	const existing = pathOf(memberId);
	if (existing) return existing;
	const t = templates.current(now);
	db.insert(inductionPath).values({ memberId, templateId: t.id, startedAt: now }).onConflictDoNothing().run();
	return pathOf(memberId)!;
}

/** The region's own steps, oldest first. */
export function regionSteps(regionId: string) {
	return db.select().from(inductionRegionStep).where(eq(inductionRegionStep.regionId, regionId)).orderBy(asc(inductionRegionStep.id)).all();
}

type StepDef = { key: string; phase: InductionPhase; title: string; body: string; link: string; linkText: string; rule: InductionRule | null; regional: boolean };

/** Every step a member on this version in this region has, in phase order. */
function definitions(templateId: number, regionId: string, cache?: Map<string, StepDef[]>): StepDef[] {
	const k = `${templateId}:${regionId}`;
	const hit = cache?.get(k);
	if (hit) return hit;
	const national: StepDef[] = templates.steps(templateId).map((s) => ({ key: s.key, phase: s.phase, title: s.title, body: s.body, link: s.link, linkText: s.linkText, rule: s.rule, regional: false }));
	const regional: StepDef[] = regionSteps(regionId).map((s) => ({ key: s.key, phase: s.phase, title: s.title, body: s.body, link: '', linkText: '', rule: null, regional: true }));
	const all = INDUCTION_PHASES.flatMap((p) => [...national.filter((s) => s.phase === p), ...regional.filter((s) => s.phase === p)]);
	cache?.set(k, all);
	return all;
}

function hrefOf(link: string, authorityId: number): string | null {
	return link ? link.replace(':authority', String(authorityId)) : null;
}

/** A step's state for one member: done by itself (the network saw it), ticked, marked not relevant, or to do; and when. */
function stateOf(d: StepDef, seen: Seen | undefined, p: InductionProgress | undefined): { state: StepState; at: number | null; auto: number | undefined } {
	const auto = d.rule ? seen?.done.get(d.rule) : undefined;
	const state: StepState = auto != null ? 'done' : p?.status === 'done' ? 'done' : p?.status === 'not-relevant' ? 'not-relevant' : 'to-do';
	return { state, at: auto ?? p?.at ?? null, auto };
}

function stepViews(defs: StepDef[], m: MemberPlace, seen: Seen | undefined, progress: InductionProgress[], withNotes: boolean): StepView[] {
	const mine = new Map(progress.map((p) => [p.stepKey, p]));
	return defs.map((d) => {
		const p = mine.get(d.key);
		const { state, at, auto } = stateOf(d, seen, p);
		return {
			key: d.key,
			phase: d.phase,
			title: d.title,
			body: d.body,
			href: hrefOf(d.link, m.authorityId),
			linkText: d.linkText,
			regional: d.regional,
			state,
			at,
			seen: auto != null && d.rule ? RULE_WORDS[d.rule] : null,
			automatic: d.rule != null,
			note: withNotes ? (p?.note ?? '') : null,
			reason: withNotes ? (p?.reason ?? '') : null
		};
	});
}

export type Counts = { done: number; total: number; notRelevant: number };

/** Steps done of the steps that apply (those marked not relevant are left out of both). */
export function counts(steps: Pick<StepView, 'state'>[]): Counts {
	const notRelevant = steps.filter((s) => s.state === 'not-relevant').length;
	return { done: steps.filter((s) => s.state === 'done').length, total: steps.length - notRelevant, notRelevant };
}

// Prepared once, the ids bound as one JSON array: a region's list asks for hundreds of members.
const progressQuery = prepared(() => db.select().from(inductionProgress).where(inJson(inductionProgress.memberId, 'ids')).prepare());
const pathsQuery = prepared(() => db.select().from(inductionPath).where(inJson(inductionPath.memberId, 'ids')).prepare());

function progressOf(memberIds: number[]): Map<number, InductionProgress[]> {
	const out = new Map<number, InductionProgress[]>(memberIds.map((id) => [id, []]));
	if (memberIds.length === 0) return out;
	for (const p of progressQuery().all({ ids: jsonList(memberIds) })) out.get(p.memberId)!.push(p);
	return out;
}

export type PathSummary = {
	member: Newcomer;
	startDay: string;
	dayOfPath: number;
	steps: StepView[];
	counts: Counts;
	folded: boolean;
	templateId: number;
	seen: Seen;
	/** The last time anything on the path was done, or the path began. */
	lastActivityAt: number;
	markedNew: boolean;
};

/** How far along a member is, without the steps themselves: what lists of many members sort, filter and count on. */
export type PathTally = Omit<PathSummary, 'steps'>;

/**
 * Walks the members' paths with a fixed number of queries, calling `each` for those who are new
 * with what both a full summary and a tally need.
 */
function walk<M extends Newcomer, T>(list: M[], now: number, each: (m: M, f: { path: InductionPath | undefined; start: string; templateId: number; defs: StepDef[]; seen: Seen; progress: InductionProgress[] }) => T): T[] {
	const ids = list.map((m) => m.id);
	const paths = new Map(ids.length ? pathsQuery().all({ ids: jsonList(ids) }).map((p) => [p.memberId, p]) : []);
	const current = templates.current(now);
	const seen = seenDone(list);
	const progress = progressOf(ids);
	const cache = new Map<string, StepDef[]>();
	const out: T[] = [];
	for (const m of list) {
		const path = paths.get(m.id);
		const start = startDay(m, path, now);
		if (!start) continue;
		const templateId = path?.templateId ?? current.id;
		out.push(each(m, { path, start, templateId, defs: definitions(templateId, m.regionId, cache), seen: seen.get(m.id)!, progress: progress.get(m.id)! }));
	}
	return out;
}

/** The last time anything on the path was done (or marked not relevant), or the path began. */
function lastActivity(start: string, path: InductionPath | undefined, doneAt: number[]): number {
	return Math.max(Date.parse(`${start}T12:00:00Z`), path?.markedNewAt ?? 0, ...doneAt);
}

/** Paths of many members at once (the nudge form, the home page): a fixed number of queries. Members who are not new are left out. */
export function summaries(list: Newcomer[], now: number): PathSummary[] {
	return walk(list, now, (m, f) => {
		const steps = stepViews(f.defs, m, f.seen, f.progress, false);
		const c = counts(steps);
		const dayOfPath = daysSinceDay(f.start, now);
		const lastActivityAt = lastActivity(f.start, f.path, steps.map((s) => (s.state !== 'to-do' ? (s.at ?? 0) : 0)));
		return { member: m, startDay: f.start, dayOfPath, steps, counts: c, folded: dayOfPath > PATH_DAYS || c.done >= c.total, templateId: f.templateId, seen: f.seen, lastActivityAt, markedNew: f.path?.markedNewAt != null };
	});
}

/**
 * What `summaries` says of each member but their steps: counts, days, last activity, mentoring.
 * A region's list sorts and filters hundreds of members on these and shows a page of them, so
 * it does not build every step of every path.
 */
export function tallies<M extends Newcomer>(list: M[], now: number): (PathTally & { member: M })[] {
	return walk(list, now, (m, f) => {
		const mine = new Map(f.progress.map((p) => [p.stepKey, p]));
		let done = 0;
		let notRelevant = 0;
		const doneAt: number[] = [];
		for (const d of f.defs) {
			const { state, at } = stateOf(d, f.seen, mine.get(d.key));
			if (state === 'done') done++;
			else if (state === 'not-relevant') notRelevant++;
			if (state !== 'to-do') doneAt.push(at ?? 0);
		}
		const c: Counts = { done, total: f.defs.length - notRelevant, notRelevant };
		const dayOfPath = daysSinceDay(f.start, now);
		return { member: m, startDay: f.start, dayOfPath, counts: c, folded: dayOfPath > PATH_DAYS || c.done >= c.total, templateId: f.templateId, seen: f.seen, lastActivityAt: lastActivity(f.start, f.path, doneAt), markedNew: f.path?.markedNewAt != null };
	});
}

/** Members marked new by a coordinator within the last six months (their ids). */
export function markedNewIds(now: number): number[] {
	const since = Date.parse(`${newSince(now)}T00:00:00Z`);
	return db
		.select({ id: inductionPath.memberId })
		.from(inductionPath)
		.where(and(isNotNull(inductionPath.markedNewAt), gte(inductionPath.markedNewAt, since)))
		.all()
		.map((r) => r.id);
}

/** New members of a region (or the network: null) with how far along their paths they are (not the steps themselves). */
export function newInRegion(regionId: string | null, now: number) {
	return tallies(members.newcomers(regionId, newSince(now), markedNewIds(now)), now).map((s) => ({ ...s, person: s.member }));
}

function newcomerOf(memberId: number): (Newcomer & { name: string; authorityName: string; regionName: string }) | null {
	const p = members.profile(memberId);
	if (!p || p.deactivatedAt != null) return null;
	return { id: p.id, authorityId: p.authorityId, regionId: p.regionId, inRoleSince: p.inRoleSince, name: p.name, authorityName: p.authorityName, regionName: p.regionName };
}

/** Whether the member is new now (a role start date within six months, or marked new). */
export function isNew(memberId: number, now = Date.now()): boolean {
	const m = newcomerOf(memberId);
	return !!m && startDay(m, pathOf(memberId), now) != null;
}

function mentorOf(seen: Seen | undefined): number | null {
	return seen?.mentoring.mentorId ?? null;
}

export type PathPage = {
	member: { id: number; name: string; authorityName: string; regionName: string; inRoleSince: string | null };
	isNew: boolean;
	startDay: string | null;
	dayOfPath: number | null;
	daysLeft: number | null;
	version: number;
	/** A newer national version the member may move to (only shown to the member). */
	newer: { version: number; summary: string } | null;
	phases: { phase: InductionPhase; title: string; steps: StepView[] }[];
	counts: Counts;
	folded: boolean;
	next: StepView[];
	viewer: 'self' | 'mentor' | 'coordinator';
	mentoring: Seen['mentoring'];
	/** A coordinator marked them as new; `canMarkNew`: the viewer may set or take off that mark. */
	markedNew: boolean;
	canMarkNew: boolean;
};

function page(actor: Actor, memberId: number, now: number): PathPage {
	const m = newcomerOf(memberId);
	if (!m) error(404, 'Page not found');
	const seen = seenDone([m]).get(m.id)!;
	authorize(actor, 'induction.view', { memberId: m.id, mentorId: mentorOf(seen), regionId: m.regionId }, { hide: true });
	const self = actor.id === m.id;
	let path = pathOf(m.id);
	const start = startDay(m, path, now);
	if (self && start && !path) path = ensurePath(m.id, now);
	const template = path ? templates.byId(path.templateId)! : templates.current(now);
	const withNotes = can(actor, 'induction.viewNotes', { memberId: m.id });
	const steps = stepViews(definitions(template.id, m.regionId), m, seen, progressOf([m.id]).get(m.id)!, withNotes);
	const c = counts(steps);
	const dayOfPath = start ? daysSinceDay(start, now) : null;
	const latest = templates.current(now);
	return {
		member: { id: m.id, name: m.name, authorityName: m.authorityName, regionName: m.regionName, inRoleSince: m.inRoleSince },
		isNew: start != null,
		startDay: start,
		dayOfPath,
		daysLeft: dayOfPath == null ? null : Math.max(0, PATH_DAYS - dayOfPath),
		version: template.version,
		newer: self && latest.version > template.version ? { version: latest.version, summary: latest.summary } : null,
		phases: INDUCTION_PHASES.map((p) => ({ phase: p, title: PHASE_TITLES[p], steps: steps.filter((s) => s.phase === p) })),
		counts: c,
		folded: dayOfPath == null || dayOfPath > PATH_DAYS || c.done >= c.total,
		next: steps.filter((s) => s.state === 'to-do').slice(0, 3),
		viewer: self ? 'self' : actor.id === mentorOf(seen) ? 'mentor' : 'coordinator',
		mentoring: seen.mentoring,
		markedNew: path?.markedNewAt != null,
		canMarkNew: can(actor, 'induction.coordinate', { regionId: m.regionId })
	};
}

/** The actor's own path (made on the current version the first time a new member opens it). */
export function mine(actor: Actor, now = Date.now()): PathPage {
	return page(actor, actor.id, now);
}

/** Another member's path: their mentor (steps only), their region's coordinator and admins (steps and dates); 404 for anyone else. */
export function ofMember(actor: Actor, memberId: number, now = Date.now()): PathPage {
	return page(actor, memberId, now);
}

/** One step of the actor's own path; 404 when the key is not a step of the version they are on. */
export function step(actor: Actor, key: string, now = Date.now()): { step: StepView; page: PathPage } {
	const p = mine(actor, now);
	const s = p.phases.flatMap((ph) => ph.steps).find((x) => x.key === key);
	if (!s) error(404, 'Page not found');
	return { step: s, page: p };
}

export type TickResult = { ok: true } | { ok: false; errors: Record<string, string> };

/** The step (404 when it is not on the member's version), after the policy has agreed the actor may tick the member's steps. */
function guardStep(actor: Actor, memberId: number, key: string, now: number) {
	authorize(actor, 'induction.tick', { memberId });
	const m = newcomerOf(memberId);
	if (!m) error(404, 'Page not found');
	const path = ensurePath(memberId, now);
	const def = definitions(path.templateId, m.regionId).find((d) => d.key === key);
	if (!def) error(404, 'Page not found');
	return def;
}

/** Ticks a step as done, with an optional private note (ticking again changes the note). */
export function tick(actor: Actor, memberId: number, key: string, note: string, now = Date.now()): TickResult {
	const text = note.replace(/\r\n/g, '\n').trim();
	if (text.length > NOTE_MAX) return { ok: false, errors: { note: `Enter a note of at most ${NOTE_MAX.toLocaleString('en-GB')} characters` } };
	return immediate(() => {
		guardStep(actor, memberId, key, now);
		db.insert(inductionProgress)
			.values({ memberId, stepKey: key, status: 'done', note: text, reason: '', at: now })
			.onConflictDoUpdate({ target: [inductionProgress.memberId, inductionProgress.stepKey], set: { status: 'done', note: text, reason: '', at: now } })
			.run();
		return { ok: true };
	});
}

/** Marks a step "not relevant for me", with a reason. */
export function notRelevant(actor: Actor, memberId: number, key: string, reason: string, now = Date.now()): TickResult {
	const text = reason.replace(/\r\n/g, '\n').trim();
	if (!text) return { ok: false, errors: { reason: 'Enter why this step is not relevant for you' } };
	if (text.length > REASON_MAX) return { ok: false, errors: { reason: `Enter a reason of at most ${REASON_MAX} characters` } };
	return immediate(() => {
		guardStep(actor, memberId, key, now);
		db.insert(inductionProgress)
			.values({ memberId, stepKey: key, status: 'not-relevant', note: '', reason: text, at: now })
			.onConflictDoUpdate({ target: [inductionProgress.memberId, inductionProgress.stepKey], set: { status: 'not-relevant', note: '', reason: text, at: now } })
			.run();
		return { ok: true };
	});
}

/** Puts a step back to do (the member's tick, note or reason removed). A step done by itself stays done. */
export function reopen(actor: Actor, memberId: number, key: string, now = Date.now()): TickResult {
	return immediate(() => {
		guardStep(actor, memberId, key, now);
		db.delete(inductionProgress).where(and(eq(inductionProgress.memberId, memberId), eq(inductionProgress.stepKey, key))).run();
		return { ok: true };
	});
}

/** Moves the member's path to the latest national version; their ticks carry over by step key. */
export function acceptLatest(actor: Actor, now = Date.now()): { ok: true; version: number } | { ok: false; message: string } {
	authorize(actor, 'induction.tick', { memberId: actor.id });
	const latest = templates.current(now);
	return immediate(() => {
		const path = ensurePath(actor.id, now);
		if (path.templateId === latest.id) return { ok: false as const, message: 'You are on the latest version of the path already' };
		db.update(inductionPath).set({ templateId: latest.id }).where(eq(inductionPath.memberId, actor.id)).run();
		return { ok: true as const, version: latest.version };
	});
}

/** A coordinator marks a member of their region as new (their role start date does not show it), or takes the mark off. */
export function markNew(actor: Actor, memberId: number, on: boolean, meta: { ip?: string } = {}, now = Date.now()): { ok: true } | { ok: false; message: string } {
	const m = newcomerOf(memberId);
	if (!m) error(404, 'Page not found');
	authorize(actor, 'induction.coordinate', { regionId: m.regionId }, { hide: true });
	immediate(() => {
		ensurePath(memberId, now);
		db.update(inductionPath)
			.set(on ? { markedNewAt: now, markedNewById: actor.id } : { markedNewAt: null, markedNewById: null })
			.where(eq(inductionPath.memberId, memberId))
			.run();
	});
	audit.record({ actorId: actor.id, action: on ? 'induction.marked-new' : 'induction.unmarked-new', subjectType: 'member', subjectId: memberId, regionId: m.regionId, ipAddress: meta.ip }, now);
	return { ok: true };
}

export type HomeMentoring = { mentorName: string | null; pairingId: number | null; waitingSince: number | null };

export type HomeBlock = { mentoring: HomeMentoring } & (
	| { kind: 'path'; counts: Counts; next: StepView[]; daysLeft: number; dayOfPath: number }
	| { kind: 'folded'; counts: Counts; allDone: boolean; regionName: string }
);

/** The first block of a new member's home page: their next steps, or once folded a one-line link and "what's next". Null for members who are not new. */
export function homeBlock(actor: Actor, now = Date.now()): HomeBlock | null {
	const m = newcomerOf(actor.id);
	if (!m) return null;
	const path = pathOf(actor.id);
	const start = startDay(m, path, now);
	if (!start) return null;
	const [s] = summaries([m], now);
	const dayOfPath = daysSinceDay(start, now);
	const ms = s.seen.mentoring;
	const mentoring = { mentorName: ms.mentorId != null ? members.nameOf(ms.mentorId) : null, pairingId: ms.pairingId, waitingSince: ms.waitingSince };
	if (s.folded) return { kind: 'folded', mentoring, counts: s.counts, allDone: s.counts.done >= s.counts.total, regionName: regionName(m.regionId) };
	return { kind: 'path', mentoring, counts: s.counts, next: s.steps.filter((x) => x.state === 'to-do').slice(0, 3), daysLeft: Math.max(0, PATH_DAYS - dayOfPath), dayOfPath };
}

/** For the data export and erasure. */
export function progressRows(memberId: number) {
	return { path: pathOf(memberId), progress: progressOf([memberId]).get(memberId)! };
}

