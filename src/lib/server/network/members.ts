/** Members: profiles, the directory, roles. */
import { clearBounce } from '../mail/bounces';
import { recordSignIn } from '../mail/engagement';
import { and, asc, eq, getTableName, gt, gte, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { db, inJson, jsonList, prepared, preparedBy } from '../db/client';
import { authority, member, region, type Member } from '../db/schema';
import type { Actor } from '../auth/policy';
import { authorize } from '../auth/policy';
import * as audit from '../auth/audit';
import { firstFree, slugify } from '../slug';
import { endAllSessions } from '../auth/session';

/** A member as the policy sees them. */
export function actorFor(m: Pick<Member, 'id' | 'role' | 'authorityId' | 'coordinatorRegionId'> & { regionId: string }): Actor {
	return { id: m.id, role: m.role, authorityId: m.authorityId, regionId: m.regionId, coordinatorRegionId: m.coordinatorRegionId };
}

/** Loads the Actor for a member id (null if unknown or deactivated). */
export function actorById(id: number): Actor | null {
	const row = db
		.select({ id: member.id, role: member.role, authorityId: member.authorityId, coordinatorRegionId: member.coordinatorRegionId, regionId: authority.regionId, deactivatedAt: member.deactivatedAt })
		.from(member)
		.innerJoin(authority, eq(authority.id, member.authorityId))
		.where(eq(member.id, id))
		.get();
	return row && row.deactivatedAt == null ? actorFor(row) : null;
}

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

/** The full member row (null if unknown). */
export function byId(id: number): Member | null {
	return db.select().from(member).where(eq(member.id, id)).get() ?? null;
}

export function findByEmail(email: string) {
	return db.select().from(member).where(eq(member.email, normaliseEmail(email))).get() ?? null;
}

/** The @handle a name gives before any number is added: "Siân O’Brien" → "sian-obrien". */
export function handleBase(name: string): string {
	return slugify(name, 36) || 'member';
}

/** A unique @mention handle for a name: "Jane O'Neill" → "jane-oneill", then "-2", "-3" … */
export function uniqueHandle(name: string): string {
	const base = handleBase(name);
	const taken = new Set(
		db
			.select({ h: member.handle })
			.from(member)
			.where(or(eq(member.handle, base), like(member.handle, `${base}-%`)))
			.all()
			.map((r) => r.h)
	);
	return firstFree(base, taken);
}

export type NewMember = {
	email: string;
	name: string;
	passwordHash: string | null;
	authorityId: number;
	position: string;
	party?: string | null;
	inRoleSince?: string | null;
	background?: string;
	expertise?: string[];
	bio?: string;
	role?: Member['role'];
	coordinatorRegionId?: string | null;
};

/** Creates a member (used by invite acceptance and seeding). */
export function create(m: NewMember, now = Date.now()): Member {
	return db
		.insert(member)
		.values({
			email: normaliseEmail(m.email),
			name: m.name.trim(),
			handle: uniqueHandle(m.name),
			passwordHash: m.passwordHash,
			authorityId: m.authorityId,
			position: m.position,
			party: m.party ?? null,
			inRoleSince: m.inRoleSince ?? null,
			background: m.background ?? '',
			expertise: m.expertise ?? [],
			bio: m.bio ?? '',
			role: m.role ?? 'member',
			coordinatorRegionId: m.coordinatorRegionId ?? null,
			createdAt: now,
			updatedAt: now
		})
		.returning()
		.get();
}

/** Who a member is and where: the columns every view of a member starts from. */
const placeColumns = {
	id: member.id,
	name: member.name,
	email: member.email,
	handle: member.handle,
	authorityId: member.authorityId,
	authorityName: authority.name,
	authorityKind: authority.kind,
	regionId: authority.regionId,
	regionName: region.name,
	position: member.position,
	party: member.party,
	inRoleSince: member.inRoleSince
};

const profileColumns = {
	...placeColumns,
	background: member.background,
	expertise: member.expertise,
	bio: member.bio,
	role: member.role,
	coordinatorRegionId: member.coordinatorRegionId,
	deactivatedAt: member.deactivatedAt,
	createdAt: member.createdAt
};

/** A member as other areas show them (no profile text, no account details). */
const personColumns = { ...placeColumns, expertise: member.expertise, deactivatedAt: member.deactivatedAt };

/** Name and address, for mail. */
const contactColumns = { id: member.id, name: member.name, email: member.email };

/** Profiles: members joined to their authority and region. */
function profiles() {
	return db
		.select(profileColumns)
		.from(member)
		.innerJoin(authority, eq(authority.id, member.authorityId))
		.innerJoin(region, eq(region.id, authority.regionId));
}

// The home page, digests and induction ask for one member's profile several times a request.
const profileQuery = prepared(() =>
	profiles()
		.where(eq(member.id, sql.placeholder('id')))
		.prepare()
);

export type Profile = NonNullable<ReturnType<typeof profile>>;

/** A member's profile with authority and region. */
export function profile(id: number) {
	return profileQuery().get({ id });
}

/**
 * Members by id (the ids bound as one JSON array): prepared once, since every page that names
 * people runs it, and building the statement cost more than running it.
 */
const personRowsQuery = prepared(() =>
	db
		.select(personColumns)
		.from(member)
		.innerJoin(authority, eq(authority.id, member.authorityId))
		.innerJoin(region, eq(region.id, authority.regionId))
		.where(sql`${member.id} in (select value from json_each(${sql.placeholder('ids')}))`)
		.prepare()
);

function personRows(ids: number[]) {
	return personRowsQuery().all({ ids: JSON.stringify(ids) });
}

export type Person = ReturnType<typeof personRows>[number];

/**
 * Members by id with their authority and region, deactivated ones included (check
 * `deactivatedAt`); unknown ids and null are left out. One query.
 */
export function people(ids: Iterable<number | null | undefined>): Map<number, Person> {
	const wanted = [...new Set([...ids].filter((id): id is number => typeof id === 'number'))];
	const out = new Map<number, Person>();
	if (wanted.length === 0) return out;
	for (const r of personRows(wanted)) out.set(r.id, r);
	return out;
}

/**
 * Active members by id with what the policy needs (their Actor) and where to write to them, in
 * one query; unknown and deactivated ids are left out.
 */
export function recipients(ids: number[]): Map<number, { id: number; email: string; name: string; actor: Actor }> {
	if (ids.length === 0) return new Map();
	const rows = db
		.select({ id: member.id, email: member.email, name: member.name, role: member.role, authorityId: member.authorityId, coordinatorRegionId: member.coordinatorRegionId, regionId: authority.regionId })
		.from(member)
		.innerJoin(authority, eq(authority.id, member.authorityId))
		.where(and(inArray(member.id, ids), isNull(member.deactivatedAt)))
		.all();
	return new Map(rows.map((r) => [r.id, { id: r.id, email: r.email, name: r.name, actor: actorFor(r) }]));
}

/** A member's name, or null when there is no such member (deactivated members keep their name). */
export function nameOf(id: number): string | null {
	return db.select({ name: member.name }).from(member).where(eq(member.id, id)).get()?.name ?? null;
}

// The SQL pieces below name every column with its table (an alias of their own inside, the
// outer table outside): Drizzle writes a single-table query's columns without their table, and
// inside a subquery an unqualified name could be read as the member table's own column.

/** `"alias"."column"`. */
function at(alias: string, column: AnySQLiteColumn): SQL {
	return sql`${sql.identifier(alias)}.${sql.identifier(column.name)}`;
}

/** A column of the other area's query, with its table's name. */
function outer(column: AnySQLiteColumn): SQL {
	return at(getTableName(column.table), column);
}

/** `"member" "_m" inner join "authority" "_a"` for the pieces below. */
const memberWithAuthority = sql`${member} ${sql.identifier('_m')} inner join ${authority} ${sql.identifier('_a')} on ${at('_a', authority.id)} = ${at('_m', member.authorityId)}`;

/**
 * For another area's query: facts about the member whose id is in `id` (a column of that query),
 * as SQL, so a list stays one statement without the area naming the network's tables. Each is a
 * lookup by primary key, null when there is no such member.
 */
export const memberFacts = {
	name: (id: AnySQLiteColumn) => sql<string | null>`(select ${at('_m', member.name)} from ${member} ${sql.identifier('_m')} where ${at('_m', member.id)} = ${outer(id)})`,
	handle: (id: AnySQLiteColumn) => sql<string | null>`(select ${at('_m', member.handle)} from ${member} ${sql.identifier('_m')} where ${at('_m', member.id)} = ${outer(id)})`,
	authorityName: (id: AnySQLiteColumn) => sql<string | null>`(select ${at('_a', authority.name)} from ${memberWithAuthority} where ${at('_m', member.id)} = ${outer(id)})`
};

/** For another area's query: the ids of the members of a region's authorities (deactivated ones included), as a subquery. */
export function idsInRegion(regionId: string): SQL {
	return sql`(select ${at('_m', member.id)} from ${memberWithAuthority} where ${at('_a', authority.regionId)} = ${regionId})`;
}

/** For another area's query: the ids of the members whose name or email contains `text` (any case), as a subquery. */
export function idsMatching(text: string): SQL {
	const q = `%${text.toLowerCase().replace(/[%_\\]/g, (c) => '\\' + c)}%`;
	return sql`(select ${at('_m', member.id)} from ${member} ${sql.identifier('_m')} where lower(${at('_m', member.name)}) like ${q} escape '\\' or ${at('_m', member.email)} like ${q} escape '\\')`;
}

/** Active members with their authority and region: those of one region, or the whole network. */
export function activeMemberPlaces(regionId?: string): { id: number; authorityId: number; regionId: string }[] {
	return db
		.select({ id: member.id, authorityId: member.authorityId, regionId: authority.regionId })
		.from(member)
		.innerJoin(authority, eq(authority.id, member.authorityId))
		.where(and(isNull(member.deactivatedAt), regionId === undefined ? undefined : eq(authority.regionId, regionId)))
		.all();
}

/**
 * Active members' ids (of one region, when given) above `afterId`, in id order, at most `limit`:
 * how the scheduler walks every member a slice at a time (event announcements).
 */
export function activeIdsAfter(regionId: string | null, afterId: number, limit: number): number[] {
	const q = regionId == null ? activeIdsAfterQuery() : regionActiveIdsAfterQuery();
	return q.all({ regionId, after: afterId, limit }).map((r) => r.id);
}

const activeIdsAfterQuery = prepared(() =>
	db
		.select({ id: member.id })
		.from(member)
		.where(and(isNull(member.deactivatedAt), sql`${member.id} > ${sql.placeholder('after')}`))
		.orderBy(asc(member.id))
		.limit(sql.placeholder('limit'))
		.prepare()
);
const regionActiveIdsAfterQuery = prepared(() =>
	db
		.select({ id: member.id })
		.from(member)
		.innerJoin(authority, eq(authority.id, member.authorityId))
		.where(and(isNull(member.deactivatedAt), eq(authority.regionId, sql.placeholder('regionId')), sql`${member.id} > ${sql.placeholder('after')}`))
		.orderBy(asc(member.id))
		.limit(sql.placeholder('limit'))
		.prepare()
);

/** Looks members up by @handle (for mentions). */
export function byHandles(handles: string[]) {
	if (handles.length === 0) return [];
	return db
		.select({ id: member.id, handle: member.handle, name: member.name })
		.from(member)
		.where(and(inArray(member.handle, handles), isNull(member.deactivatedAt)))
		.all();
}

/** The date twelve months before `now`, as 'YYYY-MM-DD': members in the role since after it are "new in role". */
export function newInRoleSince(now = Date.now()): string {
	const d = new Date(now);
	d.setUTCFullYear(d.getUTCFullYear() - 1);
	return d.toISOString().slice(0, 10);
}

export function isNewInRole(inRoleSince: string | null, now = Date.now()): boolean {
	return inRoleSince != null && inRoleSince > newInRoleSince(now);
}

/**
 * Active members who took on their role on or after `since` ('YYYY-MM-DD'), or whose ids are in
 * `alsoIds` (marked new by a coordinator): those of one region, or the whole network (null). With
 * when they last signed in, for a coordinator's view of who is new.
 */
export function newcomers(regionId: string | null, since: string, alsoIds: number[] = []) {
	// Two lookups (by the role start date, then by id) rather than one OR, which would read every member.
	const rows = newcomersQuery({ inRegion: regionId != null, by: 'since' }).all({ regionId, since, ids: '[]' });
	const seen = new Set(rows.map((r) => r.id));
	const more = alsoIds.filter((id) => !seen.has(id));
	if (more.length) rows.push(...newcomersQuery({ inRegion: regionId != null, by: 'ids' }).all({ regionId, since, ids: jsonList(more) }));
	return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id));
}

