/**
 * Demo content for the training area, relative to the seeding instant:
 * - events in several regions and nationally: past ones (to add to a log) and upcoming ones,
 *   one of them cancelled, with some members saying they are going;
 * - member@ (Tom Ashworth, Lancashire, in the role since August) has a realistic first three
 *   months: the council's induction, a safeguarding e-learning module, a visit to a children's
 *   home, the North West network meeting (added from the event) and a family hub visit — with
 *   SEND, education, youth justice, budgets and participation still gaps;
 * - most other members have plausible logs over the last two and a half years; a few have
 *   logged nothing for months (the digest nudges them), a few nothing at all;
 * - most mentees other than member@ share their log with their mentor.
 */
import type { DemoContext } from './context';
import { DEMO_MEMBERS } from './demo-members';
import { trainingEntry, trainingEvent, trainingEventAttendance, trainingSharing } from '../db/schema';
import { currentMentorOf } from '../training/mentor';
import { renderMarkdown } from '../markdown';
import { isoDate, londonDateTimeToUtc } from '../../time';
import { addDays, addMonths, daysInclusive, MAX_HOURS_PER_DAY } from '../training/rules';
import { prefill } from '../training/events';
import type { EventKind, Topic, TrainingKind } from '../../vocab';

type EventSeed = {
	key: string;
	region: string | null;
	title: string;
	kind: EventKind;
	/** days from today (negative: past) */
	day: number;
	start: string;
	end: string;
	/** extra days for events over several days */
	days?: number;
	location?: string;
	online?: string;
	provider: string;
	topics: Topic[];
	description: string;
	cancelled?: boolean;
};

