import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db/client';
import { mentorRequest, mentoringProposal, outboxMessage, pairing, pairingFeedback, pairingMeeting } from '../db/schema';
import { makeMember } from '../../../../tests/support/members';
import * as preferences from '../mail/preferences';
import * as coordination from './coordination';
import * as proposals from './proposals';
import { FORMER_MEMBER } from './store';
import { makeCoordinator, makeMentee, makeMentor, pairUp, statusOf } from '../../../../tests/support/mentoring';

const DAY = 86_400_000;
const mailTo = (address: string) => db.select().from(outboxMessage).where(eq(outboxMessage.toAddress, address)).all();

describe('the workbench', () => {
	it('proposes a mentor for each open request in the coordinator’s region, with reasons in words', () => {
		const coordinator = makeCoordinator();
		const mentor = makeMentor({ expertise: ['send', 'corporate-parenting'], authority: 'Kent' });
		const mentee = makeMentee({ topics: ['send', 'corporate-parenting'] });
		const elsewhere = makeMentee({ authority: 'Devon' });
		const { items } = coordination.workbench(coordinator.actor, null);
		const item = items.find((i) => i.request.id === mentee.requestId);
		expect(item?.proposal?.mentor.id).toBe(mentor.id);
		expect(item?.proposal?.explanation).toMatch(/^Shares SEND and corporate parenting/);
		expect(items.some((i) => i.request.id === elsewhere.requestId)).toBe(false);
	});

	it('is for coordinators of the region and admins only', () => {
		const member = makeMember();
		const other = makeCoordinator('south-west', 'Devon');
		const admin = makeMember({ authority: 'Westminster', role: 'admin' });
		const mentee = makeMentee();
		expect(statusOf(() => coordination.workbench(member.actor, null))).toBe(403);
		expect(statusOf(() => coordination.workbench(other.actor, 'north-west'))).toBe(403);
		expect(coordination.workbench(admin.actor, null).items.some((i) => i.request.id === mentee.requestId)).toBe(true);
		expect(coordination.workbench(admin.actor, 'north-west').regionIds).toEqual(['north-west']);
	});

	it('re-runs without an excluded mentor, and with a swapped-in one', () => {
		const coordinator = makeCoordinator();
		const best = makeMentor({ expertise: ['youth-justice', 'budgets'], authority: 'Essex' });
		const second = makeMentor({ expertise: ['youth-justice'], authority: 'Norfolk' });
		const mentee = makeMentee({ topics: ['youth-justice', 'budgets'] });
		const proposed = () => coordination.workbench(coordinator.actor, null).items.find((i) => i.request.id === mentee.requestId)!;
		expect(proposed().proposal?.mentor.id).toBe(best.id);

		expect(coordination.exclude(coordinator.actor, mentee.requestId, best.id).ok).toBe(true);
		expect(proposed().proposal?.mentor.id).not.toBe(best.id);
		expect(proposed().excluded.map((e) => e.mentorId)).toContain(best.id);

		expect(coordination.allow(coordinator.actor, mentee.requestId, best.id).ok).toBe(true);
		expect(proposed().proposal?.mentor.id).toBe(best.id);

		expect(coordination.swapIn(coordinator.actor, mentee.requestId, second.id).ok).toBe(true);
		expect(proposed().proposal).toMatchObject({ mentor: { id: second.id }, chosen: true });
		expect(proposed().alternatives.map((a) => a.mentorId)).toContain(best.id);

		expect(coordination.reset(coordinator.actor, mentee.requestId).ok).toBe(true);
		expect(proposed().proposal?.mentor.id).toBe(best.id);
	});

	it('refuses to swap in a mentor who breaks a hard rule', () => {
		const coordinator = makeCoordinator();
		const sameAuthority = makeMentor({ authority: 'Lancashire' });
		const mentee = makeMentee({ authority: 'Lancashire' });
		const r = coordination.swapIn(coordinator.actor, mentee.requestId, sameAuthority.id);
		expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/same authority/) });
	});

	it('hides another region’s request from a coordinator who tampers with the id (404)', () => {
		const other = makeCoordinator('south-west', 'Devon');
		const mentor = makeMentor();
		const mentee = makeMentee();
		expect(statusOf(() => coordination.exclude(other.actor, mentee.requestId, mentor.id))).toBe(404);
		expect(statusOf(() => coordination.confirmOne(other.actor, { requestId: mentee.requestId, mentorId: mentor.id }))).toBe(404);
		expect(db.select().from(mentorRequest).where(eq(mentorRequest.id, mentee.requestId)).get()?.status).toBe('open');
	});
});

