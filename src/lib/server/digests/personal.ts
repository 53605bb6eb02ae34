/**
 * Personal digests: each member's choice of daily, weekly (on a weekday) or never, at an hour
 * of UK time. When a member's time has come (schedule.ts dueDigest), what is new for them since
 * their last digest is gathered from every area; nothing new, nothing sent. Each period is
 * handled once per member — the outbox key and a unique (member, period) row both say so —
 * and a scheduler that was down sends only the latest period, never a backlog.
 *
 * A member the scheduler has not seen before starts from the period before they joined or the
 * scheduler first ran (whichever is later), so a fresh install does not send everyone a digest.
 *
 * Digests respect the inbox (mail/engagement.ts): a digest is not sent — its period recorded as
 * `seen` and counted — when the member has been on the site since the period began and seen
 * everything in it, i.e. nothing in it is newer than their last visit (unless they chose "send my
 * digest even when I have been on the site"). A member away longer than INACTIVE_MONTHS gets
 * no digest (`held`) and, once per quiet spell, an "are you still there?" email instead.
 */
import { and, count, desc, eq, sql } from 'drizzle-orm';
import { checkpoint, db, immediate, param, prepared } from '../db/client';
import { SLICE_MS, timeSlice, turn } from '../turns';
import { digestSetting, personalDigestRun, personalDigestState, type PersonalDigestState } from '../db/schema';
import * as outbox from '../mail/outbox';
import * as preferences from '../mail/preferences';
import * as engagement from '../mail/engagement';
import { askAddress } from '../mail/reply-keys';
import { log } from '../log';
import { config } from '../config';
import { formatDateTime } from '../../time';
import { dueDigest, nextDigestAt, previousDigestAt, type DigestSchedule, type DueDigest } from '../schedule';
import { buildContent, type DigestContent } from './content';
import { activeMembersYielding, recipientByEmail, recipientById, toRecipient, type MemberRow } from './recipients';
import { emailBodyHtml, personalEmail, type RenderedEmail } from './render';
import { repliesFor } from './replies';
import { authorize, type Actor } from '../auth/policy';
import * as members from '../network/members';
import type { DigestRecipient, DigestSection } from '../digest-items';

const DAY = 86_400_000;
const STARTED = 'scheduler-started-at';

/** A member's digest schedule from their email preferences. */
export function scheduleOf(p: Pick<preferences.Preferences, 'digestFrequency' | 'digestWeekday' | 'digestHour'>): DigestSchedule {
	return { frequency: p.digestFrequency, weekday: p.digestWeekday, hour: p.digestHour };
}

/** When the scheduler first ran on this database (recorded the first time it is asked). */
export function schedulerStartedAt(now: number): number {
	db.insert(digestSetting).values({ key: STARTED, value: now }).onConflictDoNothing().run();
	return db.select().from(digestSetting).where(eq(digestSetting.key, STARTED)).get()!.value;
}

/** A member's schedule state; null before the scheduler has seen them. */
export function stateOf(memberId: number): PersonalDigestState | null {
	return db.select().from(personalDigestState).where(eq(personalDigestState.memberId, memberId)).get() ?? null;
}

/** The state for a member seen for the first time: as if the period before they (or the scheduler) started was handled. */
function baseline(schedule: DigestSchedule, createdAt: number, startedAt: number, now: number): { lastDueAt: number; coveredUntil: number } {
	const from = Math.min(now, Math.max(createdAt, startedAt));
	const before = previousDigestAt(schedule, from) ?? from;
	return { lastDueAt: before, coveredUntil: before };
}

/** How far back a first digest reaches when there is no earlier one. */
function fallbackSince(schedule: DigestSchedule, dueAt: number): number {
	return dueAt - (schedule.frequency === 'daily' ? DAY : 7 * DAY);
}

export type DueMember = {
	member: MemberRow;
	schedule: DigestSchedule;
	due: DueDigest;
	since: number;
	/** They chose "send my digest even when I have been on the site". */
	whenVisited: boolean;
	engagement: engagement.Engagement;
};

