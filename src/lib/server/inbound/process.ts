/**
 * Mail in (issue 14): what happens to each stored message, run by the scheduler.
 *
 * parse → bounce? (record it against the member its VERP address or report names) →
 * auto-reply? (nothing posted, nothing sent) → a key we made, not revoked? → sent from that
 * member's own address (one From, no DMARC failure reported by the receiving server)? → then
 * ONE function of the area, with the member as the actor and the same policy as the web form:
 * `posts.reply`, `threads.create`, `meetings.addNote`, `proposals.answer`. A post the child-safety
 * check holds is emailed back; the member answers that email with "confirm" to post it as it is
 * (as ticking the box on the web form), or with a new version, checked again. The post and the
 * message's "processed" mark commit in one transaction, so a crash never posts twice, and a
 * Message-ID delivered twice was stored once. Every outcome is recorded; the member gets a
 * confirmation, or a clear refusal; a stranger gets nothing, and a message that failed the
 * checks gets one polite rejection per sender per hour, and only to a member's own address.
 */
import { isHttpError } from '@sveltejs/kit';
import { immediate } from '../db/client';
import { log } from '../log';
import * as store from '../mail/inbound';
import { replyAddress, resolveAddress, type ResolvedAddress } from '../mail/reply-keys';
import { noteInbound, recordBounce, resolveBounceAddress } from '../mail/bounces';
import * as audit from '../auth/audit';
import * as members from '../network/members';
import { regionName, regions } from '../network/authorities';
import * as posts from '../discussions/posts';
import * as threads from '../discussions/threads';
import * as categories from '../discussions/categories';
import { postHref } from '../discussions/notifications';
import { warnedWords, type ChildSafetyWarning } from '../discussions/child-safety';
import * as meetings from '../mentoring/meetings';
import * as proposals from '../mentoring/proposals';
import { answerSchema } from '../mentoring/schemas';
import { formatDate } from '../../time';
import type { Actor } from '../auth/policy';
import type { Member } from '../db/schema';
import { parseMail, type ParsedMail } from './parse';
import { autoReplyReason, bounceInfo } from './classify';
import { trimReply } from './trim';
import * as replies from './replies';
import type { EmailBlock } from '../mail/layout';

/** A message whose outcome another process recorded first: the transaction is rolled back. */
class AlreadyProcessed extends Error {}

/** Refusal emails per member per hour (a loop between two mail systems must end). */
export const REFUSALS_PER_HOUR = 10;
const HOUR = 60 * 60 * 1000;

/** Processes every pending message (at most `limit`); returns how many of each outcome. */
export async function processPending(now: () => number = Date.now, limit = 200): Promise<Partial<Record<store.InboundOutcome, number>>> {
	const counts: Partial<Record<store.InboundOutcome, number>> = {};
	for (const id of store.pendingIds(limit)) {
		let outcome: store.InboundOutcome;
		try {
			outcome = await processOne(id, now());
		} catch (err) {
			log.error('inbound message failed', { id, error: err instanceof Error ? err.stack : String(err) });
			store.attemptFailed(id, 'Something went wrong while processing this message; it will be tried again (at most three times).');
			outcome = 'failed';
		}
		counts[outcome] = (counts[outcome] ?? 0) + 1;
	}
	return counts;
}

/** Processes one stored message (if it is still pending); returns its outcome. */
export async function processOne(id: number, now = Date.now()): Promise<store.InboundOutcome> {
	const row = store.byId(id);
	if (!row) return 'failed';
	if (row.outcome !== 'pending') return row.outcome;
	if (!row.raw) {
		store.finish(id, { outcome: 'failed', reason: 'The message itself is no longer kept.' }, now);
		return 'failed';
	}
	const parsed = await parseMail(row.raw);
	if (!parsed) {
		store.finish(id, { outcome: 'failed', reason: 'It could not be read as an email.' }, now);
		return 'failed';
	}
	return decide(row, parsed, now);
}

type Row = NonNullable<ReturnType<typeof store.byId>>;

/** The addresses a message was sent to: the envelope's, then To and Cc. */
function recipientsOf(row: Row, m: ParsedMail): string[] {
	return [...new Set([...row.recipients, ...m.to, ...m.cc].map((a) => a.trim().toLowerCase()).filter(Boolean))].slice(0, 60);
}

