/**
 * Whether a member still reads what we send (ISSUE 14, "digests that respect the inbox").
 *
 * - `seenAt`: the last request they made on the site while signed in (hooks call `recordVisit`;
 *   written at most once a minute per member and process). A personal digest is skipped when
 *   they have been on the site since its period began and seen everything in it.
 * - `activeAt`: their last sign of life — a visit, a sign-in, or a reply or question by email
 *   (the inbound pipeline records that with bounces.noteInbound). A member quiet for
 *   `INACTIVE_MONTHS` (default 12) gets no digests or notifications; the first time one would
 *   have gone they get one "are you still there?" email instead (through the outbox, idempotent
 *   per quiet spell). Their next visit starts the emails again.
 * - `bouncing`: mail to their current address bounces (mail/bounces.ts): no digests or
 *   notifications until they fix their address or sign in.
 *
 * Knows no area: callers pass the member's id, name and address (and when they joined, for a
 * member this table has not met yet).
 */
import { eq, sql } from 'drizzle-orm';
import { db, param, prepared } from '../db/client';
import { mailEngagement, memberMailState, type MailEngagement } from '../db/schema';
import { bouncingAmong, isBouncing } from './bounces';
import { config } from '../config';
import { enqueue } from './outbox';
import { renderEmail } from './layout';
import { formatDate } from '../../time';

/** A visit is written at most this often per member (per process). */
export const VISIT_EVERY_MS = 60_000;

export type Contact = { id: number; name: string; email: string; createdAt?: number };

/** Whether a digest or notification may go: `ok`, or why not. */
export type Reach = 'ok' | 'bouncing' | 'inactive';

export type Engagement = Pick<MailEngagement, 'seenAt' | 'activeAt' | 'askedForActiveAt'> & { bouncing: boolean };

const lastWritten = new Map<number, number>();

const visitQuery = prepared(() =>
	db
		.insert(mailEngagement)
		.values({ memberId: param('memberId'), seenAt: param('now'), activeAt: param('now'), updatedAt: param('now') })
		.onConflictDoUpdate({
			target: mailEngagement.memberId,
			set: {
				seenAt: sql`max(coalesce(${mailEngagement.seenAt}, 0), excluded.seen_at)`,
				activeAt: sql`max(${mailEngagement.activeAt}, excluded.active_at)`,
				updatedAt: sql`excluded.updated_at`
			}
		})
		.prepare()
);

/** Records that a signed-in member made a request on the site (cheap: at most one write a minute). */
export function recordVisit(memberId: number, now = Date.now()): void {
	const last = lastWritten.get(memberId);
	if (last != null && Math.abs(now - last) < VISIT_EVERY_MS) return;
	lastWritten.set(memberId, now);
	visitQuery().run({ memberId, now });
}

/** Records a sign of life that is not a visit: a successful sign-in (the visits follow). */
export function recordSignIn(memberId: number, now = Date.now()): void {
	db.insert(mailEngagement)
		.values({ memberId, activeAt: now, updatedAt: now })
		.onConflictDoUpdate({ target: mailEngagement.memberId, set: { activeAt: sql`max(${mailEngagement.activeAt}, excluded.active_at)`, updatedAt: now } })
		.run();
}

const columns = { seenAt: mailEngagement.seenAt, activeAt: mailEngagement.activeAt, askedForActiveAt: mailEngagement.askedForActiveAt };
type Row = Pick<MailEngagement, 'seenAt' | 'activeAt' | 'askedForActiveAt'>;

const byMember = prepared(() => db.select(columns).from(mailEngagement).where(eq(mailEngagement.memberId, sql.placeholder('memberId'))).prepare());
const inboundOf = prepared(() =>
	db.select({ at: memberMailState.lastInboundAt }).from(memberMailState).where(eq(memberMailState.memberId, sql.placeholder('memberId'))).prepare()
);

/** A row (or the default for a member not met before: active since they joined, or now) with their last email in and bounce state. */
function combine(row: Row | undefined, inboundAt: number | null | undefined, bouncing: boolean, createdAt: number | undefined, now: number): Engagement {
	const base = row ?? { seenAt: null, activeAt: createdAt ?? now, askedForActiveAt: null };
	return { ...base, activeAt: Math.max(base.activeAt, inboundAt ?? 0), bouncing };
}

/** A member's engagement: visits, last sign of life (email in included), the one question asked, bouncing. */
export function of(memberId: number, createdAt?: number, now = Date.now()): Engagement {
	return combine(byMember().get({ memberId }), inboundOf().get({ memberId })?.at, isBouncing(memberId), createdAt, now);
}

