import { describe, expect, it } from 'vitest';
import {
	daysBetween,
	formatDate,
	formatDateTime,
	formatShortDate,
	formatTime,
	isoDate,
	londonDateTimeToUtc,
	londonParts,
	londonWallClockToUtc,
	relativeTime
} from './time';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const utc = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);

describe('formatting in London time', () => {
	it('formats a winter (GMT) date and time', () => {
		const ms = utc(2026, 11, 23, 7, 0);
		expect(formatDate(ms)).toBe('23 November 2026');
		expect(formatShortDate(ms)).toBe('23 Nov 2026');
		expect(formatTime(ms)).toBe('7:00am');
		expect(formatDateTime(ms)).toBe('23 November 2026, 7:00am');
		expect(isoDate(ms)).toBe('2026-11-23');
	});

	it('shows summer instants an hour ahead of UTC (BST)', () => {
		const ms = utc(2026, 7, 1, 9, 0);
		expect(formatTime(ms)).toBe('10:00am');
		expect(formatDateTime(ms)).toBe('1 July 2026, 10:00am');
	});

	it('uses a 12-hour clock with lowercase am/pm and no leading zero', () => {
		expect(formatTime(utc(2026, 11, 23, 12, 30))).toBe('12:30pm');
		expect(formatTime(utc(2026, 11, 23, 0, 5))).toBe('12:05am');
		expect(formatTime(utc(2026, 11, 23, 23, 59))).toBe('11:59pm');
		expect(formatTime(utc(2026, 11, 23, 13, 0))).toBe('1:00pm');
		expect(formatTime(utc(2026, 11, 23, 11, 59))).toBe('11:59am');
	});

	it('uses the same short month names everywhere (Sep, not Sept)', () => {
		expect(formatShortDate(utc(2026, 9, 5, 12))).toBe('5 Sep 2026');
		const shorts = Array.from({ length: 12 }, (_, i) => formatShortDate(utc(2026, i + 1, 15, 12)));
		expect(shorts.map((s) => s.split(' ')[1])).toEqual([
			'Jan',
			'Feb',
			'Mar',
			'Apr',
			'May',
			'Jun',
			'Jul',
			'Aug',
			'Sep',
			'Oct',
			'Nov',
			'Dec'
		]);
	});

	it('gives the London calendar date, not the UTC one, late on a summer evening', () => {
		// 23:30 UTC on 30 June is 00:30 BST on 1 July.
		const ms = utc(2026, 6, 30, 23, 30);
		expect(isoDate(ms)).toBe('2026-07-01');
		expect(formatDate(ms)).toBe('1 July 2026');
		expect(formatTime(ms)).toBe('12:30am');
	});

	it('pads isoDate months and days', () => {
		expect(isoDate(utc(2026, 1, 5, 12))).toBe('2026-01-05');
	});
});

describe('londonParts', () => {
	it('splits an instant into London parts with an ISO weekday', () => {
		// 2026-11-23 is a Monday.
		expect(londonParts(utc(2026, 11, 23, 7, 5))).toEqual({
			year: 2026,
			month: 11,
			day: 23,
			hour: 7,
			minute: 5,
			weekday: 1
		});
	});

	it('numbers Sunday 7 and reports midnight as hour 0', () => {
		// 2026-03-29 is a Sunday; 00:00 GMT.
		expect(londonParts(utc(2026, 3, 29, 0, 0))).toMatchObject({ day: 29, hour: 0, weekday: 7 });
	});

	it('walks through a week of weekdays', () => {
		const monday = utc(2026, 11, 23, 12);
		const weekdays = Array.from({ length: 7 }, (_, i) => londonParts(monday + i * DAY).weekday);
		expect(weekdays).toEqual([1, 2, 3, 4, 5, 6, 7]);
	});

	it('follows the clock through both changes', () => {
		expect(londonParts(utc(2026, 3, 29, 0, 59))).toMatchObject({ hour: 0, minute: 59 });
		expect(londonParts(utc(2026, 3, 29, 1, 0))).toMatchObject({ hour: 2, minute: 0 });
		expect(londonParts(utc(2026, 10, 25, 0, 30))).toMatchObject({ hour: 1, minute: 30 });
		expect(londonParts(utc(2026, 10, 25, 1, 30))).toMatchObject({ hour: 1, minute: 30 });
		expect(londonParts(utc(2026, 10, 25, 2, 0))).toMatchObject({ hour: 2, minute: 0 });
	});
});

