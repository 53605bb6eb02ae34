/**
 * Words for the large synthetic network: names, thread titles and Markdown posts written for
 * this product (children's services, corporate parenting, SEND …). Everything is drawn from a
 * seeded generator, so the same seed gives the same network.
 */
import type { Topic } from '../../../vocab';

export type Random = () => number;

export const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];
export const between = (random: Random, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

/** `n` different items of `list` (fewer when the list is shorter), chosen at random. */
export function some<T>(random: Random, list: readonly T[], n: number): T[] {
	const copy = [...list];
	const out: T[] = [];
	while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(random() * copy.length), 1)[0]);
	return out;
}

export const FIRST_NAMES = [
	'Aisha', 'Alan', 'Alison', 'Amanda', 'Amir', 'Andrew', 'Angela', 'Anita', 'Anna', 'Anthony', 'Barbara', 'Barry', 'Ben', 'Beverley', 'Bilal',
	'Brian', 'Carol', 'Caroline', 'Catherine', 'Charlotte', 'Chris', 'Claire', 'Colin', 'Craig', 'Daniel', 'David', 'Deborah', 'Denise', 'Derek',
	'Dominic', 'Donna', 'Eileen', 'Elaine', 'Eleanor', 'Emma', 'Farah', 'Fiona', 'Gareth', 'Gary', 'Gemma', 'Geoff', 'Gillian', 'Graham', 'Hannah',
	'Harjit', 'Helen', 'Ian', 'Imran', 'Jackie', 'James', 'Jane', 'Janet', 'Jason', 'Jennifer', 'Jo', 'Joanne', 'John', 'Jonathan', 'Julie',
	'Karen', 'Kate', 'Kathryn', 'Keith', 'Kevin', 'Kim', 'Laura', 'Lesley', 'Linda', 'Lisa', 'Louise', 'Lynne', 'Malcolm', 'Mandy', 'Margaret',
	'Mark', 'Martin', 'Mary', 'Matthew', 'Michael', 'Michelle', 'Mohammed', 'Nadia', 'Naomi', 'Nasreen', 'Neil', 'Nicola', 'Nigel', 'Olivia',
	'Patricia', 'Paul', 'Pauline', 'Peter', 'Philip', 'Priya', 'Rachel', 'Rajesh', 'Rebecca', 'Richard', 'Rob', 'Rosemary', 'Ruth', 'Sadia',
	'Sally', 'Samantha', 'Sandra', 'Sarah', 'Shabana', 'Sharon', 'Simon', 'Sophie', 'Stephen', 'Steve', 'Stuart', 'Sue', 'Sunita', 'Tariq',
	'Teresa', 'Thomas', 'Tim', 'Tracey', 'Victoria', 'Wendy', 'Yasmin', 'Zoe'
] as const;

export const SURNAMES = [
	'Adams', 'Ahmed', 'Akhtar', 'Ali', 'Allen', 'Anderson', 'Armstrong', 'Atkinson', 'Bailey', 'Baker', 'Banks', 'Barker', 'Barnes', 'Bell', 'Bennett',
	'Bhatti', 'Bibi', 'Bird', 'Booth', 'Bradley', 'Brooks', 'Brown', 'Burns', 'Butler', 'Campbell', 'Carter', 'Chapman', 'Chaudhry', 'Clarke',
	'Cole', 'Collins', 'Cook', 'Cooper', 'Cox', 'Davies', 'Dawson', 'Dixon', 'Doyle', 'Edwards', 'Ellis', 'Evans', 'Fisher', 'Fletcher', 'Ford',
	'Foster', 'Fox', 'Gibson', 'Gill', 'Graham', 'Grant', 'Gray', 'Green', 'Griffiths', 'Hall', 'Harris', 'Harrison', 'Hart', 'Hill', 'Holmes',
	'Hughes', 'Hunt', 'Hussain', 'Jackson', 'James', 'Jenkins', 'Johnson', 'Jones', 'Kaur', 'Kelly', 'Khan', 'King', 'Knight', 'Lawrence', 'Lee',
	'Lewis', 'Lloyd', 'Marshall', 'Martin', 'Mason', 'Matthews', 'Mills', 'Mitchell', 'Moore', 'Morgan', 'Morris', 'Murphy', 'Murray', 'Nelson',
	'Newton', 'Norris', 'Owen', 'Palmer', 'Parker', 'Patel', 'Pearson', 'Phillips', 'Powell', 'Price', 'Rahman', 'Reid', 'Richards', 'Richardson',
	'Riley', 'Roberts', 'Robinson', 'Rogers', 'Rose', 'Russell', 'Saunders', 'Scott', 'Shah', 'Sharma', 'Shaw', 'Simpson', 'Singh', 'Smith',
	'Stevens', 'Stewart', 'Taylor', 'Thomas', 'Thompson', 'Turner', 'Walker', 'Wallace', 'Ward', 'Watson', 'Webb', 'Wells', 'White', 'Wilkinson',
	'Williams', 'Wilson', 'Wood', 'Wright', 'Young'
] as const;

