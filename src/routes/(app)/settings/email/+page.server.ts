import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import * as personal from '$lib/server/digests/personal';
import { NOTIFICATION_KINDS, type NotificationKind } from '$lib/server/mail/preferences';
import { actorOf } from '$lib/server/request';
import { failed, parseForm } from '$lib/server/forms';
import { DIGEST_FREQUENCIES, NOTIFY_CHOICES, values } from '$lib/vocab';

export const load: PageServerLoad = ({ locals }) => {
	const actor = actorOf(locals);
	return {
		settings: personal.emailSettings(actor.id),
		kinds: Object.entries(NOTIFICATION_KINDS)
			.filter(([kind]) => shown(kind as NotificationKind, actor.role))
			.map(([kind, k]) => ({ kind, label: k.label }))
	};
};

const choice = z.enum(values(NOTIFY_CHOICES), { error: 'Choose how you want to hear about this' });

/** Kinds for coordinators only (mentor requests in their region) are not shown to, nor asked of, anyone else. */
const shown = (kind: NotificationKind, role: string) => !('coordinatorsOnly' in NOTIFICATION_KINDS[kind]) || role === 'coordinator';

const schema = z.object({
	digestFrequency: z.enum(values(DIGEST_FREQUENCIES), { error: 'Choose how often you want your digest' }),
	digestWeekday: z.coerce.number({ error: 'Choose a day of the week' }).int().min(1, 'Choose a day of the week').max(7, 'Choose a day of the week'),
	digestHour: z.coerce.number({ error: 'Choose a time of day' }).int().min(0, 'Choose a time of day').max(23, 'Choose a time of day'),
	regionalDigest: z.enum(['yes', 'no'], { error: 'Choose whether you want regional digests' }),
	digestWhenVisited: z.enum(['yes'], { error: 'Tick the box or leave it empty' }).optional(),
	...Object.fromEntries(Object.keys(NOTIFICATION_KINDS).map((k) => [`notify-${k}`, 'coordinatorsOnly' in NOTIFICATION_KINDS[k as NotificationKind] ? choice.optional() : choice]))
});

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const actor = actorOf(locals);
		const form = parseForm(schema, await request.formData());
		if (!form.ok) return failed(form);
		const d = form.data as z.infer<typeof schema> & Record<string, string>;
		const current = personal.emailSettings(actor.id).notifications as Record<string, string>;
		const notifications = Object.fromEntries(
			Object.keys(NOTIFICATION_KINDS).map((k) => [k, (shown(k as NotificationKind, actor.role) && d[`notify-${k}`]) || current[k]])
		) as Record<NotificationKind, (typeof NOTIFY_CHOICES)[number][0]>;
		const nextAt = personal.saveEmailSettings(actor.id, {
			digestFrequency: d.digestFrequency,
			digestWeekday: d.digestWeekday,
			digestHour: d.digestHour,
			regionalDigest: d.regionalDigest === 'yes',
			digestWhenVisited: d.digestWhenVisited === 'yes',
			notifications
		});
		return { saved: true, nextAt };
	}
};
