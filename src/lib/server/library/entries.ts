/**
 * The good-practice library: entries (documents and case studies) shared nationally or within a
 * region, their files and versions, "useful" marks, reports and hiding. The bytes live in the
 * file store (../files); this area owns what refers to them and counts each reference there.
 */
import { error } from '@sveltejs/kit';
import { and, asc, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { db, immediate } from '../db/client';
import * as members from '../network/members';
import { libraryEntry, libraryFile, libraryReport, libraryUseful, libraryVersion, type CaseStudy, type LibraryEntry } from '../db/schema';
import { authorize, can, type Actor } from '../auth/policy';
import * as audit from '../auth/audit';
import * as files from '../files';
import { config } from '../config';
import { renderMarkdown, excerptOfSafeHtml } from '../markdown';
import { authorityById, authorityGroups, regionById, regions } from '../network/authorities';
import { LIBRARY_KINDS, TOPICS, label } from '../../vocab';
import type { EntryInput } from './input';
import { REPORT_REASONS, TITLE } from './input';
import { visibleRegionIds, visibleWhere } from './visibility';
import * as text from './text';

export type Result<T = undefined> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };
type Meta = { ip?: string };

export const LIST_SIZE = 20;

export { visibleRegionIds, visibleWhere } from './visibility';

/** Who can see it: "national" or a region the actor belongs to or coordinates (admins: any). */
export function scopeOptions(actor: Actor): [string, string][] {
	const ids = visibleRegionIds(actor);
	const rs = regions().filter((r) => ids == null || ids.includes(r.id));
	return [['national', 'Every member of the network (national)'], ...rs.map((r) => [r.id, `Only members in ${r.name}, its coordinator and admins`] as [string, string])];
}

const facts = (e: Pick<LibraryEntry, 'regionId' | 'hiddenAt' | 'authorId' | 'draft'>) => ({ regionId: e.regionId, hidden: e.hiddenAt != null, authorId: e.authorId, draft: e.draft });

/** An entry the actor may see, or 404 (another region's, hidden, missing — all look the same). */
function visibleEntry(actor: Actor, id: number): LibraryEntry {
	const e = Number.isSafeInteger(id) ? db.select().from(libraryEntry).where(eq(libraryEntry.id, id)).get() : undefined;
	if (!e || !can(actor, 'library.view', facts(e))) error(404, 'Page not found');
	return e;
}

function caseStudyHtml(c: CaseStudy): CaseStudy {
	return {
		situation: renderMarkdown(c.situation),
		whatWeDid: renderMarkdown(c.whatWeDid),
		whatChanged: renderMarkdown(c.whatChanged),
		differently: renderMarkdown(c.differently),
		contact: renderMarkdown(c.contact)
	};
}

function plainOf(title: string, summary: string, c: CaseStudy | null): string {
	const parts = [title, summary];
	if (c) parts.push(c.situation, c.whatWeDid, c.whatChanged, c.differently, c.contact);
	return parts.filter(Boolean).join('\n\n');
}

/** Bytes the member has put in the library: each distinct file they uploaded, counted once. */
export function usedBytes(memberId: number): number {
	const row = db
		.select({ n: sql<number>`coalesce(sum(size), 0)` })
		.from(sql`(select distinct ${libraryVersion.hash} as hash, ${libraryVersion.size} as size from ${libraryVersion} where ${libraryVersion.uploadedById} = ${memberId})`)
		.get();
	return row?.n ?? 0;
}

export function quota(actor: Actor) {
	const used = usedBytes(actor.id);
	const limit = config().memberQuotaBytes;
	return { used, limit, usedLabel: files.formatBytes(used), limitLabel: files.formatBytes(limit) };
}

function overQuota(actor: Actor, file: files.Received): string | null {
	const q = quota(actor);
	if (q.used + file.size <= q.limit) return null;
	return `This file would take you past your ${q.limitLabel} of library storage (you have used ${q.usedLabel}). Delete an entry you no longer need, or ask an admin`;
}

function checkScope(actor: Actor, scope: string): { regionId: string | null } | null {
	if (scope === 'national') return { regionId: null };
	if (!regionById(scope)) return null;
	return can(actor, 'library.create', { regionId: scope }) ? { regionId: scope } : null;
}