/** `newcomers`' two lookups, for a region or the network, prepared once each (a coordinator's list asks for hundreds). */
const newcomersQuery = preparedBy(
	(k: { inRegion: boolean; by: 'since' | 'ids' }) => `${k.inRegion}:${k.by}`,
	(k) =>
		db
			// Only what the lists of new members show and place them by: a region's list reads hundreds.
			.select({
				id: member.id,
				name: member.name,
				handle: member.handle,
				authorityId: member.authorityId,
				authorityName: authority.name,
				regionId: authority.regionId,
				inRoleSince: member.inRoleSince,
				lastSignInAt: member.lastSignInAt
			})
			.from(member)
			.innerJoin(authority, eq(authority.id, member.authorityId))
			.where(
				and(
					isNull(member.deactivatedAt),
					k.inRegion ? eq(authority.regionId, sql.placeholder('regionId')) : undefined,
					k.by === 'since' ? gte(member.inRoleSince, sql.placeholder('since')) : inJson(member.id, 'ids')
				)
			)
			.prepare()
);

export type DirectoryFilter = { includeInactive?: boolean; role?: Member['role']; q?: string; regionId?: string; authorityId?: number; expertise?: string; newInRole?: boolean; after?: string; limit?: number };

/** The member directory: active members, by name, filtered; keyset pagination on (name, id). */
export function directory(actor: Actor, f: DirectoryFilter, now = Date.now()) {
	authorize(actor, 'member.view', { id: actor.id });
	const where: SQL[] = f.includeInactive ? [] : [isNull(member.deactivatedAt)];
	if (f.q) where.push(sql`${member.name} like ${`%${f.q.replace(/[%_\\]/g, (c) => '\\' + c)}%`} escape '\\'`);
	if (f.regionId) where.push(eq(authority.regionId, f.regionId));
	if (f.role) where.push(eq(member.role, f.role));
	if (f.authorityId) where.push(eq(member.authorityId, f.authorityId));
	if (f.expertise) where.push(sql`exists (select 1 from json_each(${member.expertise}) where value = ${f.expertise})`);
	if (f.newInRole) where.push(gt(member.inRoleSince, newInRoleSince(now)));
	if (f.after) {
		const [name, id] = splitCursor(f.after);
		where.push(or(gt(member.name, name), and(eq(member.name, name), gt(member.id, id)))!);
	}
	const limit = f.limit ?? 30;
	const rows = profiles()
		.where(and(...where))
		.orderBy(asc(member.name), asc(member.id))
		.limit(limit + 1)
		.all();
	const more = rows.length > limit;
	const page = rows.slice(0, limit);
	const last = page.at(-1);
	return { members: page, next: more && last ? `${last.name}\u0000${last.id}` : null };
}

