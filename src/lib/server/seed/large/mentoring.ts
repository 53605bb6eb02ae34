/**
 * Mentoring for the large network: mentors' offers, requests, and pairings — active, completed
 * and ended early — with goals, meetings, booked next meetings and feedback; plus an open pool
 * of requests for coordinators to match. One mentor has exactly three active mentees (the
 * benchmark's mentor dashboard).
 */
import { TOPICS, type Topic } from '../../../vocab';
import { isoDate } from '../../../time';
import { DAY, HOUR, type LargeContext, type Person } from './context';
import { between, FEEDBACK, GOALS, MEETING_NOTES, pick, some } from './text';

const MODES = ['online', 'phone', 'in-person'];
const TOPIC_VALUES = TOPICS.map(([v]) => v) as Topic[];

export type MentoringResult = { pairings: number; meetings: number; mentorEmail: string };

export function seedLargeMentoring(ctx: LargeContext, targets: { pairings: number; openRequests: number }): MentoringResult {
	const { sqlite, random, now } = ctx;
	const taken = new Set((sqlite.prepare('SELECT member_id AS id FROM mentor_offer').all() as { id: number }[]).map((r) => r.id));
	const busy = new Set((sqlite.prepare('SELECT mentee_id AS id FROM pairing WHERE mentee_id IS NOT NULL UNION SELECT member_id FROM mentor_request').all() as { id: number }[]).map((r) => r.id));
	const experienced = ctx.people.filter((p) => p.role === 'member' && !taken.has(p.id) && p.inRoleSince != null && p.inRoleSince < isoDate(now - 3 * 365 * DAY));
	const newcomers = ctx.people.filter((p) => p.role === 'member' && !busy.has(p.id) && !taken.has(p.id));

	const insertOffer = sqlite.prepare('INSERT INTO mentor_offer (member_id, capacity, expertise, availability, region_scope, meeting_modes, open, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
	const insertRequest = sqlite.prepare(
		`INSERT INTO mentor_request (member_id, region_id, goals, focus_topics, region_pref, party_pref, kind_pref, meeting_modes, status, created_at, updated_at, matched_at)
		 VALUES (?, ?, ?, ?, ?, 'any', 'any', ?, ?, ?, ?, ?)`
	);
	const insertPairing = sqlite.prepare(
		`INSERT INTO pairing (request_id, mentor_id, mentee_id, region_id, rhythm_weeks, starts_on, ends_on, status, closed_at, closed_by_id, created_at, updated_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const insertGoal = sqlite.prepare('INSERT INTO pairing_goal (pairing_id, text, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
	const insertMeeting = sqlite.prepare('INSERT INTO pairing_meeting (pairing_id, held_on, duration_minutes, mode, notes, logged_by_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
	const insertAction = sqlite.prepare(
		"INSERT INTO pairing_action (pairing_id, meeting_id, text, owner, due_on, status, done_at, created_by_id, created_at, updated_at) VALUES (?, ?, 'Read the last inspection letter before we next meet', 'mentee', ?, ?, ?, ?, ?, ?)"
	);
	const insertBooking = sqlite.prepare('INSERT INTO pairing_booking (pairing_id, uid, sequence, starts_at, ends_at, mode, location, status, booked_by_id, created_at, updated_at) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)');
	const insertFeedback = sqlite.prepare('INSERT INTO pairing_feedback (pairing_id, side, member_id, rating, comment, created_at) VALUES (?, ?, ?, ?, ?, ?)');

	// Mentors: enough offers that capacity covers the active pairings; most open.
	const mentorCount = Math.ceil(targets.pairings / 2.4);
	const mentors = some(random, experienced, mentorCount).map((p) => ({ person: p, capacity: between(random, 1, 3), active: 0 }));
	for (const m of mentors) {
		const at = now - between(random, 200, 700) * DAY;
		insertOffer.run(m.person.id, m.capacity, JSON.stringify(some(random, TOPIC_VALUES, between(random, 2, 4))), pick(random, ['Weekday evenings', 'Friday mornings', 'Flexible, by arrangement', 'Monday or Tuesday afternoons']), pick(random, ['own', 'other', 'both', 'both']), JSON.stringify(some(random, MODES, between(random, 1, 3))), random() < 0.85 ? 1 : 0, at, at);
	}
	// The benchmark's mentor: three active mentees.
	mentors[0].capacity = 3;
	sqlite.prepare('UPDATE mentor_offer SET capacity = 3 WHERE member_id = ?').run(mentors[0].person.id);

	let menteeIndex = 0;
	const nextMentee = (): Person => newcomers[menteeIndex++ % newcomers.length];
	let meetings = 0;
	let pairings = 0;
	const makePairing = (mentor: (typeof mentors)[number], status: 'active' | 'completed' | 'ended-early') => {
		const mentee = nextMentee();
		const startDaysAgo = status === 'active' ? between(random, 10, 300) : between(random, 200, 900);
		const startsAt = now - startDaysAgo * DAY;
		const requestAt = startsAt - between(random, 5, 30) * DAY;
		const goalsText = some(random, GOALS, 2).join('. ') + '.';
		const request = Number(insertRequest.run(mentee.id, mentee.regionId, goalsText, JSON.stringify(some(random, TOPIC_VALUES, 2)), pick(random, ['same', 'other', 'any', 'any']), JSON.stringify(some(random, MODES, 2)), 'matched', requestAt, startsAt, startsAt).lastInsertRowid);
		const rhythm = pick(random, [2, 4, 4, 6]);
		const length = status === 'ended-early' ? between(random, 40, 150) : 365;
		const endsOn = isoDate(startsAt + 365 * DAY);
		const closedAt = status === 'active' ? null : Math.min(now - DAY, startsAt + length * DAY);
		const id = Number(insertPairing.run(request, mentor.person.id, mentee.id, mentee.regionId, rhythm, isoDate(startsAt), endsOn, status, closedAt, closedAt ? mentor.person.id : null, startsAt, closedAt ?? startsAt).lastInsertRowid);
		for (const text of some(random, GOALS, between(random, 2, 3))) insertGoal.run(id, text, status === 'completed' ? pick(random, ['done', 'done', 'in-progress']) : pick(random, ['not-started', 'in-progress', 'done']), startsAt, startsAt);
		const until = closedAt ?? now;
		for (let at = startsAt + between(random, 3, 14) * DAY; at < until - DAY; at += rhythm * 7 * DAY + between(random, -4, 4) * DAY) {
			const [heldOn, minutes, mode, notes, withAction, loggedBy] = [isoDate(at), pick(random, [30, 45, 60, 60, 90]), pick(random, MODES), pick(random, MEETING_NOTES), random() < 0.5, random() < 0.5 ? mentor.person.id : mentee.id];
			const meetingId = Number(insertMeeting.run(id, heldOn, minutes, mode, notes, loggedBy, at + 2 * HOUR).lastInsertRowid);
			if (withAction) {
				// Due by the next meeting; done at it, unless this is the latest one.
				const next = at + rhythm * 7 * DAY;
				const done = next < until - DAY;
				insertAction.run(id, meetingId, isoDate(next), done ? 'done' : 'open', done ? next : null, loggedBy, at + 2 * HOUR, done ? next : at + 2 * HOUR);
			}
			meetings++;
		}
		if (status === 'active' && random() < 0.7) {
			const startsAtMeeting = now + between(random, 1, 28) * DAY + between(random, 9, 17) * HOUR;
			insertBooking.run(id, `large-${id}@lead-member-network`, startsAtMeeting, startsAtMeeting + HOUR, pick(random, MODES), 'https://meet.example.org/mentoring', 'booked', mentor.person.id, now - between(random, 1, 10) * DAY, now - DAY);
		}
		if (status !== 'active') {
			insertFeedback.run(id, 'mentor', mentor.person.id, between(random, 3, 5), pick(random, FEEDBACK), closedAt);
			if (random() < 0.8) insertFeedback.run(id, 'mentee', mentee.id, between(random, 3, 5), pick(random, FEEDBACK), closedAt! + DAY);
		}
		pairings++;
	};

	for (let i = 0; i < 3; i++) makePairing(mentors[0], 'active');
	mentors[0].active = 3;
	while (pairings < targets.pairings) {
		const roll = random();
		const status = roll < 0.35 ? 'active' : roll < 0.92 ? 'completed' : 'ended-early';
		let mentor = pick(random, mentors);
		if (status === 'active') {
			for (let tries = 0; mentor.active >= mentor.capacity && tries < 20; tries++) mentor = pick(random, mentors);
			if (mentor.active >= mentor.capacity) continue;
			mentor.active++;
		}
		makePairing(mentor, status);
	}
	// An open pool for coordinators to match.
	for (let i = 0; i < targets.openRequests; i++) {
		const mentee = nextMentee();
		const at = now - between(random, 1, 40) * DAY;
		insertRequest.run(mentee.id, mentee.regionId, some(random, GOALS, 2).join('. ') + '.', JSON.stringify(some(random, TOPIC_VALUES, 2)), pick(random, ['same', 'other', 'any']), JSON.stringify(some(random, MODES, 2)), 'open', at, at, null);
	}
	ctx.log(`mentoring: ${mentors.length} mentors, ${pairings} pairings, ${meetings} meetings, ${targets.openRequests} open requests`);
	return { pairings, meetings, mentorEmail: mentors[0].person.email };
}
