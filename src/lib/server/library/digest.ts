/**
 * The library's part of digests and the home page "your week" (digest-items.ts): documents new
 * since T in the member's core topics or shared within their region; for a coordinator's
 * regional digest, the region's new documents (shared within it, or nationally by its members).
 * Visibility is enforced in every query, as on the library page.
 */
import { and, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { db, inJson, jsonList, preparedBy } from '../db/client';
import { libraryEntry } from '../db/schema';
import type { Actor } from '../auth/policy';
import type { DigestGroup, DigestItem, DigestRecipient, DigestSection } from '../digest-items';
import * as members from '../network/members';
import { authorityById } from '../network/authorities';
import { LIBRARY_KINDS, label } from '../../vocab';
import { perInstant } from '../per-instant';
import { visibleRegionIds } from './visibility';

/** Documents shown per group before "and N more". */
export const GROUP_SIZE = 5;
/** With many new documents, at most this many are read per digest run and scope. */
const CANDIDATES = 200;

type Candidate = { id: number; kind: string; title: string; topics: string[]; authorityId: number; regionId: string | null; authorId: number | null; createdAt: number };

const columns = {
	id: libraryEntry.id,
	kind: libraryEntry.kind,
	title: libraryEntry.title,
	topics: libraryEntry.topics,
	authorityId: libraryEntry.authorityId,
	regionId: libraryEntry.regionId,
	authorId: libraryEntry.authorId,
	createdAt: libraryEntry.createdAt
};

/** New documents seen by everyone who sees the same regions: read once per digest run. */
const sameRun = perInstant<Candidate[]>();

function actorOf(r: DigestRecipient): Actor {
	return { id: r.id, role: r.role, authorityId: r.authorityId, regionId: r.regionId, coordinatorRegionId: r.coordinatorRegionId };
}

const item = (e: Candidate): DigestItem => ({ text: e.title, href: `/library/${e.id}`, note: `${label(LIBRARY_KINDS, e.kind)} · ${authorityById(e.authorityId)?.name ?? ''}` });

function capped(title: string, items: Candidate[], moreHref: string): DigestGroup | null {
	if (items.length === 0) return null;
	const g: DigestGroup = { title, items: items.slice(0, GROUP_SIZE).map(item) };
	if (items.length > GROUP_SIZE) {
		g.more = items.length - GROUP_SIZE;
		g.moreHref = moreHref;
	}
	return g;
}

/**
 * Published, shown documents added in (since, now]: nationally or in one of `regions` (a JSON
 * array), or anywhere for an admin (`everywhere`). Prepared once for each (the home page asks on
 * every request). Hidden documents and drafts are never suggested, so unlike visibleWhere this
 * needs no exception for the member's own.
 */
const freshQuery = preparedBy(
	(everywhere: boolean) => (everywhere ? 'all' : 'regions'),
	(everywhere) =>
		db
			.select(columns)
			.from(libraryEntry)
			.where(
				and(
					gt(libraryEntry.createdAt, sql.placeholder('since')),
					lte(libraryEntry.createdAt, sql.placeholder('now')),
					isNull(libraryEntry.hiddenAt),
					eq(libraryEntry.draft, false),
					everywhere ? undefined : or(isNull(libraryEntry.regionId), inJson(libraryEntry.regionId, 'regions'))
				)
			)
			.orderBy(desc(libraryEntry.createdAt), desc(libraryEntry.id))
			.limit(CANDIDATES)
			.prepare()
);

/** What is new in the library for this member since `since`: in their core topics, or shared within their region. */
export function digestSection(recipient: DigestRecipient, since: number, now: number): DigestSection | null {
	const actor = actorOf(recipient);
	const regions = visibleRegionIds(actor);
	const fresh = sameRun(now, `${(regions ?? ['all']).join(',')}:${since}`, () =>
		freshQuery(regions == null).all({ since, now, regions: jsonList(regions ?? []) })
	).filter((e) => e.authorId !== recipient.id);
	const topics = new Set(recipient.expertise);
	const inTopics = fresh.filter((e) => e.topics.some((t) => topics.has(t)));
	const shown = new Set(inTopics.map((e) => e.id));
	const inRegion = fresh.filter((e) => !shown.has(e.id) && e.regionId === recipient.regionId);
	const groups = [capped('New documents in your topics', inTopics, '/library'), capped(`Shared in your region`, inRegion, `/library?region=${recipient.regionId}`)].filter((g): g is DigestGroup => g != null);
	if (groups.length === 0) return null;
	return { area: 'library', title: 'Good-practice library', groups, hasNew: true };
}

/** For a coordinator's regional digest: the region's new documents; for the national one, new national documents. */
export function regionalDigestGroups(regionId: string | null, since: number, now: number): DigestGroup[] {
	const scope =
		regionId == null
			? isNull(libraryEntry.regionId)
			: or(sql`${libraryEntry.regionId} = ${regionId}`, and(isNull(libraryEntry.regionId), inArray(libraryEntry.authorId, members.idsInRegion(regionId))));
	const rows = db
		.select(columns)
		.from(libraryEntry)
		.where(and(gt(libraryEntry.createdAt, since), lte(libraryEntry.createdAt, now), isNull(libraryEntry.hiddenAt), eq(libraryEntry.draft, false), scope))
		.orderBy(desc(libraryEntry.createdAt), desc(libraryEntry.id))
		.limit(CANDIDATES)
		.all();
	const g = capped('New in the library', rows, regionId ? `/library?region=${regionId}` : '/library?region=national');
	return g ? [g] : [];
}