async function decide(row: Row, m: ParsedMail, now: number): Promise<store.InboundOutcome> {
	const base = { fromAddress: m.from, subject: m.subject };
	const recipients = recipientsOf(row, m);
	let verp: ReturnType<typeof resolveBounceAddress> = null;
	let key: ResolvedAddress | null = null;
	let keyAddress: string | null = null;
	for (const r of recipients) {
		verp ??= resolveBounceAddress(r);
		if (!key) {
			key = resolveAddress(r);
			if (key) keyAddress = r;
		}
	}
	const toKey = keyAddress?.split('@')[0] ?? null;

	// Bounces: counted against the member the VERP address (or the report's recipient) names.
	const bounce = bounceInfo(m, verp != null);
	if (bounce) {
		const memberId = verp?.memberId ?? (bounce.recipient ? (members.findByEmail(bounce.recipient)?.id ?? null) : null);
		let reason = `${bounce.kind === 'delayed' ? 'Delayed, not counted' : `${bounce.kind === 'hard' ? 'Hard' : 'Soft'} bounce`}: ${bounce.detail}`;
		if (memberId != null && bounce.kind !== 'delayed') {
			const status = recordBounce(memberId, bounce.kind, bounce.detail, now);
			if (status.bouncing) reason += ' — the address is now marked as bouncing.';
		}
		if (memberId == null) reason += ' (no member found for it)';
		store.finish(row.id, { ...base, outcome: 'bounce', memberId, reason, toKey }, now);
		return 'bounce';
	}

	// Auto-replies: nothing posted, nothing sent back.
	const auto = autoReplyReason(m) ?? (row.envelopeFrom === '<>' ? 'an empty envelope sender (sent by a machine)' : null);
	if (auto) {
		store.finish(row.id, { ...base, outcome: 'auto-reply', memberId: key?.memberId ?? null, toKey, reason: `An automatic reply (${auto}): ignored.` }, now);
		return 'auto-reply';
	}

	if (!key) return reject(row, m, null, 'It was not sent to a reply address of ours that still works (unknown, mistyped or revoked).', now);
	const member = members.byId(key.memberId);
	if (!member) return reject(row, m, null, 'The reply address belongs to an account that no longer exists.', now);
	if (m.fromAll.length !== 1 || m.from !== member.email.toLowerCase()) {
		return reject(row, m, key.memberId, `It was not sent from the address of the member the reply address belongs to${m.from ? ` (it came from ${m.from})` : ''}.`, now, toKey);
	}
	const auth = m.headers.get('authentication-results') ?? '';
	if (/\bdmarc\s*=\s*fail\b/i.test(auth)) {
		// The receiving server says the From address was forged: no answer to it at all.
		store.finish(row.id, { ...base, outcome: 'rejected', memberId: member.id, toKey, reason: 'The receiving mail server reported that the sender address was forged (DMARC failed).' }, now);
		return 'rejected';
	}
	const actor = members.actorById(member.id);
	const ctx: Ctx = { row, m, member, key, toKey, now };
	if (!actor) return refuse(ctx, 'deactivated', 'Your account on the Lead Member Network is deactivated, so your email was not posted. If you think this is a mistake, contact your regional coordinator.');
	ctx.actor = actor;

	if (m.unreadable) {
		return refuse(ctx, 'unreadable', `Your email could not be read: ${m.unreadable}. Nothing was posted. Send it again as a plain email (without attachments), or post it on the site.`);
	}
	const body = trimReply(m.text);
	try {
		switch (key.kind) {
			case 'thread':
				return replyInThread(ctx, key.id, body);
			case 'ask':
				return askQuestion(ctx, key.regionSlug ?? null, body);
			case 'pairing':
				return addMeetingNote(ctx, key.id, body);
			case 'proposal':
				return answerProposal(ctx, key.id, body);
			case 'held':
				return await answerHeld(ctx, key.id, body);
		}
	} catch (err) {
		if (err instanceof AlreadyProcessed) return store.byId(row.id)?.outcome ?? 'failed';
		if (isHttpError(err) && (err.status === 404 || err.status === 403)) {
			const what = key.kind === 'thread' || key.kind === 'held' ? 'That thread no longer exists, or you can no longer see it' : key.kind === 'ask' ? 'You cannot ask questions there' : 'That mentoring no longer exists, or you are not part of it';
			return refuse(ctx, 'not-found', `${what}, so your email was not posted.`);
		}
		throw err;
	}
}

