/**
 * A coordinator (or admin) reminds an authority's members of the open items on its checklist:
 * one email per member through the outbox, at most one reminder per authority per day.
 */
import { desc, eq } from 'drizzle-orm';
import { db, immediate } from '../db/client';
import { successionReminder } from '../db/schema';
import { authorize, type Actor } from '../auth/policy';
import * as audit from '../auth/audit';
import * as members from '../network/members';
import { mayEmail } from '../mail/engagement';
import { enqueue } from '../mail/outbox';
import { choiceFor } from '../mail/preferences';
import { listHeaders } from '../mail/unsubscribe';
import { renderEmail, type EmailBlock } from '../mail/layout';
import { authorityInfo, ensure, memberNames, summaries, type AuthoritySummary } from './checklists';
import { FLAG_LABELS } from './score';
import { countdownText, formatDay, plural, readinessText, statusLabel, today as todayOf } from './words';

export const MESSAGE_MAX = 1_000;
/** How many open items the email lists before "and N more". */
export const EMAIL_ITEMS = 15;

function guard(actor: Actor, authorityId: number) {
	const a = authorityInfo(authorityId);
	authorize(actor, 'checklist.view', { authorityId: a.id, regionId: a.regionId }, { hide: true });
	authorize(actor, 'checklist.remind', { authorityId: a.id, regionId: a.regionId });
	return a;
}

/** Past reminders to one authority, newest first. */
function past(authorityId: number) {
	const rows = db.select().from(successionReminder).where(eq(successionReminder.authorityId, authorityId)).orderBy(desc(successionReminder.sentAt)).limit(20).all();
	const names = memberNames(rows.map((r) => r.sentById));
	return rows.map((r) => ({ ...r, sentByName: r.sentById != null ? (names.get(r.sentById) ?? 'Former member') : 'Former member' }));
}

/** What a reminder would say and to whom, and whether one went today already. */
export function preview(actor: Actor, authorityId: number, now = Date.now()) {
	const a = guard(actor, authorityId);
	ensure(a.id, actor.id, now);
	const summary = summaries([a.id], now).get(a.id)!;
	const recipients = members.directory(actor, { authorityId: a.id, limit: 500 }).members.map((m) => ({ id: m.id, name: m.name }));
	const sent = past(a.id);
	const day = todayOf(now);
	return { authority: a, summary, recipients, past: sent, sentToday: sent.find((r) => r.day === day) ?? null };
}

function emailFor(a: ReturnType<typeof authorityInfo>, s: AuthoritySummary, senderName: string, senderIsCoordinator: boolean, message: string) {
	const open = s.openItems;
	const blocks: EmailBlock[] = [
		{
			kind: 'paragraph',
			text: `${senderName}${senderIsCoordinator ? `, who coordinates the ${a.regionName} network,` : ' from the network team'} asks you to look at the succession checklist for ${a.name}.`
		}
	];
	if (message) blocks.push({ kind: 'paragraph', text: `“${message}”` });
	blocks.push({
		kind: 'paragraph',
		text: `Readiness: ${readinessText(s.readiness)}. ${s.countdown && !s.countdown.passed ? `Next election: ${formatDay(s.countdown.date)} (${countdownText(s.countdown)}).` : 'No date is set for the next election.'}`
	});
	blocks.push({ kind: 'heading', text: `Still open (${open.length})` });
	blocks.push({
		kind: 'list',
		items: open.slice(0, EMAIL_ITEMS).map((i) => ({
			text: i.title,
			href: `/succession/${a.id}/items/${encodeURIComponent(i.key)}`,
			note: [statusLabel(i.status), i.dueDate ? `due ${formatDay(i.dueDate)}` : null, ...i.flags.filter((f) => f !== 'after-election').map((f) => FLAG_LABELS[f].toLowerCase())]
				.filter(Boolean)
				.join(', ')
		})),
		more: open.length > EMAIL_ITEMS ? `And ${plural(open.length - EMAIL_ITEMS, 'more item')} on the checklist.` : undefined
	});
	blocks.push({ kind: 'button', text: 'Open the checklist', href: `/succession/${a.id}` });
	return renderEmail({
		heading: `Succession checklist: ${plural(open.length, 'item')} still open`,
		preheader: `${a.name} – readiness ${readinessText(s.readiness)}`,
		blocks,
		reason: `You got this email because you are a member of the Lead Member Network for ${a.name}, and ${senderName} sent a reminder about its succession checklist. Only members for ${a.name}, its regional coordinator and the network's admins can see the checklist.`,
		footerLinks: [{ text: 'Your email settings', href: '/settings/email' }]
	});
}

export type SendResult = { ok: true; recipients: number } | { ok: false; errors: Record<string, string> };

/** Sends the reminder to every member for the authority (once per authority per day). */
export function send(actor: Actor, authorityId: number, message: string, meta: { ip?: string } = {}, now = Date.now()): SendResult {
	const a = guard(actor, authorityId);
	const text = message.replace(/\r\n/g, '\n').trim();
	if (text.length > MESSAGE_MAX) return { ok: false, errors: { message: `Enter a message of at most ${MESSAGE_MAX.toLocaleString('en-GB')} characters` } };
	ensure(a.id, actor.id, now);
	const s = summaries([a.id], now).get(a.id)!;
	const recipients = members.directory(actor, { authorityId: a.id, limit: 500 }).members;
	if (recipients.length === 0) return { ok: false, errors: { form: `No one from ${a.name} is a member of the network yet, so there is no one to remind.` } };
	if (s.openItems.length === 0) return { ok: false, errors: { form: `Every item on the ${a.name} checklist is done or not applicable, so there is nothing to remind them about.` } };
	const sender = members.profile(actor.id);
	const senderName = sender?.name ?? 'Your coordinator';
	const email = emailFor(a, s, senderName, actor.role === 'coordinator', text);
	const day = todayOf(now);
	const result = immediate((): SendResult => {
		const row = db
			.insert(successionReminder)
			.values({ authorityId: a.id, day, sentById: actor.id, sentAt: now, recipientCount: recipients.length, openItemCount: s.openItems.length, message: text })
			.onConflictDoNothing()
			.returning({ id: successionReminder.id })
			.get();
		if (!row) return { ok: false, errors: { form: `A reminder has already gone to ${a.name} today. You can send another tomorrow.` } };
		for (const m of recipients) {
			if (choiceFor(m.id, 'succession') === 'off' || !mayEmail(m, now)) continue;
			enqueue(
				{
					key: `succession-reminder:${a.id}:${day}:member:${m.id}`,
					kind: 'succession-reminder',
					to: m.email,
					recipientId: m.id,
					subject: `Succession checklist for ${a.name}: ${plural(s.openItems.length, 'item')} still open`,
					text: email.text,
					html: email.html,
					headers: listHeaders(m.id, 'succession', 'Succession checklist reminders'),
					batchKey: `succession-reminder:${a.id}:${day}`
				},
				now
			);
		}
		return { ok: true, recipients: recipients.length };
	});
	if (result.ok) {
		audit.record(
			{ actorId: actor.id, action: 'checklist.reminder-sent', subjectType: 'checklist', subjectId: a.id, regionId: a.regionId, ipAddress: meta.ip, detail: { recipients: result.recipients, openItems: s.openItems.length } },
			now
		);
	}
	return result;
}
