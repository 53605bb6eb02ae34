/** The demo network's members, made with the test helper, and the context the demo seeds take (for the areas' demo tests). */
import { db } from '../../src/lib/server/db/client';
import { DEMO_MEMBERS } from '../../src/lib/server/seed/demo-members';
import { seededRandom, type DemoContext } from '../../src/lib/server/seed/context';
import { authorityId, makeMember } from './members';

/** Every demo member (by their demo email) and a context for a demo seed at `now`, random from `seed`. */
export function demoNetwork(now: number, seed: number) {
	const created = DEMO_MEMBERS.map((m) => ({
		...makeMember({ email: m.email, name: m.name, authority: m.authority, position: m.position, role: m.role, coordinatorRegionId: m.coordinatorOf ?? null, expertise: m.expertise, inRoleSince: m.inRoleSince }),
		demoEmail: m.email
	}));
	const byEmail = new Map(created.map((m) => [m.demoEmail, m]));
	const ctx: DemoContext = {
		db,
		now,
		memberId: (email) => byEmail.get(email)!.id,
		authorityId,
		members: created.map((m) => ({ id: m.id, email: m.email, name: m.name, authorityId: m.authorityId, regionId: m.regionId, role: m.role, expertise: m.expertise })),
		random: seededRandom(seed)
	};
	return { byEmail, ctx };
}
