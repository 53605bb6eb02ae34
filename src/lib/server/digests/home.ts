/**
 * The home page "your week": the same sections each area gives the member's digest (standing
 * information too: the home page is where the score and the countdown live), when their next
 * digest is due, and for coordinators their region at a glance (admins: the network).
 */
import type { Actor } from '../auth/policy';
import { regionName } from '../network/authorities';
import { areas, regionalGroupsOf } from './areas';
import { GROUP_CAP } from './content';
import { yourWeek } from './personal';
import { activeMembers } from './recipients';
import { lastSent, listWork, newMembersGroup } from './regional';
import type { DigestGroup } from '../digest-items';
import { homeBlock } from '../induction/paths';

const DAY = 86_400_000;

/** A region (null = the whole network) this week: what each area suggests, new members, the last digest and drafts. */
export function regionAtAGlance(actor: Actor, regionId: string | null, now = Date.now()) {
	const since = now - 7 * DAY;
	const groups: DigestGroup[] = areas().flatMap((a) => regionalGroupsOf(a, regionId, since, now));
	// New members nationally would mean reading every member on each visit: regions only.
	const joined = regionId ? newMembersGroup(regionId, since, now) : null;
	if (joined) groups.push(joined);
	const capped = groups
		.filter((g) => g.items.length > 0)
		.map((g) => ({ ...g, items: g.items.slice(0, 5), more: (g.more ?? 0) + Math.max(0, g.items.length - 5) || undefined }));
	return {
		regionId,
		regionName: regionId ? regionName(regionId) : 'The network',
		memberCount: regionId ? activeMembers(regionId, now).length : null,
		groups: capped.slice(0, GROUP_CAP * 2),
		lastDigest: lastSent(regionId),
		drafts: listWork(actor).filter((d) => d.regionId === regionId).length
	};
}

/** Everything the home page shows the actor. */
export function home(actor: Actor, now = Date.now()) {
	// A new member's home leads with their first 100 days (its own block, so the digest's
	// induction section is not built), then mentoring, then the rest.
	const week = yourWeek(actor.id, now, ['induction']);
	const induction = homeBlock(actor, now);
	const sections = week?.content.sections ?? [];
	if (induction) sections.sort((a, b) => Number(b.area === 'mentoring') - Number(a.area === 'mentoring'));
	const glanceRegion = actor.role === 'coordinator' && actor.coordinatorRegionId ? actor.coordinatorRegionId : actor.role === 'admin' ? null : undefined;
	return {
		name: week?.recipient.name ?? '',
		induction,
		sections,
		nextDigestAt: week?.nextDigestAt ?? null,
		frequency: week?.schedule.frequency ?? 'weekly',
		region: glanceRegion === undefined ? null : regionAtAGlance(actor, glanceRegion, now)
	};
}
