/**
 * Issue 8: no page query scans the big tables.
 *
 * On the demo network (plus one long thread, so a thread has a last page), each page below is
 * requested the way SvelteKit serves it — the session check of hooks.server.ts, the (app) layout
 * load, then the page's own load — while every statement run on the connection is recorded with
 * its parameters. Each recorded statement then goes through EXPLAIN QUERY PLAN: a full scan of a
 * big table (or a whole-index walk without LIMIT, an automatic index, or a sort of a whole list
 * to return one page) fails the page's test, naming the SQL and the plan.
 *
 * The test database has no planner statistics (no sqlite_stat1: nothing here runs ANALYZE), so
 * the planner's choices depend on the schema and the SQL, not on how few demo rows there are: a
 * plan here is the plan on a database of any size without statistics. A database where ANALYZE
 * or PRAGMA optimize has run may plan differently; the benchmark (`npm run bench`) measures that
 * one's time, this checks shape, in a few seconds.
 *
 * Set QUERY_PLANS_REPORT=1 to print every page's statements and plans.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, isNull } from 'drizzle-orm';
import { db, sqlite } from '../../src/lib/server/db/client';
import { digestSetting, member, pairing, post, regionalDigest, thread, trainingEvent, trainingSharing } from '../../src/lib/server/db/schema';
import * as personal from '../../src/lib/server/digests/personal';
import { drain } from '../../src/lib/server/mail/worker';
import type { MailTransport } from '../../src/lib/server/mail/transport';
import { nextDigestAt } from '../../src/lib/server/schedule';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { createSession, markMfaVerified, validateSessionToken } from '../../src/lib/server/auth/session';
import * as twoFactor from '../../src/lib/server/network/two-factor';
import * as posts from '../../src/lib/server/discussions/posts';
import { PAGE_SIZE } from '../../src/lib/server/discussions/threads';
import { actorOf } from '../../src/lib/server/request';
import { resetCache } from '../../src/lib/server/network/authorities';
import { recordStatements } from './query-plans/recorder';
import { explain, explainable, planText, problems } from './query-plans/plans';

import * as appLayout from '../../src/routes/(app)/+layout.server';
import * as homePage from '../../src/routes/(app)/+page.server';
import * as threadList from '../../src/routes/(app)/threads/+page.server';
import * as threadPage from '../../src/routes/(app)/threads/[id]/+page.server';
import * as searchPage from '../../src/routes/(app)/threads/search/+page.server';
import * as notificationsPage from '../../src/routes/(app)/notifications/+page.server';
import * as membersPage from '../../src/routes/(app)/members/+page.server';
import * as profilePage from '../../src/routes/(app)/members/[handle]/+page.server';
import * as mentoringPage from '../../src/routes/(app)/mentoring/+page.server';
import * as coordinatePage from '../../src/routes/(app)/mentoring/coordinate/+page.server';
import * as matchPage from '../../src/routes/(app)/mentoring/coordinate/match/+page.server';
import * as pairingPage from '../../src/routes/(app)/mentoring/pairings/[id]/+page.server';
import * as trainingPage from '../../src/routes/(app)/training/+page.server';
import * as eventsPage from '../../src/routes/(app)/training/events/+page.server';
import * as checklistPage from '../../src/routes/(app)/succession/[authorityId]/+page.server';
import * as regionTablePage from '../../src/routes/(app)/succession/regions/[regionId]/+page.server';
import * as inductionPage from '../../src/routes/(app)/induction/+page.server';
import * as inductionRegionPage from '../../src/routes/(app)/induction/region/+page.server';
import * as nationalPage from '../../src/routes/(app)/succession/national/+page.server';
import * as digestsPage from '../../src/routes/(app)/digests/+page.server';
import * as digestPage from '../../src/routes/(app)/digests/[id]/+page.server';
import * as adminUsersPage from '../../src/routes/(app)/admin/users/+page.server';
import * as adminMailPage from '../../src/routes/(app)/admin/mail/+page.server';
import * as auditPage from '../../src/routes/(app)/admin/audit/+page.server';
import * as moderationPage from '../../src/routes/(app)/admin/moderation/+page.server';
import * as joinRequestsPage from '../../src/routes/(app)/admin/join-requests/+page.server';
import * as placeChangesPage from '../../src/routes/(app)/admin/place-changes/+page.server';
import * as trainingRegionPage from '../../src/routes/(app)/training/region/+page.server';
import * as trainingSummaryPage from '../../src/routes/(app)/training/summary/+page.server';
import * as trainingGapsPage from '../../src/routes/(app)/training/gaps/+page.server';
import * as memberLogPage from '../../src/routes/(app)/training/members/[id]/+page.server';
import * as eventPage from '../../src/routes/(app)/training/events/[id]/+page.server';
import * as checklistHistoryPage from '../../src/routes/(app)/succession/[authorityId]/history/+page.server';
import * as postHistoryPage from '../../src/routes/(app)/threads/[id]/posts/[postId]/history/+page.server';
import * as sessionsPage from '../../src/routes/(app)/settings/sessions/+page.server';

type Who = 'admin' | 'coordinator' | 'mentor' | 'member';
const EMAIL: Record<Who, string> = {
	admin: 'admin@example.org',
	coordinator: 'coordinator@example.org',
	mentor: 'mentor@example.org',
	member: 'member@example.org'
};

type Load = (event: never) => unknown;
type Data = Record<string, unknown>;

const recorder = recordStatements(sqlite());
const tokens = {} as Record<Who, string>;
const ids = {} as Record<Who, { id: number; handle: string; authorityId: number }>;
let longThreadId = 0;
let longThreadPages = 0;
let mentorPairingId = 0;
let sentDigestId = 0;
let eventId = 0;
let longThreadFirstPostId = 0;
let sharedMenteeId: number | null = null;

const report: string[] = [];
/** How many statements each page's own load ran (the rest are the session check and the layout). */
const loadStatements = new Map<string, number>();