describe('confirming', () => {
	it('creates a proposal awaiting both answers and emails both', () => {
		const coordinator = makeCoordinator();
		const mentor = makeMentor();
		const mentee = makeMentee();
		const r = coordination.confirmOne(coordinator.actor, { requestId: mentee.requestId, mentorId: mentor.id });
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const p = db.select().from(mentoringProposal).where(eq(mentoringProposal.id, r.proposalId)).get()!;
		expect(p).toMatchObject({ status: 'awaiting', mentorId: mentor.id, menteeId: mentee.id, regionId: 'north-west', confirmedById: coordinator.id });
		expect(db.select().from(mentorRequest).where(eq(mentorRequest.id, mentee.requestId)).get()?.status).toBe('proposed');
		const toMentee = mailTo(mentee.email);
		const toMentor = mailTo(mentor.email);
		expect(toMentee).toHaveLength(1);
		expect(toMentee[0].subject).toContain(mentor.name);
		expect(toMentee[0].text).toContain(`/mentoring/proposals/${r.proposalId}`);
		expect(toMentee[0].headers?.['List-Unsubscribe']).toBeTruthy();
		expect(toMentor[0].subject).toContain(`Would you mentor ${mentee.name}`);
	});

	it('does not email members who chose the digest or no mentoring emails', () => {
		const coordinator = makeCoordinator();
		const mentor = makeMentor();
		const mentee = makeMentee();
		preferences.update(mentor.id, { notifications: { ...preferences.get(mentor.id).notifications, mentoring: 'digest' } });
		preferences.update(mentee.id, { notifications: { ...preferences.get(mentee.id).notifications, mentoring: 'off' } });
		expect(coordination.confirmOne(coordinator.actor, { requestId: mentee.requestId, mentorId: mentor.id }).ok).toBe(true);
		expect(mailTo(mentor.email)).toHaveLength(0);
		expect(mailTo(mentee.email)).toHaveLength(0);
		expect(proposals.awaitingAnswer(mentor.id)).toHaveLength(1);
	});

	it('refuses a second confirmation of the same request, with a message', () => {
		const coordinator = makeCoordinator();
		const a = makeMentor({ authority: 'Kent' });
		const b = makeMentor({ authority: 'Devon' });
		const mentee = makeMentee();
		expect(coordination.confirmOne(coordinator.actor, { requestId: mentee.requestId, mentorId: a.id }).ok).toBe(true);
		expect(coordination.confirmOne(coordinator.actor, { requestId: mentee.requestId, mentorId: b.id })).toEqual({
			ok: false,
			message: `${mentee.name} already has a proposed mentor waiting for answers.`
		});
	});

	it('counts proposals waiting for answers against capacity', () => {
		const coordinator = makeCoordinator();
		const mentor = makeMentor({ capacity: 1 });
		const first = makeMentee();
		const second = makeMentee({ authority: 'Wirral' });
		const { confirmed, refused } = coordination.confirm(coordinator.actor, [
			{ requestId: first.requestId, mentorId: mentor.id },
			{ requestId: second.requestId, mentorId: mentor.id }
		]);
		expect(confirmed.map((c) => c.requestId)).toEqual([first.requestId]);
		expect(refused).toEqual([{ requestId: second.requestId, message: `${mentor.name} has no room for another mentee. Run matching again to find someone else.` }]);
		expect(coordination.workbench(coordinator.actor, null).items.find((i) => i.request.id === second.requestId)?.proposal?.mentor.id).not.toBe(mentor.id);
	});

	it('lets a coordinator withdraw a proposal; the request goes back in the pool', () => {
		const coordinator = makeCoordinator();
		const mentor = makeMentor();
		const mentee = makeMentee();
		const c = coordination.confirmOne(coordinator.actor, { requestId: mentee.requestId, mentorId: mentor.id });
		if (!c.ok) throw new Error(c.message);
		expect(coordination.withdrawProposal(coordinator.actor, c.proposalId).ok).toBe(true);
		expect(db.select().from(mentorRequest).where(eq(mentorRequest.id, mentee.requestId)).get()?.status).toBe('open');
		expect(coordination.withdrawProposal(coordinator.actor, c.proposalId)).toEqual({ ok: false, message: 'This proposal has already been withdrawn.' });
		expect(mailTo(mentee.email).some((m) => m.subject.includes('withdrawn'))).toBe(true);
	});
});

