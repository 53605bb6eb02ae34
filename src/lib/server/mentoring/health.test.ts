import { describe, expect, it } from 'vitest';
import { addDays, addMonths, checkInDueBy, daysFrom, inAttentionOrder, median, pairingHealth, type AttentionKey, type HealthInput } from './health';

const base: HealthInput = { status: 'active', startsOn: '2026-09-01', endsOn: '2027-03-01', rhythmWeeks: 4, lastMeetingOn: null };

describe('date arithmetic', () => {
	it('adds days across months, years and the clocks going back', () => {
		expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
		expect(daysFrom('2026-03-28', '2026-03-30')).toBe(2);
	});

	it('adds months, keeping the day or clamping to the month’s end', () => {
		expect(addMonths('2026-11-23', 6)).toBe('2027-05-23');
		expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
		expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
		expect(addMonths('2026-01-15', -2)).toBe('2025-11-15');
	});

	it('takes the median of odd and even lists', () => {
		expect(median([])).toBeNull();
		expect(median([5, 1, 3])).toBe(3);
		expect(median([4, 1, 3, 10])).toBe(3.5);
	});
});

describe('overdue rule: no meeting within the rhythm plus 7 days', () => {
	it('counts from the start before the first meeting', () => {
		expect(checkInDueBy(base)).toBe('2026-10-06'); // 1 Sep + 28 + 7
		expect(pairingHealth(base, '2026-10-06').state).toBe('on-track');
		const late = pairingHealth(base, '2026-10-07');
		expect(late.state).toBe('overdue');
		expect(late.overdueSince).toBe('2026-10-07');
	});

	it('counts from the latest meeting once there is one', () => {
		const p = { ...base, lastMeetingOn: '2026-10-20' };
		expect(pairingHealth(p, '2026-11-23').state).toBe('on-track'); // due by 24 Nov
		expect(pairingHealth(p, '2026-11-24').state).toBe('on-track');
		expect(pairingHealth(p, '2026-11-25').state).toBe('overdue');
	});

	it.each([
		[2, '2026-09-22', '2026-09-23'],
		[4, '2026-10-06', '2026-10-07'],
		[6, '2026-10-20', '2026-10-21']
	])('every %i weeks: last on-time day %s, overdue from %s', (weeks, lastOk, firstLate) => {
		const p = { ...base, rhythmWeeks: weeks };
		expect(pairingHealth(p, lastOk).state).not.toBe('overdue');
		expect(pairingHealth(p, firstLate).state).toBe('overdue');
	});

	it('ignores meetings dated before the start', () => {
		expect(checkInDueBy({ ...base, lastMeetingOn: '2026-08-01' })).toBe('2026-10-06');
	});
});

describe('ending soon and closed', () => {
	it('is ending soon within 28 days of the end, and past end after it', () => {
		const p = { ...base, lastMeetingOn: '2026-01-25', startsOn: '2025-09-01', endsOn: '2026-03-01' };
		expect(pairingHealth(p, '2026-01-31').state).toBe('on-track'); // 29 days to go
		expect(pairingHealth(p, '2026-02-01').state).toBe('ending-soon'); // 28 days to go
		expect(pairingHealth(p, '2026-03-01').state).toBe('ending-soon');
		expect(pairingHealth({ ...p, lastMeetingOn: '2026-03-01' }, '2026-03-02').state).toBe('past-end');
	});

	it('shows overdue before ending soon', () => {
		const p = { ...base, startsOn: '2025-09-01', endsOn: '2026-03-01', lastMeetingOn: '2026-01-01' };
		expect(pairingHealth(p, '2026-02-20').state).toBe('overdue');
	});

	it('reports closed pairings by their outcome, never overdue', () => {
		expect(pairingHealth({ ...base, status: 'completed' }, '2027-06-01').state).toBe('completed');
		expect(pairingHealth({ ...base, status: 'ended-early' }, '2027-06-01')).toMatchObject({ state: 'ended-early', dueBy: null });
	});
});

describe('the order a coordinator reads active pairings in', () => {
	const row = (id: number, state: AttentionKey['state'], dueBy: string, endsOn = '2027-06-01'): AttentionKey => ({ id, state, dueBy, endsOn });

	it('puts overdue first (longest overdue first), then past the end date, then ending soon (soonest first), then on track (next check-in due first)', () => {
		const rows = [
			row(1, 'on-track', '2026-12-20'),
			row(2, 'ending-soon', '2026-12-30', '2026-12-15'),
			row(3, 'overdue', '2026-11-10'),
			row(4, 'on-track', '2026-12-01'),
			row(5, 'past-end', '2026-12-30', '2026-11-20'),
			row(6, 'ending-soon', '2026-12-05', '2026-12-10'),
			row(7, 'overdue', '2026-10-01'),
			row(8, 'past-end', '2026-12-30', '2026-11-01')
		];
		expect(inAttentionOrder(rows).map((r) => r.id)).toEqual([7, 3, 8, 5, 6, 2, 4, 1]);
		expect(rows[0].id).toBe(1); // a new array: the input keeps its order
	});

	it('breaks ties by id', () => {
		expect(inAttentionOrder([row(9, 'on-track', '2026-12-01'), row(2, 'on-track', '2026-12-01'), row(5, 'on-track', '2026-12-01')]).map((r) => r.id)).toEqual([2, 5, 9]);
	});
});