/**
 * Statements that may read a big table whole, keyed by a distinctive fragment of their SQL, each
 * with its reason. Keep it short: on a page request a scan is a bug unless the page exists to
 * read everything (an admin export, say). Empty: nothing on these pages needs one.
 */
const ALLOWED_SCANS: { fragment: string; reason: string }[] = [
	{
		// network/members.ts activeMemberPlaces() without a region: the admin-only national training
		// overview counts every active member by region, so it must read each member once; an
		// index walk would read the same rows.
		fragment: 'select "member"."id", "member"."authority_id", "authority"."region_id" from "member" inner join "authority" on "authority"."id" = "member"."authority_id" where "member"."deactivated_at" is null',
		reason: 'admin-only national aggregate over all active members'
	}
];

beforeAll(async () => {
	await seedDemo(db);
	resetCache();
	for (const who of Object.keys(EMAIL) as Who[]) {
		const m = db.select({ id: member.id, handle: member.handle, authorityId: member.authorityId }).from(member).where(eq(member.email, EMAIL[who])).get();
		if (!m) throw new Error(`The demo network has no ${EMAIL[who]}`);
		ids[who] = m;
		const { token, session } = createSession(m.id);
		markMfaVerified(session.id); // admin and coordinator have two-factor on: the code was given
		tokens[who] = token;
	}
	// The demo's longest thread has 8 posts: give one national thread three pages.
	const national = db.select({ id: thread.id }).from(thread).where(isNull(thread.regionId)).limit(1).get();
	const t = national ?? db.select({ id: thread.id }).from(thread).limit(1).get()!;
	longThreadId = t.id;
	const writers = (['member', 'mentor', 'coordinator', 'admin'] as Who[]).map((w) => actorFor(w));
	const start = Date.now() - 2 * 86_400_000;
	for (let i = 0; i < 2 * PAGE_SIZE + 5; i++) {
		const r = posts.reply(writers[i % writers.length], longThreadId, { body: `Reply ${i + 1} about the inspection framework and the corporate parenting panel.` }, start + i * 61_000);
		if (!r.ok) throw new Error(`Could not add a reply: ${JSON.stringify(r.errors)}`);
	}
	longThreadPages = Math.ceil(db.select({ n: thread.postCount }).from(thread).where(eq(thread.id, longThreadId)).get()!.n / PAGE_SIZE);
	mentorPairingId = db.select({ id: pairing.id }).from(pairing).where(eq(pairing.mentorId, ids.mentor.id)).limit(1).get()!.id;
	eventId = db.select({ id: trainingEvent.id }).from(trainingEvent).limit(1).get()!.id;
	longThreadFirstPostId = db.select({ id: post.id }).from(post).where(eq(post.threadId, longThreadId)).orderBy(post.number).limit(1).get()!.id;
	sharedMenteeId = db.select({ id: trainingSharing.memberId }).from(trainingSharing).where(eq(trainingSharing.mentorId, ids.mentor.id)).limit(1).get()?.id ?? null;
	sentDigestId = db.select({ id: regionalDigest.id }).from(regionalDigest).where(eq(regionalDigest.status, 'sent')).limit(1).get()!.id;
});

