/**
 * Mentoring emails, all through the outbox. Notifications (proposals, answers, a pairing
 * starting, feedback wanted) follow each member's choice for "mentoring" — sent at once only
 * when they chose "immediately"; "in my digest" shows them in the digest instead. Calendar
 * invitations always go: they are the meeting itself.
 */
import { enqueue } from '../mail/outbox';
import { mayEmail } from '../mail/engagement';
import { renderEmail, type EmailBlock } from '../mail/layout';
import { choiceFor } from '../mail/preferences';
import { listHeaders, unsubscribeUrl } from '../mail/unsubscribe';
import { replyAddress, type ReplyTarget } from '../mail/reply-keys';
import * as members from '../network/members';
import { formatDate, formatDateTime, formatTime } from '../../time';
import { MEETING_MODES, POSITIONS, TOPICS, label } from '../../vocab';
import { meetingIcs, type InviteMeeting } from './invites';
import type { Person } from './store';

type Recipient = Pick<Person, 'id' | 'name' | 'email'>;

const REASON = 'You get this email because you take part in mentoring on the Lead Member Network.';

/** What replying to a mentoring email does: its target (a pairing's meeting log, a proposal) and the line saying who sees it. */
type Reply = { target: ReplyTarget; line: string };

/** Replying to an email about a pairing adds a note to its meeting log, seen only by the pair. */
function logReply(pairingId: number, other: 'mentor' | 'mentee'): Reply {
	return { target: { kind: 'pairing', id: pairingId }, line: `Reply to this email to add a note to your meeting log — it is visible only to you and your ${other}.` };
}

/** Sends a mentoring notification if the member wants it now; returns whether it was queued. */
function notification(to: Recipient, key: string, subject: string, heading: string, blocks: EmailBlock[], now: number, reply?: Reply): boolean {
	if (choiceFor(to.id, 'mentoring') !== 'immediately' || !mayEmail(to, now)) return false;
	const { html, text } = renderEmail({
		heading,
		preheader: subject,
		blocks,
		...(reply ? { reply: { line: reply.line } } : {}),
		reason: REASON,
		footerLinks: [
			{ text: 'Change your email settings', href: '/settings/email' },
			{ text: 'Stop mentoring emails', href: unsubscribeUrl(to.id, 'mentoring') }
		]
	});
	enqueue(
		{
			key,
			kind: 'mentoring',
			to: to.email,
			recipientId: to.id,
			subject,
			text,
			html,
			headers: { ...listHeaders(to.id, 'mentoring', 'Mentoring notifications'), ...(reply ? { 'Reply-To': replyAddress(to.id, reply.target) } : {}) }
		},
		now
	);
	return true;
}

function describe(p: Person): string {
	return `${p.name} (${label(POSITIONS, p.position)}, ${p.authorityName})`;
}

/** A coordinator confirmed a match: ask the mentee and the mentor to answer. */
export function proposalConfirmed(
	proposal: { id: number; explanation: string },
	mentor: Person,
	mentee: Person,
	coordinatorName: string,
	now: number
) {
	const href = `/mentoring/proposals/${proposal.id}`;
	notification(
		mentee,
		`mentoring:proposal:${proposal.id}:member:${mentee.id}`,
		`A mentor has been proposed for you: ${mentor.name}`,
		'Your coordinator has proposed a mentor',
		[
			{ kind: 'paragraph', text: `${coordinatorName} has proposed ${describe(mentor)} as your mentor.` },
			{ kind: 'paragraph', text: `Why this match: ${proposal.explanation}` },
			{ kind: 'button', text: 'Accept or decline', href },
			{ kind: 'paragraph', text: `${mentor.name} has been asked too. Your mentoring starts when you have both accepted.` }
		],
		now,
		proposalReply(proposal.id, mentor.name)
	);
	notification(
		mentor,
		`mentoring:proposal:${proposal.id}:member:${mentor.id}`,
		`Would you mentor ${mentee.name} (${mentee.authorityName})?`,
		`Would you mentor ${mentee.name}?`,
		[
			{ kind: 'paragraph', text: `${coordinatorName} has proposed you as mentor to ${describe(mentee)}.` },
			{ kind: 'paragraph', text: `Why this match: ${proposal.explanation}` },
			{ kind: 'button', text: 'Read their goals and answer', href },
			{ kind: 'paragraph', text: `${mentee.name} has been asked too. Your mentoring starts when you have both accepted.` }
		],
		now,
		proposalReply(proposal.id, mentee.name)
	);
}

