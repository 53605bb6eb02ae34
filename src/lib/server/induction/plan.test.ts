/**
 * Query plans of the coordinator's list of new members: every statement it runs (recorded as
 * the database prepares it, so none is missed) reads the big tables of the large network —
 * members, posts, training entries, mentoring — through an index, never a full scan.
 */
import { describe, expect, it } from 'vitest';
import { sqlite } from '../db/client';
import { makeMember } from '../../../../tests/support/members';
import { makeCoordinator, makeMentee } from '../../../../tests/support/mentoring';
import { provideLinks } from '../links';
import * as introductions from './introductions';
import * as coordination from './coordination';
import * as paths from './paths';

provideLinks();

const NOW = Date.parse('2026-11-23T12:00:00Z');
const DAY = 86_400_000;

type Plan = { id: number; parent: number; detail: string }[];

/** Tables with thousands of rows or more on the large network (scripts/bench), and the list's own. */
const BIG = ['member', 'authority', 'post', 'thread', 'training_entry', 'training_event_attendance', 'mentor_request', 'pairing', 'pairing_meeting', 'handover_pack_opening', 'induction_path', 'induction_progress', 'induction_nudge'];

function fullScans(plan: Plan): string[] {
	return plan.map((r) => r.detail).filter((d) => {
		const m = /^SCAN (\w+)(?: AS \w+)?(.*)$/.exec(d);
		return m != null && BIG.includes(m[1]) && !/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY|VIRTUAL TABLE/.test(m[2]);
	});
}

/** The SQL of every statement prepared while `fn` runs. */
function statementsOf(fn: () => unknown): string[] {
	const conn = sqlite();
	const prepare = conn.prepare;
	const seen = new Set<string>();
	conn.prepare = ((source: string) => {
		seen.add(source);
		return prepare.call(conn, source);
	}) as typeof conn.prepare;
	try {
		fn();
	} finally {
		conn.prepare = prepare;
	}
	return [...seen];
}

/** The plan of a statement, its parameters all bound to null (the plan does not depend on them). */
function planOf(source: string): Plan {
	const params = (source.match(/\?/g) ?? []).map(() => null);
	return sqlite().prepare(`EXPLAIN QUERY PLAN ${source}`).all(...params) as Plan;
}

describe('query plans: the coordinator’s list of new members', () => {
	it('the checker itself catches a full scan', () => {
		expect(fullScans(planOf('SELECT * FROM training_entry WHERE title = ?'))).toEqual(['SCAN training_entry']);
	});

	it('reads every big table through an index, for every filter and sort', () => {
		// A region with each kind of fact the list asks about: an introduction posted, a mentor asked for, a step ticked.
		const coordinator = makeCoordinator();
		const a = makeMember({ authority: 'Lancashire', inRoleSince: '2026-11-02' });
		makeMentee({ authority: 'Salford', inRoleSince: '2026-10-02', now: NOW - 3 * DAY });
		introductions.post(a.actor, 'Hello from Lancashire.', false, NOW - 2 * DAY);
		paths.tick(a.actor, a.id, 'meet-dcs', '', NOW - DAY);

		const statements = statementsOf(() => {
			for (const filter of coordination.FILTERS) for (const sort of coordination.SORTS) coordination.newMembers(coordinator.actor, 'north-west', { filter, sort, page: 2 }, NOW);
		});
		// Recording works (the statements were prepared inside it, not earlier): the list's own
		// questions of each area are among them.
		for (const table of ['"member"', '"mentor_request"', '"pairing_meeting"', '"training_entry"', '"training_event_attendance"', '"post"', '"handover_pack_opening"', '"induction_progress"', '"induction_nudge"'])
			expect(
				statements.some((s) => s.includes(table)),
				table
			).toBe(true);
		for (const s of statements) {
			const plan = planOf(s);
			expect(fullScans(plan), `${s}\n${plan.map((r) => r.detail).join('\n')}`).toEqual([]);
		}
	});
});
