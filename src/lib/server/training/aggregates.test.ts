import { describe, expect, it } from 'vitest';
import { makeMember } from '../../../../tests/support/members';
import * as entries from './entries';
import { nationalOverview, regionAggregates } from './aggregates';
import { NOW, statusOf } from '../../../../tests/support/training';

function log(actor: Parameters<typeof entries.addEntry>[0], startDate: string, kind: string, topics: string[], hours: string) {
	const r = entries.addEntry(actor, { startDate, title: `Secret title ${Math.random()}`, kind, topics, hours, reflection: 'SECRET REFLECTION' }, NOW);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
}

describe('coordinator aggregates', () => {
	// North East: a region no other test in this file writes to.
	const coord = makeMember({ authority: 'Sunderland', role: 'coordinator', coordinatorRegionId: 'north-east' });
	const a = makeMember({ authority: 'Gateshead' });
	const b = makeMember({ authority: 'Gateshead' });
	const c = makeMember({ authority: 'Northumberland' });
	const outsider = makeMember({ authority: 'Leeds' });
	log(a.actor, '2026-10-01', 'regional-network', ['send', 'inspection'], '2');
	log(a.actor, '2026-03-01', 'induction', ['corporate-parenting'], '3');
	log(b.actor, '2025-06-01', 'subject-course', ['youth-justice'], '4'); // covered within 24 months, not 12
	log(c.actor, '2026-11-01', 'regional-network', ['send'], '1.5');
	log(outsider.actor, '2026-11-01', 'regional-network', ['send'], '5');

	it('counts members logging, hours by kind and core topics for the region only', () => {
		const r = regionAggregates(coord.actor, 'north-east', NOW);
		expect(r.region.name).toBe('North East');
		expect(r.members).toBe(4); // the coordinator is a member of the region too
		expect(r.membersLogging).toBe(2);
		expect(r.hours).toBe(6.5);
		expect(r.entries).toBe(3);
		expect(r.byKind.find((k) => k.key === 'regional-network')).toMatchObject({ entries: 2, hours: 3.5 });
		expect(r.byKind.find((k) => k.key === 'induction')).toMatchObject({ entries: 1, hours: 3 });
		const topic = Object.fromEntries(r.coreTopics.map((t) => [t.topic, t.members]));
		expect(topic).toMatchObject({ send: 2, inspection: 1, 'corporate-parenting': 1, 'youth-justice': 1, budgets: 0 });
		const gateshead = r.authorities.find((x) => x.name === 'Gateshead');
		expect(gateshead).toMatchObject({ members: 2, membersLogging: 1, hours: 5, coreTopicsCovered: 4 });
		expect(r.authorities.every((x) => x.name !== 'Leeds')).toBe(true);
	});

	it('never includes titles or reflections', () => {
		const json = JSON.stringify(regionAggregates(coord.actor, 'north-east', NOW));
		expect(json).not.toContain('SECRET');
	});

	it('is for the region’s coordinator and admins only (404 for anyone else)', () => {
		const otherCoord = makeMember({ authority: 'Leeds', role: 'coordinator', coordinatorRegionId: 'yorkshire-humber' });
		const admin = makeMember({ role: 'admin' });
		expect(statusOf(() => regionAggregates(otherCoord.actor, 'north-east', NOW))).toBe(404);
		expect(statusOf(() => regionAggregates(a.actor, 'north-east', NOW))).toBe(404);
		expect(statusOf(() => regionAggregates(coord.actor, 'atlantis', NOW))).toBe(404);
		expect(regionAggregates(admin.actor, 'north-east', NOW).membersLogging).toBe(2);
		expect(statusOf(() => nationalOverview(coord.actor, NOW))).toBe(404);
		const overview = nationalOverview(admin.actor, NOW);
		expect(overview.regions).toHaveLength(9);
		expect(overview.regions.find((x) => x.id === 'north-east')).toMatchObject({ membersLogging: 2, hours: 6.5 });
		expect(JSON.stringify(overview)).not.toContain('SECRET');
	});
});
