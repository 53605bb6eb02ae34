import { describe, expect, it } from 'vitest';
import { londonDateTimeToUtc } from '../../time';
import { addDays, addMonths, checkEntry, checkEvent, daysInclusive, formatHours, hoursForEvent, isRealDate, parseHours, trainingKindForEvent } from './rules';

const TODAY = '2026-11-23';
const good = { startDate: '2026-10-14', title: 'North West Lead Member network meeting', provider: 'North West network', kind: 'regional-network', topics: ['send', 'inspection'], hours: '2.5', reflection: 'Learnt how others prepare.', link: 'https://www.local.gov.uk' };

describe('calendar dates', () => {
	it('knows real dates', () => {
		expect(isRealDate('2028-02-29')).toBe(true);
		expect(isRealDate('2026-02-29')).toBe(false);
		expect(isRealDate('2026-13-01')).toBe(false);
		expect(isRealDate('23/11/2026')).toBe(false);
	});
	it('adds days and months, clamping to the end of a month', () => {
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
		expect(addMonths('2026-11-23', -12)).toBe('2025-11-23');
		expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
		expect(addMonths('2028-03-31', -1)).toBe('2028-02-29');
		expect(addMonths('2026-01-15', -24)).toBe('2024-01-15');
		expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
	});
	it('counts days inclusively across clock changes', () => {
		expect(daysInclusive('2026-10-24', '2026-10-26')).toBe(3);
		expect(daysInclusive('2026-11-23', '2026-11-23')).toBe(1);
	});
});

describe('hours', () => {
	it('refuses 0, negative, too many, not a number and too many decimals', () => {
		expect(parseHours('0')).toEqual({ error: 'Enter hours of more than 0' });
		expect(parseHours('-2')).toEqual({ error: 'Enter hours of more than 0' });
		expect(parseHours('12.5')).toEqual({ error: 'Enter at most 12 hours for one day' });
		expect(parseHours('two')).toEqual({ error: 'Enter hours as a number, like 1.5' });
		expect(parseHours('1e2')).toEqual({ error: 'Enter hours as a number, like 1.5' });
		expect(parseHours('NaN')).toEqual({ error: 'Enter hours as a number, like 1.5' });
		expect(parseHours(Number.POSITIVE_INFINITY)).toEqual({ error: 'Enter hours as a number, like 1.5' });
		expect(parseHours('')).toEqual({ error: 'Enter the number of hours, like 1.5' });
		expect(parseHours('1.333')).toEqual({ error: 'Enter hours to no more than 2 decimal places, like 1.25' });
	});
	it('accepts hours up to 12 a day and keeps whole minutes', () => {
		expect(parseHours('12')).toEqual({ minutes: 720 });
		expect(parseHours('.75')).toEqual({ minutes: 45 });
		expect(parseHours(1.5)).toEqual({ minutes: 90 });
		expect(parseHours('30', 3)).toEqual({ minutes: 1800 });
		expect(parseHours('37', 3)).toEqual({ error: 'Enter at most 36 hours for 3 days (12 hours a day)' });
	});
	it('says hours in words', () => {
		expect(formatHours(60)).toBe('1 hour');
		expect(formatHours(90)).toBe('1.5 hours');
		expect(formatHours(15)).toBe('0.25 hours');
	});
});