type Ctx = { row: Row; m: ParsedMail; member: Member; key: ResolvedAddress; toKey: string | null; now: number; actor?: Actor };

/** How a post is made: `confirmed` as the web form's "no child can be identified" box; `heldId` the held message this one answers. */
type Posting = { confirmed?: boolean; heldId?: number };

/** Files attached by the sender (not inline logos): not posted yet, so the confirmation says so. */
function attachmentNote(m: ParsedMail): EmailBlock[] {
	const files = m.attachments.filter((a) => a.disposition === 'attachment');
	if (files.length === 0) return [];
	const names = files
		.slice(0, 5)
		.map((f) => f.filename || 'a file')
		.join(', ');
	return [
		{
			kind: 'paragraph',
			text: `Your email had ${files.length === 1 ? 'an attachment' : `${files.length} attachments`} (${names}${files.length > 5 ? ' …' : ''}). Attachments are not posted: the network cannot hold documents yet. To share one, put it somewhere members can reach and post a link.`
		}
	];
}

/** Records the outcome and confirms it to the member — inside the transaction that made the post. */
function done(ctx: Ctx, action: string, resultPath: string, email: { subject: string; heading: string; blocks: EmailBlock[] }, auditEntry: audit.AuditInput | null, posting: Posting = {}) {
	if (!store.finish(ctx.row.id, { fromAddress: ctx.m.from, subject: ctx.m.subject, outcome: 'posted', memberId: ctx.member.id, toKey: ctx.toKey, action, resultPath }, ctx.now)) throw new AlreadyProcessed();
	if (posting.heldId != null) {
		const reason = posting.confirmed ? `Posted when the member confirmed it by email (inbound message ${ctx.row.id}).` : `A new version the member sent by email (inbound message ${ctx.row.id}) was posted instead.`;
		// Answered already (two answers at once): roll back, and this one is refused on its next run.
		if (!store.closeHeld(posting.heldId, ctx.member.id, { outcome: 'posted', reason, resultPath })) throw new AlreadyProcessed();
	}
	noteInbound(ctx.member.id, ctx.now);
	if (auditEntry) audit.record(auditEntry, ctx.now);
	replies.send({ inboundId: ctx.row.id, what: 'confirm', to: ctx.member.email, recipientId: ctx.member.id, inReplyTo: ctx.m.messageId, subject: email.subject, heading: email.heading, blocks: [...email.blocks, ...attachmentNote(ctx.m)] }, ctx.now);
}

/** The area said no: record it and tell the member why (at most REFUSALS_PER_HOUR emails an hour). */
function refuse(ctx: Ctx, action: string, reason: string, extra: EmailBlock[] = []): store.InboundOutcome {
	const quiet = store.refusalsNotifiedSince(ctx.member.id, ctx.now - HOUR) >= REFUSALS_PER_HOUR;
	immediate(() => {
		if (!store.finish(ctx.row.id, { fromAddress: ctx.m.from, subject: ctx.m.subject, outcome: 'refused', memberId: ctx.member.id, toKey: ctx.toKey, action, reason, notifiedAt: quiet ? null : ctx.now }, ctx.now)) return;
		if (quiet) return;
		const body = trimReply(ctx.m.text);
		replies.send(
			{
				inboundId: ctx.row.id,
				what: 'refuse',
				to: ctx.member.email,
				recipientId: ctx.member.id,
				inReplyTo: ctx.m.messageId,
				subject: replies.reSubject(ctx.m.subject, 'your email to the Lead Member Network'),
				heading: 'Your email was not posted',
				blocks: [
					{ kind: 'paragraph', text: reason },
					...extra,
					...(body.trim() ? [{ kind: 'paragraph' as const, text: 'What you wrote is below, so you can send it again or post it on the site:' }, { kind: 'paragraph' as const, text: body.slice(0, 5000) }] : [])
				]
			},
			ctx.now
		);
	});
	return 'refused';
}