describe('two coordinators confirming at once', () => {
	it('cannot push a mentor over capacity (separate processes, one database file)', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'mentoring-race-'));
		const file = join(dir, 'race.db');
		const worker = join(import.meta.dirname, '../../../../tests/support/mentoring-race-worker.ts');
		const run = (args: string[], onReady?: () => void) =>
			new Promise<string>((resolve, reject) => {
				const child = spawn(process.execPath, ['--import', 'tsx', worker, ...args], { cwd: process.cwd(), env: { ...process.env } });
				let out = '';
				let err = '';
				child.stdout.on('data', (d: Buffer) => {
					out += d.toString();
					if (onReady && out.includes('ready')) {
						const ready = onReady;
						onReady = undefined;
						ready();
					}
				});
				child.stderr.on('data', (d: Buffer) => (err += d.toString()));
				child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`worker failed (${code}): ${err}`))));
			});
		try {
			const ids = JSON.parse(await run(['setup', file, '4'])) as { coordinator: number; admin: number; mentor: number; requests: number[] };
			const goFile = join(dir, 'go');
			let ready = 0;
			let release: () => void = () => {};
			const allReady = new Promise<void>((r) => (release = r));
			const runs = ids.requests.map((requestId, i) =>
				run(['confirm', file, String(i % 2 === 0 ? ids.coordinator : ids.admin), String(requestId), String(ids.mentor), goFile], () => {
					if (++ready === ids.requests.length) release();
				})
			);
			await allReady;
			writeFileSync(goFile, 'go');
			const outcomes = (await Promise.all(runs)).map((out) => JSON.parse(out.split('\n').filter(Boolean).at(-1)!) as { ok: boolean; message?: string });

			expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
			for (const o of outcomes.filter((x) => !x.ok)) expect(o.message).toMatch(/has no room for another mentee/);
			const check = new Database(file, { readonly: true });
			const awaiting = check.prepare("select count(*) as n from mentoring_proposal where mentor_id = ? and status = 'awaiting'").get(ids.mentor) as { n: number };
			const proposed = check.prepare("select count(*) as n from mentor_request where status = 'proposed'").get() as { n: number };
			check.close();
			expect(awaiting.n).toBe(1);
			expect(proposed.n).toBe(1);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}, 60_000);
});

