import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember } from '../../../../tests/support/members';
import { useAreasForTesting } from './areas';
import * as personal from './personal';
import * as regional from './regional';
import { exportMemberData, eraseMember } from './data-rights';

beforeAll(() => useAreasForTesting([]));
afterAll(() => useAreasForTesting(null));

describe('digests data rights', () => {
	it('exports the member’s digest history and the digests they composed, and erases them from digests', async () => {
		const coordinator = makeMember({ authority: 'Leeds', role: 'coordinator', coordinatorRegionId: 'yorkshire-humber' });
		const leaver = makeMember({ authority: 'York', name: 'Lena Leaver' });
		await personal.sendDue(Date.now(), { memberIds: [leaver.id] });
		await personal.sendDue(Date.now() + 8 * 86_400_000, { memberIds: [leaver.id] });
		const r = regional.create(coordinator.actor, 'yorkshire-humber');
		if (!r.ok) throw new Error('not created');
		const d = regional.get(coordinator.actor, r.id);
		expect(JSON.stringify(d.sections)).toContain('Lena Leaver');

		expect(exportMemberData(leaver.id).personalDigests).toHaveLength(1);
		expect(exportMemberData(coordinator.id).regionalDigestsComposed).toEqual([expect.objectContaining({ region: 'Yorkshire and The Humber', status: 'draft' })]);

		eraseMember(leaver.id);
		expect(exportMemberData(leaver.id).personalDigests).toEqual([]);
		expect(personal.stateOf(leaver.id)).toBeNull();
		expect(JSON.stringify(regional.get(coordinator.actor, r.id).sections)).not.toContain('Lena Leaver');
	});
});
