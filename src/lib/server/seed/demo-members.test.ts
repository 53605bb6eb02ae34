import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { POSITIONS, REGIONS, TOPICS, values, type RegionId } from '../../vocab';
import { DEMO_MEMBERS, DEMO_PASSWORD } from './demo-members';

type AuthorityRow = { name: string; kind: string; region: string };

const rows: AuthorityRow[] = parse(readFileSync(new URL('./authorities.csv', import.meta.url)), {
	columns: true,
	skip_empty_lines: true,
	trim: true
});
const regionIdByLabel = new Map<string, RegionId>(REGIONS.map(([id, label]) => [label, id]));
const regionOfAuthority = new Map<string, RegionId | undefined>(
	rows.map((row) => [row.name, regionIdByLabel.get(row.region)])
);

/** The region of a demo member, through their authority. */
function regionOf(authority: string): RegionId {
	const region = regionOfAuthority.get(authority);
	if (!region) throw new Error(`no region for authority ${authority}`);
	return region;
}

const TODAY = '2026-11-23';
const others = DEMO_MEMBERS.slice(4);

describe('demo members', () => {
	it('starts with the four fixed accounts', () => {
		const [admin, coordinator, mentor, member] = DEMO_MEMBERS;

		expect(admin.email).toBe('admin@example.org');
		expect(admin.role).toBe('admin');
		expect(admin.position).toBe('other');
		expect(admin.coordinatorOf).toBeUndefined();

		expect(coordinator.email).toBe('coordinator@example.org');
		expect(coordinator.role).toBe('coordinator');
		expect(coordinator.coordinatorOf).toBe('north-west');
		expect(regionOf(coordinator.authority)).toBe('north-west');

		expect(mentor.email).toBe('mentor@example.org');
		expect(mentor.role).toBe('member');
		expect(regionOf(mentor.authority)).toBe('yorkshire-humber');
		expect(mentor.inRoleSince <= '2019-01-01').toBe(true);
		expect(mentor.mentor?.capacity).toBe(3);
		expect(mentor.mentor?.scope).toBe('both');

		expect(member.email).toBe('member@example.org');
		expect(member.role).toBe('member');
		expect(member.position).toBe('lead-member');
		expect(member.inRoleSince).toBe('2026-08-20');
		expect(member.mentor).toBeUndefined();
		expect(regionOf(member.authority)).toBe('north-west');
		expect(member.authority).not.toBe(coordinator.authority);
	});

	it('has at least 64 other members', () => {
		expect(others.length).toBeGreaterThanOrEqual(64);
		for (const m of others) expect(m.email).toMatch(/^[a-z]+\.[a-z]+@example\.org$/);
	});

	it('uses a shared demo password', () => {
		expect(DEMO_PASSWORD).toBe('lead-member-demo');
	});

	it('only names authorities that are in authorities.csv', () => {
		expect(rows.length).toBeGreaterThan(100);
		for (const row of rows) expect(regionIdByLabel.has(row.region)).toBe(true);
		for (const m of DEMO_MEMBERS) expect(regionOfAuthority.has(m.authority), m.authority).toBe(true);
	});

	it('covers all nine regions with at least five members each', () => {
		const counts = new Map<RegionId, number>();
		for (const m of DEMO_MEMBERS) {
			const region = regionOf(m.authority);
			counts.set(region, (counts.get(region) ?? 0) + 1);
		}
		for (const [id] of REGIONS) expect(counts.get(id) ?? 0, id).toBeGreaterThanOrEqual(5);
	});

	it('has unique, lower-case, ASCII emails', () => {
		const emails = DEMO_MEMBERS.map((m) => m.email);
		expect(new Set(emails).size).toBe(emails.length);
		for (const email of emails) expect(email).toMatch(/^[a-z0-9.]+@example\.org$/);
	});

	it('uses only valid vocabulary values and sensible fields', () => {
		const positions: string[] = values(POSITIONS);
		const topics: string[] = values(TOPICS);
		for (const m of DEMO_MEMBERS) {
			expect(positions).toContain(m.position);
			expect(['member', 'coordinator', 'admin']).toContain(m.role);
			expect(m.expertise.length, m.email).toBeGreaterThanOrEqual(2);
			expect(m.expertise.length, m.email).toBeLessThanOrEqual(4);
			expect(new Set(m.expertise).size).toBe(m.expertise.length);
			for (const t of m.expertise) expect(topics).toContain(t);
			expect(m.inRoleSince).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(Number.isNaN(Date.parse(m.inRoleSince))).toBe(false);
			expect(m.inRoleSince >= '2012-01-01' && m.inRoleSince <= TODAY, m.email).toBe(true);
			expect(m.name.trim().length).toBeGreaterThan(0);
			expect(m.bio.trim().length).toBeGreaterThan(0);
			expect(m.background.trim().length).toBeGreaterThan(0);
			if (m.role === 'coordinator') expect(m.coordinatorOf).toBeDefined();
			else expect(m.coordinatorOf).toBeUndefined();
			if (m.mentor) {
				expect([1, 2, 3]).toContain(m.mentor.capacity);
				expect(['own', 'other', 'both']).toContain(m.mentor.scope);
				expect(m.mentor.availability.trim().length).toBeGreaterThan(0);
			}
		}
	});

	it('has at most one Lead Member per authority', () => {
		const seen = new Set<string>();
		for (const m of DEMO_MEMBERS.filter((m) => m.position === 'lead-member')) {
			expect(seen.has(m.authority), m.authority).toBe(false);
			seen.add(m.authority);
		}
	});

	it('has exactly one coordinator per region, based in that region', () => {
		for (const [id] of REGIONS) {
			const coordinators = DEMO_MEMBERS.filter((m) => m.role === 'coordinator' && m.coordinatorOf === id);
			expect(coordinators.length, id).toBe(1);
			expect(regionOf(coordinators[0].authority)).toBe(id);
		}
	});

	it('has a realistic mix of mentors and members new in the role', () => {
		const mentors = DEMO_MEMBERS.filter((m) => m.mentor);
		expect(mentors.length).toBeGreaterThanOrEqual(10);
		const yearAgo = '2025-11-23';
		const isNew = (m: (typeof DEMO_MEMBERS)[number]) => m.inRoleSince > yearAgo;
		for (const m of mentors) expect(isNew(m), m.email).toBe(false);
		const newCount = DEMO_MEMBERS.filter(isNew).length;
		expect(newCount / DEMO_MEMBERS.length).toBeGreaterThan(0.15);
		expect(newCount / DEMO_MEMBERS.length).toBeLessThan(0.4);
	});
});