/**
 * Creates an entry with its first file (a case study may have none). The file is moved into the
 * store in the same transaction as the rows that refer to it; on any refusal the caller discards it.
 * With `input.draft` it is a private draft: its author's alone until they share it (`publish`).
 */
export function create(actor: Actor, input: EntryInput, file: files.Received | null, meta: Meta = {}, now = Date.now()): Result<{ id: number }> {
	const checked = check(actor, input, file);
	if (!checked.ok) return checked;
	const id = immediate(() => write(actor, input, checked.value, file, meta, now));
	return { ok: true, value: { id } };
}

/** What `create` checks before writing: who may share it there, the authority, the file and the quota. */
function check(actor: Actor, input: EntryInput, file: files.Received | null): Result<{ regionId: string | null }> {
	const scope = checkScope(actor, input.scope);
	if (!scope) return { ok: false, errors: { scope: 'Choose who can see it' } };
	authorize(actor, 'library.create', scope);
	if (!authorityById(input.authorityId)) return { ok: false, errors: { authorityId: 'Choose an authority from the list' } };
	if (!file && input.kind !== 'case-study') return { ok: false, errors: { file: 'Choose a file to upload' } };
	if (file) {
		const q = overQuota(actor, file);
		if (q) return { ok: false, errors: { file: q } };
	}
	return { ok: true, value: scope };
}

/** The rows of a new entry (inside the caller's transaction): the entry, its search text, its file, the audit entry. */
function write(actor: Actor, input: EntryInput, scope: { regionId: string | null }, file: files.Received | null, meta: Meta, now: number): number {
	const cs: CaseStudy | null =
		input.kind === 'case-study' ? { situation: input.situation, whatWeDid: input.whatWeDid, whatChanged: input.whatChanged, differently: input.differently, contact: input.contact } : null;
	const e = db
		.insert(libraryEntry)
		.values({
			kind: input.kind,
			title: input.title,
			summary: input.summary,
			summaryHtml: renderMarkdown(input.summary),
			caseStudy: cs,
			caseStudyHtml: cs ? caseStudyHtml(cs) : null,
			plain: plainOf(input.title, input.summary, cs),
			topics: input.topics,
			authorityId: input.authorityId,
			regionId: scope.regionId,
			reviewBy: input.reviewBy,
			authorId: actor.id,
			draft: !!input.draft,
			createdAt: now,
			updatedAt: now
		})
		.returning({ id: libraryEntry.id })
		.get();
	text.indexEntry(e.id, plainOf(input.title, input.summary, cs));
	if (file) addFileRows(actor, e.id, file, now);
	audit.record({ actorId: actor.id, action: 'library.upload', subjectType: 'library_entry', subjectId: e.id, regionId: scope.regionId, ipAddress: meta.ip, detail: file ? { name: file.name, size: file.size, hash: file.hash } : { caseStudy: true } }, now);
	return e.id;
}

/** A file a member uploaded with a post, and the kind of document they said it is. */
export type PostUpload = { file: files.Received; kind: string; ip?: string };
/** A post upload that passed `checkPostUpload`, ready for `writePostUpload`. */
export type CheckedPostUpload = { input: EntryInput; scope: { regionId: string | null }; file: files.Received; ip?: string };

/** The kinds a file uploaded with a post may be (a case study is written on its own page). */
export const POST_UPLOAD_KINDS = LIBRARY_KINDS.filter(([k]) => k !== 'case-study');

/** A title from a file's name: "Corporate_parenting_strategy 2026.pdf" → "Corporate parenting strategy 2026". */
export function titleFromName(name: string): string {
	const base = name.replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/_+/g, ' ').replace(/\s+/g, ' ').trim();
	const title = base.length >= TITLE.min ? base : `Document: ${name.trim()}`;
	return title.length > TITLE.max ? `${title.slice(0, TITLE.max - 1).trimEnd()}…` : title;
}

/**
 * The checks for a file uploaded with a post in a thread of `regionId` (null: national), made
 * before the post is written: the entry it becomes is seen by the thread's readers, titled from
 * the file's name (its author can change that on its page), from the member's own authority.
 * The same checks as `create` (who may share there, the quota); a refusal is for the file field.
 */
