import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db, sqlite } from '../db/client';
import { pairingAction, pairingMeeting } from '../db/schema';
import type { DigestRecipient } from '../digest-items';
import * as actions from './actions';
import * as dashboard from './dashboard';
import * as meetings from './meetings';
import * as pairings from './pairings';
import { digestSection } from './digest';
import { meetingSchema } from './schemas';
import { makeCoordinator, makeMentee, makeMentor, pairUp, statusOf } from '../../../../tests/support/mentoring';
import { makeMember } from '../../../../tests/support/members';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 23, 10); // 23 November 2026

function paired() {
	const mentor = makeMentor({ name: 'Sarah Holroyd' });
	const mentee = makeMentee({ name: 'Tom Ashworth' });
	const { pairingId } = pairUp(makeCoordinator(), mentor, mentee, NOW - 40 * DAY);
	return { mentor, mentee, pairingId };
}

const meeting = (over: Partial<Parameters<typeof meetings.log>[2]> = {}) => ({
	heldOn: '2026-11-20',
	durationMinutes: 60,
	mode: 'online' as const,
	notes: '',
	newActions: [] as actions.NewAction[],
	doneActionIds: [] as number[],
	addToTrainingLog: false,
	...over
});

const recipient = (m: { id: number; name: string; email: string; authorityId: number; regionId: string }): DigestRecipient => ({ ...m, role: 'member', coordinatorRegionId: null, expertise: [] });

describe('agreed actions', () => {
	it('are agreed at a meeting with an owner and a due date, carry forward while open, and are ticked off at the next', () => {
		const { mentor, mentee, pairingId } = paired();
		meetings.log(mentor.actor, pairingId, meeting({
			heldOn: '2026-11-02',
			newActions: [
				{ text: 'Read the last ILACS report', owner: 'mentee', dueOn: '2026-11-16' },
				{ text: 'Send the inspection checklist', owner: 'mentor', dueOn: '2026-12-01' },
				{ text: 'Agree a standing item with the DCS', owner: 'both', dueOn: null }
			]
		}), NOW - 21 * DAY);
		const open = pairings.page(mentee.actor, pairingId, NOW).private!.actions;
		expect(open.map((a) => [a.text, a.ownerName, a.due, a.status])).toEqual([
			['Read the last ILACS report', 'Tom Ashworth', 'overdue: was due 16 November 2026', 'open'],
			['Send the inspection checklist', 'Sarah Holroyd', 'due 1 December 2026', 'open'],
			['Agree a standing item with the DCS', 'Both', 'no date agreed', 'open']
		]);
		// The next meeting ticks one off and adds one.
		const report = open[0].id;
		meetings.log(mentee.actor, pairingId, meeting({ doneActionIds: [report], newActions: [{ text: 'Ask for the high needs figures', owner: 'mentee', dueOn: '2026-12-10' }] }), NOW);
		const after = pairings.page(mentor.actor, pairingId, NOW).private!.actions;
		expect(after.filter((a) => a.status === 'open').map((a) => a.text)).toEqual(['Send the inspection checklist', 'Ask for the high needs figures', 'Agree a standing item with the DCS']);
		expect(after.find((a) => a.id === report)).toMatchObject({ status: 'done', doneAt: NOW });
		// On the mentor's dashboard, and the mentee's.
		expect(dashboard.forMember(mentor.actor, NOW).mentees[0].openActions).toHaveLength(3);
		expect(dashboard.forMember(mentee.actor, NOW).mentor?.openActions.map((a) => a.text)).toContain('Ask for the high needs figures');
	});

	it('ignores ticked ids that are not this pairing’s open actions', () => {
		const one = paired();
		const two = paired();
		meetings.log(two.mentor.actor, two.pairingId, meeting({ newActions: [{ text: 'Theirs', owner: 'mentor', dueOn: null }] }), NOW);
		const theirs = pairings.page(two.mentor.actor, two.pairingId, NOW).private!.actions[0].id;
		meetings.log(one.mentor.actor, one.pairingId, meeting({ doneActionIds: [theirs] }), NOW);
		expect(db.select().from(pairingAction).where(eq(pairingAction.id, theirs)).get()?.status).toBe('open');
	});

	it('are added, done and opened again on the pairing page by the pair only, while the mentoring is active', () => {
		const { mentor, mentee, pairingId } = paired();
		const added = actions.add(mentee.actor, pairingId, { text: 'Visit a children’s home', owner: 'mentee', dueOn: '2026-12-05' }, NOW);
		expect(added).toMatchObject({ ok: true });
		const id = (added as { id: number }).id;
		expect(actions.add(mentee.actor, pairingId, { text: 'Too late', owner: 'mentee', dueOn: '2026-11-01' }, NOW)).toMatchObject({ ok: false, field: 'actionDue' });
		expect(actions.setStatus(mentor.actor, pairingId, id, 'done', NOW)).toEqual({ ok: true });
		expect(actions.setStatus(mentor.actor, pairingId, id, 'open', NOW)).toEqual({ ok: true });
		expect(actions.setStatus(mentor.actor, pairingId, 999_999, 'done', NOW)).toMatchObject({ ok: false });
		for (const who of [makeCoordinator().actor, makeMember().actor]) {
			expect(statusOf(() => actions.add(who, pairingId, { text: 'Not mine', owner: 'both', dueOn: null }, NOW))).toBe(404);
			expect(statusOf(() => actions.setStatus(who, pairingId, id, 'done', NOW))).toBe(404);
		}
		pairings.close(mentee.actor, pairingId, { outcome: 'completed', rating: 5 }, NOW);
		expect(actions.setStatus(mentor.actor, pairingId, id, 'done', NOW)).toMatchObject({ ok: false, message: expect.stringMatching(/closed/) });
	});

	it('appear in both the mentor’s and the mentee’s digest, new when agreed or come due since the last one', () => {
		const { mentor, mentee, pairingId } = paired();
		meetings.log(mentor.actor, pairingId, meeting({ newActions: [{ text: 'Read the report', owner: 'mentee', dueOn: '2026-12-01' }, { text: 'Send the checklist', owner: 'mentor', dueOn: null }] }), NOW - 2 * DAY);
		const forMentee = digestSection(recipient(mentee), NOW - 7 * DAY, NOW)!;
		const group = (s: typeof forMentee) => s.groups.find((g) => g.title.startsWith('Open actions'))!;
		expect(group(forMentee)).toMatchObject({
			title: 'Open actions in your mentoring with Sarah Holroyd',
			items: [
				{ text: 'You: Read the report', note: 'due 1 December 2026', href: `/mentoring/pairings/${pairingId}` },
				{ text: 'Sarah Holroyd: Send the checklist', note: 'no date agreed' }
			]
		});
		expect(forMentee.hasNew).toBe(true);
		const forMentor = digestSection(recipient(mentor), NOW - 7 * DAY, NOW)!;
		expect(group(forMentor).items.map((i) => i.text)).toEqual(['Tom Ashworth: Read the report', 'You: Send the checklist']);
		// Nothing agreed or come due since yesterday: listed, but not new.
		expect(digestSection(recipient(mentor), NOW - DAY, NOW)?.hasNew).toBe(false);
		// Come due since: new again.
		expect(digestSection(recipient(mentor), Date.UTC(2026, 10, 30), Date.UTC(2026, 11, 2))?.hasNew).toBe(true);
	});

	it('needs who will do each action the meeting form gives, in the same pass as the other errors', () => {
		const parse = (d: Record<string, unknown>) => meetingSchema.safeParse({ heldOn: '2026-11-20', durationMinutes: '60', mode: 'online', ...d });
		const ok = parse({ action1: 'Read the report', owner1: 'mentee', due1: '2026-12-01', action2: '', owner2: '', due2: '', done: ['4', '5'] });
		expect(ok.data).toMatchObject({ newActions: [{ text: 'Read the report', owner: 'mentee', dueOn: '2026-12-01' }], doneActionIds: [4, 5] });
		const bad = parse({ mode: '', action1: 'Read the report', owner1: '', action2: '', due2: '2026-12-01', due3: '2026-02-30', action3: 'x' });
		expect(Object.fromEntries((bad.error?.issues ?? []).map((i) => [i.path[0], i.message]))).toMatchObject({
			mode: 'Choose how you met',
			owner1: 'Choose who will do action 1',
			action2: 'Enter action 2, or clear its due date',
			due3: 'Enter the due date of action 3 as a real date'
		});
	});
});

