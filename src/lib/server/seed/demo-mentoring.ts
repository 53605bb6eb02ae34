/**
 * Demo content for the mentoring area, relative to the seeding instant:
 * - every demo member with a `mentor` entry offers to mentor;
 * - mentor@ mentors member@ (goals set, two meetings logged — one changed since, with its earlier
 *   version kept — agreed actions open, overdue and done, the next one booked) and Luke
 *   Sutcliffe (overdue for a check-in);
 * - the North West has three open requests for coordinator@ to match, one proposal waiting for
 *   the mentor's answer, and two closed pairings with feedback;
 * - a few pairings and open requests in other regions for the admin's national view.
 */
import type { DemoContext } from './context';
import { DEMO_MEMBERS } from './demo-members';
import { mentorOffer, mentorRequest, mentoringProposal, pairing, pairingAction, pairingBooking, pairingFeedback, pairingGoal, pairingMeeting, pairingMeetingRevision } from '../db/schema';
import { config } from '../config';
import { addDays, addMonths } from '../mentoring/health';
import { isoDate, londonDateTimeToUtc } from '../../time';
import type { MeetingMode, Topic } from '../../vocab';

const DAY = 86_400_000;

type Ctx = DemoContext;
type GoalSeed = [text: string, status: 'not-started' | 'in-progress' | 'done'];
/** An agreed action: what, whose, due this many days from today (negative: past; null: no date), done this many days ago. */
type ActionSeed = { text: string; owner: 'mentor' | 'mentee' | 'both'; dueInDays: number | null; doneDaysAgo?: number };
type MeetingSeed = {
	daysAgo: number;
	minutes: number;
	mode: MeetingMode;
	notes: string;
	actions: ActionSeed[];
	/** The meeting was changed this many days ago by the mentor; `notes` is what it said before. */
	edited?: { daysAgo: number; notes: string };
};

/** Ways of meeting, read from the availability note in demo-members.ts. */
function modesFrom(availability: string): MeetingMode[] {
	const a = availability.toLowerCase();
	const modes: MeetingMode[] = [];
	if (a.includes('online')) modes.push('online');
	if (a.includes('phone')) modes.push('phone');
	if (a.includes('in person') || a.includes('meet in') || a.includes('town hall')) modes.push('in-person');
	return modes.length ? modes : ['online', 'phone'];
}

function seedOffers(ctx: Ctx) {
	for (const m of DEMO_MEMBERS) {
		if (!m.mentor) continue;
		ctx.db
			.insert(mentorOffer)
			.values({
				memberId: ctx.memberId(m.email),
				capacity: m.mentor.capacity,
				expertise: m.expertise,
				availability: m.mentor.availability,
				regionScope: m.mentor.scope,
				meetingModes: modesFrom(m.mentor.availability),
				open: true,
				createdAt: ctx.now - 120 * DAY,
				updatedAt: ctx.now - 120 * DAY
			})
			.run();
	}
}

function regionOf(ctx: Ctx, email: string): string {
	const m = ctx.members.find((x) => x.email === email);
	if (!m) throw new Error(`No demo member ${email}`);
	return m.regionId;
}

type RequestSeed = {
	mentee: string;
	daysAgo: number;
	goals: string;
	topics: Topic[];
	regionPref?: 'same' | 'other' | 'any';
	partyPref?: 'same' | 'cross' | 'any';
	kindPref?: 'similar' | 'any';
	modes: MeetingMode[];
	status?: 'open' | 'proposed' | 'matched';
	matchedDaysAgo?: number;
};

function seedRequest(ctx: Ctx, r: RequestSeed): number {
	const createdAt = ctx.now - r.daysAgo * DAY - Math.floor(ctx.random() * 6) * 3_600_000;
	return ctx.db
		.insert(mentorRequest)
		.values({
			memberId: ctx.memberId(r.mentee),
			regionId: regionOf(ctx, r.mentee),
			goals: r.goals,
			focusTopics: r.topics,
			regionPref: r.regionPref ?? 'any',
			partyPref: r.partyPref ?? 'any',
			kindPref: r.kindPref ?? 'any',
			meetingModes: r.modes,
			status: r.status ?? 'open',
			createdAt,
			updatedAt: createdAt,
			matchedAt: r.matchedDaysAgo != null ? ctx.now - r.matchedDaysAgo * DAY : null
		})
		.returning({ id: mentorRequest.id })
		.get().id;
}

