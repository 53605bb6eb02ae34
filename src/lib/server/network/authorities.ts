/** Regions and authorities: reference data, read often, changed never — cached in memory. */
import { asc, eq } from 'drizzle-orm';
import { db } from '../db/client';
import { authority, region, type Authority, type Region } from '../db/schema';

let regionsCache: Region[] | null = null;
let authoritiesCache: (Authority & { regionName: string })[] | null = null;

/** The nine regions in their usual order. */
export function regions(): Region[] {
	regionsCache ??= db.select().from(region).orderBy(asc(region.sortOrder)).all();
	return regionsCache;
}

/** All authorities, by name, with their region's name. */
export function authorities(): (Authority & { regionName: string })[] {
	authoritiesCache ??= db
		.select({
			id: authority.id,
			onsCode: authority.onsCode,
			dfeCode: authority.dfeCode,
			name: authority.name,
			kind: authority.kind,
			regionId: authority.regionId,
			regionName: region.name
		})
		.from(authority)
		.innerJoin(region, eq(region.id, authority.regionId))
		.orderBy(asc(authority.name))
		.all();
	return authoritiesCache;
}

export function authorityById(id: number) {
	return authorities().find((a) => a.id === id) ?? null;
}

export function regionById(id: string | null | undefined) {
	return regions().find((r) => r.id === id) ?? null;
}

export function regionName(id: string | null | undefined): string {
	return regionById(id)?.name ?? 'National';
}

/** Authorities grouped by region for a select's optgroups, optionally only some of them. */
export function authorityGroups(keep: (a: Authority) => boolean = () => true) {
	return regions()
		.map((r) => ({ label: r.name, options: authorities().filter((a) => a.regionId === r.id && keep(a)).map((a) => [a.id, a.name] as [number, string]) }))
		.filter((g) => g.options.length > 0);
}

/** Forget the cache (after seeding a fresh database in tests). */
export function resetCache() {
	regionsCache = null;
	authoritiesCache = null;
}