const EVENTS: EventSeed[] = [
	// --- past ---------------------------------------------------------------------------------
	{
		key: 'nw-autumn',
		region: 'north-west',
		title: 'North West Lead Member network: autumn meeting',
		kind: 'network-meeting',
		day: -40,
		start: '10:00',
		end: '13:30',
		location: 'County Hall, Fishergate, Preston PR1 8XJ',
		provider: 'North West Lead Member network',
		topics: ['send', 'inspection', 'corporate-parenting'],
		description:
			'Our autumn meeting for Lead Members and deputies across the North West.\n\n- **SEND sufficiency**: what three authorities changed after their local area inspections\n- **Getting ready for inspection**: a Lead Member’s view of the last twelve months\n- Corporate parenting boards: swapping what works\n\nLunch from 13:00. Papers are sent a week before.'
	},
	{
		key: 'nat-role-intro',
		region: null,
		title: 'The Lead Member role: an introduction for new members',
		kind: 'webinar',
		day: -75,
		start: '18:00',
		end: '19:30',
		online: 'https://meet.example.org/lead-member-introduction',
		provider: 'Lead Member Network',
		topics: ['working-with-dcs', 'corporate-parenting', 'safeguarding'],
		description: 'An evening webinar for anyone new to the portfolio: the statutory role, working with your Director of Children’s Services, and where to find help.\n\nQuestions are welcome in the chat.'
	},
	{
		key: 'yh-send',
		region: 'yorkshire-humber',
		title: 'Yorkshire and The Humber network: SEND sufficiency',
		kind: 'network-meeting',
		day: -30,
		start: '10:30',
		end: '14:00',
		location: 'Civic Hall, Calverley Street, Leeds LS1 1UR',
		provider: 'Yorkshire and The Humber Lead Member network',
		topics: ['send', 'budgets'],
		description: 'Special school places, high needs budgets and what we can learn from each other.'
	},
	{
		key: 'ldn-yj',
		region: 'london',
		title: 'London Lead Members’ forum: youth justice',
		kind: 'network-meeting',
		day: -20,
		start: '16:00',
		end: '18:00',
		location: 'London Councils, 59½ Southwark Street, London SE1 0AL',
		provider: 'London Lead Member network',
		topics: ['youth-justice', 'safeguarding'],
		description: 'With the chair of a youth justice management board: what Lead Members should ask, and how to read the performance figures.'
	},
	{
		key: 'wm-cp',
		region: 'west-midlands',
		title: 'Corporate parenting: what good looks like',
		kind: 'course',
		day: -50,
		start: '09:30',
		end: '15:30',
		location: 'Council House, Victoria Square, Birmingham B1 1BB',
		provider: 'West Midlands Lead Member network',
		topics: ['corporate-parenting', 'participation', 'care-leavers'],
		description: 'A one-day course for Lead Members and corporate parenting panel chairs, with care-experienced young people as co-trainers.'
	},
	{
		key: 'nat-inspection',
		region: null,
		title: 'Understanding the inspection framework for Lead Members',
		kind: 'webinar',
		day: -14,
		start: '12:30',
		end: '13:30',
		online: 'https://meet.example.org/inspection-framework',
		provider: 'Lead Member Network',
		topics: ['inspection'],
		description: 'A lunchtime webinar on how children’s services are inspected, what inspectors will ask the Lead Member, and how to prepare without taking over.'
	},
	// --- upcoming -----------------------------------------------------------------------------
	{
		key: 'nw-budget',
		region: 'north-west',
		title: 'Budget setting for children’s services: a briefing for Lead Members',
		kind: 'webinar',
		day: 9,
		start: '17:30',
		end: '19:00',
		online: 'https://meet.example.org/nw-budget-briefing',
		provider: 'North West Lead Member network',
		topics: ['budgets', 'placements'],
		description: 'Ahead of February’s budget meetings: placement costs, the high needs block, and the questions to ask your finance director.'
	},
	{
		key: 'nw-winter',
		region: 'north-west',
		title: 'North West Lead Member network: winter meeting',
		kind: 'network-meeting',
		day: 17,
		start: '10:00',
		end: '13:00',
		location: 'Manchester Town Hall Extension, Lloyd Street, Manchester M2 5DB',
		provider: 'North West Lead Member network',
		topics: ['youth-justice', 'participation', 'education'],
		description: 'Youth justice across the region, and a session led by members of two children in care councils.\n\nPlease say if you are coming so we can plan lunch.'
	},
	{
		key: 'ldn-participation',
		region: 'london',
		title: 'London network: children’s participation',
		kind: 'network-meeting',
		day: 12,
		start: '16:00',
		end: '18:00',
		location: 'London Councils, 59½ Southwark Street, London SE1 0AL',
		provider: 'London Lead Member network',
		topics: ['participation'],
		description: 'How London boroughs hear from children and young people, and what changed as a result.'
	},
	{
		key: 'sw-network',
		region: 'south-west',
		title: 'South West Lead Member network meeting',
		kind: 'network-meeting',
		day: 21,
		start: '10:30',
		end: '13:30',
		location: 'County Hall, Topsham Road, Exeter EX2 4QD',
		provider: 'South West Lead Member network',
		topics: ['placements', 'care-leavers'],
		description: 'Sufficiency of local placements, and housing for care leavers.'
	},
	{
		key: 'nat-yj',
		region: null,
		title: 'Youth justice for Lead Members',
		kind: 'webinar',
		day: 24,
		start: '18:00',
		end: '19:00',
		online: 'https://meet.example.org/youth-justice',
		provider: 'Lead Member Network',
		topics: ['youth-justice'],
		description: 'What the youth justice service does, who is on its board, and the Lead Member’s part in it.'
	},
	{
		key: 'yh-winter',
		region: 'yorkshire-humber',
		title: 'Yorkshire and The Humber network meeting',
		kind: 'network-meeting',
		day: 30,
		start: '10:30',
		end: '13:30',
		location: 'County Hall, Bond Street, Wakefield WF1 2QW',
		provider: 'Yorkshire and The Humber Lead Member network',
		topics: ['early-help', 'mental-health'],
		description: 'Early help and children’s mental health: joint commissioning with the NHS.'
	},
	{
		key: 'em-dcs',
		region: 'east-midlands',
		title: 'Working with your DCS: a course for new Lead Members',
		kind: 'course',
		day: 35,
		start: '09:30',
		end: '16:00',
		location: 'Loxley House, Station Street, Nottingham NG2 3NG',
		provider: 'East Midlands Lead Member network',
		topics: ['working-with-dcs', 'scrutiny'],
		description: 'A day on the relationship that matters most: roles, challenge and support, and what to do when it goes wrong.'
	},
	{
		key: 'ne-network',
		region: 'north-east',
		title: 'North East Lead Member network meeting',
		kind: 'network-meeting',
		day: 45,
		start: '10:00',
		end: '12:30',
		location: 'County Hall, Aykley Heads, Durham DH1 5UQ',
		provider: 'North East Lead Member network',
		topics: ['education', 'send'],
		description: 'School organisation in a time of falling rolls, and inclusion in mainstream schools.'
	},
	{
		key: 'se-visit',
		region: 'south-east',
		title: 'Visit to a secure children’s home',
		kind: 'course',
		day: 19,
		start: '10:00',
		end: '15:00',
		location: 'Details sent to those booked',
		provider: 'South East Lead Member network',
		topics: ['corporate-parenting', 'youth-justice'],
		description: 'A visit for Lead Members, with a briefing from the home’s manager.',
		cancelled: true
	},
	{
		key: 'nat-conference',
		region: null,
		title: 'National Lead Member conference 2027',
		kind: 'conference',
		day: 80,
		days: 1,
		start: '09:30',
		end: '16:00',
		location: 'Central Hall Westminster, Storey’s Gate, London SW1H 9NH',
		provider: 'Lead Member Network',
		topics: ['inspection', 'send', 'budgets', 'working-with-dcs', 'participation'],
		description: 'Two days for Lead Members from every region: keynotes, workshops on SEND, inspection and budgets, and time to meet colleagues.\n\nTravel bursaries are available – ask your coordinator.'
	}
];