type PairingSeed = {
	mentor: string;
	request: RequestSeed & { matchedDaysAgo: number };
	explanation: string;
	startedDaysAgo: number;
	rhythmWeeks: 2 | 4 | 6;
	goals: GoalSeed[];
	meetings: MeetingSeed[];
	/** Days ahead and London time of the booked next meeting. */
	next?: { inDays: number; time: string; minutes: number; mode: MeetingMode; location: string };
	closed?: { daysAgo: number; outcome: 'completed' | 'ended-early'; mentor: [number, string]; mentee: [number, string] };
};

function seedPairing(ctx: Ctx, s: PairingSeed, coordinatorId: number | null) {
	const requestId = seedRequest(ctx, { ...s.request, status: 'matched' });
	const mentorId = ctx.memberId(s.mentor);
	const menteeId = ctx.memberId(s.request.mentee);
	const regionId = regionOf(ctx, s.request.mentee);
	const proposedAt = ctx.now - (s.request.matchedDaysAgo + 3) * DAY;
	const matchedAt = ctx.now - s.request.matchedDaysAgo * DAY;
	const proposalId = ctx.db
		.insert(mentoringProposal)
		.values({
			requestId,
			mentorId,
			menteeId,
			regionId,
			score: 100,
			explanation: s.explanation,
			status: 'accepted',
			mentorAnswer: 'accepted',
			mentorAnsweredAt: matchedAt - DAY,
			menteeAnswer: 'accepted',
			menteeAnsweredAt: matchedAt,
			confirmedById: coordinatorId,
			createdAt: proposedAt,
			decidedAt: matchedAt
		})
		.returning({ id: mentoringProposal.id })
		.get().id;
	const today = isoDate(ctx.now);
	const startsOn = addDays(today, -s.startedDaysAgo);
	const closedAt = s.closed ? ctx.now - s.closed.daysAgo * DAY : null;
	const id = ctx.db
		.insert(pairing)
		.values({
			requestId,
			proposalId,
			mentorId,
			menteeId,
			regionId,
			rhythmWeeks: s.rhythmWeeks,
			startsOn,
			endsOn: addMonths(startsOn, 6),
			status: s.closed?.outcome ?? 'active',
			closedAt,
			closedById: s.closed ? mentorId : null,
			createdAt: matchedAt,
			updatedAt: closedAt ?? matchedAt
		})
		.returning({ id: pairing.id })
		.get().id;
	for (const [text, status] of s.goals) {
		ctx.db.insert(pairingGoal).values({ pairingId: id, text, status, createdAt: matchedAt, updatedAt: matchedAt }).run();
	}
	for (const m of s.meetings) {
		const heldOn = addDays(today, -m.daysAgo);
		const loggedAt = ctx.now - m.daysAgo * DAY + 4 * 3_600_000;
		const meetingId = ctx.db
			.insert(pairingMeeting)
			.values({ pairingId: id, heldOn, durationMinutes: m.minutes, mode: m.mode, notes: m.notes, loggedById: mentorId, createdAt: loggedAt })
			.returning({ id: pairingMeeting.id })
			.get().id;
		if (m.edited) {
			ctx.db
				.insert(pairingMeetingRevision)
				.values({ pairingId: id, meetingId, heldOn, durationMinutes: m.minutes, mode: m.mode, notes: m.edited.notes, editorId: mentorId, replacedAt: ctx.now - m.edited.daysAgo * DAY, reason: 'edit' })
				.run();
		}
		for (const a of m.actions) {
			const doneAt = a.doneDaysAgo != null ? ctx.now - a.doneDaysAgo * DAY : null;
			ctx.db
				.insert(pairingAction)
				.values({
					pairingId: id,
					meetingId,
					text: a.text,
					owner: a.owner,
					dueOn: a.dueInDays == null ? null : addDays(today, a.dueInDays),
					status: doneAt != null ? 'done' : 'open',
					doneAt,
					doneById: doneAt != null ? (a.owner === 'mentor' ? mentorId : menteeId) : null,
					createdById: mentorId,
					createdAt: loggedAt,
					updatedAt: doneAt ?? loggedAt
				})
				.run();
		}
	}
	if (s.next) {
		const startsAt = londonDateTimeToUtc(addDays(today, s.next.inDays), s.next.time)!;
		const host = new URL(config().origin).hostname;
		ctx.db
			.insert(pairingBooking)
			.values({
				pairingId: id,
				uid: `mentoring-demo-${id}-${Math.floor(ctx.random() * 1e9).toString(36)}@${host}`,
				sequence: 0,
				startsAt,
				endsAt: startsAt + s.next.minutes * 60_000,
				mode: s.next.mode,
				location: s.next.location,
				status: 'booked',
				bookedById: mentorId,
				createdAt: ctx.now - 2 * DAY,
				updatedAt: ctx.now - 2 * DAY
			})
			.run();
	}
	if (s.closed && closedAt) {
		ctx.db.insert(pairingFeedback).values({ pairingId: id, side: 'mentor', memberId: mentorId, rating: s.closed.mentor[0], comment: s.closed.mentor[1], createdAt: closedAt }).run();
		ctx.db.insert(pairingFeedback).values({ pairingId: id, side: 'mentee', memberId: menteeId, rating: s.closed.mentee[0], comment: s.closed.mentee[1], createdAt: closedAt + DAY }).run();
	}
	return id;
}