export function checkPostUpload(actor: Actor, upload: PostUpload, regionId: string | null): Result<CheckedPostUpload> {
	const kind = POST_UPLOAD_KINDS.some(([k]) => k === upload.kind) ? upload.kind : 'report';
	const input: EntryInput = {
		kind: kind as EntryInput['kind'],
		title: titleFromName(upload.file.name),
		summary: '',
		topics: [],
		authorityId: actor.authorityId,
		scope: regionId ?? 'national',
		reviewBy: null,
		situation: '',
		whatWeDid: '',
		whatChanged: '',
		differently: '',
		contact: ''
	};
	if (regionId != null && !can(actor, 'library.create', { regionId })) return { ok: false, errors: { file: 'You can only upload files to threads for everyone or for your own region' } };
	const checked = check(actor, input, upload.file);
	if (!checked.ok) return { ok: false, errors: { file: Object.values(checked.errors)[0] } };
	return { ok: true, value: { input, scope: checked.value, file: upload.file, ip: upload.ip } };
}

/**
 * Writes a checked post upload as a library entry — call it inside the transaction that writes
 * the post, so there is never a post without its file nor an entry without its post. `summary`
 * (Markdown) says where it was shared. Returns the entry's id, to attach to the post.
 */
export function writePostUpload(actor: Actor, upload: CheckedPostUpload, summary: string, now = Date.now()): number {
	return write(actor, { ...upload.input, summary }, upload.scope, upload.file, { ip: upload.ip }, now);
}

function addFileRows(actor: Actor, entryId: number, file: files.Received, now: number) {
	files.reference(file, now);
	const f = db.insert(libraryFile).values({ entryId, latest: 1, createdAt: now }).returning({ id: libraryFile.id }).get();
	const v = db.insert(libraryVersion).values({ fileId: f.id, number: 1, hash: file.hash, name: file.name, size: file.size, kind: file.type.kind, uploadedById: actor.id, createdAt: now }).returning({ id: libraryVersion.id }).get();
	text.queue(v.id, file.type.kind, now);
	return f.id;
}

/** Shares a private draft with those its scope names; it counts as new from now (digests, "newest"). Its author only. */
export function publish(actor: Actor, id: number, meta: Meta = {}, now = Date.now()): Result {
	const e = visibleEntry(actor, id);
	authorize(actor, 'library.publish', { regionId: e.regionId, authorId: e.authorId });
	if (!e.draft) return { ok: true, value: undefined };
	db.update(libraryEntry).set({ draft: false, createdAt: now, updatedAt: now }).where(eq(libraryEntry.id, e.id)).run();
	audit.record({ actorId: actor.id, action: 'library.publish', subjectType: 'library_entry', subjectId: e.id, regionId: e.regionId, ipAddress: meta.ip }, now);
	return { ok: true, value: undefined };
}

/** The details form's starting values, and where the entry may be shared (its current scope always among them). */
export function forEdit(actor: Actor, id: number) {
	const e = visibleEntry(actor, id);
	authorize(actor, 'library.editDetails', { regionId: e.regionId, authorId: e.authorId });
	const cs = e.caseStudy;
	const scope = e.regionId ?? 'national';
	const scopes = scopeOptions(actor);
	if (!scopes.some(([v]) => v === scope)) scopes.push([scope, `Only members in ${regionById(scope)?.name ?? scope}, its coordinator and admins`]);
	return {
		entry: { id: e.id, title: e.title, draft: e.draft, fileCount: fileCount(e.id), own: e.authorId === actor.id },
		values: {
			kind: e.kind,
			title: e.title,
			summary: e.summary,
			topics: e.topics,
			authorityId: String(e.authorityId),
			scope,
			reviewBy: e.reviewBy ?? '',
			situation: cs?.situation ?? '',
			whatWeDid: cs?.whatWeDid ?? '',
			whatChanged: cs?.whatChanged ?? '',
			differently: cs?.differently ?? '',
			contact: cs?.contact ?? ''
		},
		scopes
	};
}

function fileCount(entryId: number): number {
	return db.select({ n: sql<number>`count(*)` }).from(libraryFile).where(eq(libraryFile.entryId, entryId)).get()?.n ?? 0;
}

/**
 * Changes an entry's details: its author, or its moderators (policy `library.editDetails`). The
 * search text is rewritten in the same transaction, and the change is audited with the fields
 * that changed. Who can see it: narrowing (national to a region) is anyone's who may edit it — posts
 * it is attached to keep it, shown only to readers who may open it; letting more or other members
 * see it is the author's or an admin's alone (`library.widen`). A document keeps at least one file:
 * it can become a case study, but a case study becomes a document only once it has a file.
 */