/** Replying "yes" or "no" to a proposal answers it; the coordinator sees the answer, the other member whether it goes ahead. */
function proposalReply(proposalId: number, otherName: string): Reply {
	return {
		target: { kind: 'proposal', id: proposalId },
		line: `Reply to this email with "yes" to accept or "no" to decline (add your reason on the next line) — your answer is seen by your coordinator, and ${otherName} is told whether the match goes ahead.`
	};
}

/** One side declined: tell the other side, and the coordinators who can find another match. */
export function proposalDeclined(
	proposal: { id: number; regionId: string },
	decliner: Person,
	other: Person,
	side: 'mentor' | 'mentee',
	reason: string,
	mentee: Person,
	now: number
) {
	notification(
		other,
		`mentoring:declined:${proposal.id}:member:${other.id}`,
		`Your mentoring match with ${decliner.name} will not go ahead`,
		'This match will not go ahead',
		[
			{ kind: 'paragraph', text: `${decliner.name} has declined the proposed mentoring match, so it will not go ahead.` },
			{
				kind: 'paragraph',
				text: side === 'mentor' ? 'Your request is back with your coordinator, who will look for another mentor for you.' : 'Thank you for offering. Your coordinator may propose you to someone else.'
			},
			{ kind: 'button', text: 'Go to mentoring', href: '/mentoring' }
		],
		now
	);
	for (const c of coordinatorsOf(proposal.regionId)) {
		if (c.id === decliner.id || c.id === other.id) continue;
		notification(
			c,
			`mentoring:declined:${proposal.id}:member:${c.id}`,
			`A mentoring match for ${mentee.name} was declined`,
			'A mentoring match was declined',
			[
				{ kind: 'paragraph', text: `${decliner.name} (the ${side}) declined the match for ${mentee.name}. The request is open again.` },
				{ kind: 'paragraph', text: `Their reason: ${reason}` },
				{ kind: 'button', text: 'Find another mentor', href: '/mentoring/coordinate/match' }
			],
			now
		);
	}
}

/** Both accepted: the pairing has started. */
export function pairingStarted(pairingId: number, mentor: Person, mentee: Person, endsOn: string, now: number) {
	const href = `/mentoring/pairings/${pairingId}`;
	const ends = formatDate(Date.parse(`${endsOn}T12:00:00Z`));
	for (const [to, other] of [
		[mentee, mentor],
		[mentor, mentee]
	] as const) {
		notification(
			to,
			`mentoring:paired:${pairingId}:member:${to.id}`,
			`Your mentoring with ${other.name} has started`,
			'Your mentoring has started',
			[
				{ kind: 'paragraph', text: `You and ${describe(other)} have both accepted. Your mentoring runs until ${ends}, and you can extend it.` },
				{ kind: 'paragraph', text: 'Start by agreeing your goals and booking your first meeting: both of you get a calendar invitation.' },
				{ kind: 'button', text: 'Open your mentoring page', href }
			],
			now,
			logReply(pairingId, to.id === mentee.id ? 'mentor' : 'mentee')
		);
	}
}

