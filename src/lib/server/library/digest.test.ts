import { describe, expect, it } from 'vitest';
import { makeMember } from '../../../../tests/support/members';
import { shareCaseStudy, type CaseStudyFields } from '../../../../tests/support/library';
import type { DigestRecipient } from '../digest-items';
import type { Actor } from '../auth/policy';
import * as library from './entries';
import { digestSection, regionalDigestGroups } from './digest';

const DAY = 86_400_000;
const SINCE = Date.parse('2026-11-16T07:00:00Z');
const NOW = SINCE + 7 * DAY;

/** A case study shared as `actor`, a day into the digest's week unless `at` says otherwise. */
const entry = (actor: Actor, title: string, fields: CaseStudyFields = {}) => shareCaseStudy(actor, title, { at: SINCE + DAY, ...fields });

const recipientOf = (m: ReturnType<typeof makeMember>): DigestRecipient => ({ id: m.id, name: m.name, email: m.email, authorityId: m.authorityId, regionId: m.regionId, role: m.role, coordinatorRegionId: m.coordinatorRegionId, expertise: m.expertise });

describe('library in digests', () => {
	it('a member’s digest: new documents in their core topics, and those shared in their region — never another region’s, their own, hidden or older ones', () => {
		const me = makeMember({ authority: 'Cumberland', expertise: ['send'] });
		const nw = makeMember({ authority: 'Lancashire' });
		const ldn = makeMember({ authority: 'Camden' });
		const admin = makeMember({ authority: 'Camden', role: 'admin' });
		const tag = `d${Date.now()}`;
		entry(nw.actor, `SEND transport policy ${tag}`, { topics: ['send'] });
		entry(nw.actor, `North West panel handbook ${tag}`, { scope: 'north-west', topics: ['corporate-parenting'] });
		entry(ldn.actor, `London SEND toolkit ${tag}`, { scope: 'london', topics: ['send'] });
		entry(me.actor, `My own SEND paper ${tag}`, { topics: ['send'] });
		entry(nw.actor, `An older SEND report ${tag}`, { topics: ['send'], at: SINCE - DAY });
		const hidden = entry(nw.actor, `A hidden SEND note ${tag}`, { topics: ['send'] });
		library.hide(admin.actor, hidden, 'Names a school');
		entry(nw.actor, `A national placements paper ${tag}`, { topics: ['placements'] });

		const s = digestSection(recipientOf(me), SINCE, NOW)!;
		expect(s).toMatchObject({ area: 'library', title: 'Good-practice library', hasNew: true });
		const mine = (title: string) => s.groups.find((g) => g.title === title)!.items.filter((i) => i.text.endsWith(tag)).map((i) => i.text);
		expect(mine('New documents in your topics')).toEqual([`SEND transport policy ${tag}`]);
		expect(mine('Shared in your region')).toEqual([`North West panel handbook ${tag}`]);
		expect(s.groups[0].items.find((i) => i.text === `SEND transport policy ${tag}`)).toMatchObject({ href: expect.stringMatching(/^\/library\/\d+$/), note: 'Case study · Lancashire' });
	});

	it('nothing new: no section', () => {
		const me = makeMember({ authority: 'Cumberland', expertise: ['send'] });
		expect(digestSection(recipientOf(me), NOW + DAY, NOW + 2 * DAY)).toBeNull();
	});

	it('a regional digest suggests the region’s new documents (shared within it, or nationally by its members)', () => {
		const nw = makeMember({ authority: 'Lancashire' });
		const ldn = makeMember({ authority: 'Camden' });
		const tag = `r${Date.now()}`;
		entry(nw.actor, `North West induction pack ${tag}`, { scope: 'north-west', at: NOW + 3 * DAY });
		entry(nw.actor, `Lancashire strategy ${tag}`, { at: NOW + 3 * DAY });
		entry(ldn.actor, `Camden strategy ${tag}`, { at: NOW + 3 * DAY });
		const titles = (regionId: string | null) => regionalDigestGroups(regionId, NOW + 2 * DAY, NOW + 4 * DAY).flatMap((g) => g.items.map((i) => i.text)).filter((t) => t.endsWith(tag));
		expect(titles('north-west').sort()).toEqual([`Lancashire strategy ${tag}`, `North West induction pack ${tag}`]);
		expect(titles('london')).toEqual([`Camden strategy ${tag}`]);
		expect(titles(null).sort()).toEqual([`Camden strategy ${tag}`, `Lancashire strategy ${tag}`]);
		expect(regionalDigestGroups('north-west', NOW + 2 * DAY, NOW + 4 * DAY)[0].title).toBe('New in the library');
	});
});
