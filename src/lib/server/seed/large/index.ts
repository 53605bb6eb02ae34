/**
 * The large synthetic network for measuring scale (issue 8): the demo network, then 20,000
 * members across all 153 authorities with a year and a half of discussions, mentoring, training,
 * succession work and digests, and a good-practice library of 2,000 entries with 5,000 real
 * files (issue 15) written to DATA_DIR/files. Deterministic for a given seed and clock. Written with prepared
 * statements, one transaction per area, on the app's own connection (so DATA_DIR/DATABASE_PATH
 * must point at the target before this module is imported).
 */
import { db, sqlite } from '../../db/client';
import { seedDatabase } from '../index';
import { seededRandom } from '../context';
import type { LargeContext, Person } from './context';
import { addMembers } from './members';
import { seedLargeDiscussions } from './discussions';
import { seedLargeMentoring } from './mentoring';
import { seedLargeTraining } from './training';
import { seedLargeSuccession } from './succession';
import { seedLargeDigests } from './digests';
import { LIBRARY_RARE_WORD, seedLargeLibrary } from './library';
import { seedLargeInduction } from './induction';
import { COMMON_WORD, pick, RARE_WORD } from './text';

export const LARGE_TARGETS = {
	members: 20_000,
	threads: 10_000,
	posts: 100_000,
	longThreads: 6,
	longMin: 500,
	pairings: 3_000,
	openRequests: 180,
	trainingEntries: 150_000,
	trainingEvents: 700,
	regionalDigests: 200,
	libraryEntries: 2_000,
	/** File versions in the library (each a real file in the store). */
	libraryFiles: 5_000
};

export type LargeManifest = {
	seed: number;
	now: number;
	builtMs: number;
	counts: Record<string, number>;
	accounts: { member: string; mentor: string; coordinator: string; coordinatorRegion: string; admin: string; posters: string[]; newMember: string };
	threads: { twentyPost: number; long: number; longPosts: number };
	words: { common: string; rare: string };
	/** The library: a word found only inside a few PDFs (on page 2 or later), and a national entry that has it. */
	library: { rareWord: string; rareEntryId: number | null; searchWord: string };
};

export async function seedLarge(opts: { seed: number; now: number; targets?: Partial<typeof LARGE_TARGETS>; log?: (m: string) => void }): Promise<LargeManifest> {
	const started = performance.now();
	const targets = { ...LARGE_TARGETS, ...opts.targets };
	const log = opts.log ?? (() => {});
	const conn = sqlite();
	const step = <T>(name: string, fn: () => T): T => {
		const t = performance.now();
		const out = conn.transaction(fn)();
		log(`  ${name} took ${((performance.now() - t) / 1000).toFixed(1)} s`);
		return out;
	};

	await seedDatabase(db, { demo: true, now: opts.now });
	log('demo network seeded');
	const random = seededRandom(opts.seed);
	const authorities = conn.prepare('SELECT id, name, region_id AS regionId, kind FROM authority ORDER BY id').all() as LargeContext['authorities'];
	const passwordHash = (conn.prepare("SELECT password_hash AS h FROM member WHERE email = 'member@example.org'").get() as { h: string }).h;
	step('members', () => addMembers(conn, random, { total: targets.members, now: opts.now, passwordHash, authorities }));

	const regionOf = new Map(authorities.map((a) => [a.id, a.regionId]));
	const people = (
		conn
			.prepare('SELECT id, name, handle, email, authority_id AS authorityId, party, in_role_since AS inRoleSince, role, coordinator_region_id AS coordinatorRegionId, created_at AS createdAt FROM member ORDER BY id')
			.all() as Omit<Person, 'regionId'>[]
	).map((p) => ({ ...p, regionId: regionOf.get(p.authorityId)! }));
	const group = <K>(key: (p: Person) => K) => {
		const m = new Map<K, Person[]>();
		for (const p of people) {
			const list = m.get(key(p));
			if (list) list.push(p);
			else m.set(key(p), [p]);
		}
		return m;
	};
	const ctx: LargeContext = { sqlite: conn, now: opts.now, random, people, byRegion: group((p) => p.regionId), byAuthority: group((p) => p.authorityId), authorities, log };

	const mentoring = step('mentoring', () => seedLargeMentoring(ctx, { pairings: targets.pairings, openRequests: targets.openRequests }));
	const training = step('training', () => seedLargeTraining(ctx, { entries: targets.trainingEntries, events: targets.trainingEvents }));
	const succession = step('succession', () => seedLargeSuccession(ctx));
	const discussions = step('discussions', () => seedLargeDiscussions(ctx, { threads: targets.threads, posts: targets.posts, longThreads: targets.longThreads, longMin: targets.longMin }));
	const digests = step('digests', () => seedLargeDigests(ctx, { regionalDigests: targets.regionalDigests }));
	const library = await seedLargeLibrary(ctx, { entries: targets.libraryEntries, files: targets.libraryFiles });
	const induction = step('induction', () => seedLargeInduction(ctx));
	// Statistics for the query planner, as the app's housekeeping keeps them (PRAGMA optimize).
	const t = performance.now();
	conn.exec('ANALYZE');
	// A bulk load leaves the search index in several segments that FTS5 would merge over time
	// as the network is used; merge them now, as after any bulk import (about 1.3 s).
	conn.exec("INSERT INTO post_fts(post_fts) VALUES('optimize')");
	conn.exec("INSERT INTO post_word_fts(post_word_fts) VALUES('optimize')");
	conn.pragma('wal_checkpoint(TRUNCATE)');
	log(`  analyze, search index merge and checkpoint took ${((performance.now() - t) / 1000).toFixed(1)} s`);

	const count = (table: string) => (conn.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
	const ordinary = people.filter((p) => p.role === 'member' && p.email.endsWith('@lmn.example.net'));
	const posters = new Set<string>();
	while (posters.size < 50) posters.add(pick(random, ordinary).email);
	return {
		seed: opts.seed,
		now: opts.now,
		builtMs: Math.round(performance.now() - started),
		counts: {
			members: count('member'),
			threads: discussions.threads,
			posts: discussions.posts,
			follows: count('thread_follow'),
			notifications: count('notification'),
			mentorOffers: count('mentor_offer'),
			pairings: count('pairing'),
			meetings: count('pairing_meeting'),
			trainingEntries: training.entries,
			trainingEvents: count('training_event'),
			checklists: succession.checklists,
			checklistChanges: count('checklist_change'),
			regionalDigests: digests.regionalDigests,
			outboxMessages: count('outbox_message'),
			libraryEntries: count('library_entry'),
			libraryFiles: count('library_file'),
			libraryVersions: count('library_version'),
			storedFiles: count('stored_file'),
			storedBytes: (conn.prepare('SELECT coalesce(sum(size), 0) AS n FROM stored_file').get() as { n: number }).n,
			libraryUseful: library.usefulMarks,
			inductionPaths: induction.paths,
			inductionSteps: induction.progress
		},
		accounts: {
			member: 'member@example.org',
			mentor: mentoring.mentorEmail,
			coordinator: 'coordinator@example.org',
			coordinatorRegion: 'north-west',
			admin: 'admin@example.org',
			posters: [...posters],
			// A demo member in the North West twelve days into the role (seed/demo-induction.ts).
			newMember: 'rachel.okonjo@example.org'
		},
		threads: { twentyPost: discussions.twentyPost, long: discussions.long, longPosts: discussions.longPosts },
		words: { common: COMMON_WORD, rare: RARE_WORD },
		library: { rareWord: LIBRARY_RARE_WORD, rareEntryId: library.rareEntryId, searchWord: COMMON_WORD }
	};
}