/** Sentences by topic, in the voice of councillors talking to each other. */
const SENTENCES: Record<Topic, string[]> = {
	'corporate-parenting': [
		'Our corporate parenting panel now meets monthly and the care leavers’ forum sets the agenda twice a year.',
		'Every councillor visits at least one of our children’s homes each year, with a short note back to the panel.',
		'We rewrote the pledge with young people and it reads very differently from the one officers drafted.',
		'The panel report now leads with what children told us rather than performance indicators.',
		'We found that members outside the panel had no idea they were corporate parents until the induction session.',
		'Council tax exemption for care leavers up to 25 went through cabinet last spring with cross-party support.',
		'Our children in care council challenged us on placements outside the county and they were right to.',
		'I ask for one story from a young person at the start of every panel meeting.'
	],
	safeguarding: [
		'The safeguarding partnership’s annual report came to scrutiny for the first time this year.',
		'Our three statutory partners now take turns to chair the executive group.',
		'I meet the independent scrutineer twice a year without officers in the room.',
		'The rapid review on neglect led to a multi-agency audit that was genuinely useful.',
		'Thresholds were the biggest point of friction with health colleagues until we ran joint training.',
		'Contextual safeguarding work with the police has changed how we talk about exploitation.',
		'Referrals from schools dropped over the summer and we asked the front door to tell us why.',
		'The learning from the local child safeguarding practice review went to every member briefing.'
	],
	send: [
		'Our EHCP timeliness is around 40 per cent and the backlog is the first question at every surgery.',
		'The high needs deficit is now the single biggest risk on the corporate register.',
		'We co-produced the SEND strategy with the parent carer forum and it took longer but it stuck.',
		'Specialist placements outside the area cost us three times what local provision would.',
		'The Safety Valve agreement came with conditions that members needed to understand in detail.',
		'Annual reviews were slipping so we funded extra caseworkers for six months.',
		'The area SEND inspection asked how members hold the partnership to account, so be ready for that.',
		'Home to school transport for children with SEND is where complaints land first.'
	],
	inspection: [
		'The ILACS inspectors spoke to me for about forty minutes and asked what I knew about the front door.',
		'Preparation that helped: reading the last three monthly performance reports and the self-assessment.',
		'The annual engagement meeting is a good rehearsal for the real thing.',
		'Our self-evaluation is honest about placements and the inspectors said that helped.',
		'Do read the focused visit letters from neighbouring authorities; the themes repeat.',
		'Inspectors asked how often I speak to frontline social workers without managers present.',
		'After the judgement we set up an improvement board with an independent chair.',
		'The JTAI on serious youth violence tested partnership working more than any single service.'
	],
	education: [
		'Falling rolls in primary mean we are consulting on two amalgamations this year.',
		'Attendance is the issue headteachers raise with me most often since the pandemic.',
		'Our school improvement offer is now traded, and not every academy trust buys it.',
		'Elective home education numbers have doubled in three years.',
		'The virtual school head reports to the corporate parenting panel every term.',
		'Exclusions of children in care are down after we funded a dedicated inclusion worker.',
		'Place planning for secondary is the opposite problem: we need a new free school by 2028.',
		'I meet the chairs of the local academy trusts once a term, which took a year to set up.'
	],
	'youth-justice': [
		'Our youth justice board now includes a magistrate and the police superintendent.',
		'First-time entrants are falling but reoffending among the small group is stubborn.',
		'We moved the youth justice service into early help and it made the diversion work easier.',
		'Remands to custody are rare but each one costs more than a year of a specialist worker.',
		'The HMIP inspection looked hard at board members’ understanding of disproportionality.',
		'Out-of-court disposals are where the real prevention happens.'
	],
	'working-with-dcs': [
		'My DCS and I have a standing hour every week and it is the most useful hour in my diary.',
		'We agreed early on what I want to hear about the same day and what can wait for the weekly meeting.',
		'A new DCS in the first hundred days needs the Lead Member to be visible and steady.',
		'Interim directors come and go; the statutory roles still need a clear relationship.',
		'I asked for a one-page note before every cabinet item rather than the full report.',
		'The DCS briefs the whole cabinet quarterly so nobody is surprised by a serious incident.'
	],
	budgets: [
		'Children’s social care overspent by 12 per cent last year, mostly on placements.',
		'We built a medium-term plan for placements with in-house fostering at the centre.',
		'The agency social worker cap helped, but only after the regional memorandum was signed.',
		'Every growth bid now has to show the effect on placements and on the high needs block.',
		'Commissioning residential placements jointly with neighbours saved money and improved quality.',
		'The finance business partner sits in on my weekly meeting with the DCS once a month.',
		'Our sufficiency strategy shows where placements are needed, not just what they cost.'
	],
	participation: [
		'Young people interviewed the last two heads of service and their questions were the best ones.',
		'Our youth council meets cabinet twice a year with an agenda they set.',
		'Children in care told us the language in their reviews was cold, so we changed it.',
		'We pay young advisers for their time, which was a debate at first.',
		'Participation is easy to claim and hard to do; we audit it against the Lundy model.',
		'The Mind of My Own app gets more responses from teenagers than any form ever did.'
	],
	'early-help': [
		'Family hubs opened in four towns and footfall is better than the old children’s centres.',
		'Early help assessments are up, but the step-down from social care is still clunky.',
		'The Supporting Families payment-by-results money funds most of our early help workers.',
		'Health visitors are based in the hubs now and referrals come much earlier.',
		'We mapped the voluntary sector offer and found three services nobody in the council knew about.'
	],
	placements: [
		'Placements for teenagers with complex needs are the hardest to find and the most expensive.',
		'We opened two small children’s homes of our own and recruited the managers first.',
		'Unregistered placements are down to none, which took a year of weekly oversight.',
		'In-house foster carer recruitment is flat, so we raised the allowances and the support offer.',
		'Distance from home matters: we now report placements more than 20 miles away every month.',
		'Regional commissioning of placements gave us better data on what providers charge.',
		'Kinship carers asked for a named worker and a clear financial offer, and both helped.',
		'Sufficiency planning for placements now looks five years ahead rather than one.'
	],
	'care-leavers': [
		'Our local offer for care leavers was rewritten with them and put online in plain words.',
		'Staying Put arrangements rose after we matched the fostering allowance.',
		'Apprenticeships in the council ring-fenced for care leavers filled within a month.',
		'Personal advisers have caseloads of about 25 and the young people notice the difference.',
		'Housing is the hardest part of leaving care; we now have a joint protocol with the housing team.'
	],
	'mental-health': [
		'CAMHS waiting times are the number one concern in every parents’ surgery.',
		'Mental health support teams in schools cover about half our pupils so far.',
		'We commissioned a drop-in counselling service with the voluntary sector for sixteen to twenty-fives.',
		'Children waiting in hospital for a tier 4 bed is the situation I dread most.',
		'The ICB agreed to report children’s mental health waits to our health scrutiny committee.'
	],
	'health-partnerships': [
		'The integrated care board has a children’s lead now, which made a real difference.',
		'Designated doctors and nurses join our partnership meetings quarterly.',
		'Health assessments for children in care are now on time in most cases.',
		'We agreed a joint commissioning plan for speech and language therapy.'
	],
	workforce: [
		'Social worker vacancies are down to 14 per cent after the recruitment and retention package.',
		'We grew our own through the social work apprenticeship and the first cohort qualifies this year.',
		'Caseloads in the assessment teams are the number I look at first each month.',
		'Exit interviews told us that managers’ support matters more than pay.',
		'The regional agency memorandum stopped the bidding war for locum social workers.'
	],
	scrutiny: [
		'The scrutiny chair and I agreed a work programme that avoids surprises on both sides.',
		'Scrutiny’s task and finish group on placements made four recommendations we accepted.',
		'I go to scrutiny prepared to be challenged; it makes the service better.',
		'Pre-decision scrutiny of the SEND strategy was the most useful session of the year.'
	]
};

