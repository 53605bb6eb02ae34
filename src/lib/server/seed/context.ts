import type { Db } from '../db/client';

/** What the demo seeders of each area get: the members and authorities already created. */
export type DemoContext = {
	db: Db;
	now: number;
	/** member id by email (demo accounts, e.g. 'member@example.org') */
	memberId: (email: string) => number;
	/** authority id by exact name */
	authorityId: (name: string) => number;
	/** every demo member */
	members: { id: number; email: string; name: string; authorityId: number; regionId: string; role: string; expertise: string[] }[];
	/** A deterministic pseudo-random generator (seeded), so the demo is the same every time. */
	random: () => number;
};

/** mulberry32: a small seeded PRNG. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