export function update(actor: Actor, id: number, input: EntryInput, meta: Meta = {}, now = Date.now()): Result {
	const e = visibleEntry(actor, id);
	const facts = { regionId: e.regionId, authorId: e.authorId };
	authorize(actor, 'library.editDetails', facts);
	const errors: Record<string, string> = {};
	const scope = input.scope === (e.regionId ?? 'national') ? { regionId: e.regionId } : checkScope(actor, input.scope);
	if (!scope) errors.scope = 'Choose who can see it';
	else if (scope.regionId !== e.regionId) {
		// Any move but narrowing a national entry to one region lets someone new see it.
		const narrowing = e.regionId === null;
		if (!narrowing && !can(actor, 'library.widen', facts)) errors.scope = 'Only the member who shared it, or an admin, can let more members see it';
	}
	if (!authorityById(input.authorityId)) errors.authorityId = 'Choose an authority from the list';
	if (input.kind !== 'case-study' && fileCount(e.id) === 0) errors.kind = 'A document needs a file: keep it as a case study, or upload a file to it first';
	if (Object.keys(errors).length || !scope) return { ok: false, errors };
	const cs: CaseStudy | null =
		input.kind === 'case-study' ? { situation: input.situation, whatWeDid: input.whatWeDid, whatChanged: input.whatChanged, differently: input.differently, contact: input.contact } : null;
	const next = { kind: input.kind, title: input.title, summary: input.summary, topics: input.topics, authorityId: input.authorityId, regionId: scope.regionId, reviewBy: input.reviewBy, caseStudy: cs };
	const before = { kind: e.kind, title: e.title, summary: e.summary, topics: e.topics, authorityId: e.authorityId, regionId: e.regionId, reviewBy: e.reviewBy, caseStudy: e.caseStudy };
	const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(before[k]));
	if (changed.length === 0) return { ok: true, value: undefined };
	immediate(() => {
		db.update(libraryEntry)
			.set({ ...next, summaryHtml: renderMarkdown(input.summary), caseStudyHtml: cs ? caseStudyHtml(cs) : null, plain: plainOf(input.title, input.summary, cs), updatedAt: now })
			.where(eq(libraryEntry.id, e.id))
			.run();
		text.indexEntry(e.id, plainOf(input.title, input.summary, cs));
		const detail: Record<string, unknown> = { changed };
		if (changed.includes('regionId')) Object.assign(detail, { from: e.regionId ?? 'national', to: scope.regionId ?? 'national' });
		if (changed.includes('title')) Object.assign(detail, { title: e.title });
		audit.record({ actorId: actor.id, action: 'library.edit', subjectType: 'library_entry', subjectId: e.id, regionId: scope.regionId ?? e.regionId, ipAddress: meta.ip, detail }, now);
	});
	return { ok: true, value: undefined };
}

/** A new version of one of the entry's files, or (fileId null) a further file. Its author only. */
export function upload(actor: Actor, entryId: number, fileId: number | null, file: files.Received, meta: Meta = {}, now = Date.now()): Result<{ fileId: number; number: number }> {
	const e = visibleEntry(actor, entryId);
	authorize(actor, 'library.edit', { regionId: e.regionId, authorId: e.authorId });
	const q = overQuota(actor, file);
	if (q) return { ok: false, errors: { file: q } };
	const result = immediate(() => {
		if (fileId == null) {
			const id = addFileRows(actor, e.id, file, now);
			db.update(libraryEntry).set({ updatedAt: now }).where(eq(libraryEntry.id, e.id)).run();
			audit.record({ actorId: actor.id, action: 'library.upload', subjectType: 'library_entry', subjectId: e.id, regionId: e.regionId, ipAddress: meta.ip, detail: { name: file.name, size: file.size, hash: file.hash } }, now);
			return { fileId: id, number: 1 };
		}
		const f = db
			.select()
			.from(libraryFile)
			.where(and(eq(libraryFile.id, fileId), eq(libraryFile.entryId, e.id)))
			.get();
		if (!f) return null;
		files.reference(file, now);
		const number = f.latest + 1;
		const v = db.insert(libraryVersion).values({ fileId: f.id, number, hash: file.hash, name: file.name, size: file.size, kind: file.type.kind, uploadedById: actor.id, createdAt: now }).returning({ id: libraryVersion.id }).get();
		text.queue(v.id, file.type.kind, now);
		db.update(libraryFile).set({ latest: number }).where(eq(libraryFile.id, f.id)).run();
		db.update(libraryEntry).set({ updatedAt: now }).where(eq(libraryEntry.id, e.id)).run();
		audit.record({ actorId: actor.id, action: 'library.version', subjectType: 'library_entry', subjectId: e.id, regionId: e.regionId, ipAddress: meta.ip, detail: { fileId: f.id, number, name: file.name, size: file.size, hash: file.hash } }, now);
		return { fileId: f.id, number };
	});
	if (!result) return { ok: false, errors: { fileId: 'Choose which file this is a new version of' } };
	return { ok: true, value: result };
}

