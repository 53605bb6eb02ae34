import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as pairings from '$lib/server/mentoring/pairings';
import * as actionItems from '$lib/server/mentoring/actions';
import { actionSchema, actionStatusSchema, goalIdSchema, goalSchema, goalStatusSchema } from '$lib/server/mentoring/schemas';
import { failed, invalid, parseForm } from '$lib/server/forms';
import { actorOf } from '$lib/server/request';
import { idParam } from '../../ids';
import { isNew } from '$lib/server/induction/paths';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const now = Date.now();
	const pairing = pairings.page(actorOf(locals), idParam(params.id), now);
	// A mentor of a new member follows their first 100 days (the steps, not the notes).
	const menteePath = pairing.mySide === 'mentor' && pairing.status === 'active' && pairing.mentee.id != null && isNew(pairing.mentee.id, now) ? pairing.mentee.id : null;
	return { pairing, menteePath, done: url.searchParams.get('done'), now };
};

export const actions: Actions = {
	addGoal: async ({ locals, params, request }) => {
		const form = parseForm(goalSchema, await request.formData());
		if (!form.ok) return failed(form);
		const r = pairings.addGoal(actorOf(locals), idParam(params.id), form.data.text);
		if (!r.ok) return invalid({ [r.field ?? 'form']: r.message }, form.values);
		return { done: 'goal-added' };
	},
	goalStatus: async ({ locals, params, request }) => {
		const form = parseForm(goalStatusSchema, await request.formData());
		if (!form.ok) return fail(400, { errors: { form: 'Choose a status for the goal' }, values: {} });
		const r = pairings.setGoalStatus(actorOf(locals), idParam(params.id), form.data.goalId, form.data.status);
		if (!r.ok) return invalid({ form: r.message }, {});
		return { done: 'goal-updated' };
	},
	removeGoal: async ({ locals, params, request }) => {
		const form = parseForm(goalIdSchema, await request.formData());
		if (!form.ok) return fail(400, { errors: { form: 'That goal no longer exists.' }, values: {} });
		const r = pairings.removeGoal(actorOf(locals), idParam(params.id), form.data.goalId);
		if (!r.ok) return invalid({ form: r.message }, {});
		return { done: 'goal-removed' };
	},
	addAction: async ({ locals, params, request }) => {
		const form = parseForm(actionSchema, await request.formData());
		if (!form.ok) return failed(form);
		const r = actionItems.add(actorOf(locals), idParam(params.id), form.data);
		if (!r.ok) return invalid({ [r.field ?? 'form']: r.message }, form.values);
		return { done: 'action-added' };
	},
	actionStatus: async ({ locals, params, request }) => {
		const form = parseForm(actionStatusSchema, await request.formData());
		if (!form.ok) return fail(400, { errors: { form: 'That action no longer exists.' }, values: {} });
		const r = actionItems.setStatus(actorOf(locals), idParam(params.id), form.data.actionId, form.data.status);
		if (!r.ok) return invalid({ form: r.message }, {});
		return { done: form.data.status === 'done' ? 'action-done' : 'action-reopened' };
	}
};