const OPENERS = [
	'Thanks for raising this.',
	'We had exactly the same question last year.',
	'Good question, and a timely one.',
	'This is close to home for us at the moment.',
	'I can only speak for our authority, but here is what we did.',
	'A few thoughts from a county perspective.',
	'Agree with the points above.',
	'Picking up on the last reply.',
	'We are a small unitary, so take this with that in mind.',
	'Following this thread with interest.'
];

const CLOSERS = [
	'Happy to talk it through on a call if that would help.',
	'I can share our terms of reference if anyone wants them.',
	'Our DCS would be happy to speak to yours.',
	'Do message me if you want the details.',
	'Hope that helps.',
	'I will bring this to the next regional network meeting.',
	'Would be interested to hear how others approached it.',
	'Let us compare notes after the summer.'
];

const LIST_ITEMS = [
	'a one-page briefing before every cabinet item',
	'a standing hour each week with the DCS',
	'visits to frontline teams without managers present',
	'the care leavers’ forum setting part of the agenda',
	'monthly figures on placements and their cost',
	'a quarterly meeting with the independent scrutineer',
	'shadowing by the deputy at key meetings',
	'a written handover note kept up to date',
	'regular sessions with the virtual school head',
	'joint training with health and police colleagues',
	'a clear line on what comes to me the same day',
	'termly meetings with headteacher representatives'
];