export type ListFilter = { kind?: string | null; topic?: string | null; region?: string | null; authorityId?: number | null; sort?: 'newest' | 'useful'; cursor?: string | null; mine?: boolean };

export type EntryRow = {
	id: number;
	kind: string;
	kindLabel: string;
	title: string;
	excerpt: string;
	topics: string[];
	authorityName: string;
	scopeLabel: string;
	usefulCount: number;
	createdAt: number;
	hidden: boolean;
	draft: boolean;
	fileCount: number;
};

function cursorOf(s: string | null | undefined): number[] | null {
	if (!s || !/^\d+(\.\d+){1,2}$/.test(s)) return null;
	return s.split('.').map(Number);
}

/** Entries the actor may see, filtered, newest (or most useful) first, a page at a time. */
export function list(actor: Actor, f: ListFilter = {}): { entries: EntryRow[]; next: string | null } {
	const sort = f.sort === 'useful' ? 'useful' : 'newest';
	const conds: (SQL | undefined)[] = [visibleWhere(actor)];
	if (f.kind && LIBRARY_KINDS.some(([k]) => k === f.kind)) conds.push(eq(libraryEntry.kind, f.kind));
	if (f.topic && TOPICS.some(([k]) => k === f.topic)) conds.push(sql`exists (select 1 from json_each(${libraryEntry.topics}) where value = ${f.topic})`);
	if (f.region === 'national') conds.push(isNull(libraryEntry.regionId));
	else if (f.region && regionById(f.region)) conds.push(eq(libraryEntry.regionId, f.region));
	if (f.authorityId) conds.push(eq(libraryEntry.authorityId, f.authorityId));
	if (f.mine) conds.push(eq(libraryEntry.authorId, actor.id));
	const c = cursorOf(f.cursor);
	if (c && sort === 'newest' && c.length === 2) conds.push(or(lt(libraryEntry.createdAt, c[0]), and(eq(libraryEntry.createdAt, c[0]), lt(libraryEntry.id, c[1]))));
	if (c && sort === 'useful' && c.length === 3)
		conds.push(
			or(
				lt(libraryEntry.usefulCount, c[0]),
				and(eq(libraryEntry.usefulCount, c[0]), or(lt(libraryEntry.createdAt, c[1]), and(eq(libraryEntry.createdAt, c[1]), lt(libraryEntry.id, c[2]))))
			)
		);
	const order = sort === 'useful' ? [desc(libraryEntry.usefulCount), desc(libraryEntry.createdAt), desc(libraryEntry.id)] : [desc(libraryEntry.createdAt), desc(libraryEntry.id)];
	const rows = db
		.select({
			id: libraryEntry.id,
			kind: libraryEntry.kind,
			title: libraryEntry.title,
			summaryHtml: libraryEntry.summaryHtml,
			topics: libraryEntry.topics,
			authorityId: libraryEntry.authorityId,
			regionId: libraryEntry.regionId,
			usefulCount: libraryEntry.usefulCount,
			createdAt: libraryEntry.createdAt,
			hiddenAt: libraryEntry.hiddenAt,
			draft: libraryEntry.draft,
			fileCount: sql<number>`(select count(*) from ${libraryFile} where ${libraryFile.entryId} = ${libraryEntry.id})`
		})
		.from(libraryEntry)
		.where(and(...conds))
		.orderBy(...order)
		.limit(LIST_SIZE + 1)
		.all();
	const more = rows.length > LIST_SIZE;
	const page = rows.slice(0, LIST_SIZE);
	const last = page[page.length - 1];
	return {
		entries: page.map((r) => ({
			id: r.id,
			kind: r.kind,
			kindLabel: label(LIBRARY_KINDS, r.kind),
			title: r.title,
			excerpt: excerptOfSafeHtml(r.summaryHtml, 220),
			topics: r.topics.map((t) => label(TOPICS, t)),
			authorityName: authorityById(r.authorityId)?.name ?? '',
			scopeLabel: r.regionId ? (regionById(r.regionId)?.name ?? '') : 'National',
			usefulCount: r.usefulCount,
			createdAt: r.createdAt,
			hidden: r.hiddenAt != null,
			draft: r.draft,
			fileCount: r.fileCount
		})),
		next: more && last ? (sort === 'useful' ? `${last.usefulCount}.${last.createdAt}.${last.id}` : `${last.createdAt}.${last.id}`) : null
	};
}

