/** The national path's versions: a draft, publish (refused with an empty phase or a key used twice), members keep their version until they move. */
import { describe, expect, it } from 'vitest';
import { makeMember } from '../../../../tests/support/members';
import { statusOf } from '../../../../tests/support/mentoring';
import * as templates from './templates';
import * as paths from './paths';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const admin = () => makeMember({ role: 'admin', authority: 'Camden' });
const step = (over: Partial<templates.StepInput> = {}): templates.StepInput => ({ key: 'induction-day', phase: 'month', title: 'Go to the regional induction day', body: 'Meet the other new Lead Members.', link: '/training/events', linkText: 'See events', rule: '', ...over });

describe('the national path’s versions', () => {
	it('keeps a member on the version they started on until they choose the newer one, carrying their ticks over by key', () => {
		const a = admin();
		const m = makeMember({ inRoleSince: '2026-11-02' });
		expect(paths.mine(m.actor, NOW).version).toBe(1);
		paths.tick(m.actor, m.id, 'meet-dcs', 'kept', NOW);
		expect(templates.saveStep(a.actor, null, step(), {}, NOW)).toEqual({ ok: true, key: 'induction-day' });
		expect(templates.deleteStep(a.actor, 'scrutiny', {}, NOW).ok).toBe(true);
		expect(templates.publish(a.actor, 'Adds the regional induction day; scrutiny is now part of the statutory role step.', {}, NOW)).toEqual({ ok: true, version: 2 });
		const before = paths.mine(m.actor, NOW);
		expect(before.version).toBe(1);
		expect(before.newer).toMatchObject({ version: 2 });
		expect(before.phases.flatMap((p) => p.steps).some((s) => s.key === 'scrutiny')).toBe(true);
		// A new member starts on the latest version.
		expect(paths.mine(makeMember({ inRoleSince: '2026-11-10' }).actor, NOW).version).toBe(2);
		expect(paths.acceptLatest(m.actor, NOW)).toEqual({ ok: true, version: 2 });
		const after = paths.mine(m.actor, NOW);
		const keys = after.phases.flatMap((p) => p.steps).map((s) => s.key);
		expect(keys).toContain('induction-day');
		expect(keys).not.toContain('scrutiny');
		expect(after.phases.flatMap((p) => p.steps).find((s) => s.key === 'meet-dcs')).toMatchObject({ state: 'done', note: 'kept' });
		expect(statusOf(() => paths.step(m.actor, 'scrutiny', NOW))).toBe(404);
	});

	it('cannot publish a draft with a phase that has no steps', () => {
		const a = admin();
		const draft = templates.overview(a.actor);
		for (const s of draft.steps.filter((x) => x.phase === 'hundred-days')) templates.deleteStep(a.actor, s.key, {}, NOW);
		expect(templates.overview(a.actor).problems).toContain('Add a step to “The first 100 days” before publishing');
		// The message goes beside the empty phase on the admin's page (and in the error summary).
		expect(templates.publish(a.actor, 'Nothing for the first 100 days', {}, NOW)).toEqual({ ok: false, errors: { 'phase-hundred-days': 'Add a step to “The first 100 days” before publishing' } });
		expect(templates.overview(a.actor).template.status).toBe('draft');
		templates.discardDraft(a.actor);
	});

	it('refuses a key used twice, and finds a repeated key in a list before publishing', () => {
		const a = admin();
		expect(templates.saveStep(a.actor, null, step({ key: 'meet-dcs' }), {}, NOW)).toEqual({ ok: false, errors: { key: 'Another step has the key “meet-dcs”: choose a different key' } });
		expect(templates.saveStep(a.actor, null, step({ key: 'Bad Key!' }), {}, NOW).ok).toBe(false);
		expect(templates.saveStep(a.actor, null, step({ key: 'region-x' }), {}, NOW).ok).toBe(false);
		expect(templates.saveStep(a.actor, null, step({ link: 'https://evil.example' , key: 'ok-key' }), {}, NOW)).toMatchObject({ ok: false, errors: { link: expect.any(String) } });
		expect(
			templates.publishProblems([
				{ key: 'a', phase: 'ten-days', title: 'A' },
				{ key: 'a', phase: 'month', title: 'B' },
				{ key: 'c', phase: 'hundred-days', title: 'C' }
			])
		).toEqual(['Two steps have the key “a”: give each step its own key before publishing']);
		expect(
			templates.publishErrors([
				{ key: 'a', phase: 'ten-days', title: 'A' },
				{ key: 'a', phase: 'ten-days', title: 'B' }
			])
		).toEqual({
			'phase-month': 'Add a step to “The first month” before publishing',
			'phase-hundred-days': 'Add a step to “The first 100 days” before publishing',
			form: 'Two steps have the key “a”: give each step its own key before publishing'
		});
		templates.discardDraft(a.actor);
	});

	it('lets only admins change the path', () => {
		const coordinator = makeMember({ role: 'coordinator', coordinatorRegionId: 'north-west', authority: 'Salford' });
		expect(statusOf(() => templates.saveStep(coordinator.actor, null, step({ key: 'sneaky' }), {}, NOW))).toBe(403);
		expect(statusOf(() => templates.publish(makeMember().actor, 'x', {}, NOW))).toBe(403);
	});
});