describe('daysBetween', () => {
	it('counts London calendar days, not 24-hour spans', () => {
		const lateEvening = utc(2026, 11, 23, 23, 59);
		const nextMorning = utc(2026, 11, 24, 0, 1);
		expect(daysBetween(lateEvening, nextMorning)).toBe(1);
		expect(daysBetween(utc(2026, 11, 23, 0, 1), lateEvening)).toBe(0);
	});

	it('is signed', () => {
		expect(daysBetween(utc(2026, 11, 30, 12), utc(2026, 11, 23, 12))).toBe(-7);
		expect(daysBetween(utc(2026, 11, 23, 12), utc(2026, 11, 30, 12))).toBe(7);
	});

	it('uses the London date in summer', () => {
		// 23:30 UTC on 30 June is already 1 July in London.
		expect(daysBetween(utc(2026, 6, 30, 12), utc(2026, 6, 30, 23, 30))).toBe(1);
	});

	it('is not thrown by the clock-change days (23 and 25 hours long)', () => {
		const sat = londonDateTimeToUtc('2026-03-28', '12:00')!;
		const mon = londonDateTimeToUtc('2026-03-30', '00:30')!;
		expect(daysBetween(sat, mon)).toBe(2);
		const octSat = londonDateTimeToUtc('2026-10-24', '23:30')!;
		const octSun = londonDateTimeToUtc('2026-10-25', '23:30')!;
		expect(octSun - octSat).toBe(25 * HOUR);
		expect(daysBetween(octSat, octSun)).toBe(1);
	});

	it('spans a year boundary', () => {
		expect(daysBetween(utc(2026, 12, 31, 12), utc(2027, 1, 1, 12))).toBe(1);
	});
});

describe('relativeTime', () => {
	const now = utc(2026, 11, 23, 15, 0);

	it.each([
		[now, 'just now'],
		[now - 30 * 1000, 'just now'],
		[now + 30 * 1000, 'just now'],
		[now - MINUTE, '1 minute ago'],
		[now - 5 * MINUTE, '5 minutes ago'],
		[now - 59 * MINUTE, '59 minutes ago'],
		[now - HOUR, '1 hour ago'],
		[now - 3 * HOUR, '3 hours ago'],
		[now - 23 * HOUR, '23 hours ago'],
		[now - DAY, 'yesterday'],
		[now - 3 * DAY, '3 days ago'],
		[now - 6 * DAY, '6 days ago'],
		[now - 7 * DAY, '1 week ago'],
		[now - 14 * DAY, '2 weeks ago'],
		[now - 29 * DAY, '4 weeks ago'],
		[now - 45 * DAY, '1 month ago'],
		[now - 100 * DAY, '3 months ago'],
		[now - 400 * DAY, '1 year ago'],
		[now - 800 * DAY, '2 years ago'],
		[now + 10 * MINUTE, 'in 10 minutes'],
		[now + 2 * HOUR, 'in 2 hours'],
		[now + DAY, 'tomorrow'],
		[now + 2 * DAY, 'in 2 days'],
		[now + 21 * DAY, 'in 3 weeks']
	])('%i reads as %s', (ms, expected) => {
		expect(relativeTime(ms, now)).toBe(expected);
	});

	it('counts calendar days once past a day', () => {
		// 23:00 two days ago to 05:00 today is 30 hours but two calendar days.
		const at = utc(2026, 11, 25, 5, 0);
		expect(relativeTime(utc(2026, 11, 23, 23, 0), at)).toBe('2 days ago');
		expect(relativeTime(utc(2026, 11, 24, 4, 0), at)).toBe('yesterday');
	});
});