const LINKS = [
	['LGA Leadership Essentials', 'https://www.local.gov.uk/our-support/leadership-workforce-and-communications/leadership-essentials'],
	['the statutory guidance', 'https://www.gov.uk/government/publications/directors-of-childrens-services-roles-and-responsibilities'],
	['Working Together 2023', 'https://www.gov.uk/government/publications/working-together-to-safeguard-children--2'],
	['the ILACS framework', 'https://www.gov.uk/government/publications/inspecting-local-authority-childrens-services-from-2018'],
	['the national care leavers’ offer', 'https://www.gov.uk/government/publications/local-offer-guidance']
] as const;

const TITLES: Record<Topic, string[]> = {
	'corporate-parenting': ['How often does your corporate parenting panel meet?', 'Rewriting the pledge with young people', 'Getting all councillors to see themselves as corporate parents', 'Visits to children’s homes: how do you organise them?', 'Council tax exemption for care leavers'],
	safeguarding: ['Scrutinising the safeguarding partnership', 'Working with the independent scrutineer', 'Thresholds: friction with partners', 'Learning from practice reviews: how do members hear it?', 'Exploitation and contextual safeguarding'],
	send: ['EHCP timeliness: what actually helped?', 'High needs deficit and the Safety Valve', 'Preparing for an area SEND inspection', 'Home to school transport complaints', 'Co-producing the SEND strategy with parents'],
	inspection: ['What did ILACS inspectors ask you?', 'Preparing for the annual engagement meeting', 'Focused visit next month: any advice?', 'After a requires improvement judgement', 'JTAI: what members should know'],
	education: ['Falling rolls and school amalgamations', 'Attendance since the pandemic', 'Working with academy trusts', 'Elective home education numbers', 'Exclusions of children in care'],
	'youth-justice': ['Youth justice board membership', 'Reducing first-time entrants', 'Preparing for an HMIP inspection', 'Remands to custody'],
	'working-with-dcs': ['Getting the relationship with a new DCS right', 'What should reach the Lead Member the same day?', 'Working with an interim DCS', 'Briefing the whole cabinet'],
	budgets: ['Children’s social care overspend: where do you start?', 'Placement costs and the medium-term plan', 'The agency social worker cap', 'Joint commissioning of residential placements'],
	participation: ['Young people on interview panels', 'Youth council and cabinet', 'Paying young advisers', 'Measuring participation honestly'],
	'early-help': ['Family hubs: early lessons', 'Step-down from social care to early help', 'Supporting Families funding'],
	placements: ['Finding placements for teenagers with complex needs', 'Opening our own children’s homes', 'Foster carer recruitment is flat', 'Placements far from home', 'Kinship carers’ support offer'],
	'care-leavers': ['Rewriting the local offer for care leavers', 'Staying Put allowances', 'Apprenticeships for care leavers', 'Housing for care leavers'],
	'mental-health': ['CAMHS waiting times', 'Mental health support teams in schools', 'Children waiting for tier 4 beds'],
	'health-partnerships': ['Working with the integrated care board', 'Health assessments for children in care on time', 'Speech and language therapy commissioning'],
	workforce: ['Social worker vacancies', 'Growing our own social workers', 'Caseloads: which number do you watch?'],
	scrutiny: ['Lead Member and scrutiny chair: a good relationship', 'Task and finish groups that work', 'Pre-decision scrutiny']
};