describe('the coordinator’s overview', () => {
	it('shows open requests with their age, proposals awaiting answers, pairings on track or overdue, ratings and the median days to match', () => {
		const now = Date.UTC(2026, 10, 23, 10);
		const coordinator = makeCoordinator('east-midlands', 'Derby');
		const waiting = makeMentee({ authority: 'Leicester', now: now - 9 * DAY });
		const awaitingMentee = makeMentee({ authority: 'Lincolnshire', now: now - 4 * DAY });
		const onTrackMentee = makeMentee({ authority: 'Nottingham', now: now - 20 * DAY });
		const overdueMentee = makeMentee({ authority: 'Rutland', now: now - 100 * DAY });
		const m1 = makeMentor({ authority: 'Kent', capacity: 3 });
		const m2 = makeMentor({ authority: 'Essex', capacity: 3 });

		const awaitingConfirm = coordination.confirmOne(coordinator.actor, { requestId: awaitingMentee.requestId, mentorId: m1.id }, now - DAY);
		expect(awaitingConfirm.ok).toBe(true);
		const onTrack = pairUp(coordinator, m1, onTrackMentee, now - 10 * DAY); // 10 days from request to match
		const overdue = pairUp(coordinator, m2, overdueMentee, now - 70 * DAY); // 30 days
		db.insert(pairingMeeting).values({ pairingId: overdue.pairingId, heldOn: '2026-09-20', durationMinutes: 60, mode: 'online', createdAt: now }).run();
		db.update(pairing).set({ status: 'completed', closedAt: now - DAY }).where(eq(pairing.id, onTrack.pairingId)).run();

		const o = coordination.overview(coordinator.actor, null, now);
		expect(o.regionIds).toEqual(['east-midlands']);
		expect(o.requests).toEqual([expect.objectContaining({ id: waiting.requestId, ageDays: 9 })]);
		expect(o.oldestRequestDays).toBe(9);
		expect(o.awaiting).toEqual([expect.objectContaining({ mentee: awaitingMentee.name, mentor: m1.name, mentorAnswer: null, menteeAnswer: null })]);
		expect(o.active).toEqual([expect.objectContaining({ id: overdue.pairingId, state: 'overdue', lastMeetingOn: '2026-09-20' })]);
		expect(o.overdueCount).toBe(1);
		expect(o.closed).toEqual([expect.objectContaining({ id: onTrack.pairingId, status: 'completed', mentorFeedback: null })]);
		expect(o.medianDaysToMatch).toBe(20);
		expect(o.matchedCount).toBe(2);
		expect(statusOf(() => coordination.overview(makeMember().actor, null, now))).toBe(403);
	});

	it('lists the most recently closed pairings, with all of them on request', () => {
		const now = Date.UTC(2026, 10, 23, 10);
		const coordinator = makeCoordinator('south-west', 'Devon');
		const mentor = makeMentor({ authority: 'Kent', capacity: 3 });
		const closedIds: number[] = [];
		for (let i = 0; i <= coordination.CLOSED_SHOWN; i++) {
			const mentee = makeMentee({ authority: 'Cornwall', now: now - 200 * DAY });
			const p = pairUp(coordinator, mentor, mentee, now - 150 * DAY);
			db.update(pairing).set({ status: 'completed', closedAt: now - (i + 1) * DAY }).where(eq(pairing.id, p.pairingId)).run();
			closedIds.push(p.pairingId);
		}
		const o = coordination.overview(coordinator.actor, null, now);
		expect(o.closedCount).toBe(coordination.CLOSED_SHOWN + 1);
		expect(o.closed.map((p) => p.id)).toEqual(closedIds.slice(0, coordination.CLOSED_SHOWN));
		expect(coordination.overview(coordinator.actor, null, now, { allClosed: true }).closed).toHaveLength(coordination.CLOSED_SHOWN + 1);
	});

	it('counts every closed pairing and its ratings, names only the shown ones, and averages all the ratings', () => {
		const now = Date.UTC(2026, 10, 23, 10);
		const coordinator = makeCoordinator('east-of-england', 'Norfolk');
		const ratings: number[] = [];
		for (let i = 0; i < coordination.CLOSED_SHOWN + 5; i++) {
			const id = insertPairing('east-of-england', { status: i % 3 ? 'completed' : 'ended-early', closedAt: now - (i + 1) * DAY, startsOn: '2026-01-01', endsOn: '2026-07-01' }, now);
			if (i % 2) {
				db.insert(pairingFeedback).values({ pairingId: id, side: 'mentee', rating: (i % 5) + 1, createdAt: now }).run();
				ratings.push((i % 5) + 1);
			}
		}
		const o = coordination.overview(coordinator.actor, null, now);
		expect(o.closedCount).toBe(coordination.CLOSED_SHOWN + 5);
		expect(o.closed).toHaveLength(coordination.CLOSED_SHOWN);
		expect(o.closed.slice(0, 2).map((c) => c.status)).toEqual(['ended-early', 'completed']);
		expect(o.closed[1].menteeFeedback).toEqual({ rating: 2, comment: '' });
		expect(o.averageRating).toBe(Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10);
		expect(o.activeCount).toBe(0);
		expect(o.active).toEqual([]);
		expect(o.activePage).toEqual({ page: 1, pages: 1, perPage: coordination.ACTIVE_PER_PAGE, from: 0, to: 0 });
	});
});

