import { describe, expect, it } from 'vitest';
import { authorityId, makeMember } from '../../../../tests/support/members';
import * as checklists from './checklists';
import * as region from './region';
import { status } from '../../../../tests/support/succession';

const NOW = Date.parse('2026-11-23T10:00:00Z');

/** Marks the first `n` items of an authority's checklist done. */
function complete(actor: ReturnType<typeof makeMember>['actor'], id: number, n: number, extra: checklists.ItemPatch = {}) {
	const items = checklists.view(actor, id, NOW).sections.flatMap((s) => s.items);
	for (const it of items.slice(0, n)) checklists.updateItem(actor, id, it.key, it.version, { status: 'done', ...extra }, {}, NOW);
}

describe('the region at a glance', () => {
	const coordinator = makeMember({ authority: 'Newcastle upon Tyne', role: 'coordinator', coordinatorRegionId: 'north-east' });
	const durham = makeMember({ authority: 'County Durham' });
	const sunderland = makeMember({ authority: 'Sunderland' });
	const gateshead = makeMember({ authority: 'Gateshead' });
	complete(durham.actor, durham.authorityId, 20);
	complete(sunderland.actor, sunderland.authorityId, 5);
	checklists.view(gateshead.actor, gateshead.authorityId, NOW); // opened, nothing done
	checklists.setElection(sunderland.actor, sunderland.authorityId, '2027-05-06', {}, NOW);
	checklists.setElection(durham.actor, durham.authorityId, '2029-05-03', {}, NOW);
	// an overdue item in Gateshead
	const g = checklists.view(gateshead.actor, gateshead.authorityId, NOW).sections[0].items[0];
	checklists.updateItem(gateshead.actor, gateshead.authorityId, g.key, g.version, { dueDate: '2026-11-01' }, {}, NOW);

	it('shows every authority of the region with score, RAG, sections, election, overdue and last update', () => {
		const t = region.table(coordinator.actor, 'north-east', {}, NOW);
		expect(t.total).toBe(12);
		expect(t.rows.map((r) => r.name)).toEqual([...t.rows.map((r) => r.name)].sort((a, b) => a.localeCompare(b, 'en-GB')));
		const durhamRow = t.rows.find((r) => r.authorityId === durham.authorityId)!;
		expect(durhamRow.readiness.rag).toBe('green');
		expect(durhamRow.sectionsDone).toBeGreaterThan(0);
		expect(durhamRow.electionText).toBe('3 May 2029');
		expect(durhamRow.updatedAt).toBe(NOW);
		const gRow = t.rows.find((r) => r.authorityId === gateshead.authorityId)!;
		expect(gRow).toMatchObject({ overdue: 1, notStarted: true, started: true });
		const untouched = t.rows.find((r) => r.name === 'Hartlepool')!;
		expect(untouched).toMatchObject({ started: false, notStarted: true, updatedAt: null });
		expect(t.stats).toMatchObject({ authorities: 12, started: 2, green: 1, overdue: 1, electionsSoon: 1 });
		expect(t.canRemind).toBe(true);
	});

	it('sorts by a query parameter, either way, with missing dates last', () => {
		const byScore = region.table(coordinator.actor, 'north-east', { sort: 'score', dir: 'desc' }, NOW).rows;
		expect(byScore[0].authorityId).toBe(durham.authorityId);
		expect(byScore[1].authorityId).toBe(sunderland.authorityId);
		const byElection = region.table(coordinator.actor, 'north-east', { sort: 'election', dir: 'asc' }, NOW).rows;
		expect(byElection.slice(0, 2).map((r) => r.authorityId)).toEqual([sunderland.authorityId, durham.authorityId]);
		const byElectionDesc = region.table(coordinator.actor, 'north-east', { sort: 'election', dir: 'desc' }, NOW).rows;
		expect(byElectionDesc.slice(0, 2).map((r) => r.authorityId)).toEqual([durham.authorityId, sunderland.authorityId]);
		expect(byElectionDesc.at(-1)!.electionDate).toBeNull();
		const byOverdue = region.table(coordinator.actor, 'north-east', { sort: 'overdue', dir: 'desc' }, NOW).rows;
		expect(byOverdue[0].authorityId).toBe(gateshead.authorityId);
	});

	it('filters to not started and to elections within six months', () => {
		const notStarted = region.table(coordinator.actor, 'north-east', { filter: 'not-started' }, NOW).rows;
		expect(notStarted.every((r) => r.notStarted)).toBe(true);
		expect(notStarted.some((r) => r.authorityId === durham.authorityId)).toBe(false);
		expect(notStarted).toHaveLength(10);
		const soon = region.table(coordinator.actor, 'north-east', { filter: 'election-soon' }, NOW).rows;
		expect(soon.map((r) => r.authorityId)).toEqual([sunderland.authorityId]);
	});

	it('reads sort and filter from the query string, ignoring anything unknown', () => {
		expect(region.parseQuery(new URLSearchParams('sort=score&dir=desc&filter=election-soon'))).toEqual({ sort: 'score', dir: 'desc', filter: 'election-soon' });
		expect(region.parseQuery(new URLSearchParams('sort=drop table&dir=sideways&filter=<script>'))).toEqual({ sort: 'name', dir: 'asc', filter: 'all' });
	});

	it('is 404 for members, for other regions’ coordinators and for unknown regions; admins see every region and the national summary', () => {
		const otherCoordinator = makeMember({ authority: 'Leeds', role: 'coordinator', coordinatorRegionId: 'yorkshire-humber' });
		const admin = makeMember({ authority: 'Westminster', role: 'admin' });
		expect(status(() => region.table(durham.actor, 'north-east', {}, NOW))).toBe(404);
		expect(status(() => region.table(otherCoordinator.actor, 'north-east', {}, NOW))).toBe(404);
		expect(status(() => region.table(coordinator.actor, 'narnia', {}, NOW))).toBe(404);
		expect(status(() => region.national(coordinator.actor, NOW))).toBe(404);
		expect(status(() => region.national(durham.actor, NOW))).toBe(404);
		expect(region.table(admin.actor, 'north-east', {}, NOW).total).toBe(12);
		const n = region.national(admin.actor, NOW);
		expect(n.regions).toHaveLength(9);
		expect(n.england.authorities).toBe(153);
		expect(n.regions.find((r) => r.id === 'north-east')!.stats).toMatchObject({ authorities: 12, started: 2 });
		expect(region.visibleRegions(coordinator.actor).map((r) => r.id)).toEqual(['north-east']);
		expect(region.visibleRegions(admin.actor)).toHaveLength(9);
		expect(region.visibleRegions(durham.actor)).toEqual([]);
	});

	it('does not count opening a checklist as a change', () => {
		const admin = makeMember({ authority: 'Westminster', role: 'admin' });
		const id = authorityId('Darlington');
		checklists.view(admin.actor, id, NOW);
		const row = region.table(coordinator.actor, 'north-east', {}, NOW).rows.find((r) => r.authorityId === id)!;
		expect(row).toMatchObject({ started: true, notStarted: true, updatedAt: null });
		expect(checklists.view(admin.actor, id, NOW).checklist.updatedAt).toBeNull();
	});

	it('counts a checklist with only not-applicable answers as started', () => {
		const m = makeMember({ authority: 'Northumberland' });
		const it = checklists.view(m.actor, m.authorityId, NOW).sections[0].items[0];
		checklists.updateItem(m.actor, m.authorityId, it.key, it.version, { status: 'not-applicable', naReason: 'Our authority has no deputy, so this does not apply to us.' }, {}, NOW);
		const row = region.table(coordinator.actor, 'north-east', {}, NOW).rows.find((r) => r.authorityId === authorityId('Northumberland'))!;
		expect(row.notStarted).toBe(false);
	});
});
