import { describe, expect, it } from 'vitest';
import { db } from '../db/client';
import { authority } from '../db/schema';
import { DEMO_MEMBERS } from '../seed/demo-members';
import { seededRandom, type DemoContext } from '../seed/context';
import { seedMentoring } from '../seed/demo-mentoring';
import * as members from '../network/members';
import * as coordination from './coordination';
import * as dashboard from './dashboard';
import * as pairings from './pairings';

const NOW = Date.UTC(2026, 10, 23, 9);

function seed() {
	const byName = new Map(db.select().from(authority).all().map((a) => [a.name, a]));
	const created: DemoContext['members'] = DEMO_MEMBERS.map((m) => {
		const a = byName.get(m.authority)!;
		const row = members.create({ ...m, passwordHash: null, authorityId: a.id, coordinatorRegionId: m.coordinatorOf ?? null }, NOW);
		return { id: row.id, email: m.email, name: m.name, authorityId: a.id, regionId: a.regionId, role: m.role, expertise: m.expertise };
	});
	const ids = new Map(created.map((m) => [m.email, m.id]));
	seedMentoring({ db, now: NOW, memberId: (e) => ids.get(e)!, authorityId: (n) => byName.get(n)!.id, members: created, random: seededRandom(1) });
	return (email: string) => members.actorById(ids.get(email)!)!;
}

describe('the mentoring demo', () => {
	const actor = seed();

	it('has mentor@ mentoring member@ (goals, two meetings, the next one booked) and one other member', () => {
		const d = dashboard.forMember(actor('mentor@example.org'), NOW);
		expect(d.mentees).toHaveLength(2);
		const tom = d.mentees.find((m) => m.other.name === 'Tom Ashworth')!;
		expect(tom).toMatchObject({ state: 'on-track', goals: { done: 1, total: 4 } });
		expect(tom.nextMeeting?.startsAt).toBeGreaterThan(NOW);
		expect(d.mentees.find((m) => m.other.name !== 'Tom Ashworth')?.state).toBe('overdue');
		const page = pairings.page(actor('member@example.org'), tom.id, NOW);
		expect(page.private?.meetings).toHaveLength(2);
		expect(page.private?.booking?.past).toBe(false);
		// Agreed actions open (one overdue) and done, and a meeting changed since with its earlier version.
		const open = page.private!.actions.filter((a) => a.status === 'open');
		expect(open.length).toBeGreaterThanOrEqual(3);
		expect(open.some((a) => a.overdue)).toBe(true);
		expect(page.private!.actions.some((a) => a.status === 'done')).toBe(true);
		expect(page.private!.meetings.some((m) => m.earlier.length > 0)).toBe(true);
		expect(tom.openActions.length).toBe(open.length);
		expect(dashboard.forMember(actor('member@example.org'), NOW).mentor?.other.name).toBe('Sarah Holroyd');
	});

	it('gives coordinator@ three open North West requests with proposals ready', () => {
		const coordinator = actor('coordinator@example.org');
		const { items } = coordination.workbench(coordinator, null, NOW);
		expect(items).toHaveLength(3);
		for (const item of items) {
			expect(item.proposal).not.toBeNull();
			expect(item.proposal!.explanation.length).toBeGreaterThan(10);
		}
		const o = coordination.overview(coordinator, null, NOW);
		expect(o.awaiting).toHaveLength(1);
		expect(o.closed.every((c) => c.mentorFeedback && c.menteeFeedback)).toBe(true);
		expect(o.medianDaysToMatch).not.toBeNull();
		// The demo shows a match that does not give the member what they asked for, flagged.
		const gemma = items.find((i) => i.mentee.name === 'Gemma Lightfoot')!;
		expect(gemma.proposal!.score).toBeGreaterThan(0);
		expect(gemma.proposal!.unmet).toContain('own party — the mentor is from another party');
	});

	it('makes every demo member with a mentor entry a mentor', () => {
		const mentors = DEMO_MEMBERS.filter((m) => m.mentor);
		for (const m of mentors) expect(dashboard.forMember(actor(m.email), NOW).offer?.capacity).toBe(m.mentor!.capacity);
	});
});