/**
 * Members whose digest is due at `now`, each with the period and the start of what it covers.
 * Members seen for the first time get their baseline state written (and are due only if a
 * scheduled time has passed since it).
 */
export async function dueMembers(now: number, opts: { memberIds?: number[] } = {}): Promise<DueMember[]> {
	// In the web server's process (the scheduler), among pages being served: every step over all
	// members reads or works in slices, with a turn of the event loop between them (issue 19: a
	// page waits at most ~50 ms behind the digests).
	const startedAt = schedulerStartedAt(now);
	const only = opts.memberIds ? new Set(opts.memberIds) : null;
	const rows = (await activeMembersYielding(null, now)).filter((m) => !only || only.has(m.id));
	const prefs = opts.memberIds ? preferences.many(opts.memberIds) : await preferences.allYielding();
	const states = await statesYielding();
	const engaged = engagement.many();
	// The latest scheduled instant at or before now, once per distinct schedule (a few hundred at most).
	const latest = new Map<string, DueDigest | null>();
	const fresh: (typeof personalDigestState.$inferInsert)[] = [];
	const due: DueMember[] = [];
	const slice = timeSlice();
	for (const m of rows) {
		await slice();
		const p = prefs(m.id);
		const schedule = scheduleOf(p);
		if (schedule.frequency === 'never') continue;
		let state: Pick<PersonalDigestState, 'lastDueAt' | 'coveredUntil'> | undefined = states.get(m.id);
		if (!state) {
			try {
				state = baseline(schedule, m.createdAt, startedAt, now);
			} catch (err) {
				log.error('digest schedule invalid', { memberId: m.id, error: String(err) });
				continue;
			}
			fresh.push({ memberId: m.id, lastDueAt: state.lastDueAt, coveredUntil: state.coveredUntil, updatedAt: now });
		}
		const key = `${schedule.frequency}:${schedule.weekday}:${schedule.hour}`;
		if (!latest.has(key)) {
			try {
				latest.set(key, dueDigest(schedule, null, now));
			} catch (err) {
				log.error('digest schedule invalid', { memberId: m.id, error: String(err) });
				latest.set(key, null);
			}
		}
		const d = latest.get(key);
		if (!d || d.dueAt <= state.lastDueAt) continue;
		due.push({
			member: m,
			schedule,
			due: d,
			since: state.coveredUntil || fallbackSince(schedule, d.dueAt),
			whenVisited: p.digestWhenVisited,
			engagement: engaged(m.id, m.createdAt, now)
		});
	}
	// Baselines are independent (insert or leave as is), so they are written 500 to a transaction.
	for (let i = 0; i < fresh.length; i += 500) {
		immediate(() => {
			for (const f of fresh.slice(i, i + 500)) db.insert(personalDigestState).values(f).onConflictDoNothing().run();
		});
		if (i + 500 < fresh.length) await new Promise((r) => setImmediate(r));
	}
	return due;
}

const STATE_PAGE = 1000;
const statePage = prepared(() =>
	db
		.select()
		.from(personalDigestState)
		.where(sql`${personalDigestState.memberId} > ${sql.placeholder('after')}`)
		.orderBy(personalDigestState.memberId)
		.limit(STATE_PAGE)
		.prepare()
);

/** Every member's digest state, read 1,000 at a time with a turn of the event loop between. */
async function statesYielding(): Promise<Map<number, PersonalDigestState>> {
	const out = new Map<number, PersonalDigestState>();
	for (let after = 0; ; ) {
		const page = statePage().all({ after });
		for (const s of page) out.set(s.memberId, s);
		if (page.length < STATE_PAGE) return out;
		after = page[page.length - 1].memberId;
		await new Promise((r) => setImmediate(r));
	}
}

export type DigestOutcome = 'sent' | 'empty' | 'seen' | 'held' | 'already';

/**
 * What happens to a member's digest, and why (the dry-run page says it in words):
 * send; empty (nothing new); seen (on the site since the period began, nothing newer than that
 * visit); held (away longer than INACTIVE_MONTHS).
 */
