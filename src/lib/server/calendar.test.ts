import { describe, expect, it } from 'vitest';
import { eventFile, meetingInvite, type MeetingInviteOptions } from './calendar';
import { londonDateTimeToUtc } from '../time';

type Line = { name: string; params: Record<string, string>; value: string };

/** Unfold (RFC 5545 §3.1) and split each content line into name, parameters and value. */
function parseIcs(ics: string): Line[] {
	const unfolded = ics.replace(/\r\n[ \t]/g, '');
	return unfolded
		.split('\r\n')
		.filter((line) => line !== '')
		.map((line) => {
			// Find the first ':' that is not inside a quoted parameter value.
			let quoted = false;
			let colon = -1;
			for (let i = 0; i < line.length; i++) {
				if (line[i] === '"') quoted = !quoted;
				else if (line[i] === ':' && !quoted) {
					colon = i;
					break;
				}
			}
			const head = line.slice(0, colon);
			const value = line.slice(colon + 1);
			const [name = '', ...rawParams] = head.match(/(?:[^;"]|"[^"]*")+/g) ?? [];
			const params: Record<string, string> = {};
			for (const param of rawParams) {
				const eq = param.indexOf('=');
				params[param.slice(0, eq).toUpperCase()] = param.slice(eq + 1).replace(/^"(.*)"$/, '$1');
			}
			return { name: name.toUpperCase(), params, value };
		});
}

/** RFC 5545 §3.3.11 TEXT unescaping. */
function unescapeText(value: string): string {
	return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

const one = (lines: Line[], name: string) => {
	const found = lines.filter((l) => l.name === name);
	expect(found, name).toHaveLength(1);
	return found[0];
};

const london = (date: string, time: string) => londonDateTimeToUtc(date, time)!;

const base: MeetingInviteOptions = {
	uid: 'meeting-42@leadmembers.example',
	sequence: 0,
	method: 'REQUEST',
	start: london('2026-07-01', '10:00'),
	end: london('2026-07-01', '11:30'),
	summary: 'Mentoring catch-up',
	organizer: { name: 'Cllr Alex Smith', email: 'alex@example.gov.uk' },
	attendees: [
		{ name: 'Cllr Sam Jones', email: 'sam@example.gov.uk' },
		{ name: 'Cllr Priya Patel', email: 'priya@example.gov.uk' }
	],
	stamp: Date.UTC(2026, 5, 20, 8, 15, 30)
};

describe('meetingInvite', () => {
	it('is a VCALENDAR with METHOD:REQUEST and one confirmed VEVENT', () => {
		const lines = parseIcs(meetingInvite(base));
		expect(lines[0]).toMatchObject({ name: 'BEGIN', value: 'VCALENDAR' });
		expect(lines.at(-1)).toMatchObject({ name: 'END', value: 'VCALENDAR' });
		expect(one(lines, 'VERSION').value).toBe('2.0');
		expect(one(lines, 'PRODID').value).toBe('-//Lead Member Network//Meetings//EN');
		expect(one(lines, 'METHOD').value).toBe('REQUEST');
		expect(lines.filter((l) => l.name === 'BEGIN' && l.value === 'VEVENT')).toHaveLength(1);
		expect(one(lines, 'UID').value).toBe('meeting-42@leadmembers.example');
		expect(one(lines, 'SEQUENCE').value).toBe('0');
		expect(one(lines, 'STATUS').value).toBe('CONFIRMED');
		expect(one(lines, 'DTSTAMP').value).toBe('20260620T081530Z');
		expect(unescapeText(one(lines, 'SUMMARY').value)).toBe('Mentoring catch-up');
	});

	it('writes a summer (BST) meeting in UTC: 10:00 London on 1 July is 09:00Z', () => {
		const lines = parseIcs(meetingInvite(base));
		expect(one(lines, 'DTSTART')).toEqual({ name: 'DTSTART', params: {}, value: '20260701T090000Z' });
		expect(one(lines, 'DTEND').value).toBe('20260701T103000Z');
	});

	it('writes a winter (GMT) meeting in UTC: 10:00 London on 1 December is 10:00Z', () => {
		const ics = meetingInvite({
			...base,
			start: london('2026-12-01', '10:00'),
			end: london('2026-12-01', '11:00')
		});
		const lines = parseIcs(ics);
		expect(one(lines, 'DTSTART').value).toBe('20261201T100000Z');
		expect(one(lines, 'DTEND').value).toBe('20261201T110000Z');
		expect(ics).not.toContain('TZID');
		expect(ics).not.toContain('VTIMEZONE');
	});

	it('names the organiser and asks each attendee to reply', () => {
		const lines = parseIcs(meetingInvite(base));
		const organizer = one(lines, 'ORGANIZER');
		expect(organizer.params.CN).toBe('Cllr Alex Smith');
		expect(organizer.value.toLowerCase()).toBe('mailto:alex@example.gov.uk');
		const attendees = lines.filter((l) => l.name === 'ATTENDEE');
		expect(attendees.map((a) => a.value.toLowerCase())).toEqual([
			'mailto:sam@example.gov.uk',
			'mailto:priya@example.gov.uk'
		]);
		for (const [i, attendee] of attendees.entries()) {
			expect(attendee.params).toMatchObject({
				CN: base.attendees[i].name,
				RSVP: 'TRUE',
				PARTSTAT: 'NEEDS-ACTION',
				ROLE: 'REQ-PARTICIPANT'
			});
		}
	});

	it('keeps the UID stable and carries the sequence through an update', () => {
		const first = parseIcs(meetingInvite(base));
		const moved = parseIcs(
			meetingInvite({ ...base, sequence: 1, start: base.start + 3_600_000, end: base.end + 3_600_000 })
		);
		expect(one(moved, 'UID').value).toBe(one(first, 'UID').value);
		expect(one(moved, 'SEQUENCE').value).toBe('1');
		expect(one(moved, 'DTSTART').value).toBe('20260701T100000Z');
	});

	it('cancels with METHOD:CANCEL and STATUS:CANCELLED, same UID, no reply asked', () => {
		const lines = parseIcs(meetingInvite({ ...base, method: 'CANCEL', sequence: 2 }));
		expect(one(lines, 'METHOD').value).toBe('CANCEL');
		expect(one(lines, 'STATUS').value).toBe('CANCELLED');
		expect(one(lines, 'UID').value).toBe(base.uid);
		expect(one(lines, 'SEQUENCE').value).toBe('2');
		const attendees = lines.filter((l) => l.name === 'ATTENDEE');
		expect(attendees).toHaveLength(2);
		for (const attendee of attendees) expect(attendee.params.RSVP).toBeUndefined();
	});

	it('includes description, location and URL when given', () => {
		const lines = parseIcs(
			meetingInvite({
				...base,
				description: 'Agenda: SEND, budgets',
				location: 'Room 2, County Hall',
				url: 'https://leadmembers.example/mentoring/42?tab=notes'
			})
		);
		expect(unescapeText(one(lines, 'DESCRIPTION').value)).toBe('Agenda: SEND, budgets');
		expect(unescapeText(one(lines, 'LOCATION').value)).toBe('Room 2, County Hall');
		expect(one(lines, 'URL').value).toBe('https://leadmembers.example/mentoring/42?tab=notes');
	});

	it('leaves out description, location and URL when not given', () => {
		const names = parseIcs(meetingInvite(base)).map((l) => l.name);
		expect(names).not.toContain('DESCRIPTION');
		expect(names).not.toContain('LOCATION');
		expect(names).not.toContain('URL');
	});

	it('uses the given PRODID, with or without the leading dash', () => {
		const a = parseIcs(meetingInvite({ ...base, prodId: '-//Example//Test//EN' }));
		const b = parseIcs(meetingInvite({ ...base, prodId: '//Example//Test//EN' }));
		expect(one(a, 'PRODID').value).toBe('-//Example//Test//EN');
		expect(one(b, 'PRODID').value).toBe('-//Example//Test//EN');
	});

	it('stamps DTSTAMP with the current time by default', () => {
		const { stamp: _omit, ...rest } = base;
		const before = Date.now();
		const value = one(parseIcs(meetingInvite(rest)), 'DTSTAMP').value;
		const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)!;
		const stamped = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
		expect(stamped).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
		expect(stamped).toBeLessThanOrEqual(Date.now());
	});

	it('refuses an event that ends before it starts', () => {
		expect(() => meetingInvite({ ...base, end: base.start - 1 })).toThrow(RangeError);
	});
});

describe('iCalendar text rules', () => {
	const tricky = {
		...base,
		summary: 'Budget, SEND; and "next steps"',
		description: 'Line one\nLine two, with a comma; and a semicolon\\backslash',
		location: 'Room 1, Town Hall; Main Street'
	};

	it('ends every line with CRLF, the last one included', () => {
		const ics = meetingInvite(tricky);
		expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
		expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
	});

	it('escapes commas, semicolons, backslashes and newlines in text', () => {
		const ics = meetingInvite(tricky);
		const lines = parseIcs(ics);
		expect(one(lines, 'SUMMARY').value).toBe('Budget\\, SEND\\; and "next steps"');
		expect(one(lines, 'LOCATION').value).toBe('Room 1\\, Town Hall\\; Main Street');
		expect(one(lines, 'DESCRIPTION').value).toBe(
			'Line one\\nLine two\\, with a comma\\; and a semicolon\\\\backslash'
		);
		expect(unescapeText(one(lines, 'DESCRIPTION').value)).toBe(tricky.description);
		expect(unescapeText(one(lines, 'SUMMARY').value)).toBe(tricky.summary);
	});

	it('folds lines at 75 octets, counting UTF-8 bytes', () => {
		const description = `${'Corporate parenting – é’ '.repeat(20)}end`;
		const ics = eventFile({ ...base, description, url: `https://leadmembers.example/${'x'.repeat(150)}` });
		const physical = ics.split('\r\n');
		expect(physical.some((line) => line.startsWith(' '))).toBe(true);
		for (const line of physical) {
			expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
		}
		// Folding never splits a character and unfolds back to the original text.
		expect(unescapeText(one(parseIcs(ics), 'DESCRIPTION').value)).toBe(description);
		expect(one(parseIcs(ics), 'URL').value).toBe(`https://leadmembers.example/${'x'.repeat(150)}`);
	});

	it('cannot be tricked into new properties by line breaks in unescaped fields', () => {
		const ics = meetingInvite({
			...base,
			uid: 'meeting-1@example\r\nX-INJECTED:uid',
			url: 'https://example.com/\nX-INJECTED:url',
			organizer: { name: 'Alex "the boss"\r\nX-INJECTED:cn', email: 'alex@example.com\nX-INJECTED:mail' },
			attendees: [{ name: 'Sam\rX-INJECTED:attendee', email: 'sam@example.com' }]
		});
		const lines = parseIcs(ics);
		expect(lines.map((l) => l.name).filter((n) => n.startsWith('X-INJECTED'))).toEqual([]);
		expect(ics).not.toMatch(/\r\nX-INJECTED/);
		expect(one(lines, 'UID').value).toBe('meeting-1@example X-INJECTED:uid');
		expect(one(lines, 'ORGANIZER').params.CN).toBe("Alex 'the boss' X-INJECTED:cn");
	});
});

describe('eventFile', () => {
	const event = {
		uid: 'training-7@leadmembers.example',
		start: london('2026-12-01', '10:00'),
		end: london('2026-12-01', '12:00'),
		summary: 'Ofsted ILACS briefing',
		location: 'Online',
		url: 'https://leadmembers.example/training/7',
		stamp: Date.UTC(2026, 10, 1)
	};

	it('publishes one event with no organiser or attendees', () => {
		const lines = parseIcs(eventFile(event));
		expect(one(lines, 'METHOD').value).toBe('PUBLISH');
		expect(one(lines, 'UID').value).toBe(event.uid);
		expect(one(lines, 'STATUS').value).toBe('CONFIRMED');
		expect(one(lines, 'DTSTART').value).toBe('20261201T100000Z');
		expect(one(lines, 'DTEND').value).toBe('20261201T120000Z');
		expect(one(lines, 'DTSTAMP').value).toBe('20261101T000000Z');
		expect(lines.filter((l) => l.name === 'BEGIN' && l.value === 'VEVENT')).toHaveLength(1);
		expect(lines.map((l) => l.name)).not.toContain('ORGANIZER');
		expect(lines.map((l) => l.name)).not.toContain('ATTENDEE');
	});

	it('writes a summer event in UTC as well', () => {
		const lines = parseIcs(
			eventFile({ ...event, start: london('2026-07-01', '10:00'), end: london('2026-07-01', '11:00') })
		);
		expect(one(lines, 'DTSTART').value).toBe('20260701T090000Z');
		expect(one(lines, 'DTEND').value).toBe('20260701T100000Z');
	});

	it('is the same file each time for the same input', () => {
		expect(eventFile(event)).toBe(eventFile(event));
	});
});