/** The rare word planted in a handful of posts (the benchmark searches for it). */
export const RARE_WORD = 'Mockingbird';
const RARE_SENTENCE = 'We are piloting the Mockingbird model, with a hub carer supporting a constellation of six to ten fostering families.';

/** The common word: "placements" appears in sentences of several topics. */
export const COMMON_WORD = 'placements';

export function threadTitle(random: Random, topic: Topic, authorityName: string): string {
	const t = pick(random, TITLES[topic]);
	return random() < 0.25 ? `${t} (${authorityName})` : t;
}

/** Sentences of one topic (now and then another), in a councillor’s voice. */
export function paragraph(random: Random, topic: Topic, n: number): string {
	const own = SENTENCES[topic];
	const out: string[] = [];
	for (let i = 0; i < n; i++) out.push(random() < 0.8 ? pick(random, own) : pick(random, SENTENCES[pick(random, TOPIC_KEYS)]));
	return out.join(' ');
}

const TOPIC_KEYS = Object.keys(SENTENCES) as Topic[];

/**
 * A post body in Markdown: an opener, one to four paragraphs, sometimes a list, a quote of
 * the previous post, a link, bold words or a mention; a closer. Replies are shorter on average.
 */
export function postBody(random: Random, topic: Topic, opts: { opening: boolean; quote?: string; mention?: string; rare?: boolean }): string {
	const parts: string[] = [];
	if (opts.quote) parts.push(`> ${opts.quote.replace(/\s+/g, ' ').slice(0, 160)}`);
	const paragraphs = opts.opening ? between(random, 2, 4) : between(random, 1, 3);
	for (let i = 0; i < paragraphs; i++) {
		let p = paragraph(random, topic, between(random, 1, 3));
		if (i === 0 && !opts.opening) p = `${pick(random, OPENERS)} ${p}`;
		if (random() < 0.15) p = p.replace(/^(\S+ \S+ \S+)/, '**$1**');
		parts.push(p);
	}
	if (random() < 0.2) {
		const items = some(random, LIST_ITEMS, between(random, 2, 4));
		parts.push(`What has worked for us:\n\n${items.map((i) => `- ${i}`).join('\n')}`);
	}
	if (random() < 0.1) {
		const [label, href] = pick(random, LINKS);
		parts.push(`It is worth rereading [${label}](${href}) on this.`);
	}
	if (opts.rare) parts.push(RARE_SENTENCE);
	let closing = random() < 0.6 ? pick(random, CLOSERS) : '';
	if (opts.mention) closing = `@${opts.mention} ${closing || 'what do you think?'}`;
	if (opts.opening) closing = `${closing} ${random() < 0.5 ? 'How have others handled this?' : 'Any advice welcome.'}`.trim();
	if (closing) parts.push(closing);
	return parts.join('\n\n');
}