describe('the migration from free-text agreed actions', () => {
	it('makes one action per line, with the owner from a name or side, open for the latest meeting and done for earlier ones', () => {
		const { mentor, mentee, pairingId } = paired();
		const insert = (heldOn: string, text: string, at: number) =>
			db.insert(pairingMeeting).values({ pairingId, heldOn, durationMinutes: 60, mode: 'online', actions: text, loggedById: mentor.id, createdAt: at }).returning({ id: pairingMeeting.id }).get().id;
		const first = insert('2026-10-20', 'Tom: read the last ILACS report\r\n\n- Sarah – send the checklist she used\nBoth: the high needs budget next time', NOW - 30 * DAY);
		const second = insert('2026-11-10', 'Mentee: ask the DCS for a monthly one-to-one\nSarah Holroyd: introduce Tom to the regional DCS lead\nVisit a family hub together', NOW - 10 * DAY);
		// The migration as committed (its number depends on the migrations before it).
		const file = readdirSync(resolve('drizzle')).find((f) => f.endsWith('_action-items-from-text.sql'))!;
		const sql = readFileSync(resolve('drizzle', file), 'utf8');
		for (const statement of sql.split('--> statement-breakpoint')) sqlite().exec(statement);
		const rows = db.select().from(pairingAction).where(eq(pairingAction.pairingId, pairingId)).orderBy(pairingAction.id).all();
		expect(rows.map((r) => [r.meetingId, r.text, r.owner, r.status])).toEqual([
			[first, 'Read the last ILACS report', 'mentee', 'done'],
			[first, 'Send the checklist she used', 'mentor', 'done'],
			[first, 'The high needs budget next time', 'both', 'done'],
			[second, 'Ask the DCS for a monthly one-to-one', 'mentee', 'open'],
			[second, 'Introduce Tom to the regional DCS lead', 'mentor', 'open'],
			[second, 'Visit a family hub together', 'both', 'open']
		]);
		expect(rows[0]).toMatchObject({ dueOn: null, doneAt: NOW - 10 * DAY, createdById: mentor.id, createdAt: NOW - 30 * DAY });
		expect(db.select({ actions: pairingMeeting.actions }).from(pairingMeeting).where(eq(pairingMeeting.pairingId, pairingId)).all()).toEqual([{ actions: '' }, { actions: '' }]);
		expect(pairings.page(mentee.actor, pairingId, NOW).private!.meetings[0]).not.toHaveProperty('actions');
	});
});