function splitCursor(c: string): [string, number] {
	const i = c.lastIndexOf('\u0000');
	return [c.slice(0, i), Number(c.slice(i + 1)) || 0];
}

export type ProfileUpdate = Pick<Member, 'name' | 'party' | 'background' | 'expertise' | 'bio'> & { inRoleSince?: string | null };

/**
 * A member updates their own profile: the fields they may change at once. Their authority,
 * position and a "in the role since" date already set change only through an approved request
 * (trust/place-changes), so they are not accepted here — except the first "in the role since".
 */
export function updateProfile(actor: Actor, id: number, p: ProfileUpdate, now = Date.now()) {
	authorize(actor, 'member.editProfile', { id });
	const before = byId(id);
	db.update(member)
		.set({
			name: p.name.trim(),
			party: p.party,
			background: p.background,
			expertise: p.expertise,
			bio: p.bio,
			...(p.inRoleSince && before?.inRoleSince == null ? { inRoleSince: p.inRoleSince } : {}),
			updatedAt: now
		})
		.where(eq(member.id, id))
		.run();
}

export type Place = { authorityId: number; position: string; inRoleSince: string | null };

/**
 * Sets a member's authority, position and "in the role since" date. No check here: only
 * trust/place-changes calls it, after an approval or an admin's direct change.
 */