export type Decision = 'send' | 'empty' | 'seen' | 'held';

/**
 * Decides a built digest's fate. `contentSince` builds the content from another start (only
 * called for a member who has visited since the period began and has something new).
 */
export function decide(
	content: Pick<DigestContent, 'hasNew'>,
	since: number,
	e: engagement.Engagement,
	whenVisited: boolean,
	now: number,
	contentSince: (from: number) => Pick<DigestContent, 'hasNew'>
): Decision {
	if (!content.hasNew) return 'empty';
	if (engagement.reachOf(e, now) !== 'ok') return 'held';
	if (!whenVisited && e.seenAt != null && e.seenAt > since && !contentSince(e.seenAt).hasNew) return 'seen';
	return 'send';
}

/** The outbox key of a member's digest for a period. */
export function digestKey(memberId: number, periodKey: string): string {
	return `digest:${periodKey}:member:${memberId}`;
}

/** Every link in a digest's content (the threads among them get reply-by-email links). */
function hrefsOf(content: DigestContent): string[] {
	return content.sections.flatMap((s) => s.groups.flatMap((g) => g.items.map((i) => i.href)));
}

/** A member's digest built for a due period, not yet queued or recorded. */
type Built = { d: DueMember; recipient: DigestRecipient; content: DigestContent; decision: Decision; email: RenderedEmail | null };

/** Builds one member's digest (reads only: no transaction is held while it is built). */
function build(d: DueMember, now: number): Built {
	const recipient = toRecipient(d.member);
	const content = buildContent(recipient, d.since, now);
	const frequency = d.schedule.frequency as 'daily' | 'weekly';
	const decision = decide(content, d.since, d.engagement, d.whenVisited, now, (from) => buildContent(recipient, from, now));
	const email = decision === 'send' ? personalEmail(recipient, frequency, content.sections, d.since, repliesFor(recipient.id, hrefsOf(content))) : null;
	return { d, recipient, content, decision, email };
}

// Prepared once per connection: a run records 20,000 periods.
const handledQuery = prepared(() =>
	db
		.select({ id: personalDigestRun.id })
		.from(personalDigestRun)
		.where(and(eq(personalDigestRun.memberId, sql.placeholder('memberId')), eq(personalDigestRun.periodKey, sql.placeholder('periodKey'))))
		.prepare()
);
const catchUpQuery = prepared(() =>
	db.update(personalDigestState).set({ lastDueAt: param('lastDueAt'), updatedAt: param('now') }).where(eq(personalDigestState.memberId, sql.placeholder('memberId'))).prepare()
);
const insertRunQuery = prepared(() =>
	db
		.insert(personalDigestRun)
		.values({
			memberId: param('memberId'),
			periodKey: param('periodKey'),
			dueAt: param('dueAt'),
			coversFrom: param('coversFrom'),
			coversUntil: param('now'),
			outcome: param('outcome'),
			itemCount: param('itemCount'),
			outboxId: param('outboxId'),
			createdAt: param('now')
		})
		.prepare()
);
/**
 * The member's state after a period: sent moves what is covered on; seen (they had it all on
 * the site) moves it on without a send; empty and held leave it where it was.
 */
function stateQuery(kind: 'sent' | 'seen' | 'empty') {
	return prepared(() => {
		const moved = kind === 'sent' ? { coveredUntil: param('now'), lastSentAt: param('now') } : kind === 'seen' ? { coveredUntil: param('now') } : {};
		const state = { lastDueAt: param('dueAt'), lastPeriodKey: param('periodKey'), updatedAt: param('now'), ...moved };
		return db
			.insert(personalDigestState)
			.values({ memberId: param('memberId'), coveredUntil: param('coversFrom'), ...state })
			.onConflictDoUpdate({ target: personalDigestState.memberId, set: state })
			.prepare();
	});
}
const sentStateQuery = stateQuery('sent');
const seenStateQuery = stateQuery('seen');
const emptyStateQuery = stateQuery('empty');

