/**
 * Regional digests: a coordinator (admins: any region, or national) composes a digest from
 * suggestions — what happened in the region since the previous one, from every area, and the
 * region's new members — plus an introduction in Markdown and sections of their own; previews
 * it, sends a test to themselves, then sends it or schedules it. Recipients are the region's
 * members who have not turned regional digests off. Every sent digest has a page on the site.
 *
 * Sending is crash-safe: the digest is first marked `sending` (so it can't be sent twice), then
 * one outbox row per recipient is queued in chunks, each idempotent on (digest, member); a send
 * cut short is finished by the scheduler (`finishSending`).
 */
import { and, desc, eq, inArray, isNull, lt, lte, or, type SQL } from 'drizzle-orm';
import { db, immediate } from '../db/client';
import { regionalDigest, type RegionalDigest, type RegionalDigestSection } from '../db/schema';
import { authorize, can, type Actor } from '../auth/policy';
import * as audit from '../auth/audit';
import * as outbox from '../mail/outbox';
import * as preferences from '../mail/preferences';
import * as engagement from '../mail/engagement';
import { emailBytes, MAX_EMAIL_BYTES } from '../mail/layout';
import { renderMarkdown } from '../markdown';
import { regionById, regionName, regions } from '../network/authorities';
import * as members from '../network/members';
import { log } from '../log';
import { formatDate } from '../../time';
import { POSITIONS, label } from '../../vocab';
import { areas, regionalGroupsOf } from './areas';
import { GROUP_CAP } from './content';
import { activeMembers, recipientById } from './recipients';
import { repliesFor, threadIdOf } from './replies';
import { threadRegions } from '../discussions/digest';
import { emailBodyHtml, htmlToText, regionalEmail, type RegionalDigestBody, type RenderedEmail } from './render';
import type { DigestGroup } from '../digest-items';

const DAY = 86_400_000;
/** With no earlier digest, suggestions look back this far. */
export const FIRST_LOOKBACK_DAYS = 30;
export const LIMITS = { title: 150, intro: 10_000, sectionTitle: 150, sectionBody: 5_000, sections: 30 } as const;
/** Recipients queued per transaction while sending. */
const CHUNK = 500;
/** A send still `sending` this long after it started was cut short: the scheduler finishes it. */
const RESUME_AFTER_MS = 60_000;
/** Suggested sections appear in this order by source. */
const SOURCE_ORDER = ['discussions', 'library', 'training', 'members', 'induction', 'mentoring', 'succession'];

export const batchKeyOf = (id: number) => `regional-digest:${id}`;

type Meta = { ip?: string };

// ---------------------------------------------------------------------------------------------
// Reading

/** Where the actor may compose: their coordinated region, or for admins every region and national (null). */
export function composableRegions(actor: Actor): (string | null)[] {
	if (actor.role === 'admin') return [null, ...regionIds()];
	return actor.coordinatorRegionId && can(actor, 'digest.compose', { regionId: actor.coordinatorRegionId }) ? [actor.coordinatorRegionId] : [];
}

function regionIds(): string[] {
	return regions().map((r) => r.id);
}

/** Regions whose sent digests the actor may read (null = national): their own, the one they coordinate; admins all. */
function readableWhere(actor: Actor): SQL | undefined {
	if (actor.role === 'admin') return undefined;
	const ids = [actor.regionId, ...(actor.coordinatorRegionId ? [actor.coordinatorRegionId] : [])];
	return or(isNull(regionalDigest.regionId), inArray(regionalDigest.regionId, ids));
}

const isSentStatus = (s: RegionalDigest['status']) => s === 'sent' || s === 'sending';

export type DigestSummary = Pick<RegionalDigest, 'id' | 'regionId' | 'title' | 'status' | 'sentAt' | 'scheduledFor' | 'recipientCount' | 'updatedAt' | 'createdAt'> & { regionName: string };

const summaryColumns = {
	id: regionalDigest.id,
	regionId: regionalDigest.regionId,
	title: regionalDigest.title,
	status: regionalDigest.status,
	sentAt: regionalDigest.sentAt,
	scheduledFor: regionalDigest.scheduledFor,
	recipientCount: regionalDigest.recipientCount,
	updatedAt: regionalDigest.updatedAt,
	createdAt: regionalDigest.createdAt
};

/**
 * Sent digests the actor may read, newest first, 20 a page (keyset on sent time and id).
 * `regionId`: only that region ('national' for national ones).
 */
