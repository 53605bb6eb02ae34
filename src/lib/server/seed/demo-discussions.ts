/**
 * Demo content for the discussions area: 40-odd threads across categories and regions, with
 * replies, accepted answers, followers, mentions, in-app notifications, read markers and one
 * open report for the moderation queue. Deterministic (times from `ctx.now`, jitter from
 * `ctx.random`); written straight to the tables so seeding sends no emails.
 *
 * member@example.org (Tom Ashworth) and mentor@example.org (Sarah Holroyd) have recent
 * activity — their own threads, replies to them, follows and mentions — so their digests and
 * home pages have something to show.
 */
import { asc, eq } from 'drizzle-orm';
import type { DemoContext } from './context';
import { category, member, notification, post, postReport, thread, threadFollow, threadRead } from '../db/schema';
import { DEFAULT_CATEGORIES } from '../discussions/categories';
import { plainText } from '../discussions/render';
import { extractMentions, renderMarkdown } from '../markdown';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Person = { id: number; handle: string; regionId: string; role: string; coordinatorRegionId: string | null };

/** Demo content for the discussions area. */
export function seedDiscussions(ctx: DemoContext): void {
	const { db, now } = ctx;
	if (!db.select({ id: category.id }).from(category).limit(1).get()) {
		DEFAULT_CATEGORIES.forEach((c, i) => db.insert(category).values({ ...c, sortOrder: (i + 1) * 10, createdAt: now - 100 * DAY }).run());
	}
	const categoryBySlug = new Map(db.select({ id: category.id, slug: category.slug }).from(category).all().map((c) => [c.slug, c.id]));
	const rows = db.select({ id: member.id, handle: member.handle, role: member.role, coordinatorRegionId: member.coordinatorRegionId }).from(member).all();
	const regionOf = new Map(ctx.members.map((m) => [m.id, m.regionId]));
	const byId = new Map<number, Person>(rows.map((r) => [r.id, { ...r, regionId: regionOf.get(r.id) ?? '' }]));
	const byHandle = new Map(rows.map((r) => [r.handle, byId.get(r.id)!]));
	const who = (key: string): Person => {
		const p = byId.get(ctx.memberId(key.includes('@') ? key : `${key}@example.org`));
		if (!p) throw new Error(`Demo discussions name an unknown member: ${key}`);
		return p;
	};
	const sees = (p: Person, regionId: string | null) => regionId == null || p.regionId === regionId || p.role === 'admin' || (p.role === 'coordinator' && p.coordinatorRegionId === regionId);

	const specs = [...DEMO_THREADS].sort((a, b) => b.days - a.days);
	for (const spec of specs) {
		const author = who(spec.by);
		const regionId = spec.scope === 'region' ? author.regionId : null;
		const categoryId = categoryBySlug.get(spec.category);
		if (!categoryId) throw new Error(`Demo thread "${spec.title}" names an unknown category ${spec.category}`);

		// Times: the thread starts `days` ago (give or take two hours); replies follow in order,
		// squeezed if needed so that the last one is at least half an hour before now.
		const start = now - spec.days * DAY + Math.floor((ctx.random() - 0.5) * 4 * HOUR);
		const replies = spec.replies ?? [];
		const gaps = replies.map((r) => (r.after ?? 12) * HOUR + Math.floor(ctx.random() * 50 * 60_000));
		const total = gaps.reduce((a, b) => a + b, 0);
		const room = now - 30 * 60_000 - start;
		const scale = total > room ? room / total : 1;
		const times = [start];
		for (const g of gaps) times.push(times[times.length - 1] + Math.max(60_000, Math.floor(g * scale)));

		const posters = [author, ...replies.map((r) => who(r.by))];
		for (const p of posters) if (!sees(p, regionId)) throw new Error(`Demo thread "${spec.title}": a poster cannot see it`);

		const t = db
			.insert(thread)
			.values({
				title: spec.title,
				categoryId,
				regionId,
				authorId: author.id,
				isQuestion: !!spec.question,
				postCount: posters.length,
				lastPostAt: times[times.length - 1],
				lastPosterId: posters[posters.length - 1].id,
				pinnedAt: spec.pinned ? start + HOUR : null,
				lockedAt: spec.locked ? times[times.length - 1] + 10 * 60_000 : null,
				lockedById: spec.locked ? who('admin').id : null,
				createdAt: start,
				updatedAt: times[times.length - 1]
			})
			.returning({ id: thread.id })
			.get();

		const following = new Set<number>();
		const lastPosted = new Map<number, number>();
		const follow = (p: Person, at: number) => {
			if (following.has(p.id) || !sees(p, regionId)) return;
			following.add(p.id);
			db.insert(threadFollow).values({ memberId: p.id, threadId: t.id, following: true, createdAt: at }).run();
		};
		const bodies = [spec.body, ...replies.map((r) => r.body)];
		for (let i = 0; i < posters.length; i++) {
			const poster = posters[i];
			const at = times[i];
			const body = bodies[i];
			const mentioned = extractMentions(body)
				.map((h) => byHandle.get(h))
				.filter((p): p is Person => !!p);
			const html = renderMarkdown(body, { mentionHref: (h) => (byHandle.has(h) ? `/members/${byHandle.get(h)!.handle}` : null) });
			const p = db
				.insert(post)
				.values({ threadId: t.id, number: i + 1, authorId: poster.id, title: i === 0 ? spec.title : '', body, html, plain: plainText(body), createdAt: at })
				.returning({ id: post.id })
				.get();
			const readAt = at < now - 4 * DAY ? at + 2 * HOUR : null;
			const notify = (memberId: number, kind: 'mention' | 'reply' | 'answer', detail = '') =>
				db.insert(notification).values({ memberId, kind, threadId: t.id, postId: p.id, actorId: poster.id, detail, createdAt: at, readAt }).onConflictDoNothing().run();
			const told = new Set<number>([poster.id]);
			for (const m of mentioned) {
				if (told.has(m.id) || !sees(m, regionId)) continue;
				told.add(m.id);
				notify(m.id, 'mention');
			}
			if (i > 0) for (const f of following) if (!told.has(f)) notify(f, 'reply');
			if (i === 0) for (const f of spec.followers ?? []) follow(who(f), at + HOUR);
			follow(poster, at);
			lastPosted.set(poster.id, i + 1);
			if (i > 0 && replies[i - 1].answer) {
				const acceptedAt = Math.min(at + 3 * HOUR, now - 10 * 60_000);
				db.update(thread).set({ acceptedPostId: p.id, acceptedById: author.id, acceptedAt }).where(eq(thread.id, t.id)).run();
				if (poster.id !== author.id) {
					db.insert(notification)
						.values({ memberId: poster.id, kind: 'answer', threadId: t.id, postId: p.id, actorId: author.id, detail: 'answerer', createdAt: acceptedAt, readAt: acceptedAt < now - 4 * DAY ? acceptedAt + HOUR : null })
						.onConflictDoNothing()
						.run();
				}
			}
		}
		// Read markers: posters have read up to their own last post (or a little further);
		// followers who never posted are two posts behind, so lists show "new".
		for (const f of following) {
			const own = lastPosted.get(f);
			const lastRead = own ?? Math.max(1, posters.length - 2);
			db.insert(threadRead).values({ memberId: f, threadId: t.id, lastReadNumber: lastRead, updatedAt: times[lastRead - 1] }).run();
		}
	}

	for (const r of DEMO_REPORTS) {
		const t = db.select({ id: thread.id, regionId: thread.regionId }).from(thread).where(eq(thread.title, r.thread)).get();
		if (!t) throw new Error(`Demo report names an unknown thread: ${r.thread}`);
		const p = db.select({ id: post.id, createdAt: post.createdAt }).from(post).where(eq(post.threadId, t.id)).orderBy(asc(post.number)).all()[r.reply];
		if (!p) throw new Error(`Demo report names an unknown reply: ${r.thread} #${r.reply}`);
		db.insert(postReport).values({ postId: p.id, regionId: t.regionId, reporterId: who(r.by).id, reason: r.reason, note: r.note, createdAt: Math.min(p.createdAt + 5 * HOUR, now - HOUR) }).run();
	}
}

