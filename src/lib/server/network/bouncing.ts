/**
 * Members whose email bounces (mail/bounces.ts marks them), for their coordinator and admins:
 * a coordinator sees their region's, an admin everyone's. They get no digests or notifications
 * until they change their address or sign in, so someone should tell them another way.
 */
import { authorize, type Actor } from '../auth/policy';
import { bouncingMembers } from '../mail/bounces';
import { regionName } from './authorities';
import { people } from './members';

export type BouncingMember = { id: number; name: string; handle: string; email: string; authorityName: string; regionName: string; since: number; kind: 'hard' | 'soft' | null; detail: string | null };

/** The bouncing members the actor may see (their region for a coordinator; all for an admin), most recent first. */
export function bouncingList(actor: Actor): { scopeName: string | null; members: BouncingMember[] } {
	const regionId = actor.role === 'admin' ? null : actor.coordinatorRegionId;
	authorize(actor, 'mail.viewBouncing', { regionId });
	const rows = bouncingMembers();
	const who = people(rows.map((r) => r.memberId));
	const members: BouncingMember[] = [];
	for (const r of rows) {
		const p = who.get(r.memberId);
		if (!p || p.deactivatedAt != null || (regionId != null && p.regionId !== regionId)) continue;
		members.push({ id: p.id, name: p.name, handle: p.handle, email: p.email, authorityName: p.authorityName, regionName: p.regionName, since: r.since, kind: r.kind, detail: r.detail });
	}
	return { scopeName: regionId ? regionName(regionId) : null, members };
}