/** Inserts a pairing of two new members in a region straight into the table (with a meeting on `lastMeetingOn`). */
function insertPairing(
	regionId: string,
	p: { startsOn: string; endsOn: string; rhythmWeeks?: number; lastMeetingOn?: string; status?: 'active' | 'completed' | 'ended-early'; closedAt?: number; menteeGone?: boolean },
	now: number
): number {
	const authority = regionId === 'north-east' ? 'Darlington' : regionId === 'east-of-england' ? 'Suffolk' : 'Cornwall';
	const mentor = makeMember({ authority: 'Kent' });
	const mentee = p.menteeGone ? null : makeMember({ authority });
	const { id } = db
		.insert(pairing)
		.values({
			mentorId: mentor.id,
			menteeId: mentee?.id ?? null,
			regionId,
			rhythmWeeks: p.rhythmWeeks ?? 4,
			startsOn: p.startsOn,
			endsOn: p.endsOn,
			status: p.status ?? 'active',
			closedAt: p.closedAt ?? null,
			createdAt: now,
			updatedAt: now
		})
		.returning({ id: pairing.id })
		.get();
	if (p.lastMeetingOn) db.insert(pairingMeeting).values({ pairingId: id, heldOn: p.lastMeetingOn, durationMinutes: 60, mode: 'online', createdAt: now }).run();
	return id;
}

