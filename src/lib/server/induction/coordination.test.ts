/**
 * The coordinator's list of a region's new members, pinned on a region of 130 of them: for every
 * filter and sort (both ways), which members it shows and in what order. The expected lists are
 * worked out here from what the test itself did to each member (their start, ticks, requests,
 * sign-ins), not by asking the code under test, so a faster implementation must give the same.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { member } from '../db/schema';
import { makeMember } from '../../../../tests/support/members';
import { makeCoordinator, makeMentee, makeMentor, pairUp } from '../../../../tests/support/mentoring';
import { provideLinks } from '../links';
import * as handover from '../succession/handover';
import * as templates from './templates';
import * as paths from './paths';
import * as coordination from './coordination';

provideLinks();

const NOW = Date.parse('2026-11-23T12:00:00Z');
const DAY = 86_400_000;
const REGION = 'east-midlands';
const AUTHORITIES = ['Derby', 'Derbyshire', 'Leicester', 'Leicestershire', 'Lincolnshire'];
const FIRST = ['Amira', 'ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hugo', 'Isla', 'Jon', 'Kemi', 'Liam', 'Mei'];
const LAST = ['Okafor', 'de Souza', 'Patel', 'Quinn', 'Rees', 'Singh', 'Taylor', 'Underwood', 'van Dijk', 'Walsh'];
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** What the test did to one member, and so what the list must say about them. */
type Plan = {
	id: number;
	name: string;
	startMs: number;
	markedNewAt: number | null;
	activity: number[];
	done: number;
	notRelevant: number;
	requestedAt: number | null;
	paired: boolean;
	lastSignInAt: number | null;
	nudgedAt: number | null;
};

const coordinator = makeCoordinator(REGION, 'Derby');
const mentor = makeMentor({ capacity: 30 });
const steps = templates.steps(templates.current(NOW).id);
const manual = steps.filter((s) => s.rule == null).map((s) => s.key);
const plans: Plan[] = [];

