/**
 * Calendar invitations for a pairing's next meeting (RFC 5546): METHOD:REQUEST when booked or
 * changed, METHOD:CANCEL when cancelled; one UID for the life of the meeting, SEQUENCE raised
 * with every change. Times are UTC instants, so UK clock changes cannot move them.
 */
import { randomUUID } from 'node:crypto';
import { eventFile, meetingInvite, type CalendarPerson } from '../calendar';
import { meetingLink } from './meeting-link';
import { config } from '../config';
import { absoluteUrl } from '../mail/layout';
import { MEETING_MODES, label } from '../../vocab';

/** A new, stable UID for a booked meeting. */
export function newMeetingUid(): string {
	return `mentoring-${randomUUID()}@${new URL(config().origin).hostname}`;
}

/** The network itself organises the meeting: the address emails come from. */
export function organiser(): CalendarPerson {
	const from = config().mailFrom;
	const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
	return m ? { name: m[1].trim() || 'Lead Member Network', email: m[2].trim() } : { name: 'Lead Member Network', email: from.trim() };
}

/** What an invitation says about the meeting. */
export type InviteMeeting = {
	uid: string;
	sequence: number;
	startsAt: number;
	endsAt: number;
	mode: string;
	location: string;
	pairingId: number;
};

/** What the invitation and the downloaded file both say: summary, description, place and link. */
function details(m: InviteMeeting, names: { mentor: string; mentee: string }) {
	const page = absoluteUrl(`/mentoring/pairings/${m.pairingId}`);
	const how = label(MEETING_MODES, m.mode).toLowerCase();
	const link = meetingLink(m.location);
	return {
		summary: `Mentoring: ${names.mentor} and ${names.mentee}`,
		description: `Mentoring meeting (${how}). ${link ? 'Join' : 'Where'}: ${m.location}\nYour mentoring page: ${page}`,
		location: m.location,
		url: link ?? page
	};
}

/** The .ics text of an invitation (or its cancellation) for both members of the pair. */
export function meetingIcs(
	m: InviteMeeting,
	pair: { mentor: CalendarPerson; mentee: CalendarPerson },
	method: 'REQUEST' | 'CANCEL',
	stamp = Date.now()
): string {
	return meetingInvite({
		uid: m.uid,
		sequence: m.sequence,
		method,
		start: m.startsAt,
		end: m.endsAt,
		stamp,
		...details(m, { mentor: pair.mentor.name, mentee: pair.mentee.name }),
		organizer: organiser(),
		attendees: [pair.mentor, pair.mentee]
	});
}

/** The booked meeting as a file to add to a calendar (METHOD:PUBLISH, the invitation's UID). */
export function meetingCalendarFile(m: InviteMeeting, names: { mentor: string; mentee: string }, stamp = Date.now()): string {
	return eventFile({ uid: m.uid, start: m.startsAt, end: m.endsAt, stamp, ...details(m, names) });
}