type Template = { title: string; kind: TrainingKind; topics: Topic[]; hours: number; days?: number; provider: string; reflection?: string };

const TEMPLATES: Template[] = [
	{ title: 'Regional Lead Member network meeting', kind: 'regional-network', topics: ['send', 'inspection'], hours: 3, provider: 'Regional Lead Member network', reflection: 'Good to hear how neighbouring authorities prepared for their SEND inspection. I’ll ask our DCS for the self-evaluation.' },
	{ title: 'Regional network meeting: corporate parenting boards', kind: 'regional-network', topics: ['corporate-parenting', 'participation'], hours: 2.5, provider: 'Regional Lead Member network', reflection: 'Two authorities have young people co-chairing their board. Worth proposing here.' },
	{ title: 'Leadership Essentials: children’s services', kind: 'lga-leadership', topics: ['working-with-dcs', 'inspection', 'budgets'], hours: 12, days: 2, provider: 'Local Government Association', reflection: 'The session on holding officers to account without micromanaging was the most useful.' },
	{ title: 'Corporate parenting for councillors', kind: 'subject-course', topics: ['corporate-parenting', 'care-leavers'], hours: 3, provider: 'Council learning and development', reflection: 'Every councillor is a corporate parent. I will push for all-member training after the election.' },
	{ title: 'SEND reforms briefing', kind: 'subject-course', topics: ['send', 'education'], hours: 2, provider: 'Council officers' },
	{ title: 'Safeguarding partnership arrangements: briefing for members', kind: 'subject-course', topics: ['safeguarding', 'health-partnerships'], hours: 1.5, provider: 'Local safeguarding children partnership' },
	{ title: 'Safeguarding children: e-learning for elected members', kind: 'e-learning', topics: ['safeguarding'], hours: 1.5, provider: 'Council learning hub' },
	{ title: 'Understanding the high needs budget (e-learning)', kind: 'e-learning', topics: ['budgets', 'send'], hours: 1, provider: 'Council learning hub' },
	{ title: 'Youth justice: an introduction (e-learning)', kind: 'e-learning', topics: ['youth-justice'], hours: 1, provider: 'Regional youth justice partnership' },
	{ title: 'National Lead Member conference', kind: 'national-network', topics: ['inspection', 'send', 'working-with-dcs'], hours: 11, days: 2, provider: 'Lead Member Network', reflection: 'Came back with three ideas for our improvement plan; sharing them with the DCS next week.' },
	{ title: 'Visit to a residential children’s home', kind: 'informal', topics: ['corporate-parenting', 'placements'], hours: 2.5, provider: 'Own authority', reflection: 'Staff turnover is the thing the manager worries about most. I’ll ask about agency staff numbers at the next board.' },
	{ title: 'Visit to the youth justice team', kind: 'informal', topics: ['youth-justice'], hours: 2, provider: 'Own authority' },
	{ title: 'Attended the children in care council', kind: 'informal', topics: ['participation', 'corporate-parenting'], hours: 1.5, provider: 'Own authority', reflection: 'The young people want councillors to come back and report what changed. I promised to return in three months.' },
	{ title: 'Visit to a special school', kind: 'informal', topics: ['send', 'education'], hours: 2, provider: 'Own authority' },
	{ title: 'Shadowed the multi-agency safeguarding hub', kind: 'informal', topics: ['safeguarding', 'early-help'], hours: 3, provider: 'Own authority', reflection: 'Saw how a referral is screened. Thresholds are the issue partners raise most.' },
	{ title: 'Budget challenge session with the finance director', kind: 'informal', topics: ['budgets', 'placements'], hours: 2, provider: 'Own authority' },
	{ title: 'Meeting with head teachers’ forum', kind: 'informal', topics: ['education'], hours: 1.5, provider: 'Own authority' },
	{ title: 'Ofsted focused visit: feedback session', kind: 'informal', topics: ['inspection', 'working-with-dcs'], hours: 1.5, provider: 'Own authority' },
	{ title: 'Mental health support teams in schools: briefing', kind: 'subject-course', topics: ['mental-health', 'health-partnerships', 'education'], hours: 1.5, provider: 'Integrated care board' },
	{ title: 'Social work recruitment and retention workshop', kind: 'subject-course', topics: ['workforce'], hours: 2, provider: 'Regional workforce partnership' }
];

