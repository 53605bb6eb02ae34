/**
 * Mentoring in digests and on the home page ("your week"): proposals waiting for the member's
 * answer, their next meetings, open agreed actions (mentor and mentee alike), overdue check-ins (for mentors, one line per mentee), feedback
 * wanted, and for coordinators the requests waiting in their region. Regional digests get
 * aggregate suggestions only — never names, goals or notes.
 */
import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import { choiceFor } from '../mail/preferences';
import { db, inJson, jsonList, prepared } from '../db/client';
import { mentorRequest, pairing, pairingBooking } from '../db/schema';
import type { DigestGroup, DigestItem, DigestRecipient, DigestSection } from '../digest-items';
import { formatDate, formatDateTime, isoDate } from '../../time';
import { pairingHealth } from './health';
import * as proposals from './proposals';
import * as actions from './actions';
import { FORMER_MEMBER, feedbackGiven, lastMeetings, people, today } from './store';

/** Next meetings this many days ahead appear in the digest. */
export const NEXT_MEETINGS_DAYS = 14;
/** Open actions listed per pairing in a digest (the rest are on the pairing page). */
export const ACTIONS_PER_PAIRING = 5;
/** Open requests a coordinator's digest names (oldest first; the rest are counted). */
export const REQUESTS_LISTED = 10;
/** A closed pairing asks for feedback in digests for this many days. */
export const FEEDBACK_DAYS = 30;
const DAY = 86_400_000;

const dateWords = (d: string) => formatDate(Date.parse(`${d}T12:00:00Z`));

// Every member's digest asks these questions (20,000 in a run): prepared once per connection.
const memberParam = sql.placeholder('memberId');

/**
 * The member's pairings a digest speaks of: the active ones, and those closed after `after`
 * (feedback wanted). Mentor side, then mentee side, each looked up by (mentor_id|mentee_id) alone
 * — a member has a handful of pairings at most — as one statement rather than two ORs of index
 * lookups; the mentee side leaves out a pairing the mentor side found already.
 */
const pairingsQuery = prepared(() => {
	const wanted = or(eq(pairing.status, 'active'), and(inArray(pairing.status, ['completed', 'ended-early']), gt(pairing.closedAt, sql.placeholder('after'))));
	return db
		.select()
		.from(pairing)
		.where(and(eq(pairing.mentorId, memberParam), wanted))
		.unionAll(
			db
				.select()
				.from(pairing)
				.where(and(eq(pairing.menteeId, memberParam), sql`${pairing.mentorId} is not ${memberParam}`, wanted))
		)
		.prepare();
});

/**
 * Booked meetings of some pairings after `now`. Looked up by pairing (`+status`, `+starts_at`: not
 * by the network-wide index of booked meetings by start, which a database without planner
 * statistics would otherwise choose).
 */
const bookedQuery = prepared(() =>
	db
		.select()
		.from(pairingBooking)
		.where(and(inJson(pairingBooking.pairingId, 'ids'), sql`+${pairingBooking.status} = 'booked'`, sql`+${pairingBooking.startsAt} > ${sql.placeholder('now')}`))
		.prepare()
);

/** A region's open requests for a mentor, oldest first (a coordinator's digest and home page). */
const openRequestsQuery = prepared(() =>
	db
		.select({ id: mentorRequest.id, memberId: mentorRequest.memberId, createdAt: mentorRequest.createdAt })
		.from(mentorRequest)
		.where(and(eq(mentorRequest.status, 'open'), eq(mentorRequest.regionId, sql.placeholder('regionId'))))
		.orderBy(asc(mentorRequest.createdAt), asc(mentorRequest.id))
		.prepare()
);

