import { describe, expect, it } from 'vitest';
import { locationProblem, meetingLink } from './meeting-link';

describe('a meeting link', () => {
	it('is an http or https address and nothing else', () => {
		expect(meetingLink('https://meet.example.org/sarah-tom')).toBe('https://meet.example.org/sarah-tom');
		expect(meetingLink('  http://teams.example.org/l/meetup?id=1  ')).toBe('http://teams.example.org/l/meetup?id=1');
		for (const bad of ['javascript:alert(1)', 'JAVASCRIPT://%0aalert(1)', 'data:text/html,<b>x</b>', 'ftp://files.example.org', 'msteams://join', 'https://', 'https:// spaced.example.org', 'Hackney Town Hall', '01234 567890', 'https://meet.example.org/a and more']) {
			expect(meetingLink(bad), bad).toBeNull();
		}
	});

	it('is required for an online meeting, with a message saying what to enter', () => {
		expect(locationProblem('online', 'https://meet.example.org/a')).toBeNull();
		expect(locationProblem('online', 'Video call')).toMatch(/^Enter the link to join the online meeting, starting with https:\/\//);
		expect(locationProblem('online', 'javascript:alert(1)')).toMatch(/^Enter the link/);
		expect(locationProblem('online', 'ftp://meet.example.org')).toMatch(/^Enter the link/);
	});

	it('lets a place or phone number stand, but refuses addresses that are not web links', () => {
		expect(locationProblem('in-person', 'Hackney Town Hall, Mare Street')).toBeNull();
		expect(locationProblem('in-person', 'Room 3: the members’ lounge')).toBeNull();
		expect(locationProblem('phone', '01234 567890')).toBeNull();
		expect(locationProblem('phone', 'https://meet.example.org/dial-in')).toBeNull();
		for (const bad of ['javascript:alert(1)', 'Town hall data:text/html,x', 'ftp://files.example.org/room', 'see www.example.org', 'tel:01234567890']) {
			expect(locationProblem('in-person', bad), bad).toMatch(/^Enter a place or a phone number, or a web link on its own/);
		}
	});
});
