import { describe, expect, it } from 'vitest';
import { CORE_TOPICS } from '../../vocab';
import { coverage, summarise, type SummaryEntry } from './summary';

const e = (startDate: string, kind: string, topics: string[], minutes: number, endDate = startDate): SummaryEntry => ({ startDate, endDate, kind, topics, minutes });

describe('summarise', () => {
	const entries = [
		e('2026-09-02', 'induction', ['corporate-parenting', 'safeguarding'], 180),
		e('2026-10-14', 'regional-network', ['send'], 150),
		e('2026-11-01', 'informal', [], 90),
		e('2025-11-22', 'e-learning', ['safeguarding'], 60), // the day before the window
		e('2025-11-20', 'lga-leadership', ['budgets'], 600, '2025-11-24') // ends inside it
	];
	const s = summarise(entries, '2025-11-23', '2026-11-23');

	it('counts entries and hours inside the period (overlapping ones included)', () => {
		expect(s.entries).toBe(4);
		expect(s.minutes).toBe(180 + 150 + 90 + 600);
		expect(s.hours).toBe(17);
		expect(s.untagged).toBe(1);
	});

	it('lists every kind in order, with zeros', () => {
		expect(s.byKind.map((k) => k.key)).toEqual(['lga-leadership', 'induction', 'subject-course', 'regional-network', 'national-network', 'e-learning', 'mentoring', 'informal']);
		expect(s.byKind.find((k) => k.key === 'induction')).toMatchObject({ hours: 3, entries: 1 });
		expect(s.byKind.find((k) => k.key === 'e-learning')).toMatchObject({ hours: 0, entries: 0 });
	});

	it('counts an entry towards each of its topics, most hours first', () => {
		expect(s.byTopic.map((t) => [t.key, t.hours])).toEqual([
			['budgets', 10],
			['corporate-parenting', 3],
			['safeguarding', 3],
			['send', 2.5]
		]);
	});

	it('changes when an entry is added', () => {
		const more = summarise([...entries, e('2026-11-20', 'subject-course', ['send'], 120)], '2025-11-23', '2026-11-23');
		expect(more.entries).toBe(s.entries + 1);
		expect(more.byTopic.find((t) => t.key === 'send')?.hours).toBe(4.5);
	});
});

describe('coverage of core topics', () => {
	it('marks core topics covered within 24 months and the rest as gaps', () => {
		const c = coverage(
			[
				e('2026-09-02', 'induction', ['corporate-parenting', 'safeguarding', 'early-help'], 180),
				e('2024-11-23', 'subject-course', ['send'], 60), // exactly 24 months ago: counts
				e('2024-11-22', 'subject-course', ['youth-justice'], 60), // a day older: a gap
				e('2026-01-10', 'subject-course', ['safeguarding'], 30)
			],
			'2026-11-23'
		);
		expect(c.from).toBe('2024-11-23');
		expect(c.topics.map((t) => t.topic)).toEqual([...CORE_TOPICS]);
		const by = Object.fromEntries(c.topics.map((t) => [t.topic, t]));
		expect(by['corporate-parenting']).toMatchObject({ covered: true, entries: 1, hours: 3, lastDate: '2026-09-02' });
		expect(by.safeguarding).toMatchObject({ covered: true, entries: 2, hours: 3.5, lastDate: '2026-09-02' });
		expect(by.send.covered).toBe(true);
		expect(by['youth-justice'].covered).toBe(false);
		expect(c.covered).toBe(3);
		expect(c.gaps).toBe(CORE_TOPICS.length - 3);
	});

	it('treats an empty log as all gaps', () => {
		const c = coverage([], '2026-11-23');
		expect(c.gaps).toBe(9);
		expect(c.topics.every((t) => !t.covered && t.lastDate === null)).toBe(true);
	});
});