/**
 * Queues a built digest and records its period — or finds the period handled already. Runs in
 * its own transaction, or as a savepoint inside the caller's (sendDue writes a batch at once).
 */
function record(b: Built, now: number): DigestOutcome {
	const { d, recipient, content, decision, email } = b;
	return immediate((): DigestOutcome => {
		const done = handledQuery().get({ memberId: recipient.id, periodKey: d.due.periodKey });
		if (done) {
			// Already handled (another process, or the member moved their hour): just catch the state up.
			catchUpQuery().run({ lastDueAt: d.due.dueAt, now, memberId: recipient.id });
			return 'already';
		}
		let outboxId: number | null = null;
		if (email) {
			outboxId = outbox.enqueue(
				{ key: digestKey(recipient.id, d.due.periodKey), kind: 'digest', to: recipient.email, recipientId: recipient.id, subject: email.subject, text: email.text, html: email.html, headers: email.headers },
				now
			).id;
		}
		if (decision === 'held' && engagement.reachOf(d.engagement, now) === 'inactive') engagement.askStillThere(recipient, d.engagement, now);
		const outcome = email ? 'sent' : decision === 'send' ? 'empty' : decision;
		const values = { memberId: recipient.id, periodKey: d.due.periodKey, dueAt: d.due.dueAt, coversFrom: d.since, now };
		insertRunQuery().run({ ...values, outcome, itemCount: content.itemCount, outboxId });
		(outcome === 'sent' ? sentStateQuery : outcome === 'seen' ? seenStateQuery : emptyStateQuery)().run(values);
		return outcome;
	});
}

/**
 * Builds one member's digest for a due period and queues it — or records that nothing was new.
 * Safe to call twice for the same period (two processes): the second finds the period handled.
 */
export function handleDue(d: DueMember, now: number): { outcome: DigestOutcome; content: DigestContent } {
	const b = build(d, now);
	return { outcome: record(b, now), content: b.content };
}

export type RunResult = { due: number; sent: number; empty: number; seen: number; held: number; already: number; failed: number };

/**
 * Queues every personal digest due at `now`, in the web server's process among pages being
 * served, so no step holds the event loop much longer than SLICE_MS. Members are taken
 * `yieldEvery` at a time (fewer when building them takes over SLICE_MS); each batch is built
 * with no transaction open, then, after a turn of the event loop, written in short
 * transactions of at most SLICE_MS each (each member in a savepoint, so one member's failure
 * undoes only their own writes), with a turn between them, and a checkpoint of the write-ahead
 * log after each. (Measured on the large network: a batch's build and write in one go held the
 * loop 55–68 ms; split and sliced, 44–53 ms whenever a commit ran SQLite's automatic checkpoint;
 * with the checkpoints in turns of their own, 40 ms at most.) `record` checks inside its
 * transaction that the period is not handled already, so what happens between the build and
 * the write (another process sending the same digest) is safe. A member whose digest fails is
 * logged and tried again on the next run.
 */
export async function sendDue(now = Date.now(), opts: { memberIds?: number[]; yieldEvery?: number } = {}): Promise<RunResult> {
	const due = await dueMembers(now, opts);
	const result: RunResult = { due: due.length, sent: 0, empty: 0, seen: 0, held: 0, already: 0, failed: 0 };
	const every = Math.max(1, opts.yieldEvery ?? 20);
	const failed = (d: DueMember, err: unknown) => {
		result.failed++;
		log.error('personal digest failed', { memberId: d.member.id, error: err instanceof Error ? err.stack : String(err) });
	};
	for (let i = 0; i < due.length; ) {
		// A batch: at most `every` members, and no more than SLICE_MS of building (a busy machine builds slower).
		const built: Built[] = [];
		const start = performance.now();
		const first = i;
		const end = Math.min(due.length, i + every);
		for (; i < end && (i === first || performance.now() - start < SLICE_MS); i++) {
			const d = due[i];
			try {
				built.push(build(d, now));
			} catch (err) {
				failed(d, err);
			}
		}
		await turn();
		for (let k = 0; k < built.length; ) {
			const from = k;
			const outcomes: (DigestOutcome | null)[] = [];
			try {
				immediate(() => {
					const began = performance.now();
					for (; k < built.length && (k === from || performance.now() - began < SLICE_MS); k++) {
						try {
							outcomes.push(record(built[k], now));
						} catch (err) {
							outcomes.push(null);
							failed(built[k].d, err);
						}
					}
				});
				for (const o of outcomes) if (o) result[o]++;
			} catch (err) {
				// The transaction itself failed: none of its members was written. When it could not
				// even begin (the database stayed locked), the rest of the batch is not tried either.
				const stop = k === from ? built.length : k;
				for (let j = from; j < stop; j++) if (outcomes[j - from] !== null) failed(built[j].d, err);
				k = stop;
			}
			await turn();
			// The slice's pages copied into the database file now, in a turn of their own: else the
			// commit that takes the log past wal_autocheckpoint (4,000 pages) copies 16 MB inside a slice.
			checkpoint();
			await turn();
		}
	}
	if (result.due > 0) log.info('personal digests', { ...result });
	return result;
}

