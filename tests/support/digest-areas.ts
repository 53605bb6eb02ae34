/** Test helpers: stand-in areas whose sections the test decides, for digest tests that are about digests, not areas. */
import type { AreaDigest } from '../../src/lib/server/digests/areas';
import type { DigestGroup, DigestRecipient, DigestSection } from '../../src/lib/server/digest-items';

export type Activity = { memberId: number | null; regionId: string | null; at: number; text: string };

/**
 * A stand-in discussions area over a list of activity: a member sees items addressed to them
 * or to their region (or national ones) that happened in (since, now]; regions get theirs.
 */
export function activityArea(log: Activity[], name: AreaDigest['name'] = 'discussions'): AreaDigest {
	const seen = (r: DigestRecipient, a: Activity) => (a.memberId == null ? a.regionId == null || a.regionId === r.regionId : a.memberId === r.id);
	return {
		name,
		digestSection(r: DigestRecipient, since: number, now: number): DigestSection | null {
			const items = log.filter((a) => seen(r, a) && a.at > since && a.at <= now).map((a) => ({ text: a.text, href: `/threads/${a.at}` }));
			return items.length ? { area: name, title: 'Discussions', groups: [{ title: 'New for you', items }], hasNew: true } : null;
		},
		regionalDigestGroups(regionId: string | null, since: number, now: number): DigestGroup[] {
			const items = log.filter((a) => a.memberId == null && a.regionId === regionId && a.at > since && a.at <= now).map((a) => ({ text: a.text, href: `/threads/${a.at}` }));
			return items.length ? [{ title: 'Top threads', items }] : [];
		}
	};
}

/** A stand-in area that always has something new for everyone (scheduling tests). */
export function alwaysNewArea(): AreaDigest {
	return {
		name: 'training',
		digestSection: (_r, since, now) => ({ area: 'training', title: 'Training', groups: [{ title: 'Always', items: [{ text: `From ${since} to ${now}`, href: '/training' }] }], hasNew: true }),
		regionalDigestGroups: () => []
	};
}