export function listSent(actor: Actor, opts: { regionId?: string | 'national'; after?: string; limit?: number } = {}) {
	const limit = opts.limit ?? 20;
	const where: (SQL | undefined)[] = [inArray(regionalDigest.status, ['sent', 'sending']), readableWhere(actor)];
	if (opts.regionId === 'national') where.push(isNull(regionalDigest.regionId));
	else if (opts.regionId) where.push(eq(regionalDigest.regionId, opts.regionId));
	if (opts.after) {
		const [at, id] = opts.after.split('-').map(Number);
		if (Number.isFinite(at) && Number.isFinite(id)) where.push(or(lt(regionalDigest.sentAt, at), and(eq(regionalDigest.sentAt, at), lt(regionalDigest.id, id))));
	}
	const rows = db
		.select(summaryColumns)
		.from(regionalDigest)
		.where(and(...where))
		.orderBy(desc(regionalDigest.sentAt), desc(regionalDigest.id))
		.limit(limit + 1)
		.all();
	const page = rows.slice(0, limit).map((r) => ({ ...r, regionName: regionName(r.regionId) }));
	const last = page.at(-1);
	return { digests: page, next: rows.length > limit && last ? `${last.sentAt}-${last.id}` : null };
}

/** Drafts and scheduled digests the actor may work on, most recently changed first. */
export function listWork(actor: Actor): DigestSummary[] {
	const composable = composableRegions(actor);
	if (composable.length === 0) return [];
	const regionFilter = actor.role === 'admin' ? undefined : inArray(regionalDigest.regionId, composable.filter((r): r is string => r != null));
	return db
		.select(summaryColumns)
		.from(regionalDigest)
		.where(and(inArray(regionalDigest.status, ['draft', 'scheduled']), regionFilter))
		.orderBy(desc(regionalDigest.updatedAt))
		.limit(50)
		.all()
		.map((r) => ({ ...r, regionName: regionName(r.regionId) }));
}

/** The last sent digest of a region (null = national), or null. */
export function lastSent(regionId: string | null): DigestSummary | null {
	const row = db
		.select(summaryColumns)
		.from(regionalDigest)
		.where(and(regionId == null ? isNull(regionalDigest.regionId) : eq(regionalDigest.regionId, regionId), inArray(regionalDigest.status, ['sent', 'sending'])))
		.orderBy(desc(regionalDigest.sentAt))
		.limit(1)
		.get();
	return row ? { ...row, regionName: regionName(row.regionId) } : null;
}

export type DigestView = RegionalDigest & { regionName: string; canCompose: boolean; editable: boolean; sent: boolean };

function load(id: number): RegionalDigest | null {
	if (!Number.isInteger(id) || id <= 0) return null;
	return db.select().from(regionalDigest).where(eq(regionalDigest.id, id)).get() ?? null;
}

function view(actor: Actor, d: RegionalDigest): DigestView {
	const canCompose = can(actor, 'digest.compose', { regionId: d.regionId });
	return { ...d, regionName: regionName(d.regionId), canCompose, editable: canCompose && (d.status === 'draft' || d.status === 'scheduled'), sent: isSentStatus(d.status) };
}

/**
 * One digest as the actor may see it: a sent one to anyone who can read its region; a draft or
 * scheduled one only to those who may compose it. Anything else is "not found" (404).
 */
export function get(actor: Actor, id: number): DigestView {
	const d = load(id);
	if (!d) authorize(actor, 'digest.view', { regionId: '\u0000' }, { hide: true });
	const digest = d!;
	if (isSentStatus(digest.status)) authorize(actor, 'digest.view', { regionId: digest.regionId }, { hide: true });
	else authorize(actor, 'digest.compose', { regionId: digest.regionId }, { hide: true });
	return view(actor, digest);
}

/** A digest the actor may edit (draft or scheduled); 404 otherwise. */
function editable(actor: Actor, id: number): RegionalDigest {
	const d = get(actor, id);
	if (!d.editable) authorize(actor, 'digest.compose', { regionId: '\u0000' }, { hide: true });
	return d;
}

// ---------------------------------------------------------------------------------------------
// Suggestions

let sectionSeq = 0;
function nextKey(existing: RegionalDigestSection[]): string {
	const max = existing.reduce((m, s) => Math.max(m, Number(s.key.slice(1)) || 0), 0);
	sectionSeq = Math.max(sectionSeq, max) + 1;
	return `s${sectionSeq}`;
}