afterAll(() => {
	recorder.restore();
	if (process.env.QUERY_PLANS_REPORT) console.log(report.join('\n'));
});

function actorFor(who: Who) {
	const v = validateSessionToken(tokens[who]);
	if (!v) throw new Error(`No session for ${who}`);
	return actorOf({ user: v.member, session: v.session, requestId: 'test' });
}

/**
 * One GET as SvelteKit serves it, recorded under `label`: the session check and guard of
 * hooks.server.ts, the (app) layout load, then the page load (its data, promises resolved).
 */
async function request(label: string, who: Who, page: { load: Load }, path: string, params: Record<string, string> = {}): Promise<Data> {
	const url = new URL(path, 'http://localhost');
	return recorder.during(label, async () => {
		const v = validateSessionToken(tokens[who]);
		if (!v) throw new Error(`The ${who} session did not validate`);
		if (twoFactor.sessionGate(v.member.id, v.session, undefined) !== 'ok') throw new Error(`The ${who} session is waiting for a code`);
		if (twoFactor.setupRequired(v.member)) throw new Error(`${who} would be sent to set up two-factor`);
		const locals: App.Locals = { user: v.member, session: v.session, requestId: 'query-plans' };
		const event = {
			locals,
			url,
			params,
			route: { id: null },
			request: new Request(url),
			cookies: { get: () => undefined, getAll: () => [], set() {}, delete() {}, serialize: () => '' },
			getClientAddress: () => '127.0.0.1',
			setHeaders() {},
			depends() {},
			untrack: <T>(fn: () => T) => fn(),
			parent: async () => ({}),
			fetch,
			platform: undefined,
			isDataRequest: false,
			isSubRequest: false
		};
		let data: Data;
		try {
			await (appLayout.load as Load)(event as never);
			const before = recorder.recorded.length;
			data = ((await (page.load as Load)(event as never)) ?? {}) as Data;
			for (const [k, value] of Object.entries(data)) if (value instanceof Promise) data[k] = await value;
			loadStatements.set(label, recorder.recorded.length - before);
		} catch (e) {
			// A redirect or an error page would check the wrong statements: the page must load.
			const r = e as { status?: number; location?: string; body?: { message?: string } };
			throw new Error(`${label} (${path} as ${who}) did not load: ${r.status ?? ''} ${r.location ?? r.body?.message ?? String(e)}`);
		}
		return data;
	});
}

/** Explains every statement recorded for `label` (each distinct SQL once) and fails on a scan. */
function check(label: string) {
	const statements = recorder.recorded.filter((r) => r.label === label);
	const own = loadStatements.get(label) ?? 0;
	expect.soft(own, `${label}: its load recorded no statements – is the recorder still wrapping prepare?`).toBeGreaterThan(0);
	const seen = new Set<string>();
	const failures: string[] = [];
	const lines = [`\n## ${label}: ${statements.length} statements (${own} from the page load)`];
	for (const s of statements) {
		if (!explainable(s.sql) || seen.has(s.sql)) continue;
		seen.add(s.sql);
		const plan = explain((q) => sqlite().prepare(q), s.sql, s.params);
		const allowed = ALLOWED_SCANS.some((a) => s.sql.includes(a.fragment));
		const found = allowed ? [] : problems(s.sql, plan);
		lines.push(`${s.sql}\n${planText(plan)}`);
		if (found.length) failures.push(`${found.join('\n')}\nSQL: ${s.sql}\nparams: ${JSON.stringify(s.params)}\nplan:\n${planText(plan)}`);
	}
	report.push(...lines);
	expect.soft(failures, `${label} reads a big table without an index:\n\n${failures.join('\n\n')}`).toEqual([]);
	return statements.length;
}

/** Requests the page and checks its statements. */
async function page(label: string, who: Who, p: { load: Load }, path: string, params: Record<string, string> = {}) {
	const data = await request(label, who, p, path, params);
	check(label);
	return data;
}

