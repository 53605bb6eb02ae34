import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysFrom, electionCountdown, ELECTION_WINDOW_DAYS, itemFlags, ragFor, readiness, sectionDone } from './score';

describe('readiness score', () => {
	it('is weighted done over weighted applicable', () => {
		const r = readiness([
			{ status: 'done', weight: 3 },
			{ status: 'in-progress', weight: 2 },
			{ status: 'not-started', weight: 1 },
			{ status: 'done', weight: 1 }
		]);
		expect(r.doneWeight).toBe(4);
		expect(r.applicableWeight).toBe(7);
		expect(r.percent).toBe(57); // 4/7 = 57.1%
		expect(r.rag).toBe('amber');
		expect(r).toMatchObject({ done: 2, applicable: 4, total: 4 });
	});

	it('leaves not-applicable items out of both sides', () => {
		const withNa = readiness([
			{ status: 'done', weight: 2 },
			{ status: 'not-applicable', weight: 10 },
			{ status: 'not-started', weight: 2 }
		]);
		expect(withNa.percent).toBe(50);
		expect(withNa.applicableWeight).toBe(4);
		expect(withNa.applicable).toBe(2);
		expect(withNa.total).toBe(3);
	});

	it('makes a heavy item count for more than a light one', () => {
		const heavyDone = readiness([
			{ status: 'done', weight: 3 },
			{ status: 'not-started', weight: 1 }
		]);
		const lightDone = readiness([
			{ status: 'not-started', weight: 3 },
			{ status: 'done', weight: 1 }
		]);
		expect(heavyDone.percent).toBe(75);
		expect(heavyDone.rag).toBe('green');
		expect(lightDone.percent).toBe(25);
		expect(lightDone.rag).toBe('red');
	});

	it('is not scored when nothing applies, and 0% red when nothing is done', () => {
		expect(readiness([{ status: 'not-applicable', weight: 2 }])).toMatchObject({ percent: null, rag: 'none' });
		expect(readiness([])).toMatchObject({ percent: null, rag: 'none' });
		expect(readiness([{ status: 'not-started', weight: 2 }])).toMatchObject({ percent: 0, rag: 'red' });
	});

	it('shows 100% only when everything applicable is done (rounds down)', () => {
		const items = [...Array.from({ length: 199 }, () => ({ status: 'done' as const, weight: 1 })), { status: 'in-progress' as const, weight: 1 }];
		expect(readiness(items).percent).toBe(99);
		expect(readiness(items.slice(0, 199)).percent).toBe(100);
	});

	it('bands at 40% and 75%', () => {
		expect(ragFor(0)).toBe('red');
		expect(ragFor(39)).toBe('red');
		expect(ragFor(40)).toBe('amber');
		expect(ragFor(74)).toBe('amber');
		expect(ragFor(75)).toBe('green');
		expect(ragFor(100)).toBe('green');
		expect(ragFor(null)).toBe('none');
		// 39.9% is still red: the band follows the exact share, and the percentage rounds down to 39.
		const justUnder = readiness([
			{ status: 'done', weight: 399 },
			{ status: 'not-started', weight: 601 }
		]);
		expect(justUnder).toMatchObject({ percent: 39, rag: 'red' });
	});

	it('treats a section as done when every applicable item is done', () => {
		expect(sectionDone([{ status: 'done' }, { status: 'not-applicable' }])).toBe(true);
		expect(sectionDone([{ status: 'done' }, { status: 'in-progress' }])).toBe(false);
	});
});

describe('calendar arithmetic', () => {
	it('counts days and adds months', () => {
		expect(daysFrom('2026-11-23', '2027-05-06')).toBe(164);
		expect(daysFrom('2026-11-23', '2026-11-22')).toBe(-1);
		expect(addMonths('2026-11-23', 6)).toBe('2027-05-23');
		expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
		expect(addMonths('2026-11-23', -24)).toBe('2024-11-23');
		expect(addDays('2027-05-06', -120)).toBe('2027-01-06');
	});
});

describe('election countdown and flags', () => {
	const today = '2026-11-23';

	it('counts down to the election and opens the flag window 120 days before', () => {
		const far = electionCountdown('2027-05-06', today)!;
		expect(far).toMatchObject({ days: 164, passed: false, withinWindow: false, windowOpens: '2027-01-06' });
		const edge = electionCountdown(addDays(today, ELECTION_WINDOW_DAYS), today)!;
		expect(edge.withinWindow).toBe(true);
		const justOutside = electionCountdown(addDays(today, ELECTION_WINDOW_DAYS + 1), today)!;
		expect(justOutside.withinWindow).toBe(false);
		expect(electionCountdown(today, today)).toMatchObject({ days: 0, withinWindow: true, passed: false });
		expect(electionCountdown('2026-05-07', today)).toMatchObject({ passed: true, withinWindow: false });
		expect(electionCountdown(null, today)).toBeNull();
	});

	it('flags items not done within 120 days of the election', () => {
		const soon = '2027-02-18'; // 87 days away
		expect(itemFlags({ status: 'not-started', dueDate: null }, today, soon)).toEqual(['election']);
		expect(itemFlags({ status: 'in-progress', dueDate: '2027-01-10' }, today, soon)).toEqual(['election']);
		expect(itemFlags({ status: 'done', dueDate: null }, today, soon)).toEqual([]);
		expect(itemFlags({ status: 'not-applicable', dueDate: '2020-01-01' }, today, soon)).toEqual([]);
		// far away: no election flag
		expect(itemFlags({ status: 'not-started', dueDate: null }, today, '2027-05-06')).toEqual([]);
		// passed elections flag nothing
		expect(itemFlags({ status: 'not-started', dueDate: null }, today, '2026-05-07')).toEqual([]);
	});

	it('flags overdue items and items due after the election', () => {
		expect(itemFlags({ status: 'in-progress', dueDate: '2026-11-22' }, today, null)).toEqual(['overdue']);
		expect(itemFlags({ status: 'in-progress', dueDate: today }, today, null)).toEqual([]);
		expect(itemFlags({ status: 'not-started', dueDate: '2027-06-01' }, today, '2027-05-06')).toEqual(['after-election']);
		expect(itemFlags({ status: 'not-started', dueDate: '2026-10-01' }, today, '2027-01-20')).toEqual(['overdue', 'election']);
	});
});
