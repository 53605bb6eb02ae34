/**
 * The national path and its versions, modelled on succession's checklist template: admins edit a
 * draft (a working copy of the latest version); publishing it makes the next version. Published
 * versions never change, so a member who started on version 1 keeps reading version 1 until they
 * choose to move to the newer one.
 */
import { and, asc, count, eq } from 'drizzle-orm';
import { db, immediate } from '../db/client';
import { INDUCTION_PHASES, INDUCTION_RULES, inductionPath, inductionStep, inductionTemplate, type InductionPhase, type InductionRule, type InductionStep, type InductionTemplate } from '../db/schema';
import { authorize, type Actor } from '../auth/policy';
import * as audit from '../auth/audit';
import { DEFAULT_PATH, type StepSpec } from './default-path';
import { PHASE_TITLES } from './words';
import { SUMMARY_MAX, versionedTemplate, type PublishResult } from '../templates/versions';

export const STEP_LIMITS = { key: 40, title: 160, body: 1_000, link: 300, linkText: 80, summary: SUMMARY_MAX } as const;

export type EditResult = { ok: true; key: string } | { ok: false; errors: Record<string, string> };

/** Writes a list of steps as one version (the default path, and tests). */
export function installVersion(steps: StepSpec[], opts: { version: number; status: 'draft' | 'published'; summary?: string; byId?: number | null; now?: number }): InductionTemplate {
	const now = opts.now ?? Date.now();
	return immediate(() => {
		const t = lifecycle.insertVersion({ ...opts, now });
		steps.forEach((s, i) => db.insert(inductionStep).values({ templateId: t.id, ...s, position: i }).run());
		return t;
	});
}

/** Copies a version's steps into a new draft. */
function copyContents(fromId: number, toId: number) {
	for (const s of steps(fromId)) {
		const { id: _id, templateId: _t, ...rest } = s;
		db.insert(inductionStep).values({ ...rest, templateId: toId }).run();
	}
}

/** The shared draft / publish / versions lifecycle (templates/versions.ts) over this area's table. */
const lifecycle = versionedTemplate(inductionTemplate, {
	installFirst: (now) => installVersion(DEFAULT_PATH, { version: 1, status: 'published', summary: 'The first version of the path.', now }),
	copyContents,
	publishProblems: (draftId) => publishErrors(steps(draftId)),
	words: {
		nothingToPublish: 'There are no changes to publish. Change the path first.',
		audit: { published: 'induction.published', discarded: 'induction.draft-discarded', subjectType: 'induction-template' }
	}
});

/** The latest published version, installing the default path first if there is none. */
export const current: (now?: number) => InductionTemplate = lifecycle.current;

export const byId: (id: number) => InductionTemplate | null = lifecycle.byId;

/** The steps of a version, in phase order then position. */
export function steps(templateId: number): InductionStep[] {
	const rows = db.select().from(inductionStep).where(eq(inductionStep.templateId, templateId)).orderBy(asc(inductionStep.position), asc(inductionStep.id)).all();
	return INDUCTION_PHASES.flatMap((p) => rows.filter((r) => r.phase === p));
}

/** The draft, if an admin has started one. */
export const draft: () => InductionTemplate | null = lifecycle.draft;

/** What stops a list of steps being published: a phase with no steps, a key used twice. */
export function publishProblems(list: Pick<InductionStep, 'key' | 'phase' | 'title'>[]): string[] {
	const problems: string[] = [];
	for (const p of INDUCTION_PHASES) if (!list.some((s) => s.phase === p)) problems.push(`Add a step to “${PHASE_TITLES[p]}” before publishing`);
	const seen = new Set<string>();
	for (const s of list) {
		if (seen.has(s.key)) problems.push(`Two steps have the key “${s.key}”: give each step its own key before publishing`);
		seen.add(s.key);
	}
	return problems;
}

/**
 * What stops a list of steps being published, as form errors: an empty phase's message goes
 * beside that phase on the admin's page (`phase-<phase>`), a repeated key at the top.
 */
export function publishErrors(list: Pick<InductionStep, 'key' | 'phase' | 'title'>[]): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const p of INDUCTION_PHASES) if (!list.some((s) => s.phase === p)) errors[`phase-${p}`] = `Add a step to “${PHASE_TITLES[p]}” before publishing`;
	const repeated = list.find((s, i) => list.findIndex((o) => o.key === s.key) !== i);
	if (repeated) errors.form = `Two steps have the key “${repeated.key}”: give each step its own key before publishing`;
	return errors;
}

/** Published versions, newest first, with how many members are on each. */
export function versions(actor: Actor) {
	authorize(actor, 'induction.manageTemplate', {});
	current();
	const rows = lifecycle.published();
	const counts = new Map(
		db
			.select({ templateId: inductionPath.templateId, n: count() })
			.from(inductionPath)
			.groupBy(inductionPath.templateId)
			.all()
			.map((r) => [r.templateId, r.n])
	);
	return rows.map((t) => ({ ...t, members: counts.get(t.id) ?? 0 }));
}

/** The admin page: the draft (or the latest version), its problems, and every version. */
export function overview(actor: Actor) {
	authorize(actor, 'induction.manageTemplate', {});
	const latest = current();
	const d = draft();
	const list = steps((d ?? latest).id);
	return { template: d ?? latest, isDraft: d != null, latest, steps: list, problems: d ? publishProblems(list) : [], versions: versions(actor) };
}