export type DryRun = {
	recipient: DigestRecipient & { createdAt: number };
	schedule: DigestSchedule;
	due: DueDigest | null;
	nextAt: number | null;
	since: number;
	content: DigestContent;
	/** The email as it would be, when there is anything to show at all. */
	email: RenderedEmail | null;
	/** Whether it would be sent (something is new, and nothing below holds it back). */
	wouldSend: boolean;
	/** What would happen to it now, and why. */
	decision: Decision | 'never';
	engagement: engagement.Engagement;
	whenVisited: boolean;
};

/**
 * What a member would get if their digest were built now (the command line's --dry-run):
 * nothing is queued or recorded. Covers from their last digest (or `since`). Null for an
 * unknown address.
 */
/** `preview`: for showing on the site, where the unsubscribe link must not work (previewUnsubscribeUrl). */
export function dryRun(email: string, now = Date.now(), opts: { since?: number; replyLinks?: boolean; preview?: boolean } = {}): DryRun | null {
	const recipient = recipientByEmail(email);
	if (!recipient) return null;
	const prefs = preferences.get(recipient.id);
	const schedule = scheduleOf(prefs);
	const frequency = schedule.frequency === 'never' ? 'weekly' : schedule.frequency;
	const effective = { ...schedule, frequency } as DigestSchedule;
	const state = stateOf(recipient.id);
	const due = schedule.frequency === 'never' ? null : dueDigest(schedule, state?.lastDueAt ?? null, now);
	const since = opts.since ?? state?.coveredUntil ?? fallbackSince(effective, now);
	const content = buildContent(recipient, since, now);
	const e = engagement.of(recipient.id, recipient.createdAt, now);
	const decided = decide(content, since, e, prefs.digestWhenVisited, now, (from) => buildContent(recipient, from, now));
	const decision = schedule.frequency === 'never' ? 'never' : decided;
	return {
		recipient,
		schedule,
		due,
		nextAt: nextDigestAt(schedule, now),
		since,
		content,
		email: content.sections.length > 0 ? personalEmail(recipient, frequency, content.sections, since, opts.replyLinks === false ? undefined : repliesFor(recipient.id, hrefsOf(content)), { preview: opts.preview }) : null,
		wouldSend: decision === 'send',
		decision,
		engagement: e,
		whenVisited: prefs.digestWhenVisited
	};
}

/** The dry run's verdict in words: whether the digest would go, and why (or why not). */
export function explain(r: Pick<DryRun, 'decision' | 'engagement' | 'whenVisited'>): string {
	switch (r.decision) {
		case 'never':
			return 'Would not be sent: the member chose never to get a personal digest.';
		case 'empty':
			return 'Would not be sent: nothing is new for them since their last digest.';
		case 'seen':
			return `Would not be sent: they have been on the site since this digest's period began (last ${formatDateTime(r.engagement.seenAt!)}) and nothing in it is newer than that visit. Skipped digests are counted, not sent later.`;
		case 'held':
			if (r.engagement.bouncing) return 'Would not be sent: mail to their address bounces, so their digests and notifications have stopped until they change their address or sign in.';
			return `Would not be sent: we have not seen them since ${formatDateTime(r.engagement.activeAt)}, more than ${config().inactiveMonths} months, so their digests and notifications are paused. They are sent one "are you still there?" email instead.`;
		case 'send':
			return r.whenVisited && r.engagement.seenAt != null
				? 'Would be sent: something is new for them, and they asked for their digest even when they have been on the site.'
				: 'Would be sent: something is new for them since their last digest.';
	}
}

