import { afterEach, describe, expect, it } from 'vitest';
import { useAreasForTesting, type AreaDigest } from './areas';
import { buildContent, capSections, orderSections, TOTAL_CAP } from './content';
import type { DigestRecipient, DigestSection } from '../digest-items';

const recipient: DigestRecipient = { id: 1, name: 'A', email: 'a@example.org', authorityId: 1, regionId: 'north-west', role: 'member', coordinatorRegionId: null, expertise: [] };
const items = (n: number, p = 'i') => Array.from({ length: n }, (_, i) => ({ text: `${p}${i}`, href: `/x/${i}` }));
const section = (area: DigestSection['area'], hasNew: boolean, counts: number[]): DigestSection => ({
	area,
	title: area,
	hasNew,
	groups: counts.map((c, i) => ({ title: `${area} ${i}`, items: items(c, area) }))
});

afterEach(() => useAreasForTesting(null));

describe('digest content', () => {
	it('puts sections with something new first and drops empty ones', () => {
		const ordered = orderSections([section('discussions', false, [2]), null, section('mentoring', true, [1]), section('training', true, [0])]);
		expect(ordered.map((s) => s.area)).toEqual(['mentoring', 'discussions']);
	});

	it('holds each group and the whole digest to their caps, counting the rest as "more"', () => {
		const capped = capSections([section('discussions', true, [20, 30]), section('training', true, [30])], 8, 20);
		const groups = capped.flatMap((s) => s.groups);
		expect(groups.map((g) => g.items.length)).toEqual([8, 8, 4]);
		expect(groups.map((g) => g.more)).toEqual([12, 22, 26]);
		const tiny = capSections([section('discussions', true, [5, 5])], 8, 5);
		expect(tiny[0].groups[1]).toMatchObject({ items: [], more: 5 });
	});

	it('keeps an area\'s own "and N more" and never exceeds the overall cap', () => {
		const area: AreaDigest = {
			name: 'discussions',
			digestSection: () => ({ area: 'discussions', title: 'D', hasNew: true, groups: [{ title: 'g', items: items(5), more: 12, moreHref: '/more' }, ...Array.from({ length: 10 }, (_, i) => ({ title: `h${i}`, items: items(8) }))] }),
			regionalDigestGroups: () => []
		};
		useAreasForTesting([area]);
		const c = buildContent(recipient, 0, 1);
		expect(c.sections[0].groups[0]).toMatchObject({ more: 12, moreHref: '/more' });
		expect(c.itemCount).toBe(TOTAL_CAP);
		expect(c.itemCount + c.moreCount).toBe(5 + 12 + 80);
	});

	it('lets a failing area contribute nothing instead of stopping the digest', () => {
		const broken: AreaDigest = { name: 'mentoring', digestSection: () => { throw new Error('boom'); }, regionalDigestGroups: () => [] };
		const fine: AreaDigest = { name: 'training', digestSection: () => section('training', true, [1]), regionalDigestGroups: () => [] };
		useAreasForTesting([broken, fine]);
		const c = buildContent(recipient, 0, 1);
		expect(c.sections.map((s) => s.area)).toEqual(['training']);
		expect(c.hasNew).toBe(true);
	});

	it('says nothing is new when only standing information is there', () => {
		useAreasForTesting([{ name: 'succession', digestSection: () => section('succession', false, [1]), regionalDigestGroups: () => [] }]);
		expect(buildContent(recipient, 0, 1)).toMatchObject({ hasNew: false, itemCount: 1 });
	});
});
