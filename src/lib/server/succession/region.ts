/**
 * The region at a glance (coordinators, admins) and the national summary by region (admins):
 * figures per authority, sortable and filterable, never the notes themselves.
 */
import { error } from '@sveltejs/kit';
import { authorize, can, type Actor } from '../auth/policy';
import { authorities, regionById, regions } from '../network/authorities';
import { summaries, type AuthoritySummary } from './checklists';
import { addMonths } from './score';
import { countdownText, formatDay, today as todayOf } from './words';

export const SORTS = ['name', 'score', 'sections', 'election', 'overdue', 'updated'] as const;
export type Sort = (typeof SORTS)[number];
export const FILTERS = [
	['all', 'All authorities'],
	['not-started', 'Not started'],
	['election-soon', 'Election within 6 months']
] as const;
export type Filter = (typeof FILTERS)[number][0];
export type Direction = 'asc' | 'desc';

export type RegionRow = AuthoritySummary & {
	name: string;
	kind: string;
	regionId: string;
	electionText: string;
	countdownText: string;
	electionSoon: boolean;
};

export type RegionStats = {
	authorities: number;
	started: number;
	notStarted: number;
	/** Mean readiness of the checklists that have been started (null if none). */
	averagePercent: number | null;
	green: number;
	amber: number;
	red: number;
	electionsSoon: number;
	overdue: number;
	flagged: number;
};

/** Reads a sort, direction and filter from query parameters; anything unknown falls back to the default. */
export function parseQuery(params: URLSearchParams): { sort: Sort; dir: Direction; filter: Filter } {
	const sort = (SORTS as readonly string[]).includes(params.get('sort') ?? '') ? (params.get('sort') as Sort) : 'name';
	const dir: Direction = params.get('dir') === 'desc' ? 'desc' : 'asc';
	const filter = FILTERS.some(([v]) => v === params.get('filter')) ? (params.get('filter') as Filter) : 'all';
	return { sort, dir, filter };
}

/** Every authority's row in a region (null = all England). Not a policy check: callers authorise or show figures only. */
export function rowsFor(regionId: string | null, now = Date.now()): RegionRow[] {
	const list = authorities().filter((a) => regionId == null || a.regionId === regionId);
	const sums = summaries(
		list.map((a) => a.id),
		now
	);
	const soonUntil = addMonths(todayOf(now), 6);
	return list.map((a) => {
		const s = sums.get(a.id)!;
		return {
			...s,
			name: a.name,
			kind: a.kind,
			regionId: a.regionId,
			electionText: formatDay(s.electionDate),
			countdownText: s.countdown ? countdownText(s.countdown) : '',
			electionSoon: !!s.countdown && !s.countdown.passed && s.countdown.date <= soonUntil
		};
	});
}

/** Totals over some rows. */
export function stats(rows: RegionRow[]): RegionStats {
	const started = rows.filter((r) => !r.notStarted);
	const scored = started.filter((r) => r.readiness.percent != null);
	return {
		authorities: rows.length,
		started: started.length,
		notStarted: rows.length - started.length,
		averagePercent: scored.length ? Math.round(scored.reduce((n, r) => n + (r.readiness.percent ?? 0), 0) / scored.length) : null,
		green: started.filter((r) => r.readiness.rag === 'green').length,
		amber: started.filter((r) => r.readiness.rag === 'amber').length,
		red: started.filter((r) => r.readiness.rag === 'red').length,
		electionsSoon: rows.filter((r) => r.electionSoon).length,
		overdue: rows.reduce((n, r) => n + r.overdue, 0),
		flagged: rows.reduce((n, r) => n + r.flagged, 0)
	};
}

function compare(sort: Sort): (a: RegionRow, b: RegionRow) => number {
	const byName = (a: RegionRow, b: RegionRow) => a.name.localeCompare(b.name, 'en-GB');
	switch (sort) {
		case 'name':
			return byName;
		case 'score':
			return (a, b) => (a.readiness.percent ?? -1) - (b.readiness.percent ?? -1) || byName(a, b);
		case 'sections':
			return (a, b) => a.sectionsDone - b.sectionsDone || byName(a, b);
		case 'overdue':
			return (a, b) => a.overdue - b.overdue || byName(a, b);
		case 'election':
			return (a, b) => (a.electionDate ?? '').localeCompare(b.electionDate ?? '') || byName(a, b);
		case 'updated':
			return (a, b) => (a.updatedAt ?? 0) - (b.updatedAt ?? 0) || byName(a, b);
	}
}

/** Sorts rows; authorities without an election date or never updated stay at the end either way. */
export function sortRows(rows: RegionRow[], sort: Sort, dir: Direction): RegionRow[] {
	const cmp = compare(sort);
	const missing = (r: RegionRow) => (sort === 'election' && !r.electionDate) || (sort === 'updated' && r.updatedAt == null);
	const present = rows.filter((r) => !missing(r)).sort((a, b) => (dir === 'asc' ? cmp(a, b) : cmp(b, a)));
	const absent = rows.filter(missing).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
	return [...present, ...absent];
}

/** A region's table for its coordinator or an admin (404 for anyone else or an unknown region). */
export function table(actor: Actor, regionId: string, q: { sort?: Sort; dir?: Direction; filter?: Filter } = {}, now = Date.now()) {
	const region = regionById(regionId);
	if (!region) error(404, 'Page not found');
	authorize(actor, 'succession.viewRegion', { regionId: region.id }, { hide: true });
	const all = rowsFor(region.id, now);
	const filter = q.filter ?? 'all';
	const filtered = all.filter((r) => (filter === 'not-started' ? r.notStarted : filter === 'election-soon' ? r.electionSoon : true));
	return {
		region: { id: region.id, name: region.name },
		rows: sortRows(filtered, q.sort ?? 'name', q.dir ?? 'asc'),
		stats: stats(all),
		total: all.length,
		sort: q.sort ?? 'name',
		dir: q.dir ?? 'asc',
		filter,
		canRemind: can(actor, 'checklist.remind', { authorityId: 0, regionId: region.id })
	};
}

/** Figures for one region (null region = all England), for digests. Not a policy check. */
export function regionStats(regionId: string | null, now = Date.now()): RegionStats {
	return stats(rowsFor(regionId, now));
}

/** The national summary by region: admins only. */
export function national(actor: Actor, now = Date.now()) {
	authorize(actor, 'succession.viewRegion', { regionId: null }, { hide: true });
	const all = rowsFor(null, now);
	const byRegion = regions().map((r) => ({ id: r.id, name: r.name, stats: stats(all.filter((row) => row.regionId === r.id)) }));
	return { regions: byRegion, england: stats(all) };
}

/** The regions whose table this actor may open (a coordinator's own; every region for admins). */
export function visibleRegions(actor: Actor) {
	return regions()
		.filter((r) => can(actor, 'succession.viewRegion', { regionId: r.id }))
		.map((r) => ({ id: r.id, name: r.name }));
}
