import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as regional from '$lib/server/digests/regional';
import { actorOf, clientIp } from '$lib/server/request';
import { failed, invalid, parseForm, type FormValues } from '$lib/server/forms';
import { londonDateTimeToUtc } from '$lib/time';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = actorOf(locals);
	const e = regional.editor(actor, Number(params.id));
	if (e.sent) redirect(303, `/digests/${e.id}`);
	const d = e.digest;
	return {
		digest: { id: d.id, title: d.title, intro: d.intro, regionName: d.regionName, status: d.status, scheduledFor: d.scheduledFor, coversFrom: d.coversFrom, sections: d.sections.map((s) => ({ key: s.key, title: s.title, source: s.source, items: s.items, more: s.more ?? 0, body: s.body ?? '', kept: s.kept })) },
		recipients: e.recipients,
		empty: e.empty
	};
};

const field = (max: number) => z.string().max(max * 2, 'That is too long').optional().transform((v) => v ?? '');
const schema = z.object({
	title: field(regional.LIMITS.title),
	intro: field(regional.LIMITS.intro),
	newTitle: field(regional.LIMITS.sectionTitle),
	newBody: field(regional.LIMITS.sectionBody),
	sendDate: z.string().max(20).optional().transform((v) => v ?? ''),
	sendTime: z.string().max(10).optional().transform((v) => v ?? ''),
	do: z.string().max(60).optional().transform((v) => v ?? 'save'),
	section: z.array(z.string().max(20)).max(100),
	kept: z.array(z.string().max(20)).max(100)
});

/** Which button was pressed, as the server module's intent. */
function intentOf(d: z.infer<typeof schema>): regional.Intent | null {
	const [what, key, dir] = d.do.split(':');
	switch (what) {
		case 'save':
		case 'preview':
		case 'test':
		case 'send':
		case 'refresh':
		case 'unschedule':
			return { do: what };
		case 'add':
			return { do: 'add', title: d.newTitle, body: d.newBody };
		case 'move':
			return key && (dir === 'up' || dir === 'down') ? { do: 'move', key, direction: dir } : null;
		case 'remove':
			return key ? { do: 'remove', key } : null;
		case 'schedule':
			return { do: 'schedule', at: d.sendDate && d.sendTime ? londonDateTimeToUtc(d.sendDate, d.sendTime) : null };
		default:
			return null;
	}
}

const text = (values: FormValues, key: string) => {
	const v = values[key];
	return typeof v === 'string' ? v : undefined;
};

export const actions: Actions = {
	default: async (event) => {
		const actor = actorOf(event.locals);
		const form = parseForm(schema, await event.request.formData(), { arrays: ['section', 'kept'] });
		if (!form.ok) return failed(form);
		const d = form.data;
		const intent = intentOf(d) ?? { do: 'save' as const };
		const kept = new Set(d.kept);
		const input: regional.DraftInput = {
			title: d.title,
			intro: d.intro,
			sections: d.section.map((key) => ({ key, kept: kept.has(key), title: text(form.values, `sectionTitle-${key}`), body: text(form.values, `sectionBody-${key}`) }))
		};
		const r = regional.edit(actor, Number(event.params.id), input, intent, Date.now(), { ip: clientIp(event) });
		if (!r.ok) return invalid(r.errors, form.values);
		if (r.redirect) redirect(303, r.redirect);
		return { message: r.message ?? 'Your changes have been saved.', moved: intent.do === 'move' ? intent.key : null };
	}
};