const DAY = 86_400_000;

function pick<T>(ctx: DemoContext, list: readonly T[]): T {
	return list[Math.floor(ctx.random() * list.length)];
}

/** The demo event whose announcement emails go out when the demo starts. */
export const ANNOUNCED_AT_START = 'nw-winter';

function seedEvents(ctx: DemoContext, today: string): Map<string, typeof trainingEvent.$inferSelect> {
	const admin = ctx.memberId('admin@example.org');
	const coordinators = new Map(ctx.members.filter((m) => m.role === 'coordinator').map((m) => [DEMO_MEMBERS.find((d) => d.email === m.email)?.coordinatorOf ?? '', m.id]));
	const out = new Map<string, typeof trainingEvent.$inferSelect>();
	for (const e of EVENTS) {
		const startDate = addDays(today, e.day);
		const endDate = addDays(startDate, e.days ?? 0);
		const startsAt = londonDateTimeToUtc(startDate, e.start)!;
		const endsAt = londonDateTimeToUtc(endDate, e.end)!;
		const createdAt = Math.min(ctx.now - DAY, startsAt - 30 * DAY);
		const row = ctx.db
			.insert(trainingEvent)
			.values({
				regionId: e.region,
				title: e.title,
				kind: e.kind,
				startsAt,
				endsAt,
				location: e.location ?? '',
				onlineUrl: e.online ?? '',
				provider: e.provider,
				topics: e.topics,
				description: e.description,
				descriptionHtml: renderMarkdown(e.description),
				createdById: e.region ? (coordinators.get(e.region) ?? admin) : admin,
				cancelledAt: e.cancelled ? ctx.now - 2 * DAY : null,
				// Announced when published — except the North West winter meeting, which the
				// scheduler announces when the demo starts (see it in Admin → Mailbox).
				announcedAt: e.key === ANNOUNCED_AT_START ? null : createdAt,
				createdAt,
				updatedAt: createdAt
			})
			.returning()
			.get();
		out.set(e.key, row);
	}
	return out;
}

