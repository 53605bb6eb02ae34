/** The demo network: members from demo-members.ts, then each area's demo content. */
import type { Db } from '../db/client';
import { authority, member } from '../db/schema';
import { hashPassword } from '../auth/password';
import { DEMO_MEMBERS, DEMO_PASSWORD } from './demo-members';
import { seededRandom, type DemoContext } from './context';
import { seedDiscussions } from './demo-discussions';
import { seedMentoring } from './demo-mentoring';
import { seedTraining } from './demo-training';
import { seedSuccession } from './demo-succession';
import { seedDigests } from './demo-digests';
import { seedTrust } from './demo-trust';
import { seedInbound } from './demo-inbound';
import { seedLibrary } from './demo-library';
import { receiveDemoUpload, seedLibraryLinks } from './demo-library-links';
import { seedInduction } from './demo-induction';
import { uniqueHandle } from '../network/members';

/** Seeds the demo network when there are no members yet. Returns whether it did. */
export async function seedDemo(db: Db, now = Date.now()): Promise<boolean> {
	if (db.select({ id: member.id }).from(member).limit(1).get()) return false;
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const authorities = db.select().from(authority).all();
	const authorityByName = new Map(authorities.map((a) => [a.name, a]));
	const authorityId = (name: string) => {
		const a = authorityByName.get(name);
		if (!a) throw new Error(`Demo data names an unknown authority: ${name}`);
		return a.id;
	};
	const created: DemoContext['members'] = [];
	db.transaction((tx) => {
		for (const m of DEMO_MEMBERS) {
			const aId = authorityId(m.authority);
			const row = tx
				.insert(member)
				.values({
					email: m.email,
					name: m.name,
					handle: uniqueHandle(m.name),
					passwordHash,
					authorityId: aId,
					position: m.position,
					party: m.party,
					inRoleSince: m.inRoleSince,
					background: m.background,
					expertise: m.expertise,
					bio: m.bio,
					role: m.role,
					coordinatorRegionId: m.coordinatorOf ?? null,
					createdAt: now - 90 * 86_400_000,
					updatedAt: now - 90 * 86_400_000
				})
				.returning({ id: member.id })
				.get();
			created.push({ id: row.id, email: m.email, name: m.name, authorityId: aId, regionId: authorityByName.get(m.authority)!.regionId, role: m.role, expertise: m.expertise });
		}
	});
	const byEmail = new Map(created.map((m) => [m.email, m.id]));
	const ctx: DemoContext = {
		db,
		now,
		memberId: (email) => {
			const id = byEmail.get(email);
			if (id == null) throw new Error(`No demo member ${email}`);
			return id;
		},
		authorityId,
		members: created,
		random: seededRandom(20261123)
	};
	for (const seed of [seedMentoring, seedTraining, seedSuccession, seedDiscussions, seedDigests, seedTrust]) {
		db.transaction(() => seed(ctx));
	}
	await seedInbound(ctx);
	await seedLibrary(ctx);
	const upload = await receiveDemoUpload();
	db.transaction(() => seedLibraryLinks(ctx, upload));
	db.transaction(() => seedInduction(ctx));
	return true;
}