function fromGroup(g: DigestGroup, source: string, existing: RegionalDigestSection[]): RegionalDigestSection {
	const items = g.items.slice(0, GROUP_CAP);
	const more = (g.more ?? 0) + (g.items.length - items.length);
	const s: RegionalDigestSection = { key: nextKey(existing), title: g.title, source, items, kept: true };
	if (more > 0) s.more = more;
	if (g.moreHref) s.moreHref = g.moreHref;
	existing.push(s);
	return s;
}

/** Members who joined the region (or the network, for national) since `since`, newest first. */
export function newMembersGroup(regionId: string | null, since: number, now: number): DigestGroup | null {
	const joined = activeMembers(regionId, now)
		.filter((m) => m.createdAt > since && m.createdAt <= now)
		.sort((a, b) => b.createdAt - a.createdAt);
	if (joined.length === 0) return null;
	const where = regionId ? ` in ${regionName(regionId)}` : '';
	return {
		title: `New members${where}`,
		items: joined.slice(0, GROUP_CAP).map((m) => ({
			text: `${m.name}, ${label(POSITIONS, m.position)}, ${m.authorityName}`,
			href: `/members/${m.handle}`,
			...(members.isNewInRole(m.inRoleSince, now) ? { note: 'New in role' } : {})
		})),
		...(joined.length > GROUP_CAP ? { more: joined.length - GROUP_CAP, moreHref: regionId ? `/members?region=${regionId}` : '/members' } : {})
	};
}

/** Suggested sections for a region (null = national) covering `since` to `now`, in the usual order. */
export function suggestions(regionId: string | null, since: number, now: number): RegionalDigestSection[] {
	const out: RegionalDigestSection[] = [];
	const bySource: { source: string; groups: DigestGroup[] }[] = areas().map((a) => ({ source: a.name, groups: regionalGroupsOf(a, regionId, since, now) }));
	const joined = newMembersGroup(regionId, since, now);
	if (joined) bySource.push({ source: 'members', groups: [joined] });
	bySource.sort((a, b) => SOURCE_ORDER.indexOf(a.source) - SOURCE_ORDER.indexOf(b.source));
	for (const { source, groups } of bySource) for (const g of groups) if (g.items.length > 0 || (g.more ?? 0) > 0) fromGroup(g, source, out);
	return out;
}

// ---------------------------------------------------------------------------------------------
// Composing

/** The default title: "North West digest, 23 November 2026". */
export function defaultTitle(regionId: string | null, now: number): string {
	return `${regionId ? regionName(regionId) : 'National'} digest, ${formatDate(now)}`;
}

export type CreateResult = { ok: true; id: number } | { ok: false; errors: Record<string, string> };

/** Starts a draft for a region (null = national) with suggestions since that region's previous digest. */
export function create(actor: Actor, regionId: string | null, now = Date.now()): CreateResult {
	if (regionId != null && !regionById(regionId)) return { ok: false, errors: { regionId: 'Choose a region from the list' } };
	authorize(actor, 'digest.compose', { regionId });
	const previous = lastSent(regionId);
	const coversFrom = previous?.sentAt ?? now - FIRST_LOOKBACK_DAYS * DAY;
	const row = db
		.insert(regionalDigest)
		.values({ regionId, title: defaultTitle(regionId, now), sections: suggestions(regionId, coversFrom, now), coversFrom, createdById: actor.id, createdAt: now, updatedAt: now })
		.returning({ id: regionalDigest.id })
		.get();
	return { ok: true, id: row.id };
}

/** What the compose form sends: the fields, and each section in the order shown. */
export type DraftInput = {
	title: string;
	intro: string;
	sections: { key: string; kept: boolean; title?: string; body?: string }[];
};

export type Intent =
	| { do: 'save' }
	| { do: 'preview' }
	| { do: 'test' }
	| { do: 'send' }
	| { do: 'refresh' }
	| { do: 'add'; title: string; body: string }
	| { do: 'move'; key: string; direction: 'up' | 'down' }
	| { do: 'remove'; key: string }
	| { do: 'schedule'; at: number | null }
	| { do: 'unschedule' };

export type EditResult =
	| { ok: true; message?: string; redirect?: string }
	| { ok: false; errors: Record<string, string> };

