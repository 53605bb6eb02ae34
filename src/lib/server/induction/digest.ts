/**
 * The induction part of digests: a new member's next two steps in their personal digest
 * (standing information, like the succession score: it alone does not make a digest due), and
 * for a coordinator's regional digest, the region's new members and the paths that have stalled.
 */
import type { DigestGroup, DigestRecipient, DigestSection } from '../digest-items';
import { perInstant } from '../per-instant';
import { markedNewIds, newInRegion, summaries } from './paths';
import { isStalled } from './coordination';
import { newSince } from './dates';
import * as members from '../network/members';
import { regionName } from '../network/authorities';

/** Members marked new by a coordinator, once per digest run (20,000 members ask; a handful are marked). */
const markedOnce = perInstant<Set<number>>();

export function digestSection(recipient: DigestRecipient, _since: number, now: number): DigestSection | null {
	const p = members.profile(recipient.id);
	if (!p) return null;
	const isNew = (p.inRoleSince != null && p.inRoleSince >= newSince(now)) || markedOnce(now, 'marked', () => new Set(markedNewIds(now))).has(p.id);
	if (!isNew) return null;
	const [s] = summaries([{ id: p.id, authorityId: p.authorityId, regionId: p.regionId, inRoleSince: p.inRoleSince }], now);
	if (!s || s.folded) return null;
	const next = s.steps.filter((x) => x.state === 'to-do').slice(0, 2);
	if (next.length === 0) return null;
	return {
		area: 'induction',
		title: 'Your first 100 days',
		hasNew: false,
		groups: [
			{
				title: `Your next steps (${s.counts.done} of ${s.counts.total} done)`,
				items: next.map((x) => ({ text: x.title, href: `/induction/steps/${encodeURIComponent(x.key)}` })),
				moreHref: '/induction'
			}
		]
	};
}

export function regionalDigestGroups(regionId: string | null, since: number, now: number): DigestGroup[] {
	if (regionId == null) return [];
	const list = newInRegion(regionId, now);
	const started = list.filter((s) => Date.parse(`${s.startDay}T23:59:59Z`) > since);
	const stalled = list.filter((s) => !s.folded && isStalled(s.lastActivityAt, s.counts.done, s.counts.total, now));
	const groups: DigestGroup[] = [];
	if (started.length)
		groups.push({
			title: `New in the role in the ${regionName(regionId)}`,
			items: started.map((s) => ({ text: `${s.person.name}, ${s.person.authorityName}`, href: `/members/${s.person.handle}`, note: `day ${s.dayOfPath} of their first 100 days` }))
		});
	if (stalled.length)
		groups.push({
			title: 'First 100 days that have stalled',
			items: stalled.map((s) => ({ text: s.person.name, href: `/induction/region?filter=stalled`, note: `${s.counts.done} of ${s.counts.total} steps done; nothing for 21 days or more` }))
		});
	return groups;
}
