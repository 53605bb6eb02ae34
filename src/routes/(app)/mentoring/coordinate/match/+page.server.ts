import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as coordination from '$lib/server/mentoring/coordination';
import { pairRefSchema } from '$lib/server/mentoring/schemas';
import { parseForm } from '$lib/server/forms';
import { regions } from '$lib/server/network/authorities';
import { actorOf } from '$lib/server/request';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = actorOf(locals);
	const now = Date.now();
	return {
		workbench: coordination.workbench(actor, url.searchParams.get('region'), now),
		now,
		regionChoices: actor.role === 'admin' ? regions().map((r) => [r.id, r.name] as [string, string]) : null,
		regionNames: Object.fromEntries(regions().map((r) => [r.id, r.name]))
	};
};

/** One pair from the form, or a 400 with a message. */
async function pairFrom(request: Request) {
	const form = parseForm(pairRefSchema, await request.formData());
	return form.ok ? form.data : null;
}

const problem = (message: string, requestId?: number) => fail(400, { problem: message, requestId: requestId ?? null });

const allSchema = z.object({ pair: z.array(z.string().regex(/^\d+:\d+$/)).min(1).max(500) });

export const actions: Actions = {
	confirm: async ({ locals, request }) => {
		const ref = await pairFrom(request);
		if (!ref) return problem('Choose a match to confirm.');
		return coordination.confirm(actorOf(locals), [ref]);
	},
	confirmAll: async ({ locals, request }) => {
		const form = parseForm(allSchema, await request.formData(), { arrays: ['pair'] });
		if (!form.ok) return problem('There are no matches to confirm.');
		const refs = form.data.pair.map((p) => {
			const [requestId, mentorId] = p.split(':').map(Number);
			return { requestId, mentorId };
		});
		return coordination.confirm(actorOf(locals), refs);
	},
	exclude: async ({ locals, request }) => {
		const ref = await pairFrom(request);
		if (!ref) return problem('Choose a mentor to rule out.');
		const r = coordination.exclude(actorOf(locals), ref.requestId, ref.mentorId);
		return r.ok ? { changed: 'excluded', requestId: ref.requestId } : problem(r.message, ref.requestId);
	},
	allow: async ({ locals, request }) => {
		const ref = await pairFrom(request);
		if (!ref) return problem('Choose a mentor to allow again.');
		const r = coordination.allow(actorOf(locals), ref.requestId, ref.mentorId);
		return r.ok ? { changed: 'allowed', requestId: ref.requestId } : problem(r.message, ref.requestId);
	},
	swap: async ({ locals, request }) => {
		const ref = await pairFrom(request);
		if (!ref) return problem('Choose a mentor to swap in.');
		const r = coordination.swapIn(actorOf(locals), ref.requestId, ref.mentorId);
		return r.ok ? { changed: 'swapped', requestId: ref.requestId } : problem(r.message, ref.requestId);
	},
	reset: async ({ locals, request }) => {
		const form = parseForm(z.object({ requestId: z.coerce.number().int().positive() }), await request.formData());
		if (!form.ok) return problem('Choose a request.');
		const r = coordination.reset(actorOf(locals), form.data.requestId);
		return r.ok ? { changed: 'reset', requestId: form.data.requestId } : problem(r.message, form.data.requestId);
	}
};