/** Checks the typed fields; errors keyed by the form's field names. */
export function checkDraft(input: DraftInput, existing: RegionalDigestSection[]): Record<string, string> {
	const errors: Record<string, string> = {};
	const title = input.title.trim();
	if (title.length < 5) errors.title = 'Enter a title of at least 5 characters';
	else if (title.length > LIMITS.title) errors.title = `Enter a title of at most ${LIMITS.title} characters`;
	if (input.intro.length > LIMITS.intro) errors.intro = `Enter an introduction of at most ${LIMITS.intro.toLocaleString('en-GB')} characters`;
	const custom = new Set(existing.filter((s) => s.source === 'custom').map((s) => s.key));
	for (const s of input.sections) {
		if (!custom.has(s.key)) continue;
		const t = (s.title ?? '').trim();
		if (t.length === 0) errors[`sectionTitle-${s.key}`] = 'Enter a heading for your section';
		else if (t.length > LIMITS.sectionTitle) errors[`sectionTitle-${s.key}`] = `Enter a heading of at most ${LIMITS.sectionTitle} characters`;
		if ((s.body ?? '').length > LIMITS.sectionBody) errors[`sectionBody-${s.key}`] = `Enter a section of at most ${LIMITS.sectionBody.toLocaleString('en-GB')} characters`;
	}
	return errors;
}

function renderBody(markdown: string): { bodyHtml: string; bodyText: string } {
	const bodyHtml = renderMarkdown(markdown);
	return { bodyHtml, bodyText: bodyHtml ? htmlToText(bodyHtml) : '' };
}

/** Applies the form to the stored sections: kept flags, the order shown, custom headings and text. */
function applySections(existing: RegionalDigestSection[], input: DraftInput['sections']): RegionalDigestSection[] {
	const byKey = new Map(existing.map((s) => [s.key, s]));
	const seen = new Set<string>();
	const out: RegionalDigestSection[] = [];
	for (const i of input) {
		const s = byKey.get(i.key);
		if (!s || seen.has(i.key)) continue;
		seen.add(i.key);
		const next: RegionalDigestSection = { ...s, kept: i.kept };
		if (s.source === 'custom') {
			next.title = (i.title ?? s.title).trim();
			next.body = i.body ?? s.body ?? '';
			Object.assign(next, renderBody(next.body));
		}
		out.push(next);
	}
	// Sections the form did not mention (e.g. an old page) keep their place at the end.
	for (const s of existing) if (!seen.has(s.key)) out.push(s);
	return out;
}

/** True when the digest says nothing: no introduction and no kept section with anything in it. */
export function isEmpty(d: Pick<RegionalDigest, 'introText' | 'sections'>): boolean {
	return !d.introText.trim() && !d.sections.some((s) => s.kept && (s.items.length > 0 || (s.more ?? 0) > 0 || (s.bodyText ?? '').trim() !== ''));
}

const EMPTY_MESSAGE = 'This digest has nothing in it yet. Write an introduction or keep at least one section with something in it';

/**
 * Saves the compose form, then does what the pressed button asked: preview, test, send
 * (to the confirmation page), schedule, add / move / remove a section, refresh suggestions.
 */