describe('query plans: no page reads a big table without an index', () => {
	it('the checker itself: what it fails and what it lets through', () => {
		const check = (sql: string) => problems(sql, explain((q) => sqlite().prepare(q), sql, []));
		expect(check('SELECT p.id FROM post p WHERE p.plain = 1')).toEqual(['full scan of post: "SCAN p"']);
		expect(check('SELECT id FROM audit_event WHERE ip_address = 1 LIMIT 5')).toEqual(['full scan of audit_event: "SCAN audit_event"']);
		expect(check('SELECT count(*) FROM thread').join()).toMatch(/^whole-index walk of thread \(no LIMIT\)/);
		expect(check('SELECT id FROM notification ORDER BY read_at LIMIT 5').join()).toMatch(/^whole-index walk of notification \(not the outer loop, or sorted afterwards\)/);
		// Reads every national and regional thread (or every thread of a category), then sorts them all for one page of five.
		expect(check('SELECT id FROM thread WHERE (region_id IS NULL OR region_id IN (2)) ORDER BY created_at DESC LIMIT 5').join()).toMatch(
			/^sorts every matching thread row to return one page/
		);
		expect(check('SELECT id FROM thread WHERE category_id = 1 ORDER BY created_at DESC LIMIT 5').join()).toMatch(/^sorts every matching thread row to return one page/);
		// The same sort over a window ("created since T") reads only that window: accepted.
		expect(check('SELECT id FROM post WHERE created_at > 1 ORDER BY author_id LIMIT 5')).toEqual([]);
		// Ordered walks that stop at the page size, and lookups.
		expect(check('SELECT id FROM audit_event ORDER BY id DESC LIMIT 5')).toEqual([]);
		expect(check('SELECT id FROM thread ORDER BY last_post_at DESC, id DESC LIMIT 5')).toEqual([]);
		expect(check('SELECT id FROM post WHERE id = 1')).toEqual([]);
	});

	it('home page, for each role', async () => {
		for (const who of ['member', 'mentor', 'coordinator', 'admin'] as Who[]) await page(`home (${who})`, who, homePage, '/');
	});

	it('thread list: latest, a category, a region, unanswered, mine, following, and the next page', async () => {
		const latest = await page('threads: latest', 'member', threadList, '/threads');
		const cursor = typeof latest.next === 'string' ? latest.next : `${Date.now()}.999999`;
		await page('threads: latest, next page', 'member', threadList, `/threads?after=${cursor}`);
		const category = (latest.categoryOptions as [string, string][])[0][0];
		await page('threads: a category', 'member', threadList, `/threads?category=${category}`);
		await page('threads: a category, next page', 'member', threadList, `/threads?category=${category}&after=${cursor}`);
		await page('threads: a region', 'member', threadList, '/threads?scope=north-west');
		await page('threads: a region, next page', 'member', threadList, `/threads?scope=north-west&after=${cursor}`);
		await page('threads: national', 'member', threadList, '/threads?scope=national');
		await page('threads: unanswered', 'member', threadList, '/threads?view=unanswered');
		await page('threads: unanswered, next page', 'member', threadList, `/threads?view=unanswered&after=${cursor}`);
		await page('threads: mine', 'member', threadList, '/threads?view=mine');
		await page('threads: mine, next page', 'member', threadList, `/threads?view=mine&after=${cursor}`);
		await page('threads: following', 'member', threadList, '/threads?view=following');
		await page('threads: latest (coordinator)', 'coordinator', threadList, '/threads');
		await page('threads: latest (admin)', 'admin', threadList, '/threads');
	});

	it('a thread page: the first page and the last page (member and moderator)', async () => {
		const first = await page('thread: first page', 'member', threadPage, `/threads/${longThreadId}`, { id: String(longThreadId) });
		expect(first.pageCount).toBe(longThreadPages);
		expect(longThreadPages).toBeGreaterThanOrEqual(3);
		const last = await page('thread: last page', 'member', threadPage, `/threads/${longThreadId}?page=${longThreadPages}`, { id: String(longThreadId) });
		expect(last.page).toBe(longThreadPages);
		await page('thread: a post by number', 'member', threadPage, `/threads/${longThreadId}?post=30`, { id: String(longThreadId) });
		await page('thread: last page (coordinator, moderator)', 'coordinator', threadPage, `/threads/${longThreadId}?page=${longThreadPages}`, { id: String(longThreadId) });
	});

	it('search: a common word, a rare word, a filtered search and page 2', async () => {
		const common = await page('search: common word', 'member', searchPage, '/threads/search?q=children');
		expect((common.result as { results: unknown[] }).results.length).toBeGreaterThan(0);
		await page('search: common word, page 2', 'member', searchPage, '/threads/search?q=children&page=2');
		await page('search: common word in a region', 'member', searchPage, '/threads/search?q=children&scope=north-west');
		const rare = await page('search: rare word', 'member', searchPage, '/threads/search?q=ILACS');
		expect((rare.result as { results: unknown[] }).results.length).toBeGreaterThan(0);
	});

	it('notifications: all, unread, the next page', async () => {
		const all = await page('notifications', 'member', notificationsPage, '/notifications');
		await page('notifications: unread', 'member', notificationsPage, '/notifications?show=unread');
		const before = typeof all.next === 'number' ? all.next : 1_000_000;
		await page('notifications: next page', 'member', notificationsPage, `/notifications?before=${before}`);
	});

	it('members: the directory, filtered, the next page, and a profile', async () => {
		const dir = await page('members: directory', 'member', membersPage, '/members');
		if (typeof dir.next === 'string') await page('members: directory, next page', 'member', membersPage, dir.next);
		await page('members: a region', 'member', membersPage, '/members?region=north-west');
		await page('members: a name', 'member', membersPage, '/members?q=sarah');
		await page('members: new in role', 'member', membersPage, '/members?new=1');
		await page('members: a profile', 'member', profilePage, `/members/${ids.mentor.handle}`, { handle: ids.mentor.handle });
	});

	it('mentoring: the dashboard of a mentor and a mentee, the coordinator pages and a pairing', async () => {
		await page('mentoring: mentor dashboard', 'mentor', mentoringPage, '/mentoring');
		await page('mentoring: mentee dashboard', 'member', mentoringPage, '/mentoring');
		await page('mentoring: coordinate (coordinator)', 'coordinator', coordinatePage, '/mentoring/coordinate');
		await page('mentoring: coordinate (admin)', 'admin', coordinatePage, '/mentoring/coordinate');
		await page('mentoring: match (coordinator)', 'coordinator', matchPage, '/mentoring/coordinate/match');
		await page('mentoring: pairing (mentor)', 'mentor', pairingPage, `/mentoring/pairings/${mentorPairingId}`, { id: String(mentorPairingId) });
	});

	it('training: the log, its next page, and events', async () => {
		const log = await page('training: log', 'member', trainingPage, '/training');
		const next = typeof log.next === 'string' ? log.next : '/training?after=2020-01-01.999999';
		await page('training: log, next page', 'member', trainingPage, next);
		await page('training: log, a year', 'member', trainingPage, `/training?period=${new Date().getFullYear()}`);
		const events = await page('training: events', 'member', eventsPage, '/training/events');
		await page('training: past events', 'member', eventsPage, '/training/events?when=past');
		const after = typeof events.next === 'string' ? events.next : `/training/events?after=${Date.now()}.999999`;
		await page('training: events, next page', 'member', eventsPage, after);
	});

	it('succession: an authority, a region table, the national table', async () => {
		const a = String(ids.member.authorityId);
		await page('succession: authority checklist', 'member', checklistPage, `/succession/${a}`, { authorityId: a });
		await page('succession: region table', 'coordinator', regionTablePage, '/succession/regions/north-west', { regionId: 'north-west' });
		await page('succession: national table', 'admin', nationalPage, '/succession/national');
	});

	it('first 100 days: the member’s path, the coordinator’s new members', async () => {
		await page('induction: path', 'member', inductionPage, '/induction');
		await page('induction: new members (coordinator)', 'coordinator', inductionRegionPage, '/induction/region');
		await page('induction: stalled, by name (coordinator)', 'coordinator', inductionRegionPage, '/induction/region?filter=stalled&sort=name');
	});

	it('digests: the list and a sent digest', async () => {
		const list = await page('digests: list (coordinator)', 'coordinator', digestsPage, '/digests');
		if (typeof list.next === 'string') await page('digests: list, next page', 'coordinator', digestsPage, list.next);
		await page('digests: list (admin)', 'admin', digestsPage, '/digests');
		await page('digests: a sent digest', 'admin', digestPage, `/digests/${sentDigestId}`, { id: String(sentDigestId) });
	});

	it('admin: users, mail, the audit trail', async () => {
		const users = await page('admin: users', 'admin', adminUsersPage, '/admin/users');
		if (typeof users.next === 'string') await page('admin: users, next page', 'admin', adminUsersPage, users.next);
		await page('admin: users, a search', 'admin', adminUsersPage, '/admin/users?q=kelly');
		await page('admin: users, a role', 'admin', adminUsersPage, '/admin/users?role=coordinator');
		await page('admin: mail', 'admin', adminMailPage, '/admin/mail');
		const audit = await page('admin: audit trail', 'admin', auditPage, '/admin/audit');
		if (typeof audit.next === 'string') await page('admin: audit trail, next page', 'admin', auditPage, `/admin/audit${audit.next}`);
		await page('admin: audit trail (coordinator, own region)', 'coordinator', auditPage, '/admin/audit');
		await page('admin: audit trail, filtered', 'admin', auditPage, '/admin/audit?group=moderation&region=north-west');
		await page('admin: audit trail, one member', 'admin', auditPage, '/admin/audit?member=4');
		await page('admin: changes of authority or role (coordinator)', 'coordinator', placeChangesPage, '/admin/place-changes');
	});

	it('other pages whose data grows with the network', async () => {
		await page('admin: moderation queue (coordinator)', 'coordinator', moderationPage, '/admin/moderation');
		await page('admin: moderation queue (admin)', 'admin', moderationPage, '/admin/moderation');
		await page('admin: join requests', 'coordinator', joinRequestsPage, '/admin/join-requests');
		await page('training: region (coordinator)', 'coordinator', trainingRegionPage, '/training/region');
		await page('training: national overview (admin)', 'admin', trainingRegionPage, '/training/region');
		await page('training: summary', 'member', trainingSummaryPage, '/training/summary');
		await page('training: gaps', 'member', trainingGapsPage, '/training/gaps');
		await page('training: an event', 'member', eventPage, `/training/events/${eventId}`, { id: String(eventId) });
		if (sharedMenteeId) await page("training: a mentee's shared log", 'mentor', memberLogPage, `/training/members/${sharedMenteeId}`, { id: String(sharedMenteeId) });
		const a = String(ids.member.authorityId);
		await page('succession: checklist history', 'member', checklistHistoryPage, `/succession/${a}/history`, { authorityId: a });
		await page('thread: a post history (moderator)', 'admin', postHistoryPage, `/threads/${longThreadId}/posts/${longThreadFirstPostId}/history`, { id: String(longThreadId), postId: String(longThreadFirstPostId) });
		await page('settings: sessions', 'member', sessionsPage, '/settings/sessions');
	});
});