describe('checkEntry', () => {
	it('accepts a good entry and normalises it', () => {
		const r = checkEntry(good, TODAY);
		expect(r).toEqual({ ok: true, entry: { startDate: '2026-10-14', endDate: '2026-10-14', title: good.title, provider: good.provider, kind: 'regional-network', topics: ['send', 'inspection'], minutes: 150, reflection: good.reflection, link: good.link } });
	});

	const errorsOf = (over: Record<string, unknown>) => {
		const r = checkEntry({ ...good, ...over }, TODAY);
		return r.ok ? {} : r.errors;
	};

	it('refuses bad dates with messages', () => {
		expect(errorsOf({ startDate: '' }).startDate).toBe('Enter the date of the learning');
		expect(errorsOf({ startDate: '2026-02-30' }).startDate).toMatch(/real date/);
		expect(errorsOf({ startDate: '2026-11-24' }).startDate).toMatch(/today or in the past/);
		expect(errorsOf({ startDate: '2016-11-22' }).startDate).toBe('The date must be within the last 10 years');
		expect(errorsOf({ startDate: '2016-11-23' }).startDate).toBeUndefined();
		expect(errorsOf({ startDate: '2026-10-14', endDate: '2026-10-13' }).endDate).toBe('The last day must be the same as or after the first day');
		expect(errorsOf({ startDate: '2026-11-20', endDate: '2026-11-30' }).endDate).toMatch(/today or in the past/);
	});

	it('refuses bad hours, long titles, unknown kinds and topics, and unsafe links', () => {
		expect(errorsOf({ hours: '0' }).hours).toBe('Enter hours of more than 0');
		expect(errorsOf({ hours: '-1' }).hours).toBe('Enter hours of more than 0');
		expect(errorsOf({ hours: '13' }).hours).toBe('Enter at most 12 hours for one day');
		expect(errorsOf({ hours: 'lots' }).hours).toBe('Enter hours as a number, like 1.5');
		expect(errorsOf({ startDate: '2026-10-12', endDate: '2026-10-13', hours: '20' }).hours).toBeUndefined();
		expect(errorsOf({ title: 'x'.repeat(201) }).title).toBe('Enter a title of at most 200 characters');
		expect(errorsOf({ title: 'x'.repeat(200) }).title).toBeUndefined();
		expect(errorsOf({ title: '   ' }).title).toBe('Enter a title');
		expect(errorsOf({ kind: 'holiday' }).kind).toBe('Choose the kind of learning from the list');
		expect(errorsOf({ kind: '' }).kind).toBe('Choose the kind of learning');
		expect(errorsOf({ topics: ['send', 'knitting'] }).topics).toBe('Choose topics from the list');
		expect(errorsOf({ link: 'javascript:alert(1)' }).link).toMatch(/https:\/\//);
		expect(errorsOf({ link: '' }).link).toBeUndefined();
	});
});

describe('checkEvent', () => {
	const ev = { title: 'North West network meeting', kind: 'network-meeting', startDate: '2027-01-20', startTime: '10:00', endTime: '13:00', location: 'Preston', onlineUrl: '', provider: '', topics: ['send'], description: 'Agenda to follow.' };
	const run = (over: Record<string, unknown>) => checkEvent({ ...ev, ...over }, TODAY, londonDateTimeToUtc);

	it('turns London wall-clock times into instants', () => {
		const r = run({});
		expect(r.ok && r.event.startsAt).toBe(Date.parse('2027-01-20T10:00:00Z'));
		const summer = run({ startDate: '2027-06-10' });
		expect(summer.ok && summer.event.startsAt).toBe(Date.parse('2027-06-10T09:00:00Z'));
	});

	it('refuses an end before the start, missing places, bad links and unknown kinds', () => {
		const errs = (over: Record<string, unknown>) => {
			const r = run(over);
			return r.ok ? {} : r.errors;
		};
		expect(errs({ endTime: '09:00' }).endTime).toBe('The event must end after it starts');
		expect(errs({ endDate: '2027-01-19' }).endDate).toBe('The end date must be the same as or after the start date');
		expect(errs({ location: '' }).location).toMatch(/where the event takes place/);
		expect(errs({ location: '', onlineUrl: 'https://meet.example.org/x' }).location).toBeUndefined();
		expect(errs({ onlineUrl: 'ftp://x' }).onlineUrl).toMatch(/https/);
		expect(errs({ kind: 'party' }).kind).toMatch(/from the list/);
		expect(errs({ startTime: '25:00' }).startTime).toMatch(/hours and minutes/);
		expect(errs({ startDate: '2030-01-01' }).startDate).toMatch(/next three years/);
		expect(errs({ title: 'x'.repeat(201) }).title).toMatch(/200/);
	});
});

describe('events as log entries', () => {
	it('maps event kinds to kinds of learning', () => {
		expect(trainingKindForEvent('network-meeting', true)).toBe('regional-network');
		expect(trainingKindForEvent('network-meeting', false)).toBe('national-network');
		expect(trainingKindForEvent('webinar', false)).toBe('e-learning');
		expect(trainingKindForEvent('course', true)).toBe('subject-course');
		expect(trainingKindForEvent('conference', true)).toBe('national-network');
	});
	it('takes hours from the length, six a day for several days', () => {
		const start = Date.parse('2026-10-14T09:00:00Z');
		expect(hoursForEvent(start, start + 150 * 60_000, 1)).toBe(2.5);
		expect(hoursForEvent(start, start + 33 * 3_600_000, 2)).toBe(12);
		expect(hoursForEvent(start, start + 60_000, 1)).toBe(0.25);
	});
});