export function edit(actor: Actor, id: number, input: DraftInput, intent: Intent, now = Date.now(), meta: Meta = {}): EditResult {
	const d = editable(actor, id);
	const errors = checkDraft(input, d.sections);
	if (intent.do === 'add') {
		const t = intent.title.trim();
		if (!t) errors.newTitle = 'Enter a heading for the new section';
		else if (t.length > LIMITS.sectionTitle) errors.newTitle = `Enter a heading of at most ${LIMITS.sectionTitle} characters`;
		if (!intent.body.trim()) errors.newBody = 'Enter what the new section says';
		else if (intent.body.length > LIMITS.sectionBody) errors.newBody = `Enter a section of at most ${LIMITS.sectionBody.toLocaleString('en-GB')} characters`;
		if (d.sections.length >= LIMITS.sections) errors.newTitle = `A digest can have at most ${LIMITS.sections} sections. Remove one first`;
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors };

	const intro = input.intro.replace(/\r\n?/g, '\n');
	const introHtml = renderMarkdown(intro);
	let sections = applySections(d.sections, input.sections);
	let message: string | undefined;

	switch (intent.do) {
		case 'add': {
			const body = intent.body.replace(/\r\n?/g, '\n');
			sections = [...sections];
			sections.push({ key: nextKey(sections), title: intent.title.trim(), source: 'custom', items: [], body, ...renderBody(body), kept: true });
			message = 'Your section has been added at the end.';
			break;
		}
		case 'move': {
			const i = sections.findIndex((s) => s.key === intent.key);
			const j = intent.direction === 'up' ? i - 1 : i + 1;
			if (i >= 0 && j >= 0 && j < sections.length) [sections[i], sections[j]] = [sections[j], sections[i]];
			break;
		}
		case 'remove':
			sections = sections.filter((s) => !(s.key === intent.key && s.source === 'custom'));
			message = 'The section has been removed.';
			break;
		case 'refresh': {
			const custom = sections.filter((s) => s.source === 'custom');
			const fresh = suggestions(d.regionId, d.coversFrom, now);
			const keyed: RegionalDigestSection[] = [...custom];
			const renumbered = fresh.map((s) => ({ ...s, key: nextKey(keyed) }));
			sections = [...renumbered, ...custom];
			message = 'The suggestions have been brought up to date. Your own sections are kept at the end.';
			break;
		}
	}

	const draft = { title: input.title.trim(), intro, introHtml, introText: introHtml ? htmlToText(introHtml) : '', sections };
	db.update(regionalDigest).set({ ...draft, updatedAt: now }).where(eq(regionalDigest.id, d.id)).run();
	const saved = { ...d, ...draft };

	switch (intent.do) {
		case 'preview':
			return { ok: true, redirect: `/digests/${d.id}/preview` };
		case 'test': {
			if (isEmpty(saved)) return { ok: false, errors: { form: EMPTY_MESSAGE } };
			const to = sendTest(actor, saved, now, meta);
			return { ok: true, message: `A test copy is on its way to ${to}.` };
		}
		case 'send':
			if (isEmpty(saved)) return { ok: false, errors: { form: EMPTY_MESSAGE } };
			return { ok: true, redirect: `/digests/${d.id}/send` };
		case 'schedule': {
			const r = schedule(actor, saved, intent.at, now, meta);
			return r.ok ? { ok: true, message: r.message } : r;
		}
		case 'unschedule':
			if (saved.status === 'scheduled') {
				db.update(regionalDigest).set({ status: 'draft', scheduledFor: null, scheduledById: null, updatedAt: now }).where(and(eq(regionalDigest.id, d.id), eq(regionalDigest.status, 'scheduled'))).run();
				audit.record({ actorId: actor.id, action: 'digest.unscheduled', subjectType: 'regional-digest', subjectId: d.id, regionId: d.regionId, ipAddress: meta.ip }, now);
			}
			return { ok: true, message: 'The digest is no longer scheduled. It is a draft again.' };
		default:
			return { ok: true, message: message ?? 'Your changes have been saved.' };
	}
}

/** Deletes a draft or scheduled digest. */
export function remove(actor: Actor, id: number, now = Date.now(), meta: Meta = {}): void {
	const d = editable(actor, id);
	db.delete(regionalDigest).where(and(eq(regionalDigest.id, d.id), inArray(regionalDigest.status, ['draft', 'scheduled']))).run();
	if (d.status === 'scheduled') audit.record({ actorId: actor.id, action: 'digest.unscheduled', subjectType: 'regional-digest', subjectId: d.id, regionId: d.regionId, ipAddress: meta.ip, detail: { deleted: true } }, now);
}

function schedule(actor: Actor, d: RegionalDigest, at: number | null, now: number, meta: Meta): { ok: true; message: string } | { ok: false; errors: Record<string, string> } {
	if (at == null) return { ok: false, errors: { sendDate: 'Enter the date and time to send it, like 30 November 2026 at 09:00' } };
	if (at <= now) return { ok: false, errors: { sendDate: 'The time to send it must be in the future' } };
	if (at > now + 366 * DAY) return { ok: false, errors: { sendDate: 'The time to send it must be within the next year' } };
	if (isEmpty(d)) return { ok: false, errors: { form: EMPTY_MESSAGE } };
	const tooBig = sizeProblem(d);
	if (tooBig) return { ok: false, errors: { form: tooBig } };
	db.update(regionalDigest).set({ status: 'scheduled', scheduledFor: at, scheduledById: actor.id, updatedAt: now }).where(and(eq(regionalDigest.id, d.id), inArray(regionalDigest.status, ['draft', 'scheduled']))).run();
	audit.record({ actorId: actor.id, action: 'digest.scheduled', subjectType: 'regional-digest', subjectId: d.id, regionId: d.regionId, ipAddress: meta.ip, detail: { at, title: d.title } }, now);
	return { ok: true, message: `The digest will be sent on ${formatDate(at)}.` };
}

// ---------------------------------------------------------------------------------------------
// Rendering

/** The parts of a digest the email and the page show. */
export function bodyOf(d: RegionalDigest): RegionalDigestBody {
	return { id: d.id, title: d.title, regionName: regionName(d.regionId), introHtml: d.introHtml, introText: d.introText, sections: d.sections };
}