function insertEntry(ctx: DemoContext, memberId: number, e: { startDate: string; endDate?: string; title: string; provider: string; kind: TrainingKind; topics: Topic[] | string[]; hours: number; reflection?: string; link?: string; eventId?: number }) {
	const endDate = e.endDate ?? e.startDate;
	const createdAt = Date.parse(`${endDate}T19:00:00Z`);
	ctx.db
		.insert(trainingEntry)
		.values({
			memberId,
			startDate: e.startDate,
			endDate,
			title: e.title,
			provider: e.provider,
			kind: e.kind,
			topics: [...e.topics],
			minutes: Math.round(Math.min(e.hours, MAX_HOURS_PER_DAY * daysInclusive(e.startDate, endDate)) * 60),
			reflection: e.reflection ?? '',
			link: e.link ?? '',
			eventId: e.eventId ?? null,
			sourceKey: e.eventId ? `event:${e.eventId}` : null,
			createdAt: Math.min(createdAt, ctx.now),
			updatedAt: Math.min(createdAt, ctx.now)
		})
		.run();
}

/** member@'s first three months in the role. */
function seedTom(ctx: DemoContext, today: string, events: Map<string, typeof trainingEvent.$inferSelect>) {
	const tom = ctx.memberId('member@example.org');
	const induction = addDays(today, -88);
	insertEntry(ctx, tom, {
		startDate: induction,
		endDate: addDays(induction, 1),
		title: 'New cabinet members’ induction: children’s services',
		provider: 'Lancashire County Council',
		kind: 'induction',
		topics: ['corporate-parenting', 'working-with-dcs'],
		hours: 9,
		reflection:
			'Two days with the Director of Children’s Services and the heads of service. I now know what the Lead Member signs off and what I should leave to officers.\n\nWhat I’ll do: meet the DCS every fortnight, and ask for a one-page glossary – there are a lot of acronyms.'
	});
	insertEntry(ctx, tom, {
		startDate: addDays(today, -69),
		title: 'Safeguarding children: e-learning for elected members',
		provider: 'Lancashire County Council learning hub',
		kind: 'e-learning',
		topics: ['safeguarding'],
		hours: 1.5,
		reflection: 'Clear on what to do if a resident tells me about a child at risk, and on the role of the safeguarding partnership.',
		link: 'https://learning.example.org/safeguarding-for-members'
	});
	insertEntry(ctx, tom, {
		startDate: addDays(today, -58),
		title: 'Visit to a residential children’s home',
		provider: 'Lancashire County Council',
		kind: 'informal',
		topics: ['corporate-parenting', 'placements'],
		hours: 2.5,
		reflection: 'The manager showed me round and I had tea with two of the young people. They asked for more say in how their home is decorated. I’ll raise it at the corporate parenting board.'
	});
	const autumn = events.get('nw-autumn')!;
	const fromEvent = prefill(autumn);
	insertEntry(ctx, tom, {
		...fromEvent,
		kind: fromEvent.kind,
		eventId: autumn.id,
		reflection: 'Heard how three councils handled their SEND inspections. I want to see our own self-evaluation before Christmas.'
	});
	insertEntry(ctx, tom, {
		startDate: addDays(today, -18),
		title: 'Visit to Preston family hub and the early help team',
		provider: 'Lancashire County Council',
		kind: 'informal',
		topics: ['early-help'],
		hours: 2,
		reflection: 'Busy, friendly and clearly valued by families. Waiting lists for parenting courses are long – ask for the figures.'
	});
	const ctxGoing = [events.get('nw-budget')!, events.get('nw-winter')!];
	for (const e of ctxGoing) ctx.db.insert(trainingEventAttendance).values({ eventId: e.id, memberId: tom, createdAt: ctx.now - 3 * DAY }).onConflictDoNothing().run();
}

