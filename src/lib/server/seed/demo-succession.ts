/**
 * Demo content for the succession area: the default template as version 1, a version 2 that
 * adds an item, and checklists for most authorities at varied stages — some on version 1 (so
 * the upgrade can be shown), some with an election in the next few months (many councils vote
 * on 6 May 2027; a few have an earlier poll, so their open items are already flagged).
 * Lancashire, member@example.org's authority, is partly done with an overdue item.
 */
import { seededRandom, type DemoContext } from './context';
import { authority, checklist, checklistChange, checklistItem, checklistTemplate, successionReminder, templateItem, templateSection } from '../db/schema';
import { DEFAULT_TEMPLATE, type TemplateSpec } from '../succession/default-template';
import { isoDate } from '../../time';

const DAY = 86_400_000;

/** Version 2: the care leavers' forum joins the introductions; key contacts gain a hint. */
function versionTwo(): TemplateSpec {
	return DEFAULT_TEMPLATE.map((s) => ({
		...s,
		items: [
			...s.items.map((i) =>
				i.key === 'key-contacts'
					? { ...i, guidance: `${i.guidance} Include deputies and out-of-hours numbers, and say who keeps the list up to date.` }
					: i
			),
			...(s.key === 'introductions'
				? [
						{
							key: 'care-leavers-forum',
							title: 'An introduction to the care leavers’ forum is arranged',
							guidance: 'Care leavers are the council’s responsibility too. Ask the leaving care service how a new Lead Member could meet the forum early on.',
							weight: 2
						}
					]
				: [])
		]
	}));
}

/** Evidence notes for done items, by item key. */
const NOTES: Record<string, string[]> = {
	'successor-identified': ['Agreed with the group leader in the summer; the deputy is the likely successor.', 'Two possible successors discussed with the leader; not announced.'],
	'successor-willing': ['Talked it through over coffee: willing, wants training on the budget first.'],
	'shadow-panel': ['Sits on the corporate parenting panel as a full member since September.', 'Has observed three panel meetings.'],
	'shadow-partnership': ['Observed the safeguarding partnership executive in October.'],
	'joint-briefings': ['Joins the monthly briefing with the DCS every other month.'],
	'induction-plan': ['Eight-week induction drafted with the DCS and democratic services; in the handover folder.'],
	'training-plan': ['Booked onto the LGA leadership essentials course for children’s services in the spring.'],
	'mentor-lined-up': ['The regional coordinator has suggested a mentor from a neighbouring authority.'],
	'cross-party-briefing': ['The DCS has agreed to brief all group spokespeople before the election.', 'Cross-party briefing offer agreed at the leaders’ meeting.'],
	'officer-led-induction': ['Officers hold an induction pack that works for any incoming Lead Member.'],
	'opposition-aware': ['Emailed the other groups’ spokespeople to say where the pack is kept.'],
	'key-contacts': ['Contact list in the shared folder, checked quarterly by the cabinet support officer.', 'Key contacts sheet updated last month.'],
	priorities: ['One-page summary of priorities and the improvement plan, refreshed after the budget.'],
	'inspection-history': ['Judgements, letters and the open actions tracker are in the pack.'],
	'budget-position': ['Finance business partner wrote a two-page note on pressures: placements and transport.'],
	'corporate-parenting': ['Terms of reference, forward plan and the visit rota are in the pack.'],
	'statutory-duties': ['Monitoring officer’s note on the Lead Member’s statutory duties is filed.'],
	'sharing-model': ['Deputy model written up and agreed by cabinet: the deputy leads on SEND.', 'Division between education and social care portfolios written down.'],
	cover: ['The deputy signs off urgent decisions when the Lead Member is away.'],
	'partner-introductions': ['List of partners to meet in the first three months agreed with the DCS.'],
	'children-in-care-council': ['Participation team will arrange a meeting with the children in care council within a month of any change.'],
	'care-leavers-forum': ['Leaving care service will invite a new Lead Member to the next forum meeting.']
};