/** Demo content for the mentoring area. */
export function seedMentoring(ctx: DemoContext): void {
	seedOffers(ctx);
	const nwCoordinator = ctx.memberId('coordinator@example.org');
	const admin = ctx.memberId('admin@example.org');

	// mentor@ and member@: goals set, two meetings logged, the next one booked.
	seedPairing(
		ctx,
		{
			mentor: 'mentor@example.org',
			request: {
				mentee: 'member@example.org',
				daysAgo: 84,
				matchedDaysAgo: 72,
				goals:
					'Understand the inspection framework and how to prepare for a focused visit\nBuild a working relationship with the DCS based on support and challenge\nChair my first corporate parenting panel with confidence\nGet to grips with the high needs budget and the SEND deficit',
				topics: ['inspection', 'working-with-dcs', 'corporate-parenting', 'send'],
				regionPref: 'other',
				partyPref: 'any',
				kindPref: 'any',
				modes: ['online', 'phone']
			},
			explanation: 'Shares the inspection framework for children’s services and corporate parenting; another region, as asked; can meet online or by phone; 8 years as a Lead Member; has room for 2 more mentees.',
			startedDaysAgo: 70,
			rhythmWeeks: 4,
			goals: [
				['Understand the inspection framework and how to prepare for a focused visit', 'in-progress'],
				['Build a working relationship with the DCS based on support and challenge', 'in-progress'],
				['Chair my first corporate parenting panel with confidence', 'done'],
				['Get to grips with the high needs budget and the SEND deficit', 'not-started']
			],
			meetings: [
				{
					daysAgo: 63,
					minutes: 60,
					mode: 'online',
					notes:
						'Introductions. Tom is three months in and feels the portfolio is huge. We talked about what the last inspection in Leeds felt like from the Lead Member’s chair and what inspectors ask councillors.',
					actions: [
						{ text: 'Read Lancashire’s last inspection report and note three questions', owner: 'mentee', dueInDays: -49, doneDaysAgo: 28 },
						{ text: 'Send the checklist used before the last Leeds inspection', owner: 'mentor', dueInDays: -56, doneDaysAgo: 58 }
					]
				},
				{
					daysAgo: 28,
					minutes: 45,
					mode: 'phone',
					notes: 'Went through Tom’s questions on the ILACS report. The corporate parenting panel went well; he asked the care leavers to set part of the agenda next time.',
					edited: { daysAgo: 27, notes: 'Went through Tom’s questions on the ILACS report.' },
					actions: [
						{ text: 'Ask the DCS for a monthly one-to-one with a standing item on performance data', owner: 'mentee', dueInDays: -4 },
						{ text: 'Share the high needs budget recovery plan from Leeds', owner: 'mentor', dueInDays: 5 },
						{ text: 'Talk through the high needs budget at the next meeting', owner: 'both', dueInDays: 9 }
					]
				}
			],
			next: { inDays: 9, time: '18:30', minutes: 60, mode: 'online', location: 'https://meet.example.org/mentoring-sarah-tom' }
		},
		nwCoordinator
	);

	// mentor@'s second mentee, overdue for a check-in.
	seedPairing(
		ctx,
		{
			mentor: 'mentor@example.org',
			request: {
				mentee: 'luke.sutcliffe@example.org',
				daysAgo: 140,
				matchedDaysAgo: 122,
				goals: 'Understand how placement sufficiency decisions are made\nKeep the budget conversation honest with the cabinet',
				topics: ['placements', 'budgets', 'working-with-dcs'],
				modes: ['online', 'in-person']
			},
			explanation: 'Same region; can meet online; 8 years as a Lead Member; has room for 3 more mentees.',
			startedDaysAgo: 120,
			rhythmWeeks: 4,
			goals: [
				['Understand how placement sufficiency decisions are made', 'in-progress'],
				['Keep the budget conversation honest with the cabinet', 'not-started']
			],
			meetings: [
				{ daysAgo: 110, minutes: 60, mode: 'in-person', notes: 'First meeting in Leeds. Luke’s priorities: placements and the budget.', actions: [{ text: 'Ask for the sufficiency strategy', owner: 'mentee', dueInDays: -96, doneDaysAgo: 85 }] },
				{ daysAgo: 80, minutes: 45, mode: 'online', notes: 'Read through the sufficiency strategy together.', actions: [{ text: 'Introduce Luke to the regional commissioning lead', owner: 'mentor', dueInDays: -66 }] },
				{ daysAgo: 45, minutes: 30, mode: 'online', notes: 'Short catch-up before budget setting.', actions: [{ text: 'Book the next meeting after the cabinet away day', owner: 'mentee', dueInDays: -30 }] }
			]
		},
		nwCoordinator
	);

	// The North West: a pairing with a North East mentee, two closed pairings, one proposal awaiting.
	seedPairing(
		ctx,
		{
			mentor: 'nasreen.akhtar@example.org',
			request: {
				mentee: 'joanne.pallister@example.org',
				daysAgo: 75,
				matchedDaysAgo: 62,
				goals: 'Make corporate parenting everyone’s business in the council\nHear directly from care leavers every quarter',
				topics: ['corporate-parenting', 'care-leavers'],
				regionPref: 'other',
				modes: ['online']
			},
			explanation: 'Another region, as asked; can meet online; 9 years as a Lead Member; has room for 2 more mentees.',
			startedDaysAgo: 60,
			rhythmWeeks: 2,
			goals: [
				['Make corporate parenting everyone’s business in the council', 'in-progress'],
				['Hear directly from care leavers every quarter', 'done']
			],
			meetings: [
				{ daysAgo: 55, minutes: 60, mode: 'online', notes: 'Introductions and goals.', actions: [{ text: 'Map who sits on the corporate parenting panel', owner: 'mentee', dueInDays: -41, doneDaysAgo: 40 }] },
				{ daysAgo: 40, minutes: 45, mode: 'online', notes: 'Panel membership and how to bring in other portfolio holders.', actions: [] },
				{ daysAgo: 12, minutes: 45, mode: 'online', notes: 'Care leavers’ forum went well.', actions: [{ text: 'Share the care leavers’ forum’s three asks with cabinet', owner: 'mentee', dueInDays: 10 }] }
			],
			next: { inDays: 5, time: '12:30', minutes: 45, mode: 'online', location: 'https://meet.example.org/mentoring-nasreen-joanne' }
		},
		admin
	);
	seedPairing(
		ctx,
		{
			mentor: 'deborah.tansley@example.org',
			request: {
				mentee: 'richard.bentley@example.org',
				daysAgo: 560,
				matchedDaysAgo: 541,
				goals: 'Learn how to chair scrutiny of youth justice well\nUnderstand the role of the Lead Member in an inspection',
				topics: ['youth-justice', 'inspection', 'scrutiny'],
				kindPref: 'similar',
				modes: ['online', 'in-person']
			},
			explanation: 'Shares youth justice and the inspection framework for children’s services; can meet online; 11 years as a Lead Member.',
			startedDaysAgo: 540,
			rhythmWeeks: 4,
			goals: [
				['Learn how to chair scrutiny of youth justice well', 'done'],
				['Understand the role of the Lead Member in an inspection', 'done']
			],
			meetings: [
				{ daysAgo: 530, minutes: 60, mode: 'online', notes: 'Introductions.', actions: [] },
				{ daysAgo: 500, minutes: 60, mode: 'online', notes: 'Youth justice board papers.', actions: [] },
				{ daysAgo: 470, minutes: 60, mode: 'in-person', notes: 'Met in Leicester.', actions: [] },
				{ daysAgo: 420, minutes: 45, mode: 'online', notes: 'Inspection preparation.', actions: [] },
				{ daysAgo: 380, minutes: 45, mode: 'online', notes: 'Wrap-up.', actions: [] }
			],
			closed: {
				daysAgo: 360,
				outcome: 'completed',
				mentor: [5, 'Richard was well prepared every time and is now helping others in the North West.'],
				mentee: [4, 'Very practical. I would have liked to meet in person more often.']
			}
		},
		nwCoordinator
	);
	seedPairing(
		ctx,
		{
			mentor: 'lorraine.fagg@example.org',
			request: {
				mentee: 'kevin.doyle@example.org',
				daysAgo: 330,
				matchedDaysAgo: 302,
				goals: 'Prepare for an Ofsted focused visit on children in need',
				topics: ['inspection', 'education'],
				modes: ['online']
			},
			explanation: 'Shares the inspection framework for children’s services and education and school organisation; can meet online; 13 years as a Lead Member.',
			startedDaysAgo: 300,
			rhythmWeeks: 6,
			goals: [['Prepare for an Ofsted focused visit on children in need', 'in-progress']],
			meetings: [{ daysAgo: 290, minutes: 60, mode: 'online', notes: 'Introductions.', actions: [] }],
			closed: {
				daysAgo: 200,
				outcome: 'ended-early',
				mentor: [3, 'We struggled to find times that suited us both after the election.'],
				mentee: [4, 'Helpful while it lasted; my role changed after May.']
			}
		},
		nwCoordinator
	);
	const awaitingRequest = seedRequest(ctx, {
		mentee: 'michael.greenhalgh@example.org',
		daysAgo: 10,
		goals: 'Strengthen scrutiny of safeguarding partnership arrangements\nLearn from someone who has led a youth justice improvement plan',
		topics: ['safeguarding', 'youth-justice', 'scrutiny'],
		regionPref: 'other',
		modes: ['online', 'phone'],
		status: 'proposed'
	});
	ctx.db
		.insert(mentoringProposal)
		.values({
			requestId: awaitingRequest,
			mentorId: ctx.memberId('liam.brennan@example.org'),
			menteeId: ctx.memberId('michael.greenhalgh@example.org'),
			regionId: 'north-west',
			score: 95,
			explanation: 'Another region, as asked; can meet online; 9 years as a Lead Member; has room for 2 more mentees.',
			status: 'awaiting',
			menteeAnswer: 'accepted',
			menteeAnsweredAt: ctx.now - 2 * DAY,
			confirmedById: nwCoordinator,
			createdAt: ctx.now - 3 * DAY
		})
		.run();

	// Three open North West requests, ready for coordinator@ to match.
	seedRequest(ctx, {
		mentee: 'gemma.lightfoot@example.org',
		daysAgo: 20,
		goals: 'Understand our placement sufficiency gap and what the council can do about it\nBecome a confident corporate parent for our care leavers\nLearn how to question commissioning decisions',
		topics: ['corporate-parenting', 'placements', 'care-leavers'],
		partyPref: 'same',
		kindPref: 'similar',
		modes: ['online', 'in-person']
	});
	seedRequest(ctx, {
		mentee: 'stuart.nicholson@example.org',
		daysAgo: 12,
		goals: 'Set up an early help offer across a new unitary council\nMake sure children and young people have a real say in decisions',
		topics: ['early-help', 'participation', 'working-with-dcs'],
		regionPref: 'other',
		modes: ['online', 'phone']
	});
	seedRequest(ctx, {
		mentee: 'aisha.patel@example.org',
		daysAgo: 5,
		goals: 'Bring health partners to the table on children’s mental health\nUnderstand the SEND system well enough to challenge it',
		topics: ['mental-health', 'health-partnerships', 'send'],
		regionPref: 'same',
		partyPref: 'cross',
		kindPref: 'similar',
		modes: ['online']
	});

	// Other regions, for the national view.
	seedPairing(
		ctx,
		{
			mentor: 'simon.ashford@example.org',
			request: {
				mentee: 'hannah.gedge@example.org',
				daysAgo: 70,
				matchedDaysAgo: 58,
				goals: 'Join up early help with health visiting\nUnderstand the high needs budget',
				topics: ['early-help', 'budgets'],
				kindPref: 'similar',
				modes: ['online', 'in-person']
			},
			explanation: 'Shares budgets and commissioning; both county councils; can meet online; 11 years as a Lead Member.',
			startedDaysAgo: 56,
			rhythmWeeks: 4,
			goals: [
				['Join up early help with health visiting', 'in-progress'],
				['Understand the high needs budget', 'in-progress']
			],
			meetings: [
				{ daysAgo: 50, minutes: 60, mode: 'in-person', notes: 'Met in Chelmsford.', actions: [] },
				{ daysAgo: 20, minutes: 45, mode: 'online', notes: 'High needs budget.', actions: [] }
			]
		},
		admin
	);
	seedPairing(
		ctx,
		{
			mentor: 'esther.adeyemi@example.org',
			request: {
				mentee: 'tobi.oyelaran@example.org',
				daysAgo: 150,
				matchedDaysAgo: 139,
				goals: 'Work well with schools that are not maintained by the council\nUnderstand youth justice partnerships',
				topics: ['education', 'youth-justice'],
				regionPref: 'same',
				partyPref: 'same',
				modes: ['in-person', 'online']
			},
			explanation: 'Shares education and school organisation; same region, as asked; same party; 12 years as a Lead Member.',
			startedDaysAgo: 135,
			rhythmWeeks: 6,
			goals: [
				['Work well with schools that are not maintained by the council', 'done'],
				['Understand youth justice partnerships', 'in-progress']
			],
			meetings: [
				{ daysAgo: 130, minutes: 60, mode: 'in-person', notes: 'Introductions at Hackney town hall.', actions: [] },
				{ daysAgo: 90, minutes: 60, mode: 'in-person', notes: 'Schools forum.', actions: [] },
				{ daysAgo: 40, minutes: 45, mode: 'online', notes: 'Youth justice board.', actions: [] }
			],
			next: { inDays: 12, time: '17:00', minutes: 60, mode: 'in-person', location: 'Hackney Town Hall, Mare Street' }
		},
		admin
	);
	seedRequest(ctx, {
		mentee: 'ruth.abrahams@example.org',
		daysAgo: 16,
		goals: 'Bring CAMHS waiting times down with the ICB\nSupport schools with mental health',
		topics: ['mental-health', 'health-partnerships'],
		modes: ['online']
	});
	seedRequest(ctx, {
		mentee: 'sophie.crocker@example.org',
		daysAgo: 8,
		goals: 'Understand safeguarding partnership arrangements\nWork well with health partners',
		topics: ['safeguarding', 'health-partnerships'],
		regionPref: 'same',
		modes: ['online', 'phone']
	});
}