/** A coordinator withdrew a proposal before both had answered. */
export function proposalWithdrawn(proposalId: number, mentor: Person, mentee: Person, now: number) {
	for (const [to, other] of [
		[mentee, mentor],
		[mentor, mentee]
	] as const) {
		notification(
			to,
			`mentoring:withdrawn:${proposalId}:member:${to.id}`,
			`The mentoring match with ${other.name} has been withdrawn`,
			'A proposed match has been withdrawn',
			[
				{ kind: 'paragraph', text: `Your coordinator has withdrawn the proposed mentoring match with ${other.name}. You do not need to do anything.` },
				{ kind: 'button', text: 'Go to mentoring', href: '/mentoring' }
			],
			now
		);
	}
}

/** The mentee withdrew their request while a proposal waited: tell the proposed mentor. */
export function requestWithdrawn(proposalId: number, mentor: Person, mentee: Person, now: number) {
	notification(
		mentor,
		`mentoring:request-withdrawn:${proposalId}:member:${mentor.id}`,
		`${mentee.name} no longer needs a mentor`,
		'A proposed match will not go ahead',
		[
			{ kind: 'paragraph', text: `${mentee.name} has withdrawn their request for a mentor, so the proposed match will not go ahead. You do not need to do anything.` },
			{ kind: 'button', text: 'Go to mentoring', href: '/mentoring' }
		],
		now
	);
}

/** A check-in is overdue: a nudge to meet (or to log the meeting already held). */
export function overdueReminder(pairingId: number, dueBy: string, to: Person, line: string, rhythmWeeks: number, now: number, other: 'mentor' | 'mentee' = 'mentor') {
	notification(
		to,
		`mentoring:overdue:${pairingId}:${dueBy}:member:${to.id}`,
		'Your mentoring check-in is overdue',
		'Time for a mentoring check-in',
		[
			{ kind: 'paragraph', text: `${line} You agreed to meet every ${rhythmWeeks} weeks.` },
			{ kind: 'paragraph', text: 'If you have met, log the meeting. If not, book the next one: you will both get a calendar invitation.' },
			{ kind: 'button', text: 'Open your mentoring page', href: `/mentoring/pairings/${pairingId}` }
		],
		now,
		logReply(pairingId, other)
	);
}

/** A pairing closed: ask for feedback from a member who has not given it. */
export function feedbackWanted(pairingId: number, to: Person, other: Person | null, closedBy: string, now: number) {
	notification(
		to,
		`mentoring:feedback:${pairingId}:member:${to.id}`,
		`How did your mentoring${other ? ` with ${other.name}` : ''} go?`,
		'Your mentoring has closed',
		[
			{ kind: 'paragraph', text: `${closedBy} closed your mentoring${other ? ` with ${other.name}` : ''}.` },
			{ kind: 'paragraph', text: 'Please take a minute to rate it from 1 to 5 and say what went well or could be better. Your coordinator reads every answer.' },
			{ kind: 'button', text: 'Give feedback', href: `/mentoring/pairings/${pairingId}/close` }
		],
		now
	);
}

/**
 * Sends the calendar invitation (REQUEST) or cancellation (CANCEL) of a meeting to both members.
 * Always sent, whatever their notification choices.
 */