export type VersionView = { id: number; number: number; name: string; size: string; kindLabel: string; uploadedBy: string; createdAt: number; viewable: boolean };
export type FileView = { id: number; current: VersionView; earlier: VersionView[] };

function people(ids: (number | null)[]): Map<number, string> {
	return new Map([...members.people(ids)].map(([id, p]) => [id, p.name]));
}

/** An entry's page: the entry, its files with their versions, and what the actor may do. */
export function view(actor: Actor, id: number) {
	const e = visibleEntry(actor, id);
	const fileRows = db.select().from(libraryFile).where(eq(libraryFile.entryId, e.id)).orderBy(asc(libraryFile.id)).all();
	const versions = fileRows.length
		? db
				.select()
				.from(libraryVersion)
				.where(
					inArray(
						libraryVersion.fileId,
						fileRows.map((f) => f.id)
					)
				)
				.orderBy(desc(libraryVersion.number))
				.all()
		: [];
	const stored = new Map(versions.map((v) => [v.hash, files.info(v.hash)]));
	const names = people([e.authorId, e.hiddenById, ...versions.map((v) => v.uploadedById)]);
	const toView = (v: (typeof versions)[number]): VersionView => {
		const s = stored.get(v.hash);
		const type = files.FILE_TYPES[v.kind as files.FileKind];
		return {
			id: v.id,
			number: v.number,
			name: v.name,
			size: files.formatBytes(v.size),
			kindLabel: type?.label ?? v.kind,
			uploadedBy: v.uploadedById ? (names.get(v.uploadedById) ?? 'Former member') : 'Former member',
			createdAt: v.createdAt,
			viewable: !!type?.viewable && !!s && !s.activeContent
		};
	};
	const fileViews: FileView[] = fileRows.map((f) => {
		const vs = versions.filter((v) => v.fileId === f.id);
		return { id: f.id, current: toView(vs[0]), earlier: vs.slice(1).map(toView) };
	});
	const useful = !!db
		.select({ x: libraryUseful.entryId })
		.from(libraryUseful)
		.where(and(eq(libraryUseful.entryId, e.id), eq(libraryUseful.memberId, actor.id)))
		.get();
	const scope = { regionId: e.regionId };
	return {
		entry: {
			id: e.id,
			kind: e.kind,
			kindLabel: label(LIBRARY_KINDS, e.kind),
			title: e.title,
			summaryHtml: e.summaryHtml,
			caseStudyHtml: e.caseStudyHtml,
			topics: e.topics.map((t) => label(TOPICS, t)),
			authorityName: authorityById(e.authorityId)?.name ?? '',
			scopeLabel: e.regionId ? `${regionById(e.regionId)?.name ?? ''} only` : 'National',
			regionId: e.regionId,
			reviewBy: e.reviewBy,
			authorName: e.authorId ? (names.get(e.authorId) ?? 'Former member') : 'Former member',
			usefulCount: e.usefulCount,
			draft: e.draft,
			createdAt: e.createdAt,
			updatedAt: e.updatedAt,
			hidden: e.hiddenAt != null ? { at: e.hiddenAt, reason: e.hiddenReason ?? '', by: e.hiddenById ? (names.get(e.hiddenById) ?? 'a moderator') : 'a moderator' } : null
		},
		files: fileViews,
		useful,
		may: {
			publish: e.draft && can(actor, 'library.publish', { ...scope, authorId: e.authorId }),
			edit: can(actor, 'library.edit', { ...scope, authorId: e.authorId }),
			editDetails: can(actor, 'library.editDetails', { ...scope, authorId: e.authorId }),
			delete: can(actor, 'library.delete', { ...scope, authorId: e.authorId }),
			report: can(actor, 'library.report', scope) && e.authorId !== actor.id,
			moderate: can(actor, 'library.moderate', scope)
		}
	};
}