// --- The content ----------------------------------------------------------------------------
// `by` is a demo member's email without "@example.org". `days`: how long ago the thread started;
// replies follow in order, `after` hours after the previous post. `scope: 'region'` keeps a
// thread to its author's region. `@handles` in bodies become mentions. Every person is invented
// and nothing identifies a child.

/** A reply in a demo thread. */
export type DemoReply = { by: string; body: string; after?: number; answer?: boolean };
/** A demo thread. */
export type DemoThread = {
	by: string;
	title: string;
	category: string;
	scope?: 'national' | 'region';
	question?: boolean;
	days: number;
	body: string;
	replies?: DemoReply[];
	/** Members who follow without posting. */
	followers?: string[];
	pinned?: boolean;
	locked?: boolean;
};

export const DEMO_THREADS: DemoThread[] = [
	{
		by: 'admin',
		title: 'Welcome – how to get the most from discussions',
		category: 'the-role',
		days: 80,
		pinned: true,
		body: `Welcome to the discussions. A few things that help everyone:

- **Ask early.** No question is too basic – most of us were new once, and the network exists for the questions you would rather not ask in a cabinet meeting.
- **Tick "This is a question"** when you want an answer. When a reply answers it, mark it as the answer so others can find it later.
- **Choose the scope.** National threads are read by every Lead Member in England; regional ones only by your region, your coordinator and us.
- **Never identify a child or young person** – no names, schools, photos or case details, even in passing.

You will get replies to threads you follow in your weekly digest unless you change your email settings.`,
		replies: [
			{ by: 'coordinator', after: 30, body: 'Thank you, Priya. For North West colleagues: I read the regional threads most mornings, so tag me with @bernadette-kelly if something needs a quick answer.' },
			{ by: 'mentor', after: 50, body: 'One tip from me: search before you post. There are good threads on inspection and corporate parenting already, and adding to an old thread keeps the learning in one place.' }
		]
	},
	{
		by: 'member',
		title: 'How do you prepare for an ILACS inspection as a new Lead Member?',
		category: 'inspection',
		question: true,
		days: 12,
		body: `I took on the portfolio in August and our DCS expects the ILACS notification some time in the new year. I have read the Ofsted framework, but I am unsure what inspectors will want from me personally.

What did you do in the months before, and what were you asked in the Lead Member meeting?`,
		followers: ['aisha.patel', 'gemma.lightfoot'],
		replies: [
			{
				by: 'mentor',
				after: 5,
				answer: true,
				body: `I have been through two full inspections in Leeds. What helped most:

1. **Know your self-evaluation.** Read it properly and be able to say, in your own words, what the three biggest strengths and weaknesses are – and what you are doing about the weaknesses.
2. **Know your numbers.** Caseloads, agency social worker rates, the number of children in care and how it has moved, placement stability, care leavers in education, employment or training.
3. **Show challenge.** Inspectors want to see that you hold the DCS to account. Bring examples: a question you asked at a briefing that changed something, a scrutiny recommendation you followed up.
4. **Meet children and care leavers** before the inspection, not because of it. Inspectors will ask how you hear from them directly.

In the meeting itself I was asked what keeps me awake at night. Have an honest answer ready.`
			},
			{ by: 'kevin.doyle', after: 9, body: 'Agree with all of that. I would add: ask your DCS for a mock Lead Member interview with a peer from another authority. Ours was uncomfortable and worth every minute.' },
			{ by: 'deborah.tansley', after: 20, body: 'Also read your last two monitoring or focused visit letters. Inspectors check whether you followed up their previous recommendations, and they noticed when our cabinet member could not say what had changed.' },
			{ by: 'member', after: 30, body: 'This is really helpful, thank you all. @sarah-holroyd – would you be willing to talk through your self-evaluation routine at our next mentoring meeting?' },
			{ by: 'mentor', after: 4, body: 'Of course. Bring your latest self-evaluation and a list of the questions you find hardest to answer.' },
			{ by: 'lorraine.fagg', after: 180, body: 'Late to this, but Kent’s experience: keep a one-page note of every challenge you have made to officers, with dates. When the inspector asked for evidence of challenge I could point to it straight away.' }
		]
	},
	{
		by: 'mentor',
		title: 'Corporate parenting panel: how often do you hear directly from children in care?',
		category: 'corporate-parenting',
		question: true,
		days: 21,
		body: `Our panel hears from the children in care council twice a year, and I do not think that is enough. Reports from officers are good, but they are not the same as hearing it first hand.

How often do you hear directly from children and care leavers, and how do you make it worth their while?`,
		replies: [
			{ by: 'jerome.campbell', after: 6, body: 'In Manchester the children in care council co-chairs one panel meeting in three. They set the agenda for that meeting. Attendance by councillors went up when we started it.' },
			{ by: 'denise.charles', after: 12, answer: true, body: `We moved from "presentations to the panel" to **panel members going to them**. Twice a term two councillors join the children in care council on its own ground, with a youth worker present, and report back.

The young people decide what they want to raise. We pay for their time with vouchers and we always send a written "you said, we did" within six weeks – that last part matters more than anything.` },
			{ by: 'niamh.gallagher', after: 20, body: 'Seconding "you said, we did". When we missed it once, attendance dropped for months.' },
			{ by: 'tamsin.penrose', after: 48, body: 'Rural authority perspective: travel is the barrier here. We run an online session in the school holidays and a summer event in person. Smaller numbers but steadier.' },
			{ by: 'mentor', after: 24, body: 'Thank you – I will take the co-chair idea and the “you said, we did” letter to our next panel. Marking Denise’s reply as the answer because it changed how I think about it.' },
			{ by: 'member', after: 100, body: 'Saving this thread. @sarah-holroyd, did your panel agree to try the co-chair model?' },
			{ by: 'mentor', after: 20, body: '@tom-ashworth yes – we start in January with the care leavers forum co-chairing. I will report back here.' }
		]
	},
	{
		by: 'coordinator',
		title: 'North West network meeting on 9 December – agenda suggestions',
		category: 'training',
		scope: 'region',
		days: 6,
		body: 'Our next regional Lead Member meeting is in Preston. The draft agenda has the new inspection framework and sufficiency. What else would you like on it? Reply here by Friday.',
		followers: ['claire.hindley'],
		replies: [
			{ by: 'richard.bentley', after: 10, body: 'Could we have half an hour on the SEND transport budget? Every authority I talk to is over.' },
			{ by: 'member', after: 20, body: 'As someone new, a short session on working with scrutiny would help – I have my first call-in next month.' },
			{ by: 'nasreen.akhtar', after: 6, body: 'Happy to lead a short item on the family help reforms from Manchester’s pathfinder experience.' },
			{ by: 'coordinator', after: 30, body: 'Thank you all – @tom-ashworth, I have added a scrutiny slot and asked @michael-greenhalgh to join it as a scrutiny chair. Richard, transport is in.' },
			{ by: 'michael.greenhalgh', after: 8, body: 'Glad to. I will bring a couple of examples of call-ins that went well and one that did not.' }
		]
	},
	{
		by: 'gemma.lightfoot',
		title: 'First six months in the role: what I wish I had known',
		category: 'the-role',
		days: 40,
		body: `Six months in, here is my list for anyone newer than me:

- Block out reading time. The papers do not get shorter.
- Ask for a weekly one-to-one with the DCS from day one, not "when needed".
- Visit the front door (the multi-agency safeguarding hub) early – it teaches you more than any briefing.
- Find a mentor. The network set me up with one within a fortnight.

What would you add?`,
		replies: [
			{ by: 'claire.hindley', after: 8, body: 'Learn the budget cycle early. By the time the medium-term financial plan reaches cabinet, the big decisions have been shaped months before.' },
			{ by: 'stuart.nicholson', after: 30, body: 'Go on a Regulation 44 visit with the independent visitor if you can. It makes the reports real.' },
			{ by: 'member', after: 200, body: 'As someone three months in, this is gold. The weekly one-to-one with the DCS made the biggest difference for me too.' }
		]
	},
	{
		by: 'imran.hussain',
		title: 'Residential placement costs: anyone using a regional framework that actually works?',
		category: 'budgets',
		question: true,
		days: 18,
		body: 'Our average weekly cost for a residential placement has risen by a third in two years. We are part of a regional framework but most placements are still spot purchased. Has anyone made a framework work in practice – and what changed?',
		replies: [
			{ by: 'tim.hadley', after: 12, body: 'Somerset built two small homes of its own with capital funding. Slow to set up and registration took longer than planned, but the unit cost is now well below the spot market.' },
			{ by: 'simon.ashford', after: 20, answer: true, body: `The framework only worked for us once we **committed volumes** – providers would not hold prices without a guaranteed number of beds. We also:

- set up a joint commissioning team with two neighbours,
- shared sufficiency data openly with providers every quarter,
- agreed a price review formula up front instead of annual haggling.

It took about eighteen months before we saw savings.` },
			{ by: 'harjit.sandhu', after: 30, body: 'Useful. Did you find providers were willing to take children with the most complex needs within the framework, or did those still go spot?' },
			{ by: 'simon.ashford', after: 10, body: 'Most complex placements still go spot, honestly. The framework helped with the middle of the market.' }
		]
	},
	{
		by: 'farida.rahman',
		title: 'EHCP timeliness: what actually moved the needle?',
		category: 'education-send',
		question: true,
		days: 25,
		body: 'Our 20-week completion rate for education, health and care plans has dropped below half. We have recruited more caseworkers, but educational psychology capacity is the bottleneck. What worked elsewhere?',
		followers: ['member', 'chloe.burrows'],
		replies: [
			{ by: 'claire.hindley', after: 10, body: 'We grew our own educational psychologists through the trainee route and offered a retention payment. Two years in, it is paying off.' },
			{ by: 'shamima.khatun', after: 14, answer: true, body: 'What moved it for us was tracking every plan weekly at a meeting the DCS chairs, with health and education in the room. Delays had been sitting between services. Visible tracking and named owners took us from 38% to 71% in a year.' },
			{ by: 'member', after: 40, body: 'Thank you – we are seeing the same pattern in Lancashire. Shamima, who from health attends your weekly meeting?' },
			{ by: 'shamima.khatun', after: 8, body: 'The designated clinical officer, and someone from the community paediatrics team once a month.' },
			{ by: 'mark.ellison', after: 120, body: 'Following – Lincolnshire is about to start a similar weekly tracker.' }
		]
	},
	{
		by: 'member',
		title: 'Working with scrutiny as a new cabinet member – how much should I attend?',
		category: 'the-role',
		question: true,
		days: 4,
		body: 'I have been invited to every children’s scrutiny committee meeting. Some colleagues say go to all of them, others say only when called. What do experienced Lead Members do?',
		replies: [
			{ by: 'michael.greenhalgh', after: 5, body: 'Speaking as a scrutiny chair: come when you are invited to account for something, and to the work programme session once a year. Coming to every meeting can make it look as if you are marking our homework.' },
			{ by: 'peter.hanley', after: 18, body: 'Agree with Michael. A short informal catch-up with the chair before each meeting is more valuable than sitting in the public gallery.' },
			{ by: 'caroline.ashby', after: 30, body: 'And welcome challenge when it comes. My best decisions came after scrutiny pushed back.' }
		]
	},
	{
		by: 'daniel.okafor',
		title: 'Safeguarding partnership: is your independent scrutineer worth it?',
		category: 'safeguarding',
		days: 33,
		body: 'Our three safeguarding partners are reviewing whether to keep an independent scrutineer. The cost is not huge, but some partners question the value. Views from other areas?',
		replies: [
			{ by: 'elizabeth.fairbanks', after: 20, body: 'Ours is the only person who can tell the three partners that they are all getting it wrong. I would keep the role but be clear about what you want from them each year.' },
			{ by: 'paul.hodgson', after: 40, body: 'We replaced ours with a peer arrangement with a neighbouring partnership. Cheaper and surprisingly candid.' },
			{ by: 'priyanka.mistry', after: 60, body: 'Whatever you choose, the Lead Member should see the scrutineer’s annual report before it is published, not after.' }
		]
	},
	{
		by: 'esther.adeyemi',
		title: 'Budget setting in February: protecting early help when everything is under pressure',
		category: 'budgets',
		days: 50,
		body: 'Every February early help is the first thing finance colleagues look at. Over three budgets we have kept it whole by showing what it prevents. How do others make the case?',
		replies: [
			{ by: 'hannah.gedge', after: 12, body: 'We show cabinet the cost of one child coming into care against a year of a family support worker. It is crude but it lands.' },
			{ by: 'kerry.bevan', after: 30, body: 'Bring partners with you. When the police and health said early help reduced their demand, the conversation changed.' },
			{ by: 'fiona.charlton', after: 48, body: 'We lost part of ours two years ago and we are still paying for it in referrals. Happy to share the figures privately.' }
		]
	},
	{
		by: 'amara.nwosu',
		title: 'Youth voice: paying young people for their time',
		category: 'engaging-children',
		question: true,
		days: 15,
		body: 'Our youth council members give a lot of time to consultations. We give vouchers, but some feel that undervalues them. Does anyone pay young people properly for participation work, and how did you handle the rules?',
		replies: [
			{ by: 'sam.whitlock', after: 10, answer: true, body: 'Brighton and Hove pays an hourly rate, at the real living wage, for paid participation roles (sixteen and over) with a proper role description. Under sixteens get vouchers and accredited volunteering certificates. HR and the benefits team helped us check nobody lost out.' },
			{ by: 'tariq.hamid', after: 30, body: 'We did the same for care leavers on interview panels. Worth speaking to your benefits advice team first.' },
			{ by: 'kofi.asante', after: 60, body: 'Thank you – Swindon is about to review this too.' }
		]
	},
	{
		by: 'janet.dobson',
		title: 'Handing over the portfolio before May: what should go in the pack?',
		category: 'succession',
		days: 28,
		body: `I am standing down in May after eleven years. Whoever follows me will need more than the committee papers. I am drafting a handover pack and would welcome a check of my list:

- the people: DCS, heads of service, partners, children in care council
- the numbers and how they have moved
- inspection history and what is still outstanding
- the budget and its pressures
- corporate parenting arrangements and our pledge
- what I would do differently

What am I missing?`,
		followers: ['mentor'],
		replies: [
			{ by: 'deborah.tansley', after: 8, body: 'A list of promises made – to young people, to schools, to partners – that are not yet kept. Your successor inherits them whether they know about them or not.' },
			{ by: 'mentor', after: 12, body: 'The unwritten calendar: when the budget conversations really start, when the annual conversations with the regional Ofsted team happen, when the care leavers’ celebration is. Janet, your pack sounds excellent.' },
			{ by: 'rebecca.thorne', after: 40, body: 'Introductions in person where you can. A handover pack is good; an introduction from you to the chair of the children in care council is better.' }
		]
	},
	{
		by: 'robin.pryce',
		title: 'Succession when your party might lose control',
		category: 'succession',
		question: true,
		days: 9,
		body: 'Only half of Lead Members say they have arrangements for a change of party control. If the administration changes in May, what should officers and the outgoing Lead Member have ready?',
		replies: [
			{ by: 'liam.brennan', after: 20, body: 'We agreed with the opposition spokesperson that they would get the same induction briefing as any new Lead Member, whoever wins. It took the politics out of it.' },
			{ by: 'abigail.lyons', after: 30, body: 'Our DCS keeps a neutral “first 100 days” briefing updated every quarter. It belongs to the service, not to the administration.' }
		]
	},
	{
		by: 'kwame.mensah',
		title: 'London: pan-London approach to unaccompanied children',
		category: 'partnerships',
		scope: 'region',
		days: 19,
		body: 'The London transfer arrangements are under review again. I would like to gather Lead Members’ views before our next regional meeting. What is working and what is not?',
		replies: [
			{ by: 'graham.oakes', after: 10, body: 'Croydon and Sutton carry a heavy share because of where the arrival points are. Any review must look at fairness across boroughs.' },
			{ by: 'maryam.siddiqui', after: 24, body: 'Health assessments are the sticking point for us – the waits are long and the records do not always follow the young person.' },
			{ by: 'felix.harrington', after: 40, body: 'New to the role – is there a summary of the current agreement somewhere I can read before the meeting?' },
			{ by: 'kwame.mensah', after: 5, body: '@felix-harrington I will send it round with the papers. Good question.' }
		]
	},
	{
		by: 'helen.watson',
		title: 'Elective home education: rising numbers and what councillors can do',
		category: 'education-send',
		days: 35,
		body: 'Our elective home education numbers have more than doubled since 2020. Most families do a good job; some children disappear from view. With no register yet, what are others doing?',
		replies: [
			{ by: 'janet.dobson', after: 16, body: 'We fund an extra officer to visit every new family within a month, by invitation. Most accept.' },
			{ by: 'gurpreet.bains', after: 40, body: 'Make sure your children missing education and home education teams share one list. Ours did not, until a serious case review told us to.' }
		]
	},
	{
		by: 'zainab.malik',
		title: 'Agency social workers: has a regional memorandum of understanding held?',
		category: 'partnerships',
		question: true,
		days: 44,
		body: 'The West Midlands pay-rate agreement for agency social workers has been in place for a while. Has it held in other regions, and has it helped retention?',
		replies: [
			{ by: 'elizabeth.fairbanks', after: 20, answer: true, body: 'In the South East it held for about eighteen months, then cracked when one authority was in intervention and paid over the cap. What made the difference was the new national rules on agency pay, plus a shared “return to permanent” offer.' },
			{ by: 'desmond.clarke', after: 30, body: 'Zainab, bring this to the December regional meeting – Sandwell would like to compare notes.' }
		]
	},
	{
		by: 'fiona.charlton',
		title: 'North East: shared training day for new Lead Members in spring',
		category: 'training',
		scope: 'region',
		days: 10,
		body: 'Margaret and I are thinking about a shared day for the North East’s newer Lead Members and deputies in March. Would you come, and what should it cover?',
		replies: [
			{ by: 'joanne.pallister', after: 8, body: 'Yes please. Corporate parenting and what good looks like in a Regulation 44 report.' },
			{ by: 'craig.robson', after: 18, body: 'Youth justice – I chair our board and still feel I learnt it on the job.' },
			{ by: 'margaret.elliott', after: 24, body: 'Lovely. I will draft a programme and put it in the regional digest.' }
		]
	},
	{
		by: 'lorraine.fagg',
		title: 'Focused visits: what changed in your authority after one?',
		category: 'inspection',
		days: 60,
		body: 'We had a focused visit on children in need this summer. The letter was fair. I would like to hear how others turned letters into change that children notice, not just an action plan.',
		replies: [
			{ by: 'caroline.ashby', after: 20, body: 'We asked the children in care council to hold us to the three areas for improvement. They review progress with me every quarter.' },
			{ by: 'jonathan.venning', after: 50, body: 'Limit the action plan to what you can actually track. Ours had forty actions the first time and we lost sight of the important three.' },
			{ by: 'mentor', after: 70, body: 'Agree with Jonathan. And look at practice, not paperwork – dip samples of case files with the principal social worker were eye-opening for me.' }
		]
	},
	{
		by: 'nasreen.akhtar',
		title: 'Family help reforms: early lessons from the pathfinder',
		category: 'safeguarding',
		days: 26,
		body: `Manchester is one of the pathfinder areas for the family help reforms. Three early lessons:

1. The culture change for social workers and family support workers working in one team is bigger than the structure change.
2. Schools need to be in from the start, not consulted afterwards.
3. Lead Members need a simple way to see whether families are getting help sooner – we built a one-page dashboard.

Happy to answer questions.`,
		followers: ['member', 'coordinator'],
		replies: [
			{ by: 'kerry.bevan', after: 12, body: 'Really useful, thank you. How have you handled the change for the multi-agency safeguarding hub?' },
			{ by: 'nasreen.akhtar', after: 6, body: 'Slowly. We kept the front door the same for six months while the teams behind it changed.' },
			{ by: 'aisha.patel', after: 90, body: 'Would you share the dashboard template? Lancashire is preparing for this.' },
			{ by: 'nasreen.akhtar', after: 200, body: 'Of course – I will bring it to the North West meeting on 9 December. @tom-ashworth you may find it useful too.' }
		]
	},
	{
		by: 'owen.griffiths',
		title: 'Care leavers’ council tax exemption – who has extended it to 25?',
		category: 'corporate-parenting',
		question: true,
		days: 38,
		body: 'Many authorities exempt their care leavers from council tax to 25. Have you extended it to care leavers living in your area but looked after by another authority?',
		replies: [
			{ by: 'niamh.gallagher', after: 8, answer: true, body: 'Islington extended it to every care leaver living in the borough last year. The cost was smaller than feared – fewer than forty extra people – and it removed the confusion over who qualifies.' },
			{ by: 'abigail.lyons', after: 20, body: 'Gloucestershire is consulting on the same. The two-tier arrangement with districts makes it more complicated for us.' },
			{ by: 'joanne.pallister', after: 60, body: 'Thank you both – I will take this to our corporate parenting board.' }
		]
	},
	{
		by: 'tobi.oyelaran',
		title: 'Deputy Lead Members: how do you split the work?',
		category: 'the-role',
		question: true,
		days: 14,
		body: 'I am a new deputy and my Lead Member and I are agreeing who does what. How have others divided the portfolio between Lead Member and deputies without gaps?',
		replies: [
			{ by: 'chloe.burrows', after: 12, answer: true, body: 'We split by subject (I take SEND and schools) but meet weekly, and the Lead Member keeps statutory accountability for everything. The weekly meeting is what stops gaps.' },
			{ by: 'naveed.iqbal', after: 20, body: 'Write it down and share it with the DCS and the senior team so officers know who to brief.' }
		]
	},
	{
		by: 'harjit.sandhu',
		title: 'East Midlands: joint commissioning of secure welfare beds',
		category: 'budgets',
		scope: 'region',
		days: 30,
		body: 'Following the regional meeting, Derby is willing to host a short-life group on secure welfare places. Who would like to join?',
		replies: [
			{ by: 'alistair.hewitt', after: 20, body: 'Rutland would like to be involved, though our numbers are tiny.' },
			{ by: 'patricia.owusu', after: 30, body: 'I will put this on the regional digest so every authority sees it.' }
		]
	},
	{
		by: 'rosie.dunmore',
		title: 'Children’s mental health: waiting times and schools-based support',
		category: 'partnerships',
		days: 22,
		body: 'Waiting times for child and adolescent mental health services here are still over a year for some pathways. Mental health support teams in schools help, but coverage is patchy. How are Lead Members pressing health partners?',
		replies: [
			{ by: 'ruth.abrahams', after: 14, body: 'We put a waiting times report on every health and wellbeing board agenda. Making it routine made it harder to ignore.' },
			{ by: 'elaine.moseley', after: 40, body: 'Worcestershire’s scrutiny committee did a joint review with health scrutiny. It got the integrated care board to fund two more teams.' },
			{ by: 'karen.whitehouse', after: 60, body: 'Following – Staffordshire is in the same place.' }
		]
	},
	{
		by: 'colin.pettit',
		title: 'Scrutiny of children’s services: questions that really test the service',
		category: 'the-role',
		days: 55,
		body: 'As a scrutiny chair I am always looking for better questions. What questions from scrutiny have made you, as Lead Members, stop and think?',
		replies: [
			{ by: 'mentor', after: 10, body: '“What would a care leaver say about this report?” It changed how we wrote the next one.' },
			{ by: 'gary.wainwright', after: 30, body: '“Which of these figures worries you most, and why?” It moves the conversation away from the ones that look good.' },
			{ by: 'peter.hanley', after: 40, body: '“What did you stop doing last year?” Hardly anyone has a good answer.' }
		]
	},
	{
		by: 'luke.sutcliffe',
		title: 'Six months in: building a relationship with the DCS',
		category: 'the-role',
		scope: 'region',
		days: 16,
		body: 'Yorkshire colleagues – I came into the role with no children’s services background. How did you build a working relationship with your DCS that is close but still allows challenge?',
		replies: [
			{ by: 'mentor', after: 6, body: 'Agree the “no surprises” rule both ways, early. Then challenge in private first and in public only when you need to. Happy to talk, @luke-sutcliffe.' },
			{ by: 'paul.hodgson', after: 30, body: 'Spend a day shadowing them. It builds trust and you see the pressures.' },
			{ by: 'graham.firth', after: 20, body: 'We also have a Yorkshire and Humber Lead Member meeting in January with the regional DCS group – a good place to see how others work.' }
		]
	},
	{
		by: 'sophie.crocker',
		title: 'Placement sufficiency in rural areas',
		category: 'corporate-parenting',
		days: 11,
		body: 'Too many of our children in care live more than twenty miles from home. Fostering recruitment is flat. What have rural authorities tried?',
		replies: [
			{ by: 'morwenna.trewin', after: 18, body: 'Cornwall has had some success with a fostering campaign led by existing foster carers rather than the council. People trust other carers.' },
			{ by: 'robert.hicks', after: 40, body: 'On the islands we have no choice but to place off-island for most needs. We invest in keeping family contact going – travel costs are part of the plan from day one.' }
		]
	},
	{
		by: 'kevin.doyle',
		title: 'Liverpool City Region: shared approach to exclusions',
		category: 'education-send',
		scope: 'region',
		days: 27,
		body: 'The city region authorities are looking at a shared protocol on suspensions and permanent exclusions for children in care. Any North West colleagues outside the city region want to join?',
		replies: [
			{ by: 'claire.hindley', after: 14, body: 'Stockport would. Our virtual school head has a good model for managed moves.' },
			{ by: 'member', after: 48, body: 'Lancashire too – exclusions of children with SEND are one of my priorities.' }
		]
	},
	{
		by: 'hannah.gedge',
		title: 'Early help in rural Norfolk: family hubs that people actually visit',
		category: 'safeguarding',
		days: 48,
		body: 'Our family hubs in market towns are busy; the ones in villages are not. Outreach and mobile services help. What has worked for others?',
		replies: [
			{ by: 'stuart.nicholson', after: 30, body: 'Cumberland runs “pop-up hubs” in village halls on a rota. Health visitors and family support workers together.' }
		]
	},
	{
		by: 'marcus.bell',
		title: 'Youth justice: diverting children from custody',
		category: 'partnerships',
		days: 42,
		body: 'Our youth justice board has halved first-time entrants in three years. The key was an out-of-court disposal panel with the police. Anyone else want to compare approaches?',
		replies: [
			{ by: 'craig.robson', after: 20, body: 'Yes – North Tyneside has a similar panel. We also have a speech and language therapist in the team, which made a big difference.' },
			{ by: 'tariq.hamid', after: 36, body: 'Luton’s experience is the same. Would be good to hear how you measured reoffending.' }
		]
	},
	{
		by: 'jade.morrison',
		title: 'Care leavers and housing: joint protocols with district councils',
		category: 'corporate-parenting',
		question: true,
		days: 3,
		body: 'In two-tier areas the housing duty sits with the districts. How have county Lead Members got a joint housing protocol for care leavers that works?',
		replies: [{ by: 'abigail.lyons', after: 10, body: 'Gloucestershire signed one with all six districts last year. The trick was a named housing officer for care leavers in each district.' }]
	},
	{
		by: 'aidan.mulholland',
		title: 'SEND high-needs deficit: talking to schools about it',
		category: 'education-send',
		question: true,
		days: 2,
		body: 'Our high-needs block deficit is large and growing. Headteachers hear about it only when something is cut. How are you bringing schools into the conversation earlier?',
		followers: ['member']
	},
	{
		by: 'elaine.moseley',
		title: 'Annual reviews of EHCPs: clearing a backlog',
		category: 'education-send',
		question: true,
		days: 1,
		body: 'We have a backlog of annual reviews that is now over a year. Has anyone cleared a backlog like this, and how long did it take?'
	},
	{
		by: 'caroline.ashby',
		title: 'Inspection of local area SEND arrangements: preparing partners',
		category: 'inspection',
		question: true,
		days: 2,
		body: 'The area SEND inspection is joint with health. How did other Lead Members make sure health partners were as ready as the council?'
	},
	{
		by: 'pardeep.gill',
		title: 'Children’s services company or trust: the Lead Member’s role afterwards',
		category: 'the-role',
		days: 36,
		body: 'Slough’s children’s services are delivered through a company owned by the council. The Lead Member’s role feels different from colleagues’ in authorities that deliver directly. Anyone else in a trust or company model?',
		replies: [{ by: 'alistair.hewitt', after: 40, body: 'Not us, but a colleague in a trust area said it helps to attend the company board as an observer at least twice a year.' }]
	},
	{
		by: 'julia.fenwick',
		title: 'East of England: regional digest – what would you like in it?',
		category: 'training',
		scope: 'region',
		days: 20,
		body: 'I am planning the first East of England regional digest. What would be most useful: upcoming training, summaries of good threads, new members?',
		replies: [
			{ by: 'oliver.grant', after: 10, body: 'Summaries of good threads, please – I do not have time to read them all.' },
			{ by: 'anna.kowalski', after: 14, body: 'New members, so we can say hello.' }
		]
	},
	{
		by: 'graham.oakes',
		title: 'Fourteen years in the role: a few reflections',
		category: 'the-role',
		days: 70,
		body: `After fourteen years, some things I would tell my younger self:

> Read the case file audits, not just the summaries.

Listen to frontline social workers as well as their managers. Go to the care leavers' celebration every year, even when the diary is full. And keep a notebook of what children and young people tell you – it is the best reminder of why the job matters.`,
		replies: [
			{ by: 'ruth.abrahams', after: 24, body: 'Thank you, Graham. As someone six months in, this is going on my wall.' },
			{ by: 'harpreet.dhillon', after: 48, body: 'The notebook is a lovely idea.' }
		]
	},
	{
		by: 'peter.hanley',
		title: 'Ofsted judgements and the council’s corporate risk register',
		category: 'inspection',
		days: 65,
		locked: true,
		body: 'Should an inspection judgement of “requires improvement” automatically go on the corporate risk register? Our audit committee thinks yes; officers think it sends the wrong message.',
		replies: [
			{ by: 'simon.ashford', after: 30, body: 'The risk is the underlying practice, not the judgement. Put the practice risks on the register.' },
			{ by: 'admin', after: 60, body: 'Locking this thread now the discussion has run its course – thank you all. Start a new thread if you want to pick it up again.' }
		]
	},
	{
		by: 'naveed.iqbal',
		title: 'Care leavers in employment: apprenticeships within the council',
		category: 'corporate-parenting',
		days: 8,
		body: 'Kirklees ring-fences a number of council apprenticeships for care leavers, with a guaranteed interview. Take-up is good but completion is lower. Anyone cracked the support side?',
		replies: [
			{ by: 'jerome.campbell', after: 12, body: 'Manchester pairs each apprentice with a work coach from outside their team. Completion went up noticeably.' },
			{ by: 'mentor', after: 20, body: 'Leeds found that a small hardship fund for travel and work clothes made more difference than we expected.' }
		]
	},
	{
		by: 'priyanka.mistry',
		title: 'Social work workforce: keeping newly qualified social workers',
		category: 'training',
		days: 13,
		body: 'We lose too many social workers in their second and third year. The assessed and supported year is good; what happens afterwards is the gap. What are others doing?',
		replies: [
			{ by: 'daniel.okafor', after: 20, body: 'Protected caseloads in year two, and a clear career step at year three. And the Lead Member meeting every new cohort.' },
			{ by: 'elizabeth.fairbanks', after: 30, body: 'We ask leavers why. Caseloads and paperwork come first, pay second.' }
		]
	},
	{
		by: 'liam.brennan',
		title: 'Corporate parenting training for all councillors – is it compulsory where you are?',
		category: 'training',
		question: true,
		days: 5,
		body: 'Coventry is considering making corporate parenting training compulsory for every councillor after the May elections. Is it compulsory where you are, and how do you make it more than a tick box?',
		replies: [
			{ by: 'deborah.tansley', after: 12, answer: true, body: 'Compulsory in Leicestershire since 2019. The session is co-delivered by care leavers, which is what makes it stick.' },
			{ by: 'coordinator', after: 20, body: 'Salford did the same. Attendance is reported to full council by name – it concentrates the mind.' },
			{ by: 'member', after: 30, body: 'Lancashire only made it optional last time. Bernadette, could you share how Salford reports attendance?' }
		]
	},
	{
		by: 'chloe.burrows',
		title: 'Transport for children with SEND: costs and independence training',
		category: 'budgets',
		days: 17,
		body: 'Home-to-school transport for children with SEND is one of our biggest overspends. Independent travel training helps some young people and saves money. Who runs it well?',
		replies: [
			{ by: 'kofi.asante', after: 30, body: 'Swindon’s travel training team is small but effective – young people get a certificate and a bus pass. Families were wary at first.' },
			{ by: 'richard.bentley', after: 60, body: 'This is the item I asked for at the North West meeting – thank you for starting it nationally.' }
		]
	},
	{
		by: 'shamima.khatun',
		title: 'Working with faith and community groups on safeguarding',
		category: 'safeguarding',
		days: 24,
		body: 'Tower Hamlets has a network of faith settings that have signed up to safeguarding standards. It took trust and time. Others doing similar work?',
		replies: [{ by: 'zainab.malik', after: 30, body: 'Birmingham has a similar programme with supplementary schools. Happy to connect our officers.' }]
	}
];

/** A reported post for the moderation queue: thread title, reply number, reporter and reason. */
export const DEMO_REPORTS: { thread: string; reply: number; by: string; reason: 'off-topic' | 'personal-information'; note: string }[] = [
	{ thread: 'North West network meeting on 9 December – agenda suggestions', reply: 1, by: 'claire.hindley', reason: 'off-topic', note: 'This is more about budgets than the agenda – could it be its own thread?' }
];