/**
 * The child-safety check warned about the post: it is held, not posted, and the member is asked
 * by email to check it — the words the check found, their text, and a link to post it from the
 * site, where they can change it or confirm that no child can be identified (as on the web form).
 */
function hold(ctx: Ctx, action: string, warnings: ChildSafetyWarning[], href: string, visibleTo: string, body: string, posting: Posting = {}): store.InboundOutcome {
	const words = warnedWords(warnings)
		.slice(0, 12)
		.map((w) => `“${w}”`)
		.join(', ');
	immediate(() => {
		if (!store.finish(ctx.row.id, { fromAddress: ctx.m.from, subject: ctx.m.subject, outcome: 'held', memberId: ctx.member.id, toKey: ctx.toKey, action, reason: `The child-safety check warned about ${words}.`, notifiedAt: ctx.now }, ctx.now)) return;
		if (posting.heldId != null) store.closeHeld(posting.heldId, ctx.member.id, { outcome: 'refused', reason: `Replaced by a new version the member sent by email (inbound message ${ctx.row.id}), which was held in its turn.` });
		replies.send(
			{
				inboundId: ctx.row.id,
				what: 'held',
				to: ctx.member.email,
				recipientId: ctx.member.id,
				inReplyTo: ctx.m.messageId,
				subject: replies.reSubject(ctx.m.subject, 'your email to the Lead Member Network'),
				heading: 'Check your post before it goes up',
				replyTo: replyAddress(ctx.member.id, { kind: 'held', id: ctx.row.id }),
				blocks: [
					{ kind: 'paragraph', text: `We have not posted your email yet. The child-safety check found words that might identify a child or young person: ${words}.` },
					{ kind: 'paragraph', text: 'Posts must never let anyone identify a child. You can answer this email:' },
					{ kind: 'paragraph', text: 'Reply with “confirm” as the first line to post your text as it is, confirming that no child can be identified. A moderator will look at it too.' },
					{ kind: 'paragraph', text: 'Or reply with a changed text: it is checked again, and posted if the check finds nothing.' },
					{ kind: 'paragraph', text: `Your post will be visible to ${visibleTo}. Or post it from the site, where you can change it before it goes up:` },
					{ kind: 'button', text: 'Post it from the site', href },
					{ kind: 'paragraph', text: 'Your text:' },
					{ kind: 'paragraph', text: body.slice(0, 5000) }
				]
			},
			ctx.now
		);
	});
	return 'held';
}

/**
 * The key or the sender did not check out: nothing is posted. One polite email per sender per
 * hour, and only to an address that is a member's own (never to a stranger, who may be forged).
 */
function reject(row: Row, m: ParsedMail, memberId: number | null, reason: string, now: number, toKey: string | null = null): store.InboundOutcome {
	const sender = m.from ? members.findByEmail(m.from) : null;
	const tell = sender != null && sender.deactivatedAt == null && m.fromAll.length === 1 && !store.notifiedRecently(m.from!, now);
	immediate(() => {
		if (!store.finish(row.id, { fromAddress: m.from, subject: m.subject, outcome: 'rejected', memberId, toKey, reason, notifiedAt: tell ? now : null }, now)) return;
		if (!tell) return;
		replies.send(
			{
				inboundId: row.id,
				what: 'reject',
				to: sender!.email,
				recipientId: sender!.id,
				inReplyTo: m.messageId,
				subject: replies.reSubject(m.subject, 'your email to the Lead Member Network'),
				heading: 'We could not post your email',
				blocks: [
					{ kind: 'paragraph', text: 'We received an email from your address but could not post it.' },
					{
						kind: 'paragraph',
						text: 'Replies are posted only when they are sent from the email address we have for you, to the reply address in an email the network sent you. Forwarded emails and emails sent from another address cannot be posted.'
					},
					{ kind: 'paragraph', text: 'You can post on the site instead. We will not email you about this again for an hour.' },
					{ kind: 'button', text: 'Go to the discussions', href: '/threads' }
				]
			},
			now
		);
	});
	return 'rejected';
}

const EMPTY = 'We could not find any words of your own in your email once the quoted message and signature were taken out, so nothing was posted.';