/** A message when the digest is too long to email, else null. */
function sizeProblem(d: RegionalDigest): string | null {
	const e = regionalEmail(bodyOf(d), { id: 0 });
	return emailBytes(e) > MAX_EMAIL_BYTES ? 'This digest is too long to send by email. Shorten the introduction or your own sections, or drop a section' : null;
}

/** The email as one recipient would get it (the preview shows it as the composer). */
export function preview(actor: Actor, id: number): { digest: DigestView; email: RenderedEmail; bodyHtml: string; empty: boolean; recipients: number } {
	const d = get(actor, id);
	authorize(actor, 'digest.compose', { regionId: d.regionId }, { hide: true });
	const email = regionalEmail(bodyOf(d), { id: actor.id }, { preview: true });
	return { digest: d, email, bodyHtml: emailBodyHtml(email.html), empty: isEmpty(d), recipients: recipients(d.regionId).length };
}

// ---------------------------------------------------------------------------------------------
// Sending

/** Members of the region (everyone, for national) who have not turned regional digests off. */
export function recipients(regionId: string | null, now = Date.now()) {
	const all = activeMembers(regionId, now);
	const prefs = preferences.many(regionId == null ? undefined : all.map((m) => m.id));
	return all.filter((m) => prefs(m.id).regionalDigest);
}

/** Sends the composer a test copy (not counted in the digest's figures). Returns the address. */
function sendTest(actor: Actor, d: RegionalDigest, now: number, meta: Meta): string {
	const me = recipientById(actor.id);
	if (!me) authorize(actor, 'digest.compose', { regionId: '\u0000' }, { hide: true });
	const email = regionalEmail(bodyOf(d), { id: me!.id }, { test: true });
	outbox.enqueue({ key: `regional-digest:${d.id}:test:${me!.id}:${now}`, kind: 'regional-digest-test', to: me!.email, recipientId: me!.id, ...email }, now);
	audit.record({ actorId: actor.id, action: 'digest.test-sent', subjectType: 'regional-digest', subjectId: d.id, regionId: d.regionId, ipAddress: meta.ip }, now);
	return me!.email;
}

/** What the send confirmation page shows. */
export function confirmation(actor: Actor, id: number) {
	const g = get(actor, id);
	if (g.sent) return { sent: true as const, id: g.id };
	const d = editable(actor, id);
	return { sent: false as const, digest: view(actor, d), recipients: recipients(d.regionId).length, empty: isEmpty(d), tooBig: sizeProblem(d) };
}

export type SendResult = { ok: true; recipients: number } | { ok: false; reason: 'empty' | 'too-big' | 'no-recipients' | 'already-sent'; message: string };

/** Claims a digest for sending (draft or scheduled → sending) so only one send ever happens. */
function claimSend(id: number, byId: number | null, now: number): boolean {
	return (
		db
			.update(regionalDigest)
			.set({ status: 'sending', sentAt: now, sentById: byId, updatedAt: now })
			.where(and(eq(regionalDigest.id, id), inArray(regionalDigest.status, ['draft', 'scheduled'])))
			.run().changes > 0
	);
}

/**
 * Queues one email per recipient for a digest that is `sending` (idempotent per recipient, in
 * chunks so other writers get a turn), then marks it sent with the number of recipients.
 */
export async function finishSending(id: number, now = Date.now()): Promise<number> {
	const d = load(id);
	if (!d || d.status !== 'sending') return 0;
	const body = bodyOf(d);
	const list = recipients(d.regionId, now);
	const engaged = engagement.many();
	// Each thread in it can be answered by email: the threads' regions looked up once for every recipient.
	const hrefs = body.sections.filter((s) => s.kept).flatMap((s) => s.items.map((i) => i.href));
	const regions = threadRegions([...new Set(hrefs.map(threadIdOf).filter((id): id is number => id != null))]);
	for (let i = 0; i < list.length; i += CHUNK) {
		immediate(() => {
			for (const m of list.slice(i, i + CHUNK)) {
				if (!engagement.mayEmail(m, now, engaged(m.id, m.createdAt, now))) continue;
				const email = regionalEmail(body, { id: m.id }, { replies: repliesFor(m.id, hrefs, regions) });
				outbox.enqueue({ key: `${batchKeyOf(d.id)}:member:${m.id}`, kind: 'regional-digest', to: m.email, recipientId: m.id, batchKey: batchKeyOf(d.id), ...email }, now);
			}
		});
		if (i + CHUNK < list.length) await new Promise((r) => setImmediate(r));
	}
	const queued = outbox.batchCounts(batchKeyOf(d.id));
	const total = queued.queued + queued.sending + queued.sent + queued.failed;
	db.update(regionalDigest).set({ status: 'sent', recipientCount: total, updatedAt: Date.now() }).where(and(eq(regionalDigest.id, d.id), eq(regionalDigest.status, 'sending'))).run();
	return total;
}

