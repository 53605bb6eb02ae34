import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../db/client';
import { mentorRequest, mentoringProposal, outboxMessage, pairing, pairingMeeting } from '../db/schema';
import { makeMember } from '../testing';
import * as preferences from '../mail/preferences';
import * as coordination from './coordination';
import * as proposals from './proposals';
import { makeCoordinator, makeMentee, makeMentor, pairUp, statusOf } from './test-helpers';

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
		const worker = join(import.meta.dirname, 'race-worker.ts');
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
});