function replyInThread(ctx: Ctx, threadId: number, body: string, posting: Posting = {}): store.InboundOutcome {
	if (!body.trim()) return refuse(ctx, 'reply', EMPTY);
	const t = posts.threadFacts(threadId);
	const visibleTo = t?.regionId ? `members in ${regionName(t.regionId)}` : 'everyone in the network';
	const result = audit.via('by email', () =>
		immediate(() => {
			const r = posts.reply(ctx.actor!, threadId, { body, childSafeConfirmed: posting.confirmed }, ctx.now);
			if (!r.ok) return r;
			const path = postHref(threadId, r.value.number);
			done(
				ctx,
				'reply',
				path,
				{
					subject: replies.reSubject(t?.title ?? ctx.m.subject, 'your reply'),
					heading: 'Your reply is posted',
					blocks: [
						{ kind: 'paragraph', text: `Your reply to “${t?.title ?? 'the thread'}” is now in the thread, visible to ${visibleTo}.` },
						{ kind: 'button', text: 'View your reply', href: path },
						{ kind: 'paragraph', text: 'To change or delete it, open it on the site.' }
					]
				},
				{ actorId: ctx.member.id, action: 'post.by-email', subjectType: 'post', subjectId: r.value.id, regionId: t?.regionId ?? null, detail: { threadId } },
				posting
			);
			return r;
		})
	);
	if (!result.ok && result.childSafety?.length) return hold(ctx, 'reply', result.childSafety, `/threads/${threadId}#reply`, visibleTo, body, posting);
	if (!result.ok) return refuse(ctx, 'reply', `Your reply to “${t?.title ?? 'the thread'}” was not posted: ${Object.values(result.errors)[0]}`);
	return 'posted';
}

/** Tags mail gateways put in front of subjects. */
const GATEWAY_TAG = /^\s*\[(?:external|ext|caution|external email|external sender|suspected spam|spam|warning)\]\s*/i;

/** The region a "[Region]" subject prefix names (by name or id, any case), or null. */
export function regionFromTag(tag: string): string | null {
	const t = tag.trim().toLowerCase().replace(/\s+/g, ' ');
	for (const r of regions()) {
		const name = r.name.toLowerCase();
		if (t === name || t === r.id || t === name.replace(/ and the humber$/, '') || t.replace(/ /g, '-') === r.id) return r.id;
	}
	return null;
}

/** A question's title from an email subject: Re:/Fwd:, gateway tags and a [Region] prefix taken off. */
export function titleFromSubject(subject: string): { title: string; regionId: string | null } {
	let s = subject;
	for (let i = 0; i < 5; i++) s = s.replace(/^\s*((re|fw|fwd|aw)\s*:\s*)+/i, '').replace(GATEWAY_TAG, '');
	let regionId: string | null = null;
	const m = /^\s*\[([^\]]{2,40})\]\s*/.exec(s);
	if (m) {
		regionId = regionFromTag(m[1]);
		if (regionId) s = s.slice(m[0].length);
	}
	return { title: s.trim(), regionId };
}

/** The category an emailed question goes in: "The role", else the first one open. */
function defaultCategory(): number | null {
	const open = categories.active();
	return (open.find((c) => c.slug === 'the-role') ?? open[0])?.id ?? null;
}

