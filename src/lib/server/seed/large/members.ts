/** Synthetic members across all 153 authorities, on top of the demo network's members. */
import type Database from 'better-sqlite3';
import { TOPICS } from '../../../vocab';
import { isoDate } from '../../../time';
import { handleBase } from '../../network/members';
import { DAY, type Person } from './context';
import { between, FIRST_NAMES, pick, some, SURNAMES, type Random } from './text';

const PARTIES = ['Labour', 'Labour', 'Labour', 'Conservative', 'Conservative', 'Liberal Democrat', 'Liberal Democrat', 'Independent', 'Green', 'Reform UK'];
const POSITIONS = ['lead-member', 'lead-member', 'deputy', 'deputy', 'cabinet-sharing', 'scrutiny-chair', 'cpp-member', 'cpp-member', 'cpp-member', 'other'];
const BACKGROUNDS = ['Former teacher', 'Former social worker', 'Foster carer', 'Business owner', 'NHS nurse', 'Solicitor', 'Youth worker', 'Charity manager', 'Retired police officer', ''];
const TOPIC_VALUES = TOPICS.map(([v]) => v);
/** Members within their first 100 days in the role (their induction paths: induction.ts). */
export const NEW_WITHIN_100_DAYS = 400;

/** A handle as `uniqueHandle` makes it, kept unique against the set (one query for all, not one per member). */
function handleFor(name: string, taken: Set<string>): string {
	const base = handleBase(name);
	let handle = base;
	for (let n = 2; taken.has(handle); n++) handle = `${base}-${n}`;
	taken.add(handle);
	return handle;
}

/**
 * Adds members until there are `total`, spread over every authority. All share the demo
 * password hash (hashing 20,000 passwords would take an hour and prove nothing).
 */
export function addMembers(
	sqlite: Database.Database,
	random: Random,
	opts: { total: number; now: number; passwordHash: string; authorities: { id: number; regionId: string }[] }
): Person[] {
	const existing = sqlite.prepare('SELECT count(*) AS n FROM member').get() as { n: number };
	const handles = new Set((sqlite.prepare('SELECT handle FROM member').all() as { handle: string }[]).map((r) => r.handle));
	const insert = sqlite.prepare(
		`INSERT INTO member (email, name, handle, password_hash, authority_id, position, party, in_role_since, background, expertise, bio, role, created_at, updated_at, last_sign_in_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'member', ?, ?, ?)`
	);
	const people: Person[] = [];
	const count = opts.total - existing.n;
	// 400 on the full network; about one in fifty on a small one (tests), so it keeps experienced members to mentor.
	const freshCount = Math.min(NEW_WITHIN_100_DAYS, Math.floor(count / 49));
	for (let i = 0; i < count; i++) {
		const name = `${pick(random, FIRST_NAMES)} ${pick(random, SURNAMES)}`;
		const handle = handleFor(name, handles);
		const email = `${handle}@lmn.example.net`;
		const authority = opts.authorities[i % opts.authorities.length];
		// The first 400 are within their first 100 days in the role (issue 16); of the rest one in
		// six is new in the role (the last six months, past 100 days), the others up to eight years.
		const fresh = i < freshCount;
		const inRoleDaysAgo = random() < 1 / 6 || fresh ? between(random, fresh ? 3 : 101, fresh ? 99 : 180) : between(random, 181, 8 * 365);
		const createdAt = opts.now - Math.min(inRoleDaysAgo, 700) * DAY + between(random, 0, 23) * 3_600_000;
		const party = pick(random, PARTIES);
		const expertise = some(random, TOPIC_VALUES, between(random, 0, 3));
		const bio = random() < 0.5 ? `Councillor since ${2026 - between(random, 1, 15)}. ${pick(random, ['Interested in', 'Particularly focused on', 'Passionate about'])} ${pick(random, ['care leavers', 'SEND', 'early help', 'school places', 'youth justice', 'children’s homes'])}.` : '';
		const row = insert.run(email, name, handle, opts.passwordHash, authority.id, pick(random, POSITIONS), party, isoDate(opts.now - inRoleDaysAgo * DAY), pick(random, BACKGROUNDS), JSON.stringify(expertise), bio, createdAt, createdAt, opts.now - between(random, 0, 60) * DAY);
		people.push({ id: Number(row.lastInsertRowid), name, handle, email, authorityId: authority.id, regionId: authority.regionId, party, inRoleSince: isoDate(opts.now - inRoleDaysAgo * DAY), role: 'member', coordinatorRegionId: null, createdAt });
	}
	return people;
}