export const TRAINING_TITLES: Record<string, string[]> = {
	'lga-leadership': ['Leadership Essentials: Children’s Services', 'Leadership Academy', 'Lead Member Focus on Children’s Services', 'Effective scrutiny of children’s services'],
	induction: ['Authority induction for new Lead Members', 'Corporate parenting induction', 'Meeting the children’s services leadership team', 'Safeguarding induction for members'],
	'subject-course': ['Understanding the high needs block', 'ILACS inspection preparation', 'SEND reforms explained', 'Youth justice for board members', 'Reading children’s services data'],
	'regional-network': ['Regional Lead Member network meeting', 'Regional network: placements sufficiency', 'Regional network: inspection learning'],
	'national-network': ['National Children and Adult Services Conference', 'LGA annual conference: children’s services strand', 'National Lead Members’ network webinar'],
	'e-learning': ['Corporate parenting e-learning', 'Safeguarding children: level 1', 'Prevent awareness', 'Data protection for councillors'],
	mentoring: ['Mentoring session', 'Mentoring: preparing for inspection', 'Mentoring: first hundred days'],
	informal: ['Visit to a children’s home', 'Shadowing the front door', 'Care leavers’ forum', 'Meeting with the virtual school head', 'Frontline visit: assessment team']
};

export const PROVIDERS: Record<string, string> = {
	'lga-leadership': 'Local Government Association',
	induction: 'Own authority',
	'subject-course': 'LGA / IDeA',
	'regional-network': 'Regional Lead Member network',
	'national-network': 'ADCS / LGA',
	'e-learning': 'LGA e-learning',
	mentoring: 'Lead Member Network',
	informal: ''
};

export const REFLECTIONS = [
	'Useful for the questions to ask at the next panel.',
	'Good to compare notes with Lead Members from neighbouring authorities.',
	'Made me rethink how I read the monthly performance report.',
	'The session on budgets was the most useful part.',
	'I will ask the DCS for a follow-up briefing on this.',
	'',
	'',
	''
];

export const MEETING_NOTES = [
	'Talked through the first cabinet report and how to prepare for questions from the opposition.',
	'Went over the inspection self-assessment and what the inspectors are likely to ask.',
	'Discussed the relationship with the DCS and agreeing what comes to the Lead Member the same day.',
	'Looked at the corporate parenting panel’s agenda and how to bring young people’s voices in.',
	'Reviewed the high needs budget position and the questions to ask the finance business partner.',
	'Planned visits to frontline teams and a children’s home for next month.',
	'Talked about handling a serious case review in public and the press.'
];

export const GOALS = [
	'Feel confident chairing the corporate parenting panel',
	'Understand the inspection framework before our next visit',
	'Build a weekly rhythm with the DCS',
	'Read the budget monitoring report with confidence',
	'Visit every children’s home in the authority',
	'Bring young people’s voices into cabinet decisions',
	'Understand the SEND system and the high needs block',
	'Prepare a succession plan with the deputy'
];

export const FEEDBACK = [
	'Hugely helpful in the first months.',
	'A sounding board I could not have found elsewhere.',
	'Practical and honest advice.',
	'Good sessions, though we met less often than planned.',
	'Would recommend to any new Lead Member.'
];
