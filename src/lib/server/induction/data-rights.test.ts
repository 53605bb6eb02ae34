/** Path progress is personal data: in the member's export (notes included), gone on deletion; and the digests carry the next steps. */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { inductionNudge, inductionPath, inductionProgress } from '../db/schema';
import { makeMember } from '../../../../tests/support/members';
import { makeCoordinator } from '../../../../tests/support/mentoring';
import { exportMemberData, eraseMember } from './data-rights';
import { digestSection, regionalDigestGroups } from './digest';
import * as paths from './paths';
import * as coordination from './coordination';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const DAY = 86_400_000;

describe('induction data rights', () => {
	it('exports the path, the steps with notes and reasons, and the nudges; erasing removes them', () => {
		const m = makeMember({ inRoleSince: '2026-11-02' });
		const coordinator = makeCoordinator();
		paths.tick(m.actor, m.id, 'meet-dcs', 'Private note about the DCS', NOW);
		paths.notRelevant(m.actor, m.id, 'budget', 'Chaired budget scrutiny', NOW);
		coordination.nudge(coordinator.actor, m.id, 'How is it going?', {}, NOW);
		const data = exportMemberData(m.id) as { path: { version: number }; steps: { step: string; note: string | null; reason: string | null }[]; nudgesReceived: { message: string }[] };
		expect(data.path.version).toBe(1);
		expect(data.steps).toEqual([
			expect.objectContaining({ step: 'meet-dcs', status: 'Done', note: 'Private note about the DCS' }),
			expect.objectContaining({ step: 'budget', status: 'Not relevant for me', reason: 'Chaired budget scrutiny' })
		]);
		expect(data.nudgesReceived.map((n) => n.message)).toEqual(['How is it going?']);
		eraseMember(m.id);
		expect(db.select().from(inductionProgress).where(eq(inductionProgress.memberId, m.id)).all()).toEqual([]);
		expect(db.select().from(inductionPath).where(eq(inductionPath.memberId, m.id)).all()).toEqual([]);
		expect(db.select().from(inductionNudge).where(eq(inductionNudge.memberId, m.id)).all()).toEqual([]);
	});
});

describe('induction in digests', () => {
	it('gives a new member their next two steps, and nothing to a long-serving one', () => {
		const m = makeMember({ inRoleSince: '2026-11-02' });
		paths.tick(m.actor, m.id, 'meet-dcs', '', NOW);
		const recipient = { id: m.id, name: m.name, email: m.email, authorityId: m.authorityId, regionId: m.regionId, role: m.role, coordinatorRegionId: null, expertise: [] };
		const s = digestSection(recipient, NOW - 7 * DAY, NOW);
		expect(s?.hasNew).toBe(false);
		expect(s?.groups[0].items.map((i) => i.text)).toEqual(['Read your predecessor’s handover pack', 'Ask for a mentor']);
		const old = makeMember({ inRoleSince: '2015-05-01' });
		expect(digestSection({ ...recipient, id: old.id }, NOW - 7 * DAY, NOW + 1)).toBeNull();
	});

	it('suggests the region’s new members and its stalled paths to the coordinator’s regional digest', () => {
		const fresh = makeMember({ name: 'Fresh Start', authority: 'Blackpool', inRoleSince: '2026-11-20' });
		const stalled = makeMember({ name: 'Stuck Fast', authority: 'Blackpool', inRoleSince: '2026-09-01' });
		const groups = regionalDigestGroups('north-west', NOW - 7 * DAY, NOW + 2);
		const newcomers = groups.find((g) => g.title === 'New in the role in the North West')!;
		expect(newcomers.items.map((i) => i.text)).toContain(`Fresh Start, Blackpool`);
		expect(newcomers.items.map((i) => i.text)).not.toContain('Stuck Fast, Blackpool');
		const stuck = groups.find((g) => g.title === 'First 100 days that have stalled')!;
		expect(stuck.items.map((i) => i.text)).toContain('Stuck Fast');
		expect(regionalDigestGroups(null, NOW - 7 * DAY, NOW)).toEqual([]);
		expect(fresh.id + stalled.id).toBeGreaterThan(0);
	});
});