describe('region-only steps', () => {
	it('lets a coordinator add up to five steps their region’s new members see, and nobody else', async () => {
		const regionSteps = await import('./region-steps');
		const coordinator = makeMember({ role: 'coordinator', coordinatorRegionId: 'north-west', authority: 'Salford' });
		const nw = makeMember({ authority: 'Blackpool', inRoleSince: '2026-11-02' });
		const yh = makeMember({ authority: 'Leeds', inRoleSince: '2026-11-02' });
		const r = regionSteps.add(coordinator.actor, 'north-west', { phase: 'month', title: 'The North West’s induction day in Preston', body: 'Every spring and autumn.' }, {}, NOW);
		expect(r.ok).toBe(true);
		const key = r.ok ? r.key : '';
		const nwSteps = paths.mine(nw.actor, NOW).phases.flatMap((p) => p.steps);
		expect(nwSteps.find((s) => s.key === key)).toMatchObject({ regional: true, title: 'The North West’s induction day in Preston', phase: 'month' });
		expect(paths.mine(yh.actor, NOW).phases.flatMap((p) => p.steps).some((s) => s.key === key)).toBe(false);
		expect(paths.tick(nw.actor, nw.id, key, 'Booked', NOW)).toEqual({ ok: true });
		expect(statusOf(() => paths.tick(yh.actor, yh.id, key, '', NOW))).toBe(404);
		for (let i = 2; i <= 5; i++) expect(regionSteps.add(coordinator.actor, 'north-west', { phase: 'hundred-days', title: `Step ${i}`, body: '' }, {}, NOW).ok).toBe(true);
		expect(regionSteps.add(coordinator.actor, 'north-west', { phase: 'month', title: 'A sixth', body: '' }, {}, NOW)).toEqual({ ok: false, errors: { form: 'Your region has 5 steps of its own already: remove one before adding another' } });
		expect(regionSteps.add(coordinator.actor, 'north-west', { phase: 'never', title: '', body: '' }, {}, NOW)).toMatchObject({ ok: false, errors: { phase: expect.any(String), title: 'Enter what to do' } });
		expect(statusOf(() => regionSteps.add(makeMember({ role: 'coordinator', coordinatorRegionId: 'yorkshire-humber', authority: 'Leeds' }).actor, 'north-west', { phase: 'month', title: 'x', body: '' }, {}, NOW))).toBe(403);
		expect(statusOf(() => regionSteps.add(nw.actor, 'north-west', { phase: 'month', title: 'x', body: '' }, {}, NOW))).toBe(403);
		expect(regionSteps.remove(coordinator.actor, 'north-west', key, {}, NOW)).toBe(true);
		expect(paths.mine(nw.actor, NOW).phases.flatMap((p) => p.steps).some((s) => s.key === key)).toBe(false);
	});

	it('shows a step before it is removed, with how many members have ticked it, to its region’s coordinator only', async () => {
		const regionSteps = await import('./region-steps');
		const coordinator = makeMember({ role: 'coordinator', coordinatorRegionId: 'north-west', authority: 'Salford' });
		const nw = makeMember({ authority: 'Blackpool', inRoleSince: '2026-11-02' });
		const r = regionSteps.add(coordinator.actor, 'north-west', { phase: 'month', title: 'Visit the Preston family hub', body: '' }, {}, NOW);
		const key = r.ok ? r.key : '';
		expect(regionSteps.one(coordinator.actor, 'north-west', key)).toMatchObject({ step: { key, title: 'Visit the Preston family hub' }, ticked: 0 });
		paths.tick(nw.actor, nw.id, key, 'Went on Tuesday', NOW);
		expect(regionSteps.one(coordinator.actor, 'north-west', key).ticked).toBe(1);
		expect(statusOf(() => regionSteps.one(coordinator.actor, 'north-west', 'region-999999'))).toBe(404);
		expect(statusOf(() => regionSteps.one(makeMember({ role: 'coordinator', coordinatorRegionId: 'yorkshire-humber', authority: 'Leeds' }).actor, 'north-west', key))).toBe(403);
		expect(statusOf(() => regionSteps.one(nw.actor, 'north-west', key))).toBe(403);
		expect(regionSteps.remove(coordinator.actor, 'north-west', key, {}, NOW)).toBe(true);
		expect(statusOf(() => regionSteps.one(coordinator.actor, 'north-west', key))).toBe(404);
	});
});