/**
 * The personal digest a member would get now, for their coordinator or an admin answering "why
 * did I get this?": the dry run (nothing queued or recorded), its verdict in words, the email's
 * body to show as HTML, and the member's recent periods. Null for an unknown or deactivated member.
 */
export function previewForMember(actor: Actor, handle: string, now = Date.now()) {
	const p = members.profileByHandle(actor, handle);
	if (!p) return null;
	authorize(actor, 'digest.previewMember', { regionId: p.regionId });
	// Without the member's reply-by-email links (those addresses are theirs alone), and with an
	// unsubscribe link that does nothing, so a click on the preview cannot unsubscribe them.
	const r = dryRun(p.email, now, { replyLinks: false, preview: true });
	if (!r) return null;
	return { ...r, member: { name: p.name, handle: p.handle, regionName: p.regionName }, explanation: explain(r), bodyHtml: r.email ? emailBodyHtml(r.email.html) : null, history: history(p.id) };
}

/** What the home page shows a member: their sections for the last week (standing information too; `without` leaves areas out), and their next digest. */
export function yourWeek(memberId: number, now = Date.now(), without: readonly DigestSection['area'][] = []) {
	const recipient = recipientById(memberId);
	if (!recipient) return null;
	const p = preferences.get(memberId);
	const since = now - 7 * DAY;
	const content = buildContent(recipient, since, now, {}, without);
	return { recipient, since, content, schedule: scheduleOf(p), nextDigestAt: nextDigestAt(scheduleOf(p), now) };
}

/** A member's recent digests (periods handled), newest first. */
export function history(memberId: number, limit = 10) {
	return db
		.select()
		.from(personalDigestRun)
		.where(eq(personalDigestRun.memberId, memberId))
		.orderBy(desc(personalDigestRun.dueAt))
		.limit(limit)
		.all();
}

/** How many of a member's digests were skipped because they had seen it all on the site. */
export function skippedCount(memberId: number): number {
	return db.select({ n: count() }).from(personalDigestRun).where(and(eq(personalDigestRun.memberId, memberId), eq(personalDigestRun.outcome, 'seen'))).get()?.n ?? 0;
}

/** A member's email settings, when their next digest is due, and how many were skipped (the settings page). */
export function emailSettings(memberId: number, now = Date.now()) {
	const p = preferences.get(memberId);
	const me = recipientById(memberId);
	// The member's own addresses for asking a question by email: national, and their region's.
	const ask = me ? { national: askAddress(memberId), region: askAddress(memberId, me.regionId), regionName: me.regionName } : null;
	return { ...p, nextDigestAt: nextDigestAt(scheduleOf(p), now), skippedDigests: skippedCount(memberId), ask };
}

/**
 * Saves a member's email settings; returns when their next digest is due. A new schedule starts
 * at its next time: a time already passed today does not send a digest straight away.
 */
export function saveEmailSettings(memberId: number, input: Omit<preferences.Preferences, 'memberId'>, now = Date.now()): number | null {
	const schedule = scheduleOf(input);
	immediate(() => {
		preferences.update(memberId, input, now);
		const passed = previousDigestAt(schedule, now);
		const state = stateOf(memberId);
		if (state && passed != null && passed > state.lastDueAt) {
			db.update(personalDigestState).set({ lastDueAt: passed, updatedAt: now }).where(eq(personalDigestState.memberId, memberId)).run();
		}
	});
	return nextDigestAt(schedule, now);
}