describe('the active pairings on the coordination page', () => {
	const now = Date.UTC(2026, 10, 23, 10); // 23 November 2026
	let coordinator: ReturnType<typeof makeCoordinator>;
	let longOverdue: number, overdue: number, pastEnd: number, endingSoon: number, elsewhere: number, closedHere: number, menteeGone: number;
	/** Every active pairing of the region in the order expected. */
	let expected: number[];

	beforeAll(() => {
		coordinator = makeCoordinator('north-east', 'Gateshead');
		// Needing attention, in the order expected: the longest overdue, the less overdue, past its end, ending soon.
		longOverdue = insertPairing('north-east', { startsOn: '2026-06-01', endsOn: '2027-06-01', lastMeetingOn: '2026-09-01' }, now); // due by 6 Oct
		overdue = insertPairing('north-east', { startsOn: '2026-08-01', endsOn: '2027-02-01', lastMeetingOn: '2026-10-01' }, now); // due by 5 Nov
		pastEnd = insertPairing('north-east', { startsOn: '2026-05-01', endsOn: '2026-11-20', lastMeetingOn: '2026-11-10' }, now);
		endingSoon = insertPairing('north-east', { startsOn: '2026-06-10', endsOn: '2026-12-10', lastMeetingOn: '2026-11-15' }, now);
		// 26 on track, their next check-in due 35 days after their last meeting: some on the same day (the id decides).
		const onTrack = Array.from({ length: 26 }, (_, i) => {
			const lastMeetingOn = `2026-11-${String(13 - (i % 13)).padStart(2, '0')}`;
			return { id: insertPairing('north-east', { startsOn: '2026-10-01', endsOn: '2027-04-01', lastMeetingOn, menteeGone: i === 0 }, now), lastMeetingOn };
		});
		menteeGone = onTrack[0].id;
		elsewhere = insertPairing('south-west', { startsOn: '2026-06-01', endsOn: '2027-06-01', lastMeetingOn: '2026-09-01' }, now);
		closedHere = insertPairing('north-east', { startsOn: '2026-01-01', endsOn: '2026-07-01', status: 'completed', closedAt: now - DAY }, now);
		const track = [...onTrack].sort((a, b) => (a.lastMeetingOn < b.lastMeetingOn ? -1 : a.lastMeetingOn > b.lastMeetingOn ? 1 : a.id - b.id)).map((p) => p.id);
		expected = [longOverdue, overdue, pastEnd, endingSoon, ...track];
	});

	it('shows a page of 25, those needing attention first, the most urgent at the top, with counts over them all', () => {
		const o = coordination.overview(coordinator.actor, null, now);
		expect(o.activeCount).toBe(30);
		expect(o.attention).toEqual({ overdue: 2, pastEnd: 1, endingSoon: 1 });
		expect(o.overdueCount).toBe(2);
		expect(o.activePage).toEqual({ page: 1, pages: 2, perPage: 25, from: 1, to: 25 });
		expect(o.active).toHaveLength(coordination.ACTIVE_PER_PAGE);
		expect(o.active.slice(0, 4).map((p) => [p.id, p.state])).toEqual([
			[longOverdue, 'overdue'],
			[overdue, 'overdue'],
			[pastEnd, 'past-end'],
			[endingSoon, 'ending-soon']
		]);
		expect(o.active[0]).toMatchObject({ lastMeetingOn: '2026-09-01', dueBy: '2026-10-06', startsOn: '2026-06-01', endsOn: '2027-06-01' });
		expect(o.active.slice(4).every((p) => p.state === 'on-track')).toBe(true);
		expect(o.active.map((p) => p.id)).toEqual(expected.slice(0, 25));
	});

	it('keeps on-track pairings in the order their next check-in is due, the id breaking ties', () => {
		const all = [1, 2].flatMap((page) => coordination.overview(coordinator.actor, null, now, { page }).active);
		const track = all.filter((p) => p.state === 'on-track');
		for (let i = 1; i < track.length; i++) {
			const [a, b] = [track[i - 1], track[i]];
			expect(a.dueBy! < b.dueBy! || (a.dueBy === b.dueBy && a.id < b.id), `${a.id} (${a.dueBy}) before ${b.id} (${b.dueBy})`).toBe(true);
		}
	});

	it('reaches every active pairing of the region exactly once across the pages, and nothing else', () => {
		const second = coordination.overview(coordinator.actor, null, now, { page: 2 });
		expect(second.activePage).toEqual({ page: 2, pages: 2, perPage: 25, from: 26, to: 30 });
		expect(second.active.map((p) => p.id)).toEqual(expected.slice(25));
		const first = coordination.overview(coordinator.actor, null, now, { page: 1 }).active.map((p) => p.id);
		const ids = [...first, ...second.active.map((p) => p.id)];
		expect(new Set(ids).size).toBe(30);
		expect(ids).not.toContain(elsewhere);
		expect(ids).not.toContain(closedHere);
		// The figures do not depend on the page.
		expect(second.attention).toEqual({ overdue: 2, pastEnd: 1, endingSoon: 1 });
		expect(second.closedCount).toBe(1);
	});

	it('names both members, or "Former member" for a deleted account', () => {
		const all = [1, 2].flatMap((page) => coordination.overview(coordinator.actor, null, now, { page }).active);
		const gone = all.find((p) => p.id === menteeGone)!;
		expect(gone.mentee).toBe(FORMER_MEMBER);
		expect(gone.mentor).toMatch(/^Test Member \d+$/);
		expect(all.filter((p) => p.id !== menteeGone).every((p) => /^Test Member \d+$/.test(p.mentee))).toBe(true);
	});

	it('keeps a page number within the pages there are', () => {
		expect(coordination.overview(coordinator.actor, null, now, { page: 99 }).activePage).toMatchObject({ page: 2, from: 26, to: 30 });
		expect(coordination.overview(coordinator.actor, null, now, { page: 0 }).activePage).toMatchObject({ page: 1, from: 1 });
		expect(coordination.overview(coordinator.actor, null, now, { page: Number.NaN }).activePage.page).toBe(1);
	});

	it('is the region’s alone: another region’s coordinator is refused; an admin sees one region or all', () => {
		const other = makeCoordinator('south-west', 'Devon');
		expect(statusOf(() => coordination.overview(other.actor, 'north-east', now))).toBe(403);
		expect(coordination.overview(other.actor, null, now).active.map((p) => p.id)).not.toContain(longOverdue);
		const admin = makeMember({ authority: 'Westminster', role: 'admin' });
		const region = coordination.overview(admin.actor, 'north-east', now);
		expect(region.activeCount).toBe(30);
		expect(region.active.map((p) => p.id)).toEqual(expected.slice(0, 25));
		const everywhere = coordination.overview(admin.actor, null, now);
		expect(everywhere.activeCount).toBeGreaterThanOrEqual(31);
		expect(everywhere.active.slice(0, 2).map((p) => p.id)).toEqual([longOverdue, elsewhere].sort((a, b) => a - b));
	});
});