/** What is new in mentoring for one member since `since` (null when there is nothing to say). */
export function digestSection(recipient: DigestRecipient, since: number, now: number): DigestSection | null {
	const groups: DigestGroup[] = [];
	let hasNew = false;

	const awaiting = proposals.awaitingAnswer(recipient.id);
	if (awaiting.length) {
		groups.push({
			title: 'Mentoring proposals waiting for your answer',
			items: awaiting.map((a) => ({
				text: a.asMentor ? `Would you mentor ${a.otherName}${a.otherAuthority ? ` (${a.otherAuthority})` : ''}?` : `A mentor has been proposed for you: ${a.otherName}`,
				href: `/mentoring/proposals/${a.id}`,
				note: a.explanation
			}))
		});
		if (awaiting.some((a) => a.createdAt > since)) hasNew = true;
	}

	const mine = pairingsQuery().all({ memberId: recipient.id, after: now - FEEDBACK_DAYS * DAY });
	const active = mine.filter((p) => p.status === 'active');
	const ids = active.map((p) => p.id);
	const who = people(mine.flatMap((p) => [p.mentorId, p.menteeId]));
	const otherName = (p: (typeof mine)[number]) => who.get((p.mentorId === recipient.id ? p.menteeId : p.mentorId) ?? -1)?.name ?? FORMER_MEMBER;

	const upcoming = ids.length
		? bookedQuery()
				.all({ ids: jsonList(ids), now })
				.filter((b) => b.startsAt <= now + NEXT_MEETINGS_DAYS * DAY)
				.sort((a, b) => a.startsAt - b.startsAt)
		: [];
	if (upcoming.length) {
		groups.push({
			title: 'Your next mentoring meetings',
			items: upcoming.map((b) => {
				const p = active.find((x) => x.id === b.pairingId)!;
				return { text: `Mentoring with ${otherName(p)}`, href: `/mentoring/pairings/${p.id}`, note: formatDateTime(b.startsAt) };
			})
		});
		if (upcoming.some((b) => b.updatedAt > since)) hasNew = true;
	}

	const day = today(now);
	const sinceDay = isoDate(since);
	const open = actions.openOf(active, now);
	for (const p of active) {
		const list = open.get(p.id) ?? [];
		if (list.length === 0) continue;
		const mySide = p.mentorId === recipient.id ? 'mentor' : 'mentee';
		const whose = (a: actions.ActionView) => (a.owner === 'both' ? 'Both of you' : a.owner === mySide ? 'You' : a.ownerName);
		groups.push({
			title: `Open actions in your mentoring with ${otherName(p)}`,
			items: list.slice(0, ACTIONS_PER_PAIRING).map((a) => ({ text: `${whose(a)}: ${a.text}`, href: `/mentoring/pairings/${p.id}`, note: a.due })),
			more: list.length > ACTIONS_PER_PAIRING ? list.length - ACTIONS_PER_PAIRING : undefined,
			moreHref: `/mentoring/pairings/${p.id}`
		});
		// New since the last digest: agreed since, or come due since.
		if (list.some((a) => a.createdAt > since || (a.dueOn != null && a.dueOn >= sinceDay && a.dueOn < day))) hasNew = true;
	}

	const last = lastMeetings(ids);
	const overdue: DigestItem[] = [];
	for (const p of active) {
		const lastMeetingOn = last.get(p.id) ?? null;
		const h = pairingHealth({ ...p, lastMeetingOn }, day);
		if (h.state !== 'overdue') continue;
		const asMentor = p.mentorId === recipient.id;
		const what = lastMeetingOn ? `since ${dateWords(lastMeetingOn)}` : 'yet';
		overdue.push({
			text: asMentor ? `No meeting with your mentee ${otherName(p)} logged ${what}` : `No meeting with your mentor ${otherName(p)} logged ${what}`,
			href: `/mentoring/pairings/${p.id}`,
			note: `you agreed to meet every ${p.rhythmWeeks} weeks`
		});
		if (h.overdueSince && h.overdueSince > sinceDay) hasNew = true;
	}
	if (overdue.length) groups.push({ title: 'Mentoring check-ins overdue', items: overdue });

	const closed = mine.filter((p) => p.status !== 'active');
	if (closed.length) {
		const given = feedbackGiven(recipient.id, closed.map((p) => p.id));
		const wanted = closed.filter((p) => !given.has(p.id));
		if (wanted.length) {
			groups.push({
				title: 'Tell us how your mentoring went',
				items: wanted.map((p) => ({
					text: `Give feedback on your mentoring with ${otherName(p)}`,
					href: `/mentoring/pairings/${p.id}/close`
				}))
			});
			if (wanted.some((p) => (p.closedAt ?? 0) > since)) hasNew = true;
		}
	}

	const coordinated = recipient.role === 'coordinator' ? recipient.coordinatorRegionId : null;
	if (coordinated) {
		const open = openRequestsQuery().all({ regionId: coordinated });
		if (open.length) {
			const asking = people(open.slice(0, REQUESTS_LISTED).map((r) => r.memberId));
			// First: for a coordinator, a member waiting for a mentor is the thing to act on.
			groups.unshift({
				title: 'Members in your region waiting for a mentor',
				items: open.slice(0, REQUESTS_LISTED).map((r) => {
					const who = asking.get(r.memberId);
					return {
						text: `${who?.name ?? FORMER_MEMBER}${who?.authorityName ? ` (${who.authorityName})` : ''} asks for a mentor`,
						href: '/mentoring/coordinate/match',
						note: `waiting since ${formatDate(r.createdAt)}`
					};
				}),
				more: open.length > REQUESTS_LISTED ? open.length - REQUESTS_LISTED : undefined,
				moreHref: '/mentoring/coordinate'
			});
			// New ones are news here unless the coordinator had each emailed at once.
			if (open.some((r) => r.createdAt > since) && choiceFor(recipient.id, 'mentorRequest') !== 'immediately') hasNew = true;
		}
	}

	if (groups.length === 0) return null;
	return { area: 'mentoring', title: 'Mentoring', groups, hasNew };
}

/**
 * Suggestions for a coordinator's regional digest (or the national one when `regionId` is null):
 * how many pairings started and how many members are waiting for a mentor. Aggregates only.
 */
export function regionalDigestGroups(regionId: string | null, since: number, _now: number): DigestGroup[] {
	const started = db
		.select({ id: pairing.id })
		.from(pairing)
		.where(and(regionId ? eq(pairing.regionId, regionId) : undefined, gt(pairing.createdAt, since)))
		.all().length;
	const waiting = db
		.select({ id: mentorRequest.id })
		.from(mentorRequest)
		.where(and(regionId ? eq(mentorRequest.regionId, regionId) : undefined, eq(mentorRequest.status, 'open')))
		.all().length;
	const items: DigestItem[] = [];
	if (started > 0) items.push({ text: `${started} new mentoring ${started === 1 ? 'pairing has' : 'pairings have'} started`, href: '/mentoring' });
	if (waiting > 0) {
		items.push({
			text: `Mentors wanted: ${waiting} ${waiting === 1 ? 'member is' : 'members are'} waiting for a mentor`,
			href: '/mentoring/offer',
			note: 'offer an hour a month to a new Lead Member'
		});
	}
	return items.length ? [{ title: 'Mentoring', items }] : [];
}