for (let i = 0; i < 130; i++) {
	// Two members share the name "Sam Patel" (the order then follows who joined first).
	const name = i === 40 || i === 41 ? 'Sam Patel' : `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
	const markedNew = i % 15 === 4;
	const startMs = markedNew ? NOW - ((i % 30) + 1) * DAY : NOW - (((i * 13) % 170) + 1) * DAY;
	const opts = { name, authority: AUTHORITIES[i % AUTHORITIES.length], inRoleSince: markedNew ? '2019-05-20' : day(startMs) };
	const wantsMentor = i % 8 === 1 || (i % 8 === 5 && i < 70);
	const requestedAt = wantsMentor ? Math.min(NOW - DAY, startMs + ((i % 5) + 1) * DAY) : null;
	const m = wantsMentor ? makeMentee({ ...opts, now: requestedAt! }) : makeMember(opts);
	const plan: Plan = { id: m.id, name, startMs, markedNewAt: null, activity: [], done: 0, notRelevant: 0, requestedAt, paired: false, lastSignInAt: null, nudgedAt: null };
	if (markedNew) {
		paths.markNew(coordinator.actor, m.id, true, {}, startMs);
		plan.markedNewAt = startMs;
	}
	if (requestedAt != null) {
		plan.done++; // asking for a mentor ticks "Ask for a mentor" by itself
		plan.activity.push(requestedAt);
	}
	if (i % 8 === 5 && i < 70) {
		pairUp(makeCoordinator(REGION, 'Derby'), mentor, m as ReturnType<typeof makeMentee>, requestedAt! + DAY / 2);
		plan.paired = true;
	}
	for (let j = 0; j < i % 6; j++) {
		const at = Math.min(NOW - DAY / 4, startMs + (j + 1) * ((i % 9) + 1) * DAY);
		paths.tick(m.actor, m.id, manual[j], '', at);
		plan.done++;
		plan.activity.push(at);
	}
	if (i % 7 === 3) {
		const at = NOW - ((i % 5) + 1) * DAY;
		paths.notRelevant(m.actor, m.id, manual[9], 'We have no children in care council yet', at);
		plan.notRelevant++;
		plan.activity.push(at);
	}
	if (i % 10 === 2) {
		const at = Math.min(NOW - DAY, startMs + 3 * DAY);
		handover.open(m.actor, m.authorityId, at);
		plan.done++;
		plan.activity.push(at);
	}
	if (i % 3 !== 0) {
		plan.lastSignInAt = NOW - (i % 11) * DAY;
		db.update(member).set({ lastSignInAt: plan.lastSignInAt }).where(eq(member.id, m.id)).run();
	}
	if (i % 25 === 0) {
		const sent = coordination.nudge(coordinator.actor, m.id, 'How are the first weeks going?', {}, NOW - 2 * DAY);
		expect(sent.ok).toBe(true);
		plan.nudgedAt = NOW - 2 * DAY;
	}
	plans.push(plan);
}
// Not on the list: long in the role, deactivated, another region's.
makeMember({ authority: 'Derby', inRoleSince: '2015-05-20' });
const gone = makeMember({ authority: 'Derby', inRoleSince: day(NOW - 10 * DAY) });
db.update(member).set({ deactivatedAt: NOW - DAY }).where(eq(member.id, gone.id)).run();
makeMember({ authority: 'Leeds', inRoleSince: day(NOW - 10 * DAY) });

/** The row the list must show for a member, from the plan alone. */
function expected(p: Plan) {
	const total = steps.length - p.notRelevant;
	const lastActivityAt = Math.max(p.startMs, p.markedNewAt ?? 0, ...p.activity);
	const daysInRole = Math.round((NOW - p.startMs) / DAY);
	return {
		id: p.id,
		name: p.name,
		startDay: day(p.startMs),
		daysInRole,
		done: p.done,
		total,
		hasMentor: p.paired,
		waitingSince: p.requestedAt != null && !p.paired ? p.requestedAt : null,
		lastSignInAt: p.lastSignInAt,
		lastActivityAt,
		stalled: p.done < total && NOW - lastActivityAt >= 21 * DAY,
		folded: daysInRole > 100 || p.done >= total,
		markedNew: p.markedNewAt != null,
		nudgedAt: p.nudgedAt
	};
}
type Row = ReturnType<typeof expected>;
const rows = plans.map(expected);

const keys: Record<coordination.Sort, (r: Row) => string | number> = {
	name: (r) => r.name.toLowerCase(),
	start: (r) => r.startDay,
	done: (r) => (r.total ? r.done / r.total : 1),
	'last-sign-in': (r) => r.lastSignInAt ?? 0,
	activity: (r) => r.lastActivityAt
};
const keep: Record<coordination.Filter, (r: Row) => boolean> = {
	all: () => true,
	stalled: (r) => r.stalled,
	'no-mentor': (r) => !r.hasMentor,
	'on-path': (r) => !r.folded,
	folded: (r) => r.folded
};

/** The order the list must give: by the sort's key, then by name (A to Z whichever way the key runs), then who joined first. */
function expectedOrder(filter: coordination.Filter, sort: coordination.Sort, descending: boolean): number[] {
	const k = keys[sort];
	const dir = descending ? -1 : 1;
	return rows
		.filter(keep[filter])
		.sort((a, b) => (k(a) < k(b) ? -dir : k(a) > k(b) ? dir : a.name.localeCompare(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id)))
		.map((r) => r.id);
}

type View = ReturnType<typeof coordination.newMembers>;
/** Every row the list shows for these options, page after page. */
function listed(opts: { sort?: coordination.Sort; filter?: coordination.Filter; descending?: boolean }): { rows: View['rows']; first: View } {
	const first = coordination.newMembers(coordinator.actor, REGION, { ...opts, page: 1 }, NOW);
	const all = [...first.rows];
	for (let page = 2; page <= first.pagination.pages; page++) all.push(...coordination.newMembers(coordinator.actor, REGION, { ...opts, page }, NOW).rows);
	return { rows: all, first };
}

describe('the coordinator’s list of a region’s new members, pinned', () => {
	it('holds more than 100 members, each with what the test did to them', () => {
		const { rows: shown, first } = listed({ sort: 'name', descending: false });
		expect(first.total).toBe(130);
		expect(first.stalledCount).toBe(rows.filter((r) => r.stalled).length);
		const want = new Map(rows.map((r) => [r.id, r]));
		for (const r of shown) {
			const w = want.get(r.id)!;
			expect({ ...r, hasMentor: r.mentorName != null }).toMatchObject({ ...w, hasMentor: w.hasMentor });
			expect(r.mentorName).toBe(w.hasMentor ? mentor.name : null);
		}
		// The test's region has members of every kind, so each filter and sort has something to order.
		for (const f of coordination.FILTERS) expect(rows.filter(keep[f]).length, f).toBeGreaterThan(5);
	});

	for (const filter of coordination.FILTERS) {
		for (const sort of coordination.SORTS) {
			for (const descending of [false, true]) {
				it(`filter ${filter}, sort by ${sort} ${descending ? 'descending' : 'ascending'}`, () => {
					expect(listed({ filter, sort, descending }).rows.map((r) => r.id)).toEqual(expectedOrder(filter, sort, descending));
				});
			}
		}
		it(`filter ${filter}, the default order (newest in the role first)`, () => {
			const { rows: shown, first } = listed({ filter });
			expect(first).toMatchObject({ sort: 'start', descending: true, filter });
			expect(shown.map((r) => r.id)).toEqual(expectedOrder(filter, 'start', true));
		});
	}
});
