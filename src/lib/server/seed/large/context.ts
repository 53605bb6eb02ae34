import type Database from 'better-sqlite3';
import type { Random } from './text';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A synthetic member, as the area seeders need them. */
export type Person = {
	id: number;
	name: string;
	handle: string;
	email: string;
	authorityId: number;
	regionId: string;
	party: string | null;
	inRoleSince: string | null;
	role: 'member' | 'coordinator' | 'admin';
	coordinatorRegionId: string | null;
	createdAt: number;
};

/** What each area's large seeder gets. Seeders write with prepared statements (speed) inside one transaction each. */
export type LargeContext = {
	sqlite: Database.Database;
	now: number;
	random: Random;
	people: Person[];
	byRegion: Map<string, Person[]>;
	byAuthority: Map<number, Person[]>;
	authorities: { id: number; name: string; regionId: string; kind: string }[];
	log: (message: string) => void;
};

/** A time between `fromDaysAgo` and `toDaysAgo` before now, skewed towards recent when `skew` > 1. */
export function timeAgo(ctx: LargeContext, fromDaysAgo: number, toDaysAgo = 0, skew = 1): number {
	const r = Math.pow(ctx.random(), skew);
	return Math.floor(ctx.now - (toDaysAgo + r * (fromDaysAgo - toDaysAgo)) * DAY);
}
