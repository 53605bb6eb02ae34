import { describe, expect, it } from 'vitest';
import {
	digestPeriodKey,
	dueDigest,
	isoWeek,
	nextDigestAt,
	previousDigestAt,
	type DigestSchedule
} from './schedule';
import { londonParts } from '../time';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const utc = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);

const daily = (hour: number): DigestSchedule => ({ frequency: 'daily', weekday: 1, hour });
const weekly = (weekday: number, hour: number): DigestSchedule => ({
	frequency: 'weekly',
	weekday,
	hour
});
const never: DigestSchedule = { frequency: 'never', weekday: 1, hour: 7 };

/**
 * Independent oracle for UK clock-change rules in 2026, written with Date.UTC only:
 * BST (UTC+1) from 01:00 UTC on 29 March to 01:00 UTC on 25 October.
 * Wall-clock hours in the March gap move forward; repeated October hours take the BST pass.
 */
function expectedUtc(month: number, day: number, hour: number): number {
	const wall = utc(2026, month, day, hour);
	const beforeSpring = month < 3 || (month === 3 && (day < 29 || (day === 29 && hour < 1)));
	const inSpringGap = month === 3 && day === 29 && hour === 1;
	const beforeAutumnEnd = month < 10 || (month === 10 && (day < 25 || (day === 25 && hour < 2)));
	if (beforeSpring) return wall; // GMT
	if (inSpringGap) return wall; // 01:00 read as GMT = 02:00 BST
	if (beforeAutumnEnd) return wall - HOUR; // BST (including the first pass of 01:xx in October)
	return wall; // GMT
}

type Send = { dueAt: number; periodKey: string; sentAt: number };

/** A scheduler ticking every `step` ms from `from` to `to`, remembering when it last sent. */
function simulate(
	schedule: DigestSchedule,
	from: number,
	to: number,
	step: number,
	lastSentAt: number | null
): Send[] {
	const sends: Send[] = [];
	let last = lastSentAt;
	for (let now = from; now < to; now += step) {
		const due = dueDigest(schedule, last, now);
		if (due) {
			sends.push({ ...due, sentAt: now });
			last = now;
		}
	}
	return sends;
}