/** A version to download, after the same visibility check as its entry; 404 for anything else. */
export function download(actor: Actor, entryId: number, versionId: number) {
	const e = visibleEntry(actor, entryId);
	const v = Number.isSafeInteger(versionId)
		? db
				.select({ v: libraryVersion })
				.from(libraryVersion)
				.innerJoin(libraryFile, eq(libraryFile.id, libraryVersion.fileId))
				.where(and(eq(libraryVersion.id, versionId), eq(libraryFile.entryId, e.id)))
				.get()?.v
		: undefined;
	if (!v) error(404, 'Page not found');
	const s = files.info(v.hash);
	if (!s) error(404, 'Page not found');
	const type = files.FILE_TYPES[s.kind as files.FileKind];
	return { hash: s.hash, size: s.size, mime: s.mime, name: v.name, viewable: !!type?.viewable && !s.activeContent };
}

/** Marks (or unmarks) an entry as useful: one mark per member, counted on the entry. */
export function setUseful(actor: Actor, id: number, on: boolean, now = Date.now()) {
	const e = visibleEntry(actor, id);
	immediate(() => {
		const changed = on
			? db.insert(libraryUseful).values({ entryId: e.id, memberId: actor.id, createdAt: now }).onConflictDoNothing().run().changes
			: db
					.delete(libraryUseful)
					.where(and(eq(libraryUseful.entryId, e.id), eq(libraryUseful.memberId, actor.id)))
					.run().changes;
		if (changed) db.update(libraryEntry).set({ usefulCount: sql`${libraryEntry.usefulCount} + ${on ? 1 : -1}` }).where(eq(libraryEntry.id, e.id)).run();
	});
}

/** For the report page. */
export function forReport(actor: Actor, id: number) {
	const e = visibleEntry(actor, id);
	authorize(actor, 'library.report', { regionId: e.regionId }, { hide: true });
	return { id: e.id, title: e.title, own: e.authorId === actor.id };
}

export function report(actor: Actor, id: number, input: { reason: string; note: string }, now = Date.now()): Result {
	const e = visibleEntry(actor, id);
	authorize(actor, 'library.report', { regionId: e.regionId }, { hide: true });
	if (e.authorId === actor.id) return { ok: false, errors: { reason: 'You cannot report your own document – delete it instead' } };
	if (!REPORT_REASONS.some(([r]) => r === input.reason)) return { ok: false, errors: { reason: 'Choose why you are reporting this document' } };
	if (input.reason === 'other' && !input.note.trim()) return { ok: false, errors: { note: 'Tell the moderators what is wrong with it' } };
	const open = db
		.select({ id: libraryReport.id })
		.from(libraryReport)
		.where(and(eq(libraryReport.entryId, e.id), eq(libraryReport.reporterId, actor.id), isNull(libraryReport.resolvedAt)))
		.get();
	if (!open) db.insert(libraryReport).values({ entryId: e.id, reporterId: actor.id, reason: input.reason, note: input.note.trim(), createdAt: now }).run();
	return { ok: true, value: undefined };
}

/** Open reports on entries the actor moderates (for the entry page and the queue). */
export function openReports(actor: Actor, id: number) {
	const e = visibleEntry(actor, id);
	if (!can(actor, 'library.moderate', { regionId: e.regionId })) return [];
	return db
		.select({ reason: libraryReport.reason, note: libraryReport.note, createdAt: libraryReport.createdAt })
		.from(libraryReport)
		.where(and(eq(libraryReport.entryId, e.id), isNull(libraryReport.resolvedAt)))
		.all()
		.map((r) => ({ ...r, reasonLabel: label(REPORT_REASONS, r.reason) }));
}