/** Every member's engagement at once (the digest run), the same as `of` gives. */
export function many(): (memberId: number, createdAt?: number, now?: number) => Engagement {
	const rows = new Map(
		db
			.select({ memberId: mailEngagement.memberId, ...columns })
			.from(mailEngagement)
			.all()
			.map(({ memberId, ...e }) => [memberId, e])
	);
	const states = db.select({ memberId: memberMailState.memberId, inboundAt: memberMailState.lastInboundAt }).from(memberMailState).all();
	const inbound = new Map(states.map((s) => [s.memberId, s.inboundAt]));
	const bouncing = bouncingAmong(states.map((s) => s.memberId));
	return (memberId, createdAt, now = Date.now()) => combine(rows.get(memberId), inbound.get(memberId), bouncing.has(memberId), createdAt, now);
}

/** The instant before which a member counts as away: `months` calendar months before `now` (null: never). */
export function inactiveBefore(now: number, months = config().inactiveMonths): number | null {
	if (!months) return null;
	const d = new Date(now);
	d.setUTCMonth(d.getUTCMonth() - months);
	return d.getTime();
}

/** Whether a digest or notification may go to a member with this engagement at `now`. */
export function reachOf(e: Engagement, now: number): Reach {
	if (e.bouncing) return 'bouncing';
	const before = inactiveBefore(now);
	return before != null && e.activeAt < before ? 'inactive' : 'ok';
}

const askedQuery = prepared(() =>
	db
		.insert(mailEngagement)
		.values({ memberId: param('memberId'), activeAt: param('activeAt'), askedForActiveAt: param('activeAt'), updatedAt: param('now') })
		.onConflictDoUpdate({ target: mailEngagement.memberId, set: { askedForActiveAt: param('activeAt'), updatedAt: param('now') } })
		.prepare()
);

/** The outbox key of the "are you still there?" email for one quiet spell. */
export function stillThereKey(memberId: number, activeAt: number): string {
	return `still-there:member:${memberId}:since:${activeAt}`;
}

/**
 * Queues the one "are you still there?" email for the member's current quiet spell (a second
 * call for the same spell does nothing). Returns whether this call queued it.
 */
export function askStillThere(c: Contact, e: Engagement, now = Date.now()): boolean {
	if (e.askedForActiveAt === e.activeAt) return false;
	const months = config().inactiveMonths;
	const { html, text } = renderEmail({
		heading: 'Do you still want emails from the Lead Member Network?',
		preheader: 'We have paused your digests and notifications.',
		blocks: [
			{ kind: 'paragraph', text: `Hello ${c.name},` },
			{
				kind: 'paragraph',
				text: `We have not seen you on the Lead Member Network since ${formatDate(e.activeAt)} — more than ${months} ${months === 1 ? 'month' : 'months'} — so we have paused your digests and notifications rather than fill your inbox.`
			},
			{ kind: 'paragraph', text: 'To start them again, sign in to the network (or reply by email to a thread or question). Nothing else is needed.' },
			{ kind: 'button', text: 'Sign in to start your emails again', href: '/login' },
			{ kind: 'paragraph', text: 'If you no longer do this role, you do not need to do anything: this is the only email we will send until you sign in again.' }
		],
		reason: `You get this email because you are a member of the Lead Member Network and we have not seen you for ${months} ${months === 1 ? 'month' : 'months'}.`,
		footerLinks: [{ text: 'Change your email settings', href: '/settings/email' }]
	});
	const r = enqueue({ key: stillThereKey(c.id, e.activeAt), kind: 'still-there', to: c.email, recipientId: c.id, subject: 'Do you still want emails from the Lead Member Network?', text, html }, now);
	askedQuery().run({ memberId: c.id, activeAt: e.activeAt, now });
	return r.created;
}

/**
 * May a digest or notification go to this member now? Not to a bouncing address, nor to a
 * member away too long — and the first time that happens in a quiet spell the "are you still
 * there?" email is queued instead. Call inside the transaction that would have queued the email.
 */
export function mayEmail(c: Contact, now = Date.now(), e: Engagement = of(c.id, c.createdAt, now)): boolean {
	const reach = reachOf(e, now);
	if (reach === 'inactive') askStillThere(c, e, now);
	return reach === 'ok';
}

/** Tests only: forget which visits this process has written. */
export function forgetVisitsForTesting(): void {
	lastWritten.clear();
}