/** Sends a digest now to every recipient. Refused when empty, too long, already sent, or no one would get it. */
export async function send(actor: Actor, id: number, now = Date.now(), meta: Meta = {}): Promise<SendResult> {
	const d = get(actor, id);
	authorize(actor, 'digest.compose', { regionId: d.regionId });
	if (d.sent) return { ok: false, reason: 'already-sent', message: 'This digest has already been sent' };
	if (isEmpty(d)) return { ok: false, reason: 'empty', message: EMPTY_MESSAGE };
	const tooBig = sizeProblem(d);
	if (tooBig) return { ok: false, reason: 'too-big', message: tooBig };
	const count = recipients(d.regionId, now).length;
	if (count === 0) return { ok: false, reason: 'no-recipients', message: 'No one would get this digest: every member of the region has turned regional digests off' };
	if (!claimSend(d.id, actor.id, now)) return { ok: false, reason: 'already-sent', message: 'This digest has already been sent' };
	audit.record({ actorId: actor.id, action: 'digest.sent', subjectType: 'regional-digest', subjectId: d.id, regionId: d.regionId, ipAddress: meta.ip, detail: { title: d.title, recipients: count } }, now);
	const total = await finishSending(d.id, now);
	return { ok: true, recipients: total };
}

/**
 * The scheduler's part: sends scheduled digests whose time has come, and finishes sends that
 * were cut short (a crash after claiming). Returns how many digests it sent or finished.
 */
export async function runScheduled(now = Date.now()): Promise<number> {
	let done = 0;
	const due = db
		.select()
		.from(regionalDigest)
		.where(and(eq(regionalDigest.status, 'scheduled'), lte(regionalDigest.scheduledFor, now)))
		.all();
	for (const d of due) {
		if (isEmpty(d) || sizeProblem(d)) {
			// Can't happen through the form (checked when scheduling); never send an empty digest.
			db.update(regionalDigest).set({ status: 'draft', scheduledFor: null, updatedAt: now }).where(eq(regionalDigest.id, d.id)).run();
			log.warn('scheduled digest not sent: empty or too long', { id: d.id });
			continue;
		}
		if (!claimSend(d.id, d.scheduledById, now)) continue;
		audit.record({ actorId: d.scheduledById, action: 'digest.sent', subjectType: 'regional-digest', subjectId: d.id, regionId: d.regionId, detail: { title: d.title, scheduled: true } }, now);
		await finishSending(d.id, now);
		done++;
	}
	const stuck = db
		.select({ id: regionalDigest.id })
		.from(regionalDigest)
		.where(and(eq(regionalDigest.status, 'sending'), lt(regionalDigest.updatedAt, now - RESUME_AFTER_MS)))
		.all();
	for (const s of stuck) {
		await finishSending(s.id, now);
		done++;
	}
	return done;
}

/** Delivery figures for one digest: recipients, and its emails queued, being sent, sent and failed. */
export function delivery(actor: Actor, id: number) {
	const d = get(actor, id);
	authorize(actor, 'digest.compose', { regionId: d.regionId }, { hide: true });
	const counts = outbox.batchCounts(batchKeyOf(d.id));
	return { recipients: d.recipientCount, ...counts, failures: outbox.recentFailures(20, batchKeyOf(d.id)) };
}

/** Delivery figures for several digests at once (the list page). */
export function deliveryMany(ids: number[]) {
	return outbox.batchCountsMany(ids.map(batchKeyOf));
}

// ---------------------------------------------------------------------------------------------
// Seeding

/**
 * Records a digest as sent in the past without delivering anything (demo and benchmark data):
 * its sections, and one outbox row per current recipient marked sent.
 */