function askQuestion(ctx: Ctx, regionSlug: string | null, body: string, posting: Posting & { subject?: string } = {}): store.InboundOutcome {
	const { title, regionId: tagged } = titleFromSubject(posting.subject ?? ctx.m.subject);
	const regionId = regionSlug ?? tagged;
	if (!body.trim()) return refuse(ctx, 'question', EMPTY);
	const categoryId = defaultCategory();
	if (categoryId == null) return refuse(ctx, 'question', 'Questions cannot be asked by email just now: there is no discussion category open. Contact an admin.');
	const category = categories.byId(categoryId)!;
	const result = audit.via('by email', () =>
		immediate(() => {
			const r = threads.create(ctx.actor!, { title, body, categoryId, regionId, isQuestion: true, childSafeConfirmed: posting.confirmed }, ctx.now);
			if (!r.ok) return r;
			const path = `/threads/${r.value.id}`;
			done(
				ctx,
				'question',
				path,
				{
					subject: `Your question is posted: ${title}`,
					heading: 'Your question is posted',
					blocks: [
						{ kind: 'paragraph', text: `Your question “${title}” is now in ${category.name}, visible to ${regionId ? `members in ${regionName(regionId)}` : 'everyone in the network'}. You will get an email when someone replies.` },
						{ kind: 'button', text: 'View your question', href: path },
						{ kind: 'paragraph', text: 'To edit it (its title and text), open it on the site and choose “Edit”. A coordinator can move it to a better category.' }
					]
				},
				{ actorId: ctx.member.id, action: 'thread.by-email', subjectType: 'thread', subjectId: r.value.id, regionId, detail: { title } },
				posting
			);
			return r;
		})
	);
	if (!result.ok && result.childSafety?.length) return hold(ctx, 'question', result.childSafety, '/threads/new', regionId ? `members in ${regionName(regionId)}` : 'everyone in the network', body, posting);
	if (!result.ok) {
		const errors = result.errors;
		const why = errors.title
			? `${errors.title.replace(/^Enter a title/, 'Write a subject')} – the subject of your email becomes the title of your question.`
			: errors.regionId
				? `You can ask questions for the whole network or your own region (${regionName(ctx.actor!.regionId)}) only.`
				: Object.values(errors)[0];
		return refuse(ctx, 'question', `Your question was not posted: ${why}`);
	}
	return 'posted';
}

/** "confirm" (or "post it") alone on the first line of an answer to a held post. */
const CONFIRM = /^\s*(?:yes[\s,]*)?(?:i\s+)?(?:confirm(?:ed)?|post\s+it|please\s+post\s+it)[\s.!]*$/i;

/** Whether an answer to a held post confirms it (its first line says so). */
export function confirmsHeld(body: string): boolean {
	const first = body.split('\n').find((l) => l.trim()) ?? '';
	return CONFIRM.test(first);
}

/**
 * An answer to the email about a held post: "confirm" posts the held text as it is (as the web
 * form's box; it goes to the moderation queue like any confirmed post); anything else is a new
 * version, checked again. The held message is closed in the same transaction as the post, so two
 * answers post once.
 */
async function answerHeld(ctx: Ctx, heldId: number, body: string): Promise<store.InboundOutcome> {
	const held = store.byId(heldId);
	const site: EmailBlock[] = held?.resultPath ? [{ kind: 'button', text: 'View it', href: held.resultPath }] : [];
	if (!held || held.memberId !== ctx.member.id) return refuse(ctx, 'held', 'We could not find the post this email is about, so nothing was posted. You can post it on the site.');
	if (held.outcome === 'posted') return refuse(ctx, 'held', 'That post is already up, so nothing more was posted.', site);
	if (held.outcome !== 'held') return refuse(ctx, 'held', 'You sent a newer version of that post, so nothing was posted. Answer the latest email about it instead.');
	const original = held.raw ? await parseMail(held.raw) : null;
	const target = heldTarget(held);
	if (!original) return refuse(ctx, 'held', 'Your first email is no longer kept (we keep emails for 30 days), so it cannot be posted from here. Post it on the site instead.');
	if (!target || target.memberId !== ctx.member.id) return refuse(ctx, 'held', 'The address your first email went to no longer works (your reply addresses were renewed), so it cannot be posted from here. Post it on the site instead.');
	const confirmed = confirmsHeld(body);
	const text = confirmed ? trimReply(original.text) : body;
	if (!text.trim()) return refuse(ctx, 'held', EMPTY);
	const posting = { confirmed, heldId };
	if (target.kind === 'thread') return replyInThread(ctx, target.id, text, posting);
	if (target.kind === 'ask') return askQuestion(ctx, target.regionSlug ?? null, text, { ...posting, subject: original.subject });
	return refuse(ctx, 'held', 'We could not find the post this email is about, so nothing was posted. You can post it on the site.');
}

/** Any domain: a key is checked by its mac, not by the domain it was sent to. */
const REPLY_DOMAIN_ANY = 'reply.invalid';

/** The thread or ask address a held message was meant for (following new versions back to the first, at most 20). */
function heldTarget(held: store.InboundMessage): ResolvedAddress | null {
	let row: store.InboundMessage | null = held;
	for (let i = 0; row && i < 20; i++) {
		const target: ResolvedAddress | null = row.toKey ? resolveAddress(`${row.toKey}@${REPLY_DOMAIN_ANY}`) : null;
		if (!target || target.kind !== 'held') return target;
		row = store.byId(target.id);
	}
	return null;
}

