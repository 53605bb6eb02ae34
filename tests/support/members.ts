/** Helpers for unit and integration tests: members and actors without the slow password hash. */
import { eq } from 'drizzle-orm';
import { db } from '../../src/lib/server/db/client';
import { authority } from '../../src/lib/server/db/schema';
import * as members from '../../src/lib/server/network/members';
import type { Actor } from '../../src/lib/server/auth/policy';
import type { Member } from '../../src/lib/server/db/schema';

let n = 0;

/** The id of an authority by exact name (e.g. 'Lancashire'). */
export function authorityId(name: string): number {
	const row = db.select({ id: authority.id }).from(authority).where(eq(authority.name, name)).get();
	if (!row) throw new Error(`No authority named ${name}`);
	return row.id;
}

/** Creates a member (no password) and returns the row with its Actor. */
export function makeMember(over: Partial<members.NewMember> & { authority?: string } = {}): Member & { actor: Actor; regionId: string } {
	n++;
	const aId = over.authorityId ?? authorityId(over.authority ?? 'Lancashire');
	const m = members.create({
		email: over.email ?? `test${n}-${Math.random().toString(36).slice(2, 7)}@example.org`,
		name: over.name ?? `Test Member ${n}`,
		passwordHash: over.passwordHash ?? null,
		authorityId: aId,
		position: over.position ?? 'lead-member',
		party: over.party ?? null,
		inRoleSince: over.inRoleSince ?? '2024-05-01',
		expertise: over.expertise ?? [],
		role: over.role ?? 'member',
		coordinatorRegionId: over.coordinatorRegionId ?? null,
		bio: over.bio,
		background: over.background
	});
	const actor = members.actorById(m.id)!;
	return { ...m, actor, regionId: actor.regionId };
}