export function applyPlace(id: number, p: Place, now = Date.now()) {
	db.update(member).set({ authorityId: p.authorityId, position: p.position, inRoleSince: p.inRoleSince, updatedAt: now }).where(eq(member.id, id)).run();
}

/** Sets a new password hash. */
export function setPasswordHash(id: number, passwordHash: string, now = Date.now()) {
	db.update(member).set({ passwordHash, updatedAt: now }).where(eq(member.id, id)).run();
}

/** A new address: any bounce of the old one no longer holds (mail/bounces.ts). */
export function setEmail(id: number, email: string, now = Date.now()) {
	db.update(member).set({ email: normaliseEmail(email), updatedAt: now }).where(eq(member.id, id)).run();
	clearBounce(id, now);
}

/** A successful sign-in: recorded, counts as being there (mail/engagement.ts), and clears a bouncing mark. */
export function touchSignIn(id: number, now = Date.now()) {
	db.update(member).set({ lastSignInAt: now }).where(eq(member.id, id)).run();
	recordSignIn(id, now);
	clearBounce(id, now);
}

/** Admin: set a member's role and coordinated region. */
export function setRole(actor: Actor, id: number, role: Member['role'], coordinatorRegionId: string | null, meta: { ip?: string } = {}) {
	authorize(actor, 'member.setRole', { id });
	const before = profile(id);
	if (!before || (role === 'coordinator' && !coordinatorRegionId)) return false;
	db.update(member)
		.set({ role, coordinatorRegionId: role === 'coordinator' ? coordinatorRegionId : null, updatedAt: Date.now() })
		.where(eq(member.id, id))
		.run();
	audit.record({ actorId: actor.id, action: 'member.role-changed', subjectType: 'member', subjectId: id, regionId: before.regionId, ipAddress: meta.ip, detail: { from: before.role, to: role, coordinatorRegionId } });
	return true;
}