function addMeetingNote(ctx: Ctx, pairingId: number, body: string): store.InboundOutcome {
	if (!body.trim()) return refuse(ctx, 'note', EMPTY);
	const path = `/mentoring/pairings/${pairingId}`;
	const result = audit.via('by email', () =>
		immediate(() => {
			const r = meetings.addNote(ctx.actor!, pairingId, body, ctx.now);
			if (!r.ok) return r;
			done(
				ctx,
				'note',
				path,
				{
					subject: 'Your note is in your meeting log',
					heading: 'Your note is in your meeting log',
					blocks: [
						{ kind: 'paragraph', text: `Your note is added to the meeting log, under your meeting on ${formatDate(Date.parse(`${r.heldOn}T12:00:00Z`))}. Only you and the other member of your mentoring pair can see it.` },
						{ kind: 'button', text: 'Open your mentoring page', href: path }
					]
				},
				{ actorId: ctx.member.id, action: 'pairing.note-by-email', subjectType: 'pairing', subjectId: pairingId, detail: { meetingId: r.meetingId } }
			);
			return r;
		})
	);
	if (!result.ok) return refuse(ctx, 'note', `Your note was not added: ${result.message}`, [{ kind: 'button', text: 'Open your mentoring page', href: path }]);
	return 'posted';
}

const YES = /^(?:yes|y|yep|yeah|yup|accept|accepted|agree|agreed|ok|okay|happy|sure|definitely|gladly)$/i;
const NO = /^(?:no|n|nope|decline|declined|sorry|unfortunately)$/i;

/** "Yes …" or "No, because …": the answer and the rest as its reason; null when neither. */
export function readAnswer(body: string): { answer: 'accepted' | 'declined'; reason: string } | null {
	const m = /^\s*([\p{L}]+)[\s\p{P}]*([\s\S]*)$/u.exec(body);
	if (!m) return null;
	if (YES.test(m[1])) return { answer: 'accepted', reason: m[2].trim() };
	if (NO.test(m[1])) return { answer: 'declined', reason: m[2].trim() };
	return null;
}

function answerProposal(ctx: Ctx, proposalId: number, body: string): store.InboundOutcome {
	const path = `/mentoring/proposals/${proposalId}`;
	const link: EmailBlock = { kind: 'button', text: 'Answer on the site', href: path };
	const read = readAnswer(body);
	if (!read) return refuse(ctx, 'answer', 'We could not tell whether you accept or decline the proposed match. Reply with “Yes” to accept, or “No” and a sentence on why to decline.', [link]);
	const form = answerSchema.safeParse({ answer: read.answer, reason: read.reason.slice(0, 1000) });
	if (!form.success) {
		const why = read.answer === 'declined' ? 'To decline, reply “No” and a sentence on why, so your coordinator can find a better match.' : form.error.issues[0]?.message;
		return refuse(ctx, 'answer', `Your answer was not recorded. ${why}`, [link]);
	}
	const result = audit.via('by email', () =>
		immediate(() => {
			const r = proposals.answer(ctx.actor!, proposalId, form.data, ctx.now);
			if (!r.ok) return r;
			const words = r.state === 'paired' ? 'You both accepted, so your mentoring has started.' : r.state === 'waiting' ? 'We are waiting for the other person’s answer, and will email you both when it comes.' : 'Your coordinator will look for another match.';
			done(
				ctx,
				read.answer === 'accepted' ? 'accept' : 'decline',
				r.pairingId ? `/mentoring/pairings/${r.pairingId}` : path,
				{
					subject: read.answer === 'accepted' ? 'You accepted the proposed match' : 'You declined the proposed match',
					heading: read.answer === 'accepted' ? 'You accepted the proposed match' : 'You declined the proposed match',
					blocks: [{ kind: 'paragraph', text: words }, { kind: 'button', text: r.pairingId ? 'Open your mentoring page' : 'View the proposal', href: r.pairingId ? `/mentoring/pairings/${r.pairingId}` : path }]
				},
				null
			);
			return r;
		})
	);
	if (!result.ok) return refuse(ctx, 'answer', `Your answer was not recorded: ${result.message}`, [link]);
	return 'posted';
}