describe('londonDateTimeToUtc', () => {
	it('reads winter wall-clock times as GMT and summer ones as BST', () => {
		expect(londonDateTimeToUtc('2026-12-01', '10:00')).toBe(utc(2026, 12, 1, 10, 0));
		expect(londonDateTimeToUtc('2026-07-01', '10:00')).toBe(utc(2026, 7, 1, 9, 0));
	});

	it('defaults to midnight', () => {
		expect(londonDateTimeToUtc('2026-07-01')).toBe(utc(2026, 6, 30, 23, 0));
		expect(londonDateTimeToUtc('2026-12-01')).toBe(utc(2026, 12, 1, 0, 0));
	});

	it('accepts seconds from <input type="time" step>', () => {
		expect(londonDateTimeToUtc('2026-12-01', '10:00:30')).toBe(utc(2026, 12, 1, 10, 0) + 30_000);
	});

	it('round-trips with londonParts for every half hour of a year', () => {
		const start = utc(2026, 1, 1);
		for (let ms = start; ms < utc(2027, 1, 1); ms += 30 * MINUTE) {
			const p = londonParts(ms);
			const date = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
			const time = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
			const back = londonDateTimeToUtc(date, time);
			// The only instants that don't come back are the second (GMT) pass of 01:xx in October.
			if (back !== ms) {
				expect(p).toMatchObject({ month: 10, day: 25, hour: 1 });
				expect(back).toBe(ms - HOUR);
			}
		}
	});

	it.each([
		['2026-02-30', '10:00'],
		['2026-02-29', '10:00'], // 2026 is not a leap year
		['2026-13-01', '10:00'],
		['2026-00-10', '10:00'],
		['2026-04-31', '10:00'],
		['2026-04-00', '10:00'],
		['2026-4-1', '10:00'],
		['26-04-01', '10:00'],
		['0099-04-01', '10:00'],
		['', '10:00'],
		['not a date', '10:00'],
		['2026-04-01', '25:00'],
		['2026-04-01', '24:00'],
		['2026-04-01', '10:60'],
		['2026-04-01', '9:00'],
		['2026-04-01', '10:00:60'],
		['2026-04-01', ''],
		['2026-04-01', '10.00'],
		['2026-04-01T10:00', '10:00']
	])('rejects %s %s', (date, time) => {
		expect(londonDateTimeToUtc(date, time)).toBeNull();
	});

	it('accepts 29 February in a leap year', () => {
		expect(londonDateTimeToUtc('2028-02-29', '12:00')).toBe(utc(2028, 2, 29, 12, 0));
	});

	describe('spring change, 29 March 2026 (01:00 GMT → 02:00 BST)', () => {
		it('keeps the times either side of the gap', () => {
			expect(londonDateTimeToUtc('2026-03-29', '00:59')).toBe(utc(2026, 3, 29, 0, 59));
			expect(londonDateTimeToUtc('2026-03-29', '02:00')).toBe(utc(2026, 3, 29, 1, 0));
			expect(londonDateTimeToUtc('2026-03-29', '03:00')).toBe(utc(2026, 3, 29, 2, 0));
		});

		it('moves a time in the missing hour forward by one hour', () => {
			const ms = londonDateTimeToUtc('2026-03-29', '01:30');
			expect(ms).toBe(utc(2026, 3, 29, 1, 30));
			expect(formatTime(ms!)).toBe('2:30am');
			expect(londonDateTimeToUtc('2026-03-29', '01:00')).toBe(londonDateTimeToUtc('2026-03-29', '02:00'));
		});
	});

	describe('autumn change, 25 October 2026 (02:00 BST → 01:00 GMT)', () => {
		it('takes the first (BST) occurrence of the repeated hour', () => {
			expect(londonDateTimeToUtc('2026-10-25', '01:00')).toBe(utc(2026, 10, 25, 0, 0));
			expect(londonDateTimeToUtc('2026-10-25', '01:30')).toBe(utc(2026, 10, 25, 0, 30));
			expect(londonDateTimeToUtc('2026-10-25', '01:59')).toBe(utc(2026, 10, 25, 0, 59));
		});

		it('keeps the times either side of the repeated hour', () => {
			expect(londonDateTimeToUtc('2026-10-25', '00:30')).toBe(utc(2026, 10, 24, 23, 30));
			expect(londonDateTimeToUtc('2026-10-25', '02:00')).toBe(utc(2026, 10, 25, 2, 0));
		});
	});

	it('agrees with londonWallClockToUtc', () => {
		expect(londonWallClockToUtc(2026, 10, 25, 1, 30)).toBe(londonDateTimeToUtc('2026-10-25', '01:30'));
		expect(londonWallClockToUtc(2026, 3, 29, 1, 30)).toBe(londonDateTimeToUtc('2026-03-29', '01:30'));
	});
});

describe('londonParts (offset cached per UTC hour)', () => {
	const reference = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
	const expected = (ms: number) => {
		const o: Record<string, number> = {};
		for (const p of reference.formatToParts(ms)) if (p.type !== 'literal') o[p.type] = Number(p.value) % (p.type === 'hour' ? 24 : Infinity);
		return { year: o.year, month: o.month, day: o.day, hour: o.hour, minute: o.minute };
	};
	it('agrees with Intl at every minute around the clock changes and at random instants', () => {
		const instants: number[] = [];
		for (const change of [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1), Date.UTC(2027, 2, 28, 1)]) {
			for (let m = -180; m <= 180; m++) instants.push(change + m * 60_000 + 17_000);
		}
		let seed = 7;
		for (let i = 0; i < 3000; i++) {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			instants.push(Date.UTC(2018, 0, 1) + Math.floor((seed / 2 ** 31) * 15 * 365 * 86_400_000));
		}
		for (const ms of instants) {
			const { weekday, ...parts } = londonParts(ms);
			expect(parts, new Date(ms).toISOString()).toEqual(expected(ms));
			expect(weekday).toBe(((new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay() + 6) % 7) + 1);
		}
	});
});