export function recordHistoric(input: { regionId: string | null; title: string; intro: string; sections: RegionalDigestSection[]; sentAt: number; createdById: number | null; coversFrom: number }): number {
	const introHtml = renderMarkdown(input.intro);
	const row = db
		.insert(regionalDigest)
		.values({
			regionId: input.regionId,
			title: input.title,
			intro: input.intro,
			introHtml,
			introText: introHtml ? htmlToText(introHtml) : '',
			sections: input.sections,
			coversFrom: input.coversFrom,
			status: 'sent',
			sentAt: input.sentAt,
			sentById: input.createdById,
			createdById: input.createdById,
			createdAt: input.sentAt - DAY,
			updatedAt: input.sentAt
		})
		.returning()
		.get();
	const body = bodyOf(row);
	const list = recipients(input.regionId, input.sentAt);
	for (const m of list) {
		const email = regionalEmail(body, { id: m.id });
		outbox.recordSent({ key: `${batchKeyOf(row.id)}:member:${m.id}`, kind: 'regional-digest', to: m.email, recipientId: m.id, batchKey: batchKeyOf(row.id), ...email }, input.sentAt);
	}
	db.update(regionalDigest).set({ recipientCount: list.length }).where(eq(regionalDigest.id, row.id)).run();
	return row.id;
}

/** Suggested sections as `recordHistoric` wants them (for seeds). */
export function suggestedSections(regionId: string | null, since: number, now: number): RegionalDigestSection[] {
	return suggestions(regionId, since, now);
}

/**
 * The digests page: past digests the actor may read (newest first, optionally one region's),
 * and for coordinators and admins their drafts and scheduled digests, where they may compose,
 * and the delivery figures of the sent digests they may compose.
 */
export function overview(actor: Actor, opts: { regionId?: string | 'national'; after?: string } = {}) {
	const sent = listSent(actor, opts);
	const composable = composableRegions(actor);
	const mine = sent.digests.filter((d) => can(actor, 'digest.compose', { regionId: d.regionId }));
	const figures = deliveryMany(mine.map((d) => d.id));
	return {
		sent: sent.digests.map((d) => ({ ...d, delivery: figures.get(batchKeyOf(d.id)) ?? null })),
		next: sent.next,
		work: listWork(actor),
		composable: composable.map((r) => ({ id: r, name: regionName(r) })),
		filterable: actor.role === 'admin' ? [['national', 'National'] as [string, string], ...regions().map((r) => [r.id, r.name] as [string, string])] : null
	};
}

/** What the "compose a digest" page offers: the regions the actor may compose for, each with its last digest. 403 for anyone else. */
export function startOptions(actor: Actor) {
	const composable = composableRegions(actor);
	if (composable.length === 0) authorize(actor, 'digest.compose', { regionId: '\u0000' });
	return composable.map((r) => {
		const last = lastSent(r);
		return { id: r ?? 'national', name: regionName(r), lastSentAt: last?.sentAt ?? null, lastTitle: last?.title ?? null };
	});
}

/**
 * One digest's page: a sent digest to its readers ("view in browser"), with delivery figures
 * for those who may compose it. `edit` is set for a draft the actor should open in the editor.
 */
export function page(actor: Actor, id: number) {
	const d = get(actor, id);
	if (!d.sent) return { edit: true as const, id: d.id };
	return {
		edit: false as const,
		digest: { id: d.id, title: d.title, regionName: d.regionName, regionId: d.regionId, introHtml: d.introHtml, sentAt: d.sentAt, sections: d.sections.filter((s) => s.kept), status: d.status },
		delivery: d.canCompose ? delivery(actor, d.id) : null
	};
}

/** The compose page: a digest the actor may edit, and how many members it would go to. `sent` when it has gone. */
export function editor(actor: Actor, id: number) {
	const d = get(actor, id);
	if (d.sent) return { sent: true as const, id: d.id };
	authorize(actor, 'digest.compose', { regionId: d.regionId }, { hide: true });
	return { sent: false as const, digest: d, recipients: recipients(d.regionId).length, empty: isEmpty(d) };
}

/** Sends the composer a test copy of a draft as saved (the preview page's button). */
export function test(actor: Actor, id: number, now = Date.now(), meta: Meta = {}): { ok: true; to: string } | { ok: false; message: string } {
	const d = editable(actor, id);
	if (isEmpty(d)) return { ok: false, message: EMPTY_MESSAGE };
	return { ok: true, to: sendTest(actor, d, now, meta) };
}

/** Regional digest titles by id (for the audit trail; deleted ones are left out). */
export function titlesOf(ids: number[]): Map<number, string> {
	if (ids.length === 0) return new Map();
	return new Map(db.select({ id: regionalDigest.id, title: regionalDigest.title }).from(regionalDigest).where(inArray(regionalDigest.id, ids)).all().map((r) => [r.id, r.title]));
}
