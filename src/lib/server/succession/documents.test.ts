import { describe, expect, it } from 'vitest';
import { makeMember, authorityId } from '../../../../tests/support/members';
import { shareCaseStudy } from '../../../../tests/support/library';
import * as library from '../library/entries';
import type { Actor } from '../auth/policy';
import * as checklists from './checklists';
import * as documents from './documents';
import * as history from './history';

const NOW = Date.parse('2026-11-23T10:00:00Z');

/** A case study from `authority`, shared the day before. */
const entry = (actor: Actor, title: string, authority: string, scope = 'national') => shareCaseStudy(actor, title, { authority, scope, summary: 'Our approach.', at: NOW - 86_400_000 });

describe('library documents on succession checklist items', () => {
	it('links the authority’s own documents to an item: on the item, by key for the handover pack, in the history', () => {
		const me = makeMember({ authority: 'Cumberland' });
		const coordinator = makeMember({ authority: 'Cumberland', role: 'coordinator', coordinatorRegionId: 'north-west' });
		const cumbria = authorityId('Cumberland');
		const strategy = entry(me.actor, 'Cumberland corporate parenting strategy', 'Cumberland', 'north-west');
		checklists.view(me.actor, cumbria, NOW);
		expect(documents.choices(me.actor, cumbria).map((c) => c.label)).toContain('Cumberland corporate parenting strategy');

		expect(documents.setForItem(me.actor, cumbria, 'corporate-parenting', [strategy], {}, NOW)).toEqual({ ok: true, changed: true });
		expect(documents.byItemKey(me.actor, cumbria)['corporate-parenting']).toEqual([{ id: strategy, title: 'Cumberland corporate parenting strategy', href: `/library/${strategy}`, kindLabel: 'Case study', fileNote: '' }]);
		// The coordinator reads the same pack.
		expect(documents.byItemKey(coordinator.actor, cumbria)['corporate-parenting']).toHaveLength(1);
		const change = history.list(me.actor, cumbria, { item: 'corporate-parenting', limit: 5 }).entries[0];
		expect(change).toMatchObject({ what: 'Library documents', from: 'None', to: 'Cumberland corporate parenting strategy' });

		// Saving the same again changes nothing; unticking takes it off.
		expect(documents.setForItem(me.actor, cumbria, 'corporate-parenting', [strategy], {}, NOW)).toEqual({ ok: true, changed: false });
		expect(documents.setForItem(me.actor, cumbria, 'corporate-parenting', [], {}, NOW)).toEqual({ ok: true, changed: true });
		expect(documents.byItemKey(me.actor, cumbria)).toEqual({});
	});

	it('refuses another authority’s document, one the member cannot see, and anyone outside the authority', () => {
		const me = makeMember({ authority: 'Cumberland' });
		const leeds = makeMember({ authority: 'Leeds' });
		const camden = makeMember({ authority: 'Camden' });
		const cumberland = authorityId('Cumberland');
		const theirs = entry(leeds.actor, 'Leeds corporate parenting strategy', 'Leeds');
		const london = entry(camden.actor, 'A Camden document shared only in London', 'Cumberland', 'london');
		expect(documents.setForItem(me.actor, cumberland, 'corporate-parenting', [theirs], {}, NOW)).toEqual({ ok: false, errors: { documents: '“Leeds corporate parenting strategy” is not from Cumberland. Link only Cumberland’s own documents' } });
		expect(documents.setForItem(me.actor, cumberland, 'corporate-parenting', [london], {}, NOW)).toEqual({ ok: false, errors: { documents: `There is no library document number ${london} that you can see – choose one from the list` } });
		expect(documents.setForItem(me.actor, cumberland, 'no-such-item', [], {}, NOW)).toMatchObject({ ok: false });
		// Another authority's member: the checklist looks not found.
		expect(() => documents.setForItem(leeds.actor, cumberland, 'corporate-parenting', [], {}, NOW)).toThrow(expect.objectContaining({ status: 404 }));
		// The region's coordinator may read but not change it.
		const coordinator = makeMember({ authority: 'Lancashire', role: 'coordinator', coordinatorRegionId: 'north-west' });
		expect(() => documents.setForItem(coordinator.actor, cumberland, 'corporate-parenting', [], {}, NOW)).toThrow(expect.objectContaining({ status: 403 }));
		expect(documents.byItemKey(me.actor, cumberland)).toEqual({});
	});

	it('shows a reader only the linked documents they may open', () => {
		const me = makeMember({ authority: 'Cumberland' });
		const admin = makeMember({ authority: 'Camden', role: 'admin' });
		const cumberland = authorityId('Cumberland');
		const a = entry(me.actor, 'Cumberland pledge', 'Cumberland');
		const b = entry(makeMember({ authority: 'Cumberland' }).actor, 'Cumberland scorecard', 'Cumberland');
		expect(documents.setForItem(me.actor, cumberland, 'corporate-parenting', [a, b], {}, NOW).ok).toBe(true);
		library.hide(admin.actor, b, 'Out of date');
		expect(documents.byItemKey(me.actor, cumberland)['corporate-parenting'].map((d) => d.title)).toEqual(['Cumberland pledge']);
		expect(documents.byItemKey(admin.actor, cumberland)['corporate-parenting'].map((d) => d.title)).toEqual(['Cumberland pledge', 'Cumberland scorecard']);
	});
});