export function meetingInvitation(meeting: InviteMeeting, mentor: Recipient, mentee: Recipient, method: 'REQUEST' | 'CANCEL', now: number) {
	const ics = meetingIcs(meeting, { mentor: { name: mentor.name, email: mentor.email }, mentee: { name: mentee.name, email: mentee.email } }, method, now);
	const when = formatDateTime(meeting.startsAt);
	const how = label(MEETING_MODES, meeting.mode).toLowerCase();
	const changed = meeting.sequence > 0;
	for (const [to, other] of [
		[mentor, mentee],
		[mentee, mentor]
	] as const) {
		const subject =
			method === 'CANCEL' ? `Mentoring meeting cancelled: ${when}` : changed ? `Mentoring meeting changed: ${when}` : `Mentoring meeting: ${when}`;
		const blocks: EmailBlock[] =
			method === 'CANCEL'
				? [
						{ kind: 'paragraph', text: `Your mentoring meeting with ${other.name} on ${when} has been cancelled.` },
						{ kind: 'paragraph', text: 'Your calendar should remove it when you open the attached update.' }
					]
				: [
						{ kind: 'paragraph', text: `${changed ? 'The time or place has changed. ' : ''}Mentoring with ${other.name}.` },
						{
							kind: 'list',
							items: [
								{ text: `When: ${formatDate(meeting.startsAt)}, ${formatTime(meeting.startsAt)} to ${formatTime(meeting.endsAt)} (UK time)` },
								{ text: `How: ${how}` },
								{ text: `Where: ${meeting.location}` }
							]
						},
						{ kind: 'paragraph', text: 'The invitation is attached: add it to your calendar.' }
					];
		blocks.push({ kind: 'button', text: 'Open your mentoring page', href: `/mentoring/pairings/${meeting.pairingId}` });
		const reply = logReply(meeting.pairingId, to.id === mentee.id ? 'mentor' : 'mentee');
		const { html, text } = renderEmail({
			heading: method === 'CANCEL' ? 'Mentoring meeting cancelled' : changed ? 'Mentoring meeting changed' : 'Mentoring meeting',
			preheader: subject,
			blocks,
			reply: { line: reply.line },
			reason: 'You get this email because a meeting of your mentoring pairing was booked, changed or cancelled.',
			footerLinks: [{ text: 'Change your email settings', href: '/settings/email' }]
		});
		enqueue(
			{
				key: `mentoring:invite:${meeting.uid}:${meeting.sequence}:${method}:member:${to.id}`,
				kind: 'mentoring-invite',
				to: to.email,
				recipientId: to.id,
				subject,
				text,
				html,
				headers: { 'Reply-To': replyAddress(to.id, reply.target) },
				icalEvent: { method, content: ics, filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics' }
			},
			now
		);
	}
}

/**
 * A member asked for a mentor: email the region's coordinators who chose "immediately" for
 * mentor requests (the others see it in their digest, or only on the site).
 */
export function mentorRequested(request: { id: number; regionId: string; createdAt: number; focusTopics: string[] }, mentee: Person, now: number) {
	for (const c of coordinatorsOf(request.regionId)) {
		if (c.id === mentee.id || choiceFor(c.id, 'mentorRequest') !== 'immediately' || !mayEmail(c, now)) continue;
		const subject = `${mentee.name} (${mentee.authorityName}) asks for a mentor`;
		const { html, text } = renderEmail({
			heading: `${mentee.name} asks for a mentor`,
			preheader: subject,
			blocks: [
				{ kind: 'paragraph', text: `${describe(mentee)} asked for a mentor on ${formatDate(request.createdAt)}.` },
				{ kind: 'paragraph', text: `Focus: ${request.focusTopics.map((t) => label(TOPICS, t)).join(', ')}.` },
				{ kind: 'button', text: 'Match mentors to open requests', href: '/mentoring/coordinate/match' }
			],
			reason: 'You get this email because you coordinate mentoring in your region on the Lead Member Network.',
			footerLinks: [
				{ text: 'Get these in your digest instead', href: '/settings/email' },
				{ text: 'Stop these emails', href: unsubscribeUrl(c.id, 'mentorRequest') }
			]
		});
		enqueue(
			{
				key: `mentoring:request:${request.id}:coordinator:${c.id}`,
				kind: 'mentoring',
				to: c.email,
				recipientId: c.id,
				subject,
				text,
				html,
				headers: listHeaders(c.id, 'mentorRequest', 'Mentor requests in your region')
			},
			now
		);
	}
}

/** The coordinators of a region; the admins when it has none. */
export function coordinatorsOf(regionId: string): Recipient[] {
	const coordinators = members.regionCoordinators(regionId);
	return coordinators.length > 0 ? coordinators : members.admins();
}