/** Admin: deactivate (ending every session) or reactivate a member. */
export function setActive(actor: Actor, id: number, active: boolean, meta: { ip?: string } = {}) {
	const target = profile(id);
	if (!target) return false;
	authorize(actor, 'member.manage', { id, regionId: target.regionId });
	db.update(member)
		.set({ deactivatedAt: active ? null : Date.now(), updatedAt: Date.now() })
		.where(eq(member.id, id))
		.run();
	if (!active) endAllSessions(id);
	audit.record({ actorId: actor.id, action: active ? 'member.reactivated' : 'member.deactivated', subjectType: 'member', subjectId: id, regionId: target.regionId, ipAddress: meta.ip });
	return true;
}

/** Ends every session of a member (admins, or the member themselves); returns how many ended. */
export function endSessionsOf(actor: Actor, id: number, meta: { ip?: string } = {}): number {
	authorize(actor, 'member.endAllSessions', { id });
	const ended = endAllSessions(id);
	audit.record({ actorId: actor.id, action: 'member.sessions-ended', subjectType: 'member', subjectId: id, ipAddress: meta.ip, detail: { ended } });
	return ended;
}

/** Active members matching `where`: name and address. */
function activeContacts(where: SQL | undefined) {
	return db
		.select(contactColumns)
		.from(member)
		.where(and(isNull(member.deactivatedAt), where))
		.all();
}

