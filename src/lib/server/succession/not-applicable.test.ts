/** "Not applicable" cannot inflate readiness: it needs a reason, shows it, and a coordinator can send it back. */
import { describe, expect, it } from 'vitest';
import { makeMember } from '../../../../tests/support/members';
import * as checklists from './checklists';
import * as history from './history';
import * as region from './region';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const REASON = 'We have a single Lead Member with no deputies, so there is nothing to share.';

function itemOf(actor: Parameters<typeof checklists.view>[0], authorityId: number, key: string) {
	return checklists.view(actor, authorityId, NOW).sections.flatMap((s) => s.items).find((i) => i.key === key)!;
}

function status(fn: () => unknown): number | null {
	try {
		fn();
		return null;
	} catch (e) {
		return (e as { status?: number }).status ?? -1;
	}
}

describe('not applicable needs a reason', () => {
	it('refuses not applicable with no reason, a word, or under 20 characters, and the score does not move', () => {
		const lead = makeMember({ authority: 'Cumberland' });
		const before = checklists.view(lead.actor, lead.authorityId, NOW).readiness;
		const it0 = itemOf(lead.actor, lead.authorityId, 'sharing-model');
		for (const naReason of [undefined, '', 'n/a', 'Notrelevanttousatallreally', 'Not relevant.']) {
			const r = checklists.updateItem(lead.actor, lead.authorityId, it0.key, it0.version, { status: 'not-applicable', naReason }, {}, NOW);
			expect(r.ok, String(naReason)).toBe(false);
			if (!r.ok) expect(r.errors.naReason).toMatch(/at least a sentence/);
		}
		expect(checklists.view(lead.actor, lead.authorityId, NOW).readiness).toEqual(before);
		expect(itemOf(lead.actor, lead.authorityId, 'sharing-model').status).toBe('not-started');
	});

	it('accepts a sentence, shows it on the item, in the history and in the region table; leaving N/A clears it', () => {
		const lead = makeMember({ authority: 'Cumberland' });
		const it0 = itemOf(lead.actor, lead.authorityId, 'sharing-model');
		const r = checklists.updateItem(lead.actor, lead.authorityId, it0.key, it0.version, { status: 'not-applicable', naReason: `  ${REASON}  ` }, {}, NOW);
		expect(r).toEqual({ ok: true, changed: ['status', 'naReason'] });
		const it1 = itemOf(lead.actor, lead.authorityId, 'sharing-model');
		expect(it1.naReason).toBe(REASON);
		const entries = history.list(lead.actor, lead.authorityId, { item: 'sharing-model' }).entries;
		expect(entries.find((e) => e.field === 'naReason')).toMatchObject({ what: 'Why it does not apply', to: REASON });
		const row = region.rowsFor('north-west', NOW).find((x) => x.authorityId === lead.authorityId)!;
		expect(row.notApplicable).toEqual([{ key: 'sharing-model', title: it1.title, reason: REASON }]);
		// Saving other fields keeps the reason; moving out of N/A clears it.
		expect(checklists.updateItem(lead.actor, lead.authorityId, it1.key, it1.version, { dueDate: '2027-01-31' }, {}, NOW).ok).toBe(true);
		const it2 = itemOf(lead.actor, lead.authorityId, 'sharing-model');
		expect(it2.naReason).toBe(REASON);
		expect(checklists.updateItem(lead.actor, lead.authorityId, it2.key, it2.version, { status: 'in-progress' }, {}, NOW).ok).toBe(true);
		expect(itemOf(lead.actor, lead.authorityId, 'sharing-model').naReason).toBe('');
	});
});

describe('a coordinator sends not applicable back to do', () => {
	it('puts the item back to not started with a note kept in the history, and the score counts it again', () => {
		const lead = makeMember({ authority: 'Cumberland' });
		const it0 = itemOf(lead.actor, lead.authorityId, 'sharing-model');
		checklists.updateItem(lead.actor, lead.authorityId, it0.key, it0.version, { status: 'not-applicable', naReason: REASON }, {}, NOW);
		const withNa = checklists.view(lead.actor, lead.authorityId, NOW).readiness;
		const coordinator = makeMember({ authority: 'Salford', role: 'coordinator', coordinatorRegionId: 'north-west' });
		expect(checklists.reopenNotApplicable(coordinator.actor, lead.authorityId, 'sharing-model', '   ', {}, NOW)).toEqual({ ok: false, errors: { reopenNote: expect.any(String) } });
		expect(checklists.reopenNotApplicable(coordinator.actor, lead.authorityId, 'sharing-model', 'You do have a deputy since May: please write up the model.', {}, NOW)).toEqual({ ok: true });
		const it1 = itemOf(lead.actor, lead.authorityId, 'sharing-model');
		expect(it1).toMatchObject({ status: 'not-started', naReason: '' });
		expect(checklists.view(lead.actor, lead.authorityId, NOW).readiness.applicable).toBe(withNa.applicable + 1);
		const entry = history.list(lead.actor, lead.authorityId, { item: 'sharing-model' }).entries.find((e) => e.field === 'reopened')!;
		expect(entry.summary).toContain('You do have a deputy since May');
		expect(entry.summary).toContain(REASON);
		// A second send-back finds nothing to do.
		expect(checklists.reopenNotApplicable(coordinator.actor, lead.authorityId, 'sharing-model', 'Again', {}, NOW).ok).toBe(false);
	});

	it('is refused to the authority’s own members and to another region’s coordinator', () => {
		const lead = makeMember({ authority: 'Cumberland' });
		const it0 = itemOf(lead.actor, lead.authorityId, 'sharing-model');
		checklists.updateItem(lead.actor, lead.authorityId, it0.key, it0.version, { status: 'not-applicable', naReason: REASON }, {}, NOW);
		const other = makeMember({ authority: 'Leeds', role: 'coordinator', coordinatorRegionId: 'yorkshire-humber' });
		expect(status(() => checklists.reopenNotApplicable(lead.actor, lead.authorityId, 'sharing-model', 'I changed my mind', {}, NOW))).toBe(403);
		expect(status(() => checklists.reopenNotApplicable(other.actor, lead.authorityId, 'sharing-model', 'It applies', {}, NOW))).toBe(404);
		expect(itemOf(lead.actor, lead.authorityId, 'sharing-model').status).toBe('not-applicable');
	});
});
