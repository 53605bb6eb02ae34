// Sharing with a mentor through the real mentoring area (no stand-in lookup): training imports
// nothing of mentoring; the server introduces them at start (links.ts), and so does this test.
import { describe, expect, it } from 'vitest';
import * as entries from './entries';
import * as sharing from './sharing';
import { currentMentorOf } from './mentor';
import { makeCoordinator, makeMentee, makeMentor, pairUp } from '../../../../tests/support/mentoring';
import { NOW, statusOf } from '../../../../tests/support/training';
import { provideLinks } from '../links';

provideLinks();

describe('sharing with the current mentor from the mentoring area', () => {
	it('asks mentoring who the mentor is, and lets that mentor read a shared log', () => {
		const coordinator = makeCoordinator();
		const mentor = makeMentor({ name: 'Real Mentor' });
		const mentee = makeMentee({ name: 'Real Mentee' });
		expect(currentMentorOf(mentee.id)).toBeNull();
		pairUp(coordinator, mentor, mentee);
		expect(currentMentorOf(mentee.id)).toBe(mentor.id);

		entries.addEntry(mentee.actor, { startDate: '2026-11-02', title: 'Corporate parenting panel', kind: 'informal', topics: ['corporate-parenting'], hours: '2' }, NOW);
		expect(statusOf(() => entries.memberLog(mentor.actor, mentee.id, NOW))).toBe(404);
		expect(sharing.setShared(mentee.actor, true, NOW)).toEqual({ ok: true });
		expect(entries.memberLog(mentor.actor, mentee.id, NOW).entries.map((e) => e.title)).toEqual(['Corporate parenting panel']);
		expect(sharing.sharedWithMe(mentor.actor).map((m) => m.name)).toEqual(['Real Mentee']);
		// The coordinator who made the match still sees nothing of it.
		expect(statusOf(() => entries.memberLog(coordinator.actor, mentee.id, NOW))).toBe(404);
	});
});
