// The training part of the demo network: member@'s realistic log with gaps, events in several regions.
import { describe, expect, it } from 'vitest';
import { db } from '../db/client';
import { seedDemo } from '../seed/demo';
import * as members from '../network/members';
import * as entries from './entries';
import * as events from './events';
import { gapsPage } from './gaps';
import { provideLinks } from '../links';

// Training asks mentoring who a member's mentor is, through the lookup the server provides at start.
provideLinks();

const NOW = Date.parse('2026-11-23T09:00:00Z');

describe('training demo data', () => {
	it('gives member@ a log with induction, a network meeting, e-learning and visits, and visible gaps', async () => {
		await seedDemo(db, NOW);
		const tom = members.actorById(members.findByEmail('member@example.org')!.id)!;
		const log = entries.logPage(tom, entries.parseFilter(new URLSearchParams()), NOW);
		const kinds = new Set(log.entries.map((e) => e.kind));
		for (const k of ['induction', 'regional-network', 'e-learning', 'informal']) expect(kinds).toContain(k);
		expect(log.entries.some((e) => e.source === 'event')).toBe(true);
		const gaps = gapsPage(tom, NOW);
		expect(gaps.gaps).toBeGreaterThanOrEqual(3);
		expect(gaps.covered).toBeGreaterThanOrEqual(3);

		const upcoming = events.list(tom, events.parseListFilter(new URLSearchParams()), NOW).events;
		expect(upcoming.some((e) => e.regionId === 'north-west')).toBe(true);
		expect(upcoming.some((e) => e.regionId === null)).toBe(true);
		expect(upcoming.every((e) => e.regionId === null || e.regionId === 'north-west')).toBe(true);
		const past = events.list(tom, events.parseListFilter(new URLSearchParams('when=past')), NOW).events;
		expect(past.length).toBeGreaterThan(0);

		const admin = members.actorById(members.findByEmail('admin@example.org')!.id)!;
		const regionsWithEvents = new Set(events.list(admin, events.parseListFilter(new URLSearchParams()), NOW).events.map((e) => e.regionId));
		expect(regionsWithEvents.size).toBeGreaterThanOrEqual(5);
	});
});
