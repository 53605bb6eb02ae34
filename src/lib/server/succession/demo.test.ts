/** The succession demo data: built on the demo members, checked through the area's own functions. */
import { describe, expect, it } from 'vitest';
import { db } from '../db/client';
import { authorities } from '../network/authorities';
import { demoNetwork } from '../../../../tests/support/demo';
import { seedSuccession } from '../seed/demo-succession';
import * as checklists from './checklists';
import * as history from './history';
import * as region from './region';
import * as templates from './templates';

const NOW = Date.parse('2026-11-23T09:00:00Z');

const { byEmail, ctx } = demoNetwork(NOW, 20261123);
db.transaction(() => seedSuccession(ctx));

describe('succession demo data', () => {
	it('publishes two template versions and gives most authorities a checklist', () => {
		expect(templates.current().version).toBe(2);
		const admin = byEmail.get('admin@example.org')!;
		const n = region.national(admin.actor, NOW);
		expect(n.england.authorities).toBe(authorities().length);
		expect(n.england.started).toBeGreaterThan(authorities().length / 2);
		expect(n.england.green).toBeGreaterThan(0);
		expect(n.england.amber).toBeGreaterThan(0);
		expect(n.england.red).toBeGreaterThan(0);
		expect(n.england.notStarted).toBeGreaterThan(0);
		expect(n.england.electionsSoon).toBeGreaterThan(10);
		expect(n.england.flagged).toBeGreaterThan(0);
		expect(n.england.overdue).toBeGreaterThan(0);
		expect(n.regions.filter((r) => r.stats.started > 0)).toHaveLength(9);
	});

	it('has Lancashire partly done, with an election in May 2027 and an overdue item', () => {
		const tom = byEmail.get('member@example.org')!;
		const v = checklists.view(tom.actor, tom.authorityId, NOW);
		expect(v.authority.name).toBe('Lancashire');
		expect(v.readiness.rag).toBe('amber');
		expect(v.readiness.percent).toBeGreaterThanOrEqual(40);
		expect(v.readiness.percent).toBeLessThan(60);
		expect(v.checklist.templateVersion).toBe(2);
		expect(v.checklist.electionDate).toBe('2027-05-06');
		expect(v.counts.overdue).toBe(1);
		expect(v.upgrade).toBeNull();
		const h = history.list(tom.actor, tom.authorityId);
		expect(h.entries.length).toBeGreaterThan(10);
		expect(h.entries.map((e) => e.byName)).toContain('Tom Ashworth');
	});

	it('leaves some checklists on version 1 so the upgrade can be shown', () => {
		const coordinator = byEmail.get('coordinator@example.org')!;
		const rows = region.rowsFor(null, NOW).filter((r) => r.started);
		expect(rows.some((r) => r.templateVersion === 1)).toBe(true);
		expect(rows.some((r) => r.templateVersion === 2)).toBe(true);
		const nw = region.table(coordinator.actor, 'north-west', {}, NOW);
		expect(nw.rows.find((r) => r.name === 'Cumberland')!.flagged).toBeGreaterThan(0);
	});
});