/** The draft, started as a copy of the latest version if needed. Call inside a transaction. */
const ensureDraft = (actor: Actor, now: number): InductionTemplate => lifecycle.ensureDraft(actor.id, now);

export type StepInput = { key: string; phase: string; title: string; body: string; link: string; linkText: string; rule: string };

/** Checks a step's fields; messages say what to do. */
export function checkStep(input: StepInput): { errors: Record<string, string>; step: Omit<StepSpec, never> | null } {
	const errors: Record<string, string> = {};
	const key = input.key.trim();
	if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(key)) errors.key = 'Enter a key of lower-case letters, numbers and hyphens, like meet-dcs';
	else if (key.length > STEP_LIMITS.key) errors.key = `Enter a key of at most ${STEP_LIMITS.key} characters`;
	else if (key.startsWith('region-')) errors.key = 'Keys starting “region-” are for region-only steps: choose another';
	if (!(INDUCTION_PHASES as readonly string[]).includes(input.phase)) errors.phase = 'Choose when the step comes';
	const title = input.title.trim();
	if (!title) errors.title = 'Enter what to do';
	else if (title.length > STEP_LIMITS.title) errors.title = `Enter what to do in at most ${STEP_LIMITS.title} characters`;
	const body = input.body.trim();
	if (body.length > STEP_LIMITS.body) errors.body = `Enter the explanation in at most ${STEP_LIMITS.body.toLocaleString('en-GB')} characters`;
	const link = input.link.trim();
	if (link && (!/^\/(?!\/)[^\s\\]*$/.test(link) || link.length > STEP_LIMITS.link)) errors.link = 'Enter a page of this site starting with /, like /training/events';
	const linkText = input.linkText.trim();
	if (link && !linkText) errors.linkText = 'Enter the words for the link';
	else if (linkText.length > STEP_LIMITS.linkText) errors.linkText = `Enter the link words in at most ${STEP_LIMITS.linkText} characters`;
	if (input.rule && !(INDUCTION_RULES as readonly string[]).includes(input.rule)) errors.rule = 'Choose how the step is ticked from the list';
	if (Object.keys(errors).length) return { errors, step: null };
	return { errors, step: { key, phase: input.phase as InductionPhase, title, body, link, linkText: link ? linkText : '', rule: (input.rule || null) as InductionRule | null } };
}

/** Adds a step to the draft (`key` null) or changes the step with that key. */
export function saveStep(actor: Actor, key: string | null, input: StepInput, meta: { ip?: string } = {}, now = Date.now()): EditResult {
	authorize(actor, 'induction.manageTemplate', {});
	const { errors, step } = checkStep(input);
	if (!step) return { ok: false, errors };
	const result = immediate((): EditResult => {
		const d = ensureDraft(actor, now);
		const list = steps(d.id);
		const existing = key == null ? null : list.find((s) => s.key === key);
		if (key != null && !existing) return { ok: false, errors: { form: 'That step is not in the path any more' } };
		if (list.some((s) => s.key === step.key && s.id !== existing?.id)) return { ok: false, errors: { key: `Another step has the key “${step.key}”: choose a different key` } };
		if (existing) {
			const moved = existing.phase !== step.phase;
			db.update(inductionStep)
				.set({ ...step, position: moved ? list.length : existing.position })
				.where(eq(inductionStep.id, existing.id))
				.run();
		} else db.insert(inductionStep).values({ ...step, templateId: d.id, position: list.length }).run();
		return { ok: true, key: step.key };
	});
	if (result.ok) audit.record({ actorId: actor.id, action: key ? 'induction.step-changed' : 'induction.step-added', subjectType: 'induction-step', subjectId: result.key, ipAddress: meta.ip, detail: { title: step.title } });
	return result;
}

/** Removes a step from the draft. Members on older versions keep it. */
export function deleteStep(actor: Actor, key: string, meta: { ip?: string } = {}, now = Date.now()): EditResult {
	authorize(actor, 'induction.manageTemplate', {});
	const result = immediate((): EditResult => {
		const d = ensureDraft(actor, now);
		const gone = db.delete(inductionStep).where(and(eq(inductionStep.templateId, d.id), eq(inductionStep.key, key))).run().changes;
		return gone ? { ok: true, key } : { ok: false, errors: { form: 'That step is not in the path any more' } };
	});
	if (result.ok) audit.record({ actorId: actor.id, action: 'induction.step-removed', subjectType: 'induction-step', subjectId: key, ipAddress: meta.ip });
	return result;
}

/** One step of the draft (or the latest version) for its edit page; null when unknown. */
export function editableStep(actor: Actor, key: string): InductionStep | null {
	authorize(actor, 'induction.manageTemplate', {});
	const t = draft() ?? current();
	return steps(t.id).find((s) => s.key === key) ?? null;
}

/** Publishes the draft as the next version: refused while a phase has no steps or two steps share a key. */
export function publish(actor: Actor, summary: string, meta: { ip?: string } = {}, now = Date.now()): PublishResult {
	authorize(actor, 'induction.manageTemplate', {});
	return lifecycle.publish(actor.id, summary, meta, now);
}

/** Throws the draft away. */
export function discardDraft(actor: Actor, meta: { ip?: string } = {}): boolean {
	authorize(actor, 'induction.manageTemplate', {});
	return lifecycle.discardDraft(actor.id, meta);
}
