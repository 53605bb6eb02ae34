/**
 * iCalendar (RFC 5545 / RFC 5546 iTIP) files for meeting invitations and downloadable events,
 * built with ical-generator.
 *
 * Times are written in UTC ("DTSTART:20260701T090000Z"), not as TZID=Europe/London with a
 * VTIMEZONE. Every event here is a single occurrence stored as a UTC instant, so UTC is exact
 * and unambiguous across UK clock changes, needs no VTIMEZONE block (which ical-generator can
 * only emit with an extra generator library, and which clients sometimes ignore or get wrong),
 * and every calendar client shows it in the reader's own zone. TZID would only earn its keep
 * for recurring events, which must follow the wall clock through a clock change.
 */
import ical, {
	ICalAttendeeRole,
	ICalAttendeeStatus,
	ICalCalendarMethod,
	ICalEventStatus,
	type ICalAttendeeData,
	type ICalCalendar
} from 'ical-generator';

/** Used when the caller gives no PRODID. */
export const DEFAULT_PROD_ID = '-//Lead Member Network//Meetings//EN';

/** A person in an invitation. */
export type CalendarPerson = { name: string; email: string };

/** The event itself: a single occurrence between two UTC instants (epoch ms). */
export type EventDetails = {
	uid: string;
	start: number;
	end: number;
	summary: string;
	description?: string;
	location?: string;
	url?: string;
	/** DTSTAMP: when this version of the file was made; defaults to now. */
	stamp?: number;
	prodId?: string;
};

/** An iTIP invitation (REQUEST) or its cancellation (CANCEL). */
export type MeetingInviteOptions = EventDetails & {
	/** Increase it every time the meeting changes, including when it is cancelled. */
	sequence: number;
	method: 'REQUEST' | 'CANCEL';
	organizer: CalendarPerson;
	attendees: CalendarPerson[];
};

/**
 * Flatten to one line: ical-generator escapes TEXT values (SUMMARY, DESCRIPTION, LOCATION)
 * but writes UID, URL, e-mail addresses and CN parameters as given, so a line break there
 * would start a new property. Control characters become spaces.
 */
function oneLine(value: string): string {
	// eslint-disable-next-line no-control-regex
	return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** A CN parameter value: one line, and no double quotes (RFC 5545 forbids them in parameters). */
function paramText(value: string): string {
	return oneLine(value).replaceAll('"', "'");
}

function newCalendar(method: ICalCalendarMethod, prodId: string | undefined): ICalCalendar {
	// ical-generator writes "PRODID:-" + the value, so drop a leading "-" from ours.
	return ical({ method, prodId: oneLine(prodId ?? DEFAULT_PROD_ID).replace(/^-/, '') });
}

/** RFC 5545 ends every content line with CRLF, the last one included. */
function finish(calendar: ICalCalendar): string {
	return `${calendar.toString()}\r\n`;
}

function eventData(opts: EventDetails) {
	if (!(opts.end >= opts.start)) throw new RangeError('An event cannot end before it starts');
	return {
		id: oneLine(opts.uid),
		start: new Date(opts.start),
		end: new Date(opts.end),
		stamp: new Date(opts.stamp ?? Date.now()),
		summary: opts.summary,
		description: opts.description ?? null,
		location: opts.location ?? null,
		url: opts.url === undefined ? null : oneLine(opts.url)
	};
}

/**
 * A meeting invitation as a VCALENDAR with METHOD:REQUEST (STATUS:CONFIRMED) or METHOD:CANCEL
 * (STATUS:CANCELLED) and one VEVENT. Keep `uid` stable for the life of the meeting and raise
 * `sequence` with every update so calendars replace the earlier copy. Attendees are asked to
 * reply (RSVP=TRUE, PARTSTAT=NEEDS-ACTION) on a REQUEST; a CANCEL lists them without asking
 * for a reply, as in RFC 5546's examples. Lines end CRLF and are folded at 75 octets.
 */
export function meetingInvite(opts: MeetingInviteOptions): string {
	const request = opts.method === 'REQUEST';
	const calendar = newCalendar(
		request ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
		opts.prodId
	);
	const attendees: ICalAttendeeData[] = opts.attendees.map((person) => ({
		name: paramText(person.name),
		email: oneLine(person.email),
		role: ICalAttendeeRole.REQ,
		status: ICalAttendeeStatus.NEEDSACTION,
		rsvp: request ? true : null
	}));
	calendar.createEvent({
		...eventData(opts),
		sequence: opts.sequence,
		status: request ? ICalEventStatus.CONFIRMED : ICalEventStatus.CANCELLED,
		organizer: { name: paramText(opts.organizer.name), email: oneLine(opts.organizer.email) },
		attendees
	});
	return finish(calendar);
}

/** A single event with METHOD:PUBLISH, for an "add to calendar" .ics download. */
export function eventFile(opts: EventDetails): string {
	const calendar = newCalendar(ICalCalendarMethod.PUBLISH, opts.prodId);
	calendar.createEvent({ ...eventData(opts), status: ICalEventStatus.CONFIRMED });
	return finish(calendar);
}