/** The coordinator(s) of a region and the admins: who hears about join requests. */
export function coordinatorsAndAdmins(regionId: string) {
	return activeContacts(or(eq(member.role, 'admin'), and(eq(member.role, 'coordinator'), eq(member.coordinatorRegionId, regionId))));
}

/** The active coordinators of one region. */
export function regionCoordinators(regionId: string) {
	return activeContacts(and(eq(member.role, 'coordinator'), eq(member.coordinatorRegionId, regionId)));
}

/** The active admins. */
export function admins() {
	return activeContacts(eq(member.role, 'admin'));
}

/** Coordinators per region (admin page). */
export function coordinators() {
	return db
		.select({ ...contactColumns, regionId: member.coordinatorRegionId })
		.from(member)
		.where(and(eq(member.role, 'coordinator'), isNull(member.deactivatedAt)))
		.orderBy(asc(member.coordinatorRegionId))
		.all();
}

/** Admin list of members (deactivated ones included), with search and filters. */
export function adminList(actor: Actor, f: Omit<DirectoryFilter, 'includeInactive' | 'limit'> = {}) {
	authorize(actor, 'member.administer', {});
	return directory(actor, { ...f, limit: 50, includeInactive: true });
}

/** A member's public profile by @handle for the directory page; null when unknown or deactivated. */
export function profileByHandle(actor: Actor, handle: string) {
	authorize(actor, 'member.view', { id: actor.id });
	if (!handle || handle.length > 100) return null;
	const row = profiles()
		.where(and(eq(member.handle, handle), isNull(member.deactivatedAt)))
		.get();
	return row ?? null;
}

/** Admin: one member's profile with account details (last sign-in); null when unknown. */
export function adminProfile(actor: Actor, id: number) {
	authorize(actor, 'member.administer', {});
	const row = db
		.select({ ...profileColumns, lastSignInAt: member.lastSignInAt, updatedAt: member.updatedAt })
		.from(member)
		.innerJoin(authority, eq(authority.id, member.authorityId))
		.innerJoin(region, eq(region.id, authority.regionId))
		.where(eq(member.id, id))
		.get();
	return row ?? null;
}

export type AppointResult = { ok: true; memberId: number } | { ok: false; field: 'email' | 'regionId'; message: string };

/** Admin: makes the member with this email address the coordinator of a region. */
export function appointCoordinator(actor: Actor, email: string, regionId: string, meta: { ip?: string } = {}): AppointResult {
	authorize(actor, 'member.administer', {});
	if (!db.select({ id: region.id }).from(region).where(eq(region.id, regionId)).get()) return { ok: false, field: 'regionId', message: 'Choose a region from the list' };
	const m = findByEmail(email);
	if (!m || m.deactivatedAt != null) return { ok: false, field: 'email', message: 'There is no active member with that email address' };
	if (m.role === 'admin') return { ok: false, field: 'email', message: 'That member is an admin. Change their role on their page first' };
	if (m.id === actor.id) return { ok: false, field: 'email', message: 'You cannot change your own role' };
	setRole(actor, m.id, 'coordinator', regionId, meta);
	return { ok: true, memberId: m.id };
}