/** Plausible logs for everyone else, from when they took on the role (at most 30 months back). */
function seedOthers(ctx: DemoContext, today: string, events: Map<string, typeof trainingEvent.$inferSelect>) {
	const inRole = new Map(DEMO_MEMBERS.map((m) => [m.email, m.inRoleSince]));
	const earliest = addMonths(today, -30);
	for (const m of ctx.members) {
		if (m.email === 'member@example.org' || m.email === 'admin@example.org') continue;
		const r = ctx.random();
		if (r < 0.06) continue; // a few have logged nothing at all
		const since = inRole.get(m.email) ?? earliest;
		const start = since > earliest ? since : earliest;
		const span = Math.max(1, daysInclusive(start, today) - 1);
		// Roughly one entry every five to eight weeks; some stopped logging a while ago.
		const stale = r < 0.16;
		const lastDay = stale ? 100 + Math.floor(ctx.random() * 120) : 0;
		const count = Math.max(1, Math.round((span / (35 + ctx.random() * 25)) * (m.email === 'mentor@example.org' ? 1.3 : 1)));
		if (since > earliest && addDays(since, 3) <= addDays(today, -lastDay)) {
			insertEntry(ctx, m.id, { startDate: addDays(since, 3), endDate: addDays(since, 4), title: 'Authority induction for new cabinet members', provider: 'Own authority', kind: 'induction', topics: ['corporate-parenting', 'working-with-dcs', 'safeguarding'], hours: 8 });
		}
		for (let i = 0; i < count; i++) {
			const back = lastDay + Math.floor(ctx.random() * Math.max(1, span - lastDay));
			const t = pick(ctx, TEMPLATES);
			const startDate = addDays(today, -back);
			if (startDate < start) continue;
			const endDate = t.days && t.days > 1 ? addDays(startDate, t.days - 1) : startDate;
			if (endDate > today) continue;
			insertEntry(ctx, m.id, {
				startDate,
				endDate,
				title: t.title,
				provider: t.provider,
				kind: t.kind,
				topics: t.topics,
				hours: t.hours,
				reflection: t.reflection && ctx.random() < 0.7 ? t.reflection : ''
			});
		}
		// Members of a region went to its past events and say they're going to upcoming ones.
		for (const e of events.values()) {
			if (e.cancelledAt != null || (e.regionId != null && e.regionId !== m.regionId)) continue;
			const chance = e.regionId ? 0.45 : 0.2;
			if (ctx.random() >= chance) continue;
			if (e.endsAt <= ctx.now) {
				if (!stale && ctx.random() < 0.6) {
					const p = prefill(e);
					insertEntry(ctx, m.id, { ...p, eventId: e.id, reflection: '' });
				}
			} else {
				ctx.db.insert(trainingEventAttendance).values({ eventId: e.id, memberId: m.id, createdAt: ctx.now - Math.floor(ctx.random() * 10) * DAY }).onConflictDoNothing().run();
			}
		}
	}
}

/**
 * Some mentees share their log with their mentor (mentoring is seeded first). member@ does
 * not, so the demo can show switching it on.
 */
function seedSharing(ctx: DemoContext) {
	const demoMentor = ctx.memberId('mentor@example.org');
	for (const m of ctx.members) {
		if (m.email === 'member@example.org') continue;
		const mentorId = currentMentorOf(m.id);
		if (mentorId == null || (mentorId !== demoMentor && ctx.random() < 0.3)) continue;
		ctx.db.insert(trainingSharing).values({ memberId: m.id, mentorId, sharedAt: ctx.now - 20 * DAY }).onConflictDoNothing().run();
	}
}

/** Demo content for the training area. */
export function seedTraining(ctx: DemoContext): void {
	const today = isoDate(ctx.now);
	const events = seedEvents(ctx, today);
	seedTom(ctx, today, events);
	seedOthers(ctx, today, events);
	seedSharing(ctx);
}
