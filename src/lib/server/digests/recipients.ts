/**
 * Who digests go to, read through the network area's functions (never its tables): active
 * members, optionally of one region, as DigestRecipients.
 */
import type { Actor } from '../auth/policy';
import * as members from '../network/members';
import type { DigestRecipient } from '../digest-items';

/** The scheduler reads the directory as this actor (the directory is open to every member). */
const SCHEDULER: Actor = { id: 0, role: 'member', authorityId: 0, regionId: '', coordinatorRegionId: null };

/** A member as the directory and profile give them. */
export type MemberRow = members.Profile;

/** A member row as the digest contract's recipient. */
export function toRecipient(m: MemberRow): DigestRecipient {
	return {
		id: m.id,
		name: m.name,
		email: m.email,
		authorityId: m.authorityId,
		regionId: m.regionId,
		role: m.role,
		coordinatorRegionId: m.coordinatorRegionId,
		expertise: m.expertise,
		createdAt: m.createdAt
	};
}

/** One active member as a recipient; null when unknown or deactivated. */
export function recipientById(id: number): (DigestRecipient & { createdAt: number; handle: string; regionName: string }) | null {
	const p = members.profile(id);
	if (!p || p.deactivatedAt != null) return null;
	return { ...toRecipient(p), createdAt: p.createdAt, handle: p.handle, regionName: p.regionName };
}

/** One active member by email address as a recipient; null when unknown or deactivated. */
export function recipientByEmail(email: string) {
	const m = members.findByEmail(email);
	return m ? recipientById(m.id) : null;
}

/** Active members (of one region, when given), by name, in pages of 1,000: each page is read when asked for. */
function* activeMemberPages(regionId: string | null | undefined, now: number): Generator<{ rows: MemberRow[]; last: boolean }> {
	let after: string | undefined;
	for (;;) {
		const page = members.directory(SCHEDULER, { regionId: regionId ?? undefined, after, limit: 1000 }, now);
		yield { rows: page.members, last: !page.next };
		if (!page.next) return;
		after = page.next;
	}
}

/** Every active member (of one region, when given), by name; read in pages of 1,000. */
export function activeMembers(regionId?: string | null, now = Date.now()): MemberRow[] {
	return [...activeMemberPages(regionId, now)].flatMap((page) => page.rows);
}

/** Like `activeMembers`, giving the event loop a turn between pages (the scheduler, over thousands of members). */
export async function activeMembersYielding(regionId?: string | null, now = Date.now()): Promise<MemberRow[]> {
	const out: MemberRow[] = [];
	for (const page of activeMemberPages(regionId, now)) {
		out.push(...page.rows);
		if (!page.last) await new Promise((r) => setImmediate(r));
	}
	return out;
}
