/**
 * Steps a coordinator adds to their region's paths (e.g. "the North West's induction day in
 * Preston"): at most five a region. Every new member of the region sees them beside the national
 * steps, whatever version they are on; ticks and notes work as for any step.
 */
import { error } from '@sveltejs/kit';
import { and, count, eq } from 'drizzle-orm';
import { db, immediate } from '../db/client';
import { INDUCTION_PHASES, inductionProgress, inductionRegionStep } from '../db/schema';
import { authorize, type Actor } from '../auth/policy';
import * as audit from '../auth/audit';
import { regionName } from '../network/authorities';
import { regionSteps } from './paths';
import { STEP_LIMITS } from './templates';

export const MAX_REGION_STEPS = 5;

export type RegionStepInput = { phase: string; title: string; body: string };
export type RegionStepResult = { ok: true; key: string } | { ok: false; errors: Record<string, string> };

export function list(actor: Actor, regionId: string) {
	authorize(actor, 'induction.manageRegionSteps', { regionId });
	return { regionId, regionName: regionName(regionId), steps: regionSteps(regionId), max: MAX_REGION_STEPS };
}

/** Adds a region-only step; refused past five, or with a missing title or phase. */
export function add(actor: Actor, regionId: string, input: RegionStepInput, meta: { ip?: string } = {}, now = Date.now()): RegionStepResult {
	authorize(actor, 'induction.manageRegionSteps', { regionId });
	const errors: Record<string, string> = {};
	if (!(INDUCTION_PHASES as readonly string[]).includes(input.phase)) errors.phase = 'Choose when the step comes';
	const title = input.title.trim();
	if (!title) errors.title = 'Enter what to do';
	else if (title.length > STEP_LIMITS.title) errors.title = `Enter what to do in at most ${STEP_LIMITS.title} characters`;
	const body = input.body.trim();
	if (body.length > STEP_LIMITS.body) errors.body = `Enter the explanation in at most ${STEP_LIMITS.body.toLocaleString('en-GB')} characters`;
	if (Object.keys(errors).length) return { ok: false, errors };
	const result = immediate((): RegionStepResult => {
		const n = db.select({ n: count() }).from(inductionRegionStep).where(eq(inductionRegionStep.regionId, regionId)).get()!.n;
		if (n >= MAX_REGION_STEPS) return { ok: false, errors: { form: `Your region has ${MAX_REGION_STEPS} steps of its own already: remove one before adding another` } };
		const row = db
			.insert(inductionRegionStep)
			.values({ regionId, key: `region-pending-${now}-${Math.random().toString(36).slice(2)}`, phase: input.phase as (typeof INDUCTION_PHASES)[number], title, body, createdById: actor.id, createdAt: now })
			.returning({ id: inductionRegionStep.id })
			.get();
		const key = `region-${row.id}`;
		db.update(inductionRegionStep).set({ key }).where(eq(inductionRegionStep.id, row.id)).run();
		return { ok: true, key };
	});
	if (result.ok) audit.record({ actorId: actor.id, action: 'induction.region-step-added', subjectType: 'induction-step', subjectId: result.key, regionId, ipAddress: meta.ip, detail: { title } }, now);
	return result;
}

/** One region-only step for the question before removing it, with how many members have ticked it; 404 when unknown. */
export function one(actor: Actor, regionId: string, key: string) {
	authorize(actor, 'induction.manageRegionSteps', { regionId });
	const step = regionSteps(regionId).find((s) => s.key === key);
	if (!step) error(404, 'Page not found');
	const ticked = db.select({ n: count() }).from(inductionProgress).where(eq(inductionProgress.stepKey, key)).get()!.n;
	return { regionId, regionName: regionName(regionId), step: { key: step.key, title: step.title, phase: step.phase }, ticked };
}

/** Removes a region-only step, with members' ticks of it. */
export function remove(actor: Actor, regionId: string, key: string, meta: { ip?: string } = {}, now = Date.now()): boolean {
	authorize(actor, 'induction.manageRegionSteps', { regionId });
	const gone = immediate(() => {
		const n = db.delete(inductionRegionStep).where(and(eq(inductionRegionStep.regionId, regionId), eq(inductionRegionStep.key, key))).run().changes;
		if (n) db.delete(inductionProgress).where(eq(inductionProgress.stepKey, key)).run();
		return n > 0;
	});
	if (gone) audit.record({ actorId: actor.id, action: 'induction.region-step-removed', subjectType: 'induction-step', subjectId: key, regionId, ipAddress: meta.ip }, now);
	return gone;
}