/** Why an item does not apply to an authority (a sentence, as the checklist asks). */
const NA_REASONS = [
	'We have a single Lead Member with no deputies, so there is no sharing arrangement to write up.',
	'Our authority is under a children’s trust, which briefs any incoming Lead Member itself.',
	'The whole council is up for election every four years, and the group has already agreed this.',
	'This is covered by the council-wide member induction, which every new cabinet member attends.'
];

const ROLE_OWNERS = ['Director of Children’s Services', 'Head of democratic services', 'Group leader', 'Assistant director, social care', 'Participation lead', 'Cabinet support officer'];

type Stage = { pDone: number; pProgress: number };
const STAGES: Stage[] = [
	{ pDone: 0, pProgress: 0 }, // not started
	{ pDone: 0.12, pProgress: 0.2 },
	{ pDone: 0.35, pProgress: 0.25 },
	{ pDone: 0.55, pProgress: 0.2 },
	{ pDone: 0.8, pProgress: 0.1 },
	{ pDone: 0.95, pProgress: 0.05 }
];

/** Authorities whose next poll is early in 2027, so their open items are flagged now. */
const EARLY_POLL = new Set(['Cumberland', 'Coventry', 'Peterborough']);
const EARLY_POLL_DATE = '2027-02-25';

export function seedSuccession(ctx: DemoContext): void {
	const { db, now } = ctx;
	// A generator of our own, so what other areas' seeders draw does not change this area's demo.
	const random = seededRandom(62_026);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
	const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
	const adminId = ctx.memberId('admin@example.org');
	const coordinatorId = ctx.memberId('coordinator@example.org');

	// --- Template versions ----------------------------------------------------------------------
	const install = (spec: TemplateSpec, version: number, summary: string, at: number) => {
		const t = db.insert(checklistTemplate).values({ version, status: 'published', summary, createdById: adminId, createdAt: at, publishedById: adminId, publishedAt: at }).returning().get();
		const items = new Map<string, { id: number; weight: number; title: string }>();
		spec.forEach((s, si) => {
			const section = db.insert(templateSection).values({ templateId: t.id, key: s.key, title: s.title, position: si }).returning().get();
			s.items.forEach((i, ii) => {
				const row = db.insert(templateItem).values({ templateId: t.id, sectionId: section.id, key: i.key, title: i.title, guidance: i.guidance, weight: i.weight, position: ii }).returning().get();
				items.set(i.key, { id: row.id, weight: i.weight, title: i.title });
			});
		});
		return { id: t.id, version, items };
	};
	const v1 = install(DEFAULT_TEMPLATE, 1, 'The first version of the checklist.', now - 400 * DAY);
	const v2 = install(versionTwo(), 2, 'Added an introduction to the care leavers’ forum, and clearer guidance on key contacts.', now - 21 * DAY);

	// --- Which authorities, and who is in each ---------------------------------------------------
	const all = db.select().from(authority).all();
	const membersOf = new Map<number, number[]>();
	for (const m of ctx.members) membersOf.set(m.authorityId, [...(membersOf.get(m.authorityId) ?? []), m.id]);
	const chosen = all.filter((a) => membersOf.has(a.id) || random() < 0.55).sort((a, b) => a.name.localeCompare(b.name));

	const electionFor = (a: (typeof all)[number]): string | null => {
		if (EARLY_POLL.has(a.name)) return EARLY_POLL_DATE;
		if (a.name === 'Lancashire') return '2027-05-06';
		if (random() < 0.15) return null;
		switch (a.kind) {
			case 'metropolitan':
				return '2027-05-06';
			case 'london':
				return '2030-05-02';
			case 'county':
				return pick(['2029-05-03', '2027-05-06']);
			default:
				return pick(['2027-05-06', '2027-05-06', '2028-05-04', '2029-05-03']);
		}
	};

	type Answer = { status: 'not-started' | 'in-progress' | 'done' | 'not-applicable'; ownerMemberId: number | null; ownerName: string; dueDate: string | null; note: string; naReason?: string; at: number; by: number | null };

	const lancashire = ctx.authorityId('Lancashire');
	const tom = ctx.memberId('member@example.org');
	const aisha = ctx.members.find((m) => m.authorityId === lancashire && m.id !== tom)?.id ?? tom;
	const day = (offset: number) => isoDate(now + offset * DAY);
	const lancashireAnswers: Record<string, Partial<Answer>> = {
		'successor-identified': { status: 'done', ownerMemberId: tom, note: 'The group leader and I agreed a likely successor in September.' },
		'shadow-panel': { status: 'done', ownerMemberId: aisha, note: 'Aisha sits on the corporate parenting panel.' },
		'key-contacts': { status: 'done', ownerName: 'Cabinet support officer', note: 'Contact list in the shared folder.' },
		priorities: { status: 'done', ownerMemberId: tom, note: 'One-page priorities note and the improvement plan are in the pack.' },
		'inspection-history': { status: 'done', ownerName: 'Director of Children’s Services', note: 'Last inspection letter and the actions tracker filed.' },
		'budget-position': { status: 'done', ownerName: 'Finance business partner', note: 'Two-page note on the budget and the placement pressures.' },
		'corporate-parenting': { status: 'done', ownerMemberId: aisha, note: 'Panel terms of reference and the visit rota are in the pack.' },
		'sharing-model': { status: 'done', ownerMemberId: tom, note: 'Deputy model written up: Aisha leads on health and wellbeing.' },
		'cross-party-briefing': { status: 'done', ownerName: 'Director of Children’s Services', note: 'Agreed at the leaders’ meeting in October.' },
		'successor-willing': { status: 'in-progress', ownerMemberId: tom, dueDate: day(25) },
		'induction-plan': { status: 'in-progress', ownerMemberId: aisha, dueDate: day(-8), note: 'First draft with democratic services.' },
		'officer-led-induction': { status: 'in-progress', ownerName: 'Director of Children’s Services', dueDate: day(69) },
		'children-in-care-council': { status: 'in-progress', ownerMemberId: tom, dueDate: day(97) },
		'statutory-duties': { dueDate: day(40) }
	};

	for (const a of chosen) {
		const people = membersOf.get(a.id) ?? [];
		const isLancs = a.id === lancashire;
		const template = isLancs || random() < 0.75 ? v2 : v1;
		const stage = isLancs ? null : a.name === 'Salford' ? STAGES[4] : pick(STAGES);
		const createdAt = now - between(60, 330) * DAY;
		const electionDate = electionFor(a);
		const answers = new Map<string, Answer>();
		for (const [key, item] of template.items) {
			let ans: Answer = { status: 'not-started', ownerMemberId: null, ownerName: '', dueDate: null, note: '', at: createdAt, by: null };
			if (isLancs) {
				const given = lancashireAnswers[key];
				if (given) ans = { ...ans, ...given, at: now - between(2, 50) * DAY, by: given.ownerMemberId ?? pick([tom, aisha]) };
			} else if (stage && key !== 'care-leavers-forum') {
				const r = random();
				const status = r < stage.pDone ? 'done' : r < stage.pDone + stage.pProgress ? 'in-progress' : item.weight === 1 && random() < 0.15 && stage.pDone > 0 ? 'not-applicable' : 'not-started';
				if (status !== 'not-started') {
					const byMember = people.length > 0 && random() < 0.6;
					ans = {
						status,
						ownerMemberId: byMember ? pick(people) : null,
						ownerName: byMember ? '' : status === 'not-applicable' ? '' : pick(ROLE_OWNERS),
						dueDate: status === 'in-progress' ? day(between(-40, 200)) : null,
						note: status === 'done' ? pick(NOTES[key] ?? ['Done – see the handover folder.']) : '',
						naReason: status === 'not-applicable' ? pick(NA_REASONS) : '',
						at: createdAt + between(1, Math.max(2, Math.floor((now - createdAt) / DAY) - 1)) * DAY,
						by: people.length ? pick(people) : null
					};
				} else if (random() < 0.3 && stage.pDone > 0) {
					ans = { ...ans, dueDate: day(between(-20, 240)) };
				}
			}
			answers.set(key, ans);
		}
		const last = [...answers.values()].reduce((m, x) => (x.at > m.at ? x : m), { at: createdAt, by: null as number | null });
		const c = db
			.insert(checklist)
			.values({
				authorityId: a.id,
				templateId: template.id,
				electionDate,
				electionSetById: electionDate ? (people[0] ?? null) : null,
				electionSetAt: electionDate ? createdAt + DAY : null,
				createdAt,
				updatedAt: Math.max(last.at, electionDate ? createdAt + DAY : createdAt),
				updatedById: last.by ?? people[0] ?? null
			})
			.returning()
			.get();
		// Every checklist began on version 1; those on version 2 moved to it after it was published.
		const history: (typeof checklistChange.$inferInsert)[] = [{ checklistId: c.id, field: 'version', fromValue: '', toValue: '1', changedById: people[0] ?? null, at: createdAt }];
		if (template.id === v2.id) {
			const at = now - between(2, 20) * DAY;
			history.push({ checklistId: c.id, itemKey: 'care-leavers-forum', itemTitle: v2.items.get('care-leavers-forum')!.title, field: 'added', fromValue: '', toValue: '2', changedById: people[0] ?? null, at });
			history.push({ checklistId: c.id, field: 'version', fromValue: '1', toValue: '2', changedById: people[0] ?? null, at });
		}
		if (electionDate) history.push({ checklistId: c.id, field: 'election', fromValue: '', toValue: electionDate, changedById: people[0] ?? null, at: createdAt + DAY });
		for (const [key, ans] of answers) {
			const item = template.items.get(key)!;
			const changes = ans.status === 'not-started' && !ans.dueDate ? 0 : 1;
			db.insert(checklistItem)
				.values({
					checklistId: c.id,
					itemKey: key,
					templateItemId: item.id,
					status: ans.status,
					ownerMemberId: ans.ownerMemberId,
					ownerName: ans.ownerName,
					dueDate: ans.dueDate,
					note: ans.note,
					naReason: ans.naReason ?? '',
					version: 1 + changes,
					updatedAt: changes ? ans.at : createdAt,
					updatedById: changes ? ans.by : null
				})
				.run();
			if (!changes) continue;
			const base = { checklistId: c.id, itemKey: key, itemTitle: item.title, changedById: ans.by };
			if (ans.status === 'done') history.push({ ...base, field: 'status', fromValue: 'not-started', toValue: 'in-progress', at: ans.at - between(3, 30) * DAY });
			if (ans.status !== 'not-started') history.push({ ...base, field: 'status', fromValue: ans.status === 'done' ? 'in-progress' : 'not-started', toValue: ans.status, at: ans.at });
			const owner = ans.ownerMemberId != null ? `m:${ans.ownerMemberId}` : ans.ownerName ? `n:${ans.ownerName}` : '';
			if (owner) history.push({ ...base, field: 'owner', fromValue: '', toValue: owner, at: ans.at });
			if (ans.dueDate) history.push({ ...base, field: 'dueDate', fromValue: '', toValue: ans.dueDate, at: ans.at });
			if (ans.note) history.push({ ...base, field: 'note', fromValue: '', toValue: ans.note, at: ans.at });
			if (ans.naReason) history.push({ ...base, field: 'naReason', fromValue: '', toValue: ans.naReason, at: ans.at });
		}
		history.sort((x, y) => x.at - y.at);
		for (const h of history) db.insert(checklistChange).values(h).run();
	}

	// A reminder the North West coordinator sent last week.
	const blackpool = chosen.find((a) => a.name === 'Blackpool');
	if (blackpool) {
		db.insert(successionReminder)
			.values({ authorityId: blackpool.id, day: isoDate(now - 8 * DAY), sentById: coordinatorId, sentAt: now - 8 * DAY, recipientCount: 1, openItemCount: 12, message: 'Worth a look before the group AGM.' })
			.run();
	}
}