/** Hides an entry (moderators): its author still sees it, with the reason; reports are resolved. */
export function hide(actor: Actor, id: number, reason: string, meta: Meta = {}, now = Date.now()): Result {
	const e = visibleEntry(actor, id);
	authorize(actor, 'library.moderate', { regionId: e.regionId });
	immediate(() => {
		db.update(libraryEntry).set({ hiddenAt: now, hiddenById: actor.id, hiddenReason: reason }).where(eq(libraryEntry.id, e.id)).run();
		db.update(libraryReport)
			.set({ resolvedAt: now })
			.where(and(eq(libraryReport.entryId, e.id), isNull(libraryReport.resolvedAt)))
			.run();
		audit.record({ actorId: actor.id, action: 'library.hide', subjectType: 'library_entry', subjectId: e.id, regionId: e.regionId, ipAddress: meta.ip, detail: { reason } }, now);
	});
	return { ok: true, value: undefined };
}

export function unhide(actor: Actor, id: number, meta: Meta = {}, now = Date.now()) {
	const e = visibleEntry(actor, id);
	authorize(actor, 'library.moderate', { regionId: e.regionId });
	db.update(libraryEntry).set({ hiddenAt: null, hiddenById: null, hiddenReason: null }).where(eq(libraryEntry.id, e.id)).run();
	audit.record({ actorId: actor.id, action: 'library.unhide', subjectType: 'library_entry', subjectId: e.id, regionId: e.regionId, ipAddress: meta.ip }, now);
}

/** Deletes an entry (its author or an admin): its rows, and one reference to each version's file. */
export function remove(actor: Actor, id: number, meta: Meta = {}, now = Date.now()) {
	const e = visibleEntry(actor, id);
	authorize(actor, 'library.delete', { regionId: e.regionId, authorId: e.authorId });
	immediate(() => deleteRows(e.id, now));
	audit.record({ actorId: actor.id, action: 'library.delete', subjectType: 'library_entry', subjectId: e.id, regionId: e.regionId, ipAddress: meta.ip, detail: { title: e.title } }, now);
}

function deleteRows(entryId: number, now: number) {
	const hashes = db
		.select({ hash: libraryVersion.hash })
		.from(libraryVersion)
		.innerJoin(libraryFile, eq(libraryFile.id, libraryVersion.fileId))
		.where(eq(libraryFile.entryId, entryId))
		.all();
	for (const h of hashes) files.remove(h.hash, now);
	db.delete(libraryEntry).where(eq(libraryEntry.id, entryId)).run();
}

/** Storage for admins: the network total and the members who use most. */
export function usage(actor: Actor) {
	authorize(actor, 'library.viewUsage', {});
	const rows = db.all<{ id: number; bytes: number }>(
		sql`select mid as id, sum(size) as bytes from (select distinct ${libraryVersion.uploadedById} as mid, ${libraryVersion.hash} as hash, ${libraryVersion.size} as size from ${libraryVersion} where ${libraryVersion.uploadedById} is not null) group by mid order by bytes desc limit 10`
	);
	const names = people(rows.map((r) => r.id));
	const total = files.totalBytes();
	// Keyed by member id: two members may share a name.
	const top = rows.map((r) => ({ id: r.id, name: names.get(r.id) ?? 'Former member', used: files.formatBytes(r.bytes) }));
	return { total: files.formatBytes(total), totalBytes: total, quota: files.formatBytes(config().memberQuotaBytes), top };
}

/** For the new-entry and upload pages: the entry's files to add a version to (its author only). */
export function forUpload(actor: Actor, id: number) {
	const v = view(actor, id);
	if (!v.may.edit) error(403, 'Only the member who shared this document can add files or versions to it');
	return { entry: { id: v.entry.id, title: v.entry.title }, files: v.files.map((f) => ({ id: f.id, name: f.current.name, number: f.current.number })) };
}

/** Options for the filters and the new-entry form. */
export function options(actor: Actor) {
	return {
		kinds: LIBRARY_KINDS.map(([v, l]) => [v, l] as [string, string]),
		topics: TOPICS.map(([v, l]) => [v, l] as [string, string]),
		regions: [['national', 'National'] as [string, string], ...regions().map((r) => [r.id, r.name] as [string, string])],
		authorityGroups: authorityGroups(),
		scopes: scopeOptions(actor),
		sorts: [
			['newest', 'Newest first'],
			['useful', 'Most useful first']
		] as [string, string][],
		myAuthorityId: actor.authorityId,
		myRegionId: actor.regionId,
		canSeeUsage: can(actor, 'library.viewUsage', {})
	};
}