describe('query plans: the scheduler’s personal digest run and the outbox worker', () => {
	it('builds every member’s digest and sends them without reading a big table whole', async () => {
		// Every demo member's weekly digest (Monday 07:00 UK) due: the scheduler has run for months.
		const now = nextDigestAt({ frequency: 'weekly', weekday: 1, hour: 7 }, Date.now())! + 5 * 60_000;
		db.insert(digestSetting).values({ key: 'scheduler-started-at', value: now - 90 * 86_400_000 }).onConflictDoUpdate({ target: digestSetting.key, set: { value: now - 90 * 86_400_000 } }).run();
		const run = await recorder.during('digests: personal digest run', () => personal.sendDue(now));
		expect(run.failed).toBe(0);
		expect(run.sent).toBeGreaterThan(3);
		loadStatements.set('digests: personal digest run', recorder.recorded.filter((r) => r.label === 'digests: personal digest run').length);
		check('digests: personal digest run');

		const sent: string[] = [];
		const transport: MailTransport = { kind: 'smtp', send: async (m) => (sent.push(String(m.to)), { messageId: String(m.messageId), response: '250 OK' }), close() {} };
		const drained = await recorder.during('digests: the outbox worker sending them', () => drain(transport, { force: true, clock: () => now + 60_000 }));
		expect(drained.sent).toBeGreaterThanOrEqual(run.sent);
		loadStatements.set('digests: the outbox worker sending them', recorder.recorded.filter((r) => r.label === 'digests: the outbox worker sending them').length);
		check('digests: the outbox worker sending them');
	});
});
