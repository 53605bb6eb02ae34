/** The induction demo data: three new North West members at different points, checked through the area's own functions. */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { outboxMessage } from '../db/schema';
import { demoNetwork } from '../../../../tests/support/demo';
import { provideLinks } from '../links';
import { seedDiscussions } from '../seed/demo-discussions';
import { seedInduction } from '../seed/demo-induction';
import * as coordination from './coordination';
import * as paths from './paths';
import * as members from '../network/members';

provideLinks();
const NOW = Date.parse('2026-11-23T09:00:00Z');
const { byEmail, ctx } = demoNetwork(NOW, 20261123);
db.transaction(() => seedDiscussions(ctx));
db.transaction(() => seedInduction(ctx));

describe('induction demo data', () => {
	it('shows the North West coordinator three new members, one of them stalled and nudged', () => {
		const coordinator = byEmail.get('coordinator@example.org')!;
		const view = coordination.newMembers(coordinator.actor, 'north-west', {}, NOW);
		const byName = new Map(view.rows.map((r) => [r.name, r]));
		expect(byName.get('Rachel Okonjo')).toMatchObject({ daysInRole: 12, stalled: false, mentorName: null, waitingSince: expect.any(Number) });
		expect(byName.get('Owen Pritchard')).toMatchObject({ daysInRole: 45, stalled: false });
		expect(byName.get('Owen Pritchard')!.done).toBeGreaterThanOrEqual(7);
		expect(byName.get('Sally Fenwick')).toMatchObject({ daysInRole: 70, done: 1, stalled: true });
		const sally = members.findByEmail('sally.fenwick@example.org')!;
		expect(db.select().from(outboxMessage).where(eq(outboxMessage.recipientId, sally.id)).all().map((m) => m.kind)).toEqual(['induction-nudge']);
	});

	it('ticks Owen’s steps by themselves from what he did in the other areas', () => {
		const owen = members.actorById(members.findByEmail('owen.pritchard@example.org')!.id)!;
		const steps = new Map(paths.mine(owen, NOW).phases.flatMap((p) => p.steps).map((s) => [s.key, s]));
		for (const key of ['handover-pack', 'ask-mentor', 'introduce-yourself', 'log-induction']) expect(steps.get(key)?.seen, key).toBeTruthy();
		expect(steps.get('budget')?.state).toBe('not-relevant');
	});
});