const isoDay = (month: number, day: number) =>
	`2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

describe('nextDigestAt', () => {
	it('returns null for a schedule that never sends', () => {
		expect(nextDigestAt(never, utc(2026, 11, 23))).toBeNull();
	});

	it('finds today at the hour when it has not passed, otherwise tomorrow', () => {
		expect(nextDigestAt(daily(7), utc(2026, 11, 23, 6, 59))).toBe(utc(2026, 11, 23, 7));
		expect(nextDigestAt(daily(7), utc(2026, 11, 23, 8))).toBe(utc(2026, 11, 24, 7));
	});

	it('is strictly after: a digest due right now is not next', () => {
		expect(nextDigestAt(daily(7), utc(2026, 11, 23, 7))).toBe(utc(2026, 11, 24, 7));
	});

	it('uses London time in summer', () => {
		expect(nextDigestAt(daily(7), utc(2026, 7, 1, 5))).toBe(utc(2026, 7, 1, 6));
	});

	it('finds the right weekday for weekly digests', () => {
		// 2026-11-23 is a Monday.
		const mondayNoon = utc(2026, 11, 23, 12);
		expect(nextDigestAt(weekly(3, 9), mondayNoon)).toBe(utc(2026, 11, 25, 9));
		expect(nextDigestAt(weekly(1, 13), mondayNoon)).toBe(utc(2026, 11, 23, 13));
		expect(nextDigestAt(weekly(1, 7), mondayNoon)).toBe(utc(2026, 11, 30, 7));
		expect(nextDigestAt(weekly(7, 23), mondayNoon)).toBe(utc(2026, 11, 29, 23));
	});

	it('keeps 07:00 on the wall clock across both clock changes', () => {
		expect(nextDigestAt(daily(7), utc(2026, 3, 28, 8))).toBe(utc(2026, 3, 29, 6));
		expect(nextDigestAt(daily(7), utc(2026, 10, 24, 8))).toBe(utc(2026, 10, 25, 7));
	});

	it('sends a weekly midnight digest at 23:00 UTC the evening before in summer', () => {
		const at = nextDigestAt(weekly(1, 0), utc(2026, 7, 1))!;
		expect(at).toBe(utc(2026, 7, 5, 23));
		expect(londonParts(at)).toMatchObject({ weekday: 1, hour: 0, day: 6 });
	});

	it('rejects an invalid schedule', () => {
		expect(() => nextDigestAt(daily(24), 0)).toThrow(RangeError);
		expect(() => nextDigestAt(daily(-1), 0)).toThrow(RangeError);
		expect(() => nextDigestAt(daily(7.5), 0)).toThrow(RangeError);
		expect(() => nextDigestAt(weekly(0, 7), 0)).toThrow(RangeError);
		expect(() => nextDigestAt(weekly(8, 7), 0)).toThrow(RangeError);
	});
});

describe('previousDigestAt', () => {
	it('includes an instant exactly at the bound', () => {
		expect(previousDigestAt(daily(7), utc(2026, 11, 23, 7))).toBe(utc(2026, 11, 23, 7));
		expect(previousDigestAt(daily(7), utc(2026, 11, 23, 6, 59))).toBe(utc(2026, 11, 22, 7));
	});

	it('goes back a full week when this week’s has not happened yet', () => {
		expect(previousDigestAt(weekly(1, 7), utc(2026, 11, 23, 6))).toBe(utc(2026, 11, 16, 7));
	});

	it('is the inverse neighbour of nextDigestAt', () => {
		const schedules = [daily(0), daily(1), daily(7), weekly(7, 1), weekly(1, 7), weekly(5, 23)];
		for (const schedule of schedules) {
			for (let t = utc(2026, 3, 20); t < utc(2026, 4, 10); t += 7 * HOUR + 13 * MINUTE) {
				const prev = previousDigestAt(schedule, t)!;
				expect(prev).toBeLessThanOrEqual(t);
				expect(nextDigestAt(schedule, prev - 1)).toBe(prev);
				expect(nextDigestAt(schedule, t)).toBeGreaterThan(t);
				expect(previousDigestAt(schedule, nextDigestAt(schedule, t)!)).toBe(nextDigestAt(schedule, t));
			}
		}
	});
});

describe('isoWeek and digestPeriodKey', () => {
	it.each([
		[2026, 3, 29, 2026, 13],
		[2026, 1, 1, 2026, 1],
		[2026, 12, 31, 2026, 53],
		[2027, 1, 3, 2026, 53],
		[2027, 1, 4, 2027, 1],
		[2024, 12, 30, 2025, 1],
		[2021, 1, 3, 2020, 53],
		[2023, 1, 1, 2022, 52]
	])('%i-%i-%i is in ISO week %i-W%i', (y, m, d, wy, w) => {
		expect(isoWeek(y, m, d)).toEqual({ year: wy, week: w });
	});

	it('keys daily digests by London date', () => {
		expect(digestPeriodKey(daily(7), utc(2026, 3, 29, 6))).toBe('daily:2026-03-29');
		// Midnight BST on 1 July is 23:00 UTC on 30 June.
		expect(digestPeriodKey(daily(0), utc(2026, 6, 30, 23))).toBe('daily:2026-07-01');
	});

	it('keys weekly digests by ISO week of the London date', () => {
		expect(digestPeriodKey(weekly(7, 1), utc(2026, 3, 29, 1))).toBe('weekly:2026-W13');
		// Monday 00:00 BST is Sunday 23:00 UTC — still the Monday's week.
		expect(digestPeriodKey(weekly(1, 0), utc(2026, 7, 5, 23))).toBe('weekly:2026-W28');
		expect(digestPeriodKey(weekly(7, 9), utc(2027, 1, 3, 9))).toBe('weekly:2026-W53');
	});

	it('has no periods for a schedule that never sends', () => {
		expect(() => digestPeriodKey(never, 0)).toThrow(RangeError);
	});
});

describe('dueDigest', () => {
	it('is never due for a schedule that never sends', () => {
		expect(dueDigest(never, null, utc(2026, 11, 23, 12))).toBeNull();
	});

	it('is due once the hour arrives and not before', () => {
		const last = utc(2026, 11, 22, 7, 1);
		expect(dueDigest(daily(7), last, utc(2026, 11, 23, 6, 59))).toBeNull();
		expect(dueDigest(daily(7), last, utc(2026, 11, 23, 7))).toEqual({
			dueAt: utc(2026, 11, 23, 7),
			periodKey: 'daily:2026-11-23'
		});
	});

	it('is not due again once sent', () => {
		const sentAt = utc(2026, 11, 23, 7) + 30_000;
		expect(dueDigest(daily(7), sentAt, utc(2026, 11, 23, 18))).toBeNull();
		expect(dueDigest(daily(7), utc(2026, 11, 23, 7), utc(2026, 11, 23, 18))).toBeNull();
	});

	it('sends the latest missed digest only, never a backlog', () => {
		const lastSentAt = utc(2026, 11, 16, 7);
		const now = utc(2026, 11, 23, 9);
		expect(dueDigest(daily(7), lastSentAt, now)).toEqual({
			dueAt: utc(2026, 11, 23, 7),
			periodKey: 'daily:2026-11-23'
		});
		// After the server was down for a fortnight: one weekly digest, for the latest week.
		const sends = simulate(weekly(1, 7), now, now + 30 * MINUTE, MINUTE, utc(2026, 11, 2, 7));
		expect(sends).toEqual([{ dueAt: utc(2026, 11, 23, 7), periodKey: 'weekly:2026-W48', sentAt: now }]);
	});

	it('treats a member who has never had a digest as due for the latest one', () => {
		expect(dueDigest(weekly(1, 7), null, utc(2026, 11, 25, 12))?.dueAt).toBe(utc(2026, 11, 23, 7));
	});
});

describe('a scheduler running through the clock changes', () => {
	// Three London days either side of and including each change, midnight to midnight.
	const changes = [
		{ name: 'spring, 29 March 2026', month: 3, days: [28, 29, 30] },
		{ name: 'autumn, 25 October 2026', month: 10, days: [24, 25, 26] }
	];

	for (const change of changes) {
		const [first, , last] = change.days;
		const from = expectedUtc(change.month, first, 0);
		const to = expectedUtc(change.month, last + 1, 0);

		const check = (hour: number, step: number, phase = 0) => {
			const sends = simulate(daily(hour), from + phase, to, step, from - 1);
			expect(sends.map((s) => s.periodKey)).toEqual(
				change.days.map((day) => `daily:${isoDay(change.month, day)}`)
			);
			sends.forEach((send, i) => {
				const day = change.days[i];
				expect(send.dueAt).toBe(expectedUtc(change.month, day, hour));
				expect(send.sentAt).toBeGreaterThanOrEqual(send.dueAt);
				expect(send.sentAt - send.dueAt).toBeLessThan(step);
				const wall = londonParts(send.dueAt);
				expect(wall).toMatchObject({ month: change.month, day, minute: 0 });
				// Only the spring gap moves a digest, from 01:00 to 02:00 on the wall clock.
				const gap = change.month === 3 && day === 29 && hour === 1;
				expect(wall.hour).toBe(gap ? 2 : hour);
			});
		};

		describe(change.name, () => {
			it.each([0, 1, 2, 3, 7])('sends a daily %i:00 digest once a day, checking every minute', (hour) => {
				check(hour, MINUTE);
			});

			it('sends every daily hour once a day, checking every 5 minutes off the minute', () => {
				for (let hour = 0; hour < 24; hour++) check(hour, 5 * MINUTE, 37_000);
			});

			it('puts daily 07:00 digests at 07:00 London: UTC 07:00 in winter, 06:00 in summer', () => {
				const sends = simulate(daily(7), from, to, MINUTE, from - 1);
				const utcHours = sends.map((s) => new Date(s.dueAt).getUTCHours());
				expect(utcHours).toEqual(change.month === 3 ? [7, 6, 6] : [6, 7, 7]);
			});
		});
	}

	it('sends the March 01:00 digest at 02:00 BST (01:00 UTC), once', () => {
		const from = utc(2026, 3, 29, 0);
		const sends = simulate(daily(1), from, utc(2026, 3, 29, 4), MINUTE, from - 1);
		expect(sends.map((s) => s.dueAt)).toEqual([utc(2026, 3, 29, 1)]);
	});

	it('sends the October 01:00 digest once, at the first 01:00 (00:00 UTC)', () => {
		const from = utc(2026, 10, 24, 23);
		const sends = simulate(daily(1), from, utc(2026, 10, 25, 4), MINUTE, from - 1);
		expect(sends.map((s) => s.dueAt)).toEqual([utc(2026, 10, 25, 0)]);
	});

	it('has 23 hours between daily digests over the March change and 25 over October', () => {
		const march = simulate(daily(7), utc(2026, 3, 28), utc(2026, 3, 30), MINUTE, utc(2026, 3, 27, 12));
		expect(march[1].dueAt - march[0].dueAt).toBe(23 * HOUR);
		const october = simulate(daily(7), utc(2026, 10, 24), utc(2026, 10, 26), MINUTE, utc(2026, 10, 23, 12));
		expect(october[1].dueAt - october[0].dueAt).toBe(25 * HOUR);
	});

	it.each([
		[
			'Sunday 01:00 around March',
			weekly(7, 1),
			utc(2026, 3, 14),
			utc(2026, 4, 7),
			[utc(2026, 3, 15, 1), utc(2026, 3, 22, 1), utc(2026, 3, 29, 1), utc(2026, 4, 5, 0)],
			['weekly:2026-W11', 'weekly:2026-W12', 'weekly:2026-W13', 'weekly:2026-W14']
		],
		[
			'Sunday 01:00 around October',
			weekly(7, 1),
			utc(2026, 10, 17),
			utc(2026, 11, 3),
			[utc(2026, 10, 18, 0), utc(2026, 10, 25, 0), utc(2026, 11, 1, 1)],
			['weekly:2026-W42', 'weekly:2026-W43', 'weekly:2026-W44']
		],
		[
			'Monday 07:00 around March',
			weekly(1, 7),
			utc(2026, 3, 21),
			utc(2026, 4, 7),
			[utc(2026, 3, 23, 7), utc(2026, 3, 30, 6), utc(2026, 4, 6, 6)],
			['weekly:2026-W13', 'weekly:2026-W14', 'weekly:2026-W15']
		],
		[
			'Sunday 02:00 around October',
			weekly(7, 2),
			utc(2026, 10, 17),
			utc(2026, 11, 3),
			[utc(2026, 10, 18, 1), utc(2026, 10, 25, 2), utc(2026, 11, 1, 2)],
			['weekly:2026-W42', 'weekly:2026-W43', 'weekly:2026-W44']
		]
	])('sends a weekly %s once a week', (_name, schedule, from, to, dueAts, keys) => {
		const sends = simulate(schedule, from, to, MINUTE, from - 1);
		expect(sends.map((s) => s.dueAt)).toEqual(dueAts);
		expect(sends.map((s) => s.periodKey)).toEqual(keys);
		for (const send of sends) expect(send.sentAt).toBe(send.dueAt);
	});

	it('never sends for a schedule that never sends', () => {
		expect(simulate(never, utc(2026, 3, 28), utc(2026, 3, 31), 5 * MINUTE, null)).toEqual([]);
	});
});
