/**
 * The demo network: plain data, no database code. The seeder turns each entry into an account,
 * a profile and (for mentors) a mentor offer. Every person here is invented.
 *
 * The first four accounts are fixed; the demo, the docs and the end-to-end tests sign in as them.
 * "Today" for this data is 23 November 2026, so anyone in the role since after 23 November 2025
 * counts as new in the role.
 */
import type { Position, RegionId, Topic } from '../../vocab';

/** One member of the demo network. `authority` is an exact `name` from authorities.csv. */
export type DemoMember = {
	email: string;
	name: string;
	authority: string;
	position: Position;
	party: string | null;
	/** 'YYYY-MM-DD' */
	inRoleSince: string;
	background: string;
	expertise: Topic[];
	bio: string;
	role: 'member' | 'coordinator' | 'admin';
	coordinatorOf?: RegionId;
	mentor?: { capacity: 1 | 2 | 3; scope: 'own' | 'other' | 'both'; availability: string };
};

/** The password every demo account signs in with. */
export const DEMO_PASSWORD = 'lead-member-demo';

/** The demo network: the four fixed accounts first, then members in all nine regions. */
export const DEMO_MEMBERS: DemoMember[] = [
	// --- The four fixed accounts -------------------------------------------------------------
	{
		email: 'admin@example.org',
		name: 'Priya Raman',
		authority: 'Westminster',
		position: 'other',
		party: null,
		inRoleSince: '2024-04-02',
		background: 'Network officer; previously a policy adviser in local government',
		expertise: ['working-with-dcs', 'participation', 'scrutiny'],
		bio: 'I look after the network nationally: categories, the checklist template and making sure the emails arrive. If something on the site gets in your way, tell me.',
		role: 'admin'
	},
	{
		email: 'coordinator@example.org',
		name: 'Bernadette Kelly',
		authority: 'Salford',
		position: 'other',
		party: 'Labour',
		inRoleSince: '2022-09-05',
		background: 'Former social work manager',
		expertise: ['corporate-parenting', 'safeguarding', 'workforce', 'working-with-dcs'],
		bio: 'I held the children’s portfolio in Salford for six years and now run the North West network. Ask me about pairing with a mentor or anything coming up in the region.',
		role: 'coordinator',
		coordinatorOf: 'north-west'
	},
	{
		email: 'mentor@example.org',
		name: 'Sarah Holroyd',
		authority: 'Leeds',
		position: 'lead-member',
		party: 'Labour',
		inRoleSince: '2018-05-21',
		background: 'Secondary school teacher',
		expertise: ['inspection', 'corporate-parenting', 'participation', 'education'],
		bio: 'I have been Lead Member in Leeds since 2018 and have sat through two full inspections. I enjoy helping newer colleagues find their feet, whatever their party.',
		role: 'member',
		mentor: {
			capacity: 3,
			scope: 'both',
			availability: 'Tuesday and Thursday evenings; online or by phone'
		}
	},
	{
		email: 'member@example.org',
		name: 'Tom Ashworth',
		authority: 'Lancashire',
		position: 'lead-member',
		party: 'Conservative',
		inRoleSince: '2026-08-20',
		background: 'Small business owner (joinery firm)',
		expertise: ['education', 'send'],
		bio: 'I took on the portfolio in August and am still getting to grips with the acronyms. I would value a mentor who has been through an inspection as Lead Member.',
		role: 'member'
	},

	// --- North East --------------------------------------------------------------------------
	{
		email: 'margaret.elliott@example.org',
		name: 'Margaret Elliott',
		authority: 'Sunderland',
		position: 'other',
		party: 'Labour',
		inRoleSince: '2023-06-05',
		background: 'Retired primary headteacher',
		expertise: ['education', 'inspection', 'working-with-dcs'],
		bio: 'After eight years as Lead Member I now coordinate the North East network. I am happy to put you in touch with anyone in the region who has solved the problem you are facing.',
		role: 'coordinator',
		coordinatorOf: 'north-east'
	},
	{
		email: 'daniel.okafor@example.org',
		name: 'Daniel Okafor',
		authority: 'Gateshead',
		position: 'lead-member',
		party: 'Labour',
		inRoleSince: '2019-05-20',
		background: 'Social worker',
		expertise: ['safeguarding', 'workforce', 'early-help'],
		bio: 'I practised as a social worker for twelve years before being elected, so I tend to ask about caseloads first. Glad to talk through agency staffing or a recruitment drive.',
		role: 'member',
		mentor: { capacity: 2, scope: 'own', availability: 'Friday mornings; happy to meet in Newcastle' }
	},
	{
		email: 'fiona.charlton@example.org',
		name: 'Fiona Charlton',
		authority: 'Northumberland',
		position: 'lead-member',
		party: 'Conservative',
		inRoleSince: '2025-05-22',
		background: 'Rural GP practice manager',
		expertise: ['early-help', 'health-partnerships', 'send'],
		bio: 'Northumberland is big and sparsely populated, so getting services to families in the hills is my main worry. Interested in how other rural authorities run family hubs.',
		role: 'member'
	},
	{
		email: 'imran.hussain@example.org',
		name: 'Imran Hussain',
		authority: 'Middlesbrough',
		position: 'lead-member',
		party: 'Labour',
		inRoleSince: '2026-02-02',
		background: 'Pharmacist',
		expertise: ['budgets', 'placements'],
		bio: 'New to the portfolio this year, taking over mid-term. Trying to understand our placement costs quickly and would welcome a steer from anyone who has brought them down.',
		role: 'member'
	},
	{
		email: 'helen.watson@example.org',
		name: 'Helen Watson',
		authority: 'Stockton-on-Tees',
		position: 'lead-member',
		party: 'Liberal Democrat',
		inRoleSince: '2021-05-24',
		background: 'Educational welfare officer',
		expertise: ['education', 'participation', 'send'],
		bio: 'School attendance and exclusions are where I started, and they still shape how I read every report. I chair our youth council’s meetings with cabinet twice a year.',
		role: 'member'
	},
	{
		email: 'craig.robson@example.org',
		name: 'Craig Robson',
		authority: 'North Tyneside',
		position: 'deputy',
		party: 'Labour',
		inRoleSince: '2024-05-20',
		background: 'Youth worker',
		expertise: ['youth-justice', 'participation'],
		bio: 'I support our Lead Member on youth services and the youth justice partnership. Keen to swap notes with other deputies on how the work is divided.',
		role: 'member'
	},
	{
		email: 'joanne.pallister@example.org',
		name: 'Joanne Pallister',
		authority: 'Hartlepool',
		position: 'lead-member',
		party: 'Independent',
		inRoleSince: '2025-12-08',
		background: 'Foster carer',
		expertise: ['corporate-parenting', 'placements', 'care-leavers'],
		bio: 'I fostered for ten years before becoming a councillor, and I came to this role in December. I want our care leavers to feel the council really is their family.',
		role: 'member'
	},

	// --- North West --------------------------------------------------------------------------
	{
		email: 'nasreen.akhtar@example.org',
		name: 'Nasreen Akhtar',
		authority: 'Manchester',
		position: 'lead-member',
		party: 'Labour',
		inRoleSince: '2017-05-22',
		background: 'NHS health visitor',
		expertise: ['early-help', 'health-partnerships', 'mental-health', 'safeguarding'],
		bio: 'Before the council I spent fifteen years as a health visitor, so the first thousand days matter a great deal to me. Ask me about joint work with the integrated care board.',
		role: 'member',
		mentor: { capacity: 2, scope: 'both', availability: 'Monday lunchtimes and Wednesday evenings, online' }
	},
	{
		email: 'kevin.doyle@example.org',
		name: 'Kevin Doyle',
		authority: 'Liverpool',
		position: 'lead-member',
		party: 'Labour',
		inRoleSince: '2023-05-18',
		background: 'Secondary school teacher',
		expertise: ['education', 'inspection', 'working-with-dcs'],
		bio: 'I came into the role while our services were under close scrutiny, which taught me a lot about improvement plans. Happy to share what a good monitoring visit looks like.',
		role: 'member'
	},
	{
		email: 'gemma.lightfoot@example.org',
		name: 'Gemma Lightfoot',
		authority: 'Wirral',
		position: 'lead-member',
		party: 'Labour',
		inRoleSince: '2026-01-12',
		background: 'Foster carer and childminder',
		expertise: ['corporate-parenting', 'placements'],
		bio: 'I took the portfolio in January and I am still learning how the budget fits together. Looking for practical tips on running a corporate parenting panel that young people want to attend.',
		role: 'member'
	},
	{
		email: 'richard.bentley@example.org',
		name: 'Richard Bentley',
		authority: 'Cheshire East',
		position: 'lead-member',
		party: 'Independent',
		inRoleSince: '2023-05-22',
		background: 'Magistrate',
		expertise: ['youth-justice', 'scrutiny', 'budgets'],
		bio: 'Twenty years on the bench shaped how I think about young people who end up in court. I am interested in diversion schemes that actually keep children out of the system.',
		role: 'member'
	},
	{
		email: 'claire.hindley@example.org',
		name: 'Claire Hindley',
		authority: 'Stockport',
		position: 'lead-member',
		party: 'Liberal Democrat',
		inRoleSince: '2016-05-16',
		background: 'Solicitor',
		expertise: ['send', 'education', 'scrutiny'],
		bio: 'I have spent much of my time as Lead Member on SEND, from tribunals to new specialist places. Glad to help anyone facing a written statement of action.',
		role: 'member',
		mentor: { capacity: 1, scope: 'other', availability: 'Occasional evenings; online only' }
	},
	{
		email: 'stuart.nicholson@example.org',
		name: 'Stuart Nicholson',
		authority: 'Cumberland',
		position: 'lead-member',
		party: 'Labour',
		inRoleSince: '2025-12-15',
		background: 'Outdoor education instructor',
		expertise: ['early-help', 'participation'],
		bio: 'New to the role since December and covering a very rural patch. I would like to hear how others keep in touch with young people who live miles from the nearest town.',
		role: 'member'
	},
	{
		email: 'aisha.patel@example.org',
		name: 'Aisha Patel',
		authority: 'Lancashire',
		position: 'deputy',
		party: 'Conservative',
		inRoleSince: '2026-06-03',
		background: 'Community pharmacist',
		expertise: ['health-partnerships', 'mental-health'],
		bio: 'I support our Lead Member on health and wellbeing, especially children’s mental health. Still new, so I read far more here than I post.',
		role: 'member'
	},
	{
		email: 'michael.greenhalgh@example.org',
		name: 'Michael Greenhalgh',
		authority: 'Bolton',
		position: 'scrutiny-chair',
		party: 'Conservative',
		inRoleSince: '2020-05-18',
		background: 'Retired police officer',
		expertise: ['scrutiny', 'safeguarding', 'youth-justice'],
		bio: 'I chair the children’s scrutiny committee and try to ask the questions nobody else wants to. I like to see the data behind a reassuring report.',
		role: 'member'
	},
	{
		email: 'jerome.campbell@example.org',
		name: 'Jerome Campbell',
		authority: 'Manchester',
		position: 'cpp-member',
		party: 'Labour',
		inRoleSince: '2024-05-20',
		background: 'Youth worker, care-experienced',
		expertise: ['care-leavers', 'participation', 'corporate-parenting'],
		bio: 'I grew up in care, and I sit on the corporate parenting panel so that care leavers’ voices carry weight. Always happy to talk about local offers for care leavers.',
		role: 'member'
	},

	// --- Yorkshire and The Humber --------------------------------------------------------------
	{
		email: 'graham.firth@example.org',
		name: 'Graham Firth',
		authority: 'Calderdale',
		position: 'other',
		party: 'Labour',
		inRoleSince: '2021-10-04',
		background: 'Former probation officer',
		expertise: ['youth-justice', 'working-with-dcs', 'scrutiny'],
		bio: 'I was Lead Member in Calderdale and now coordinate the Yorkshire and The Humber network. Our network meetings rotate round the region, so do come when we are near you.',
		role: 'coordinator',
		coordinatorOf: 'yorkshire-humber'
	},
	{
		email: 'farida.rahman@example.org',
		name: 'Farida Rahman',
		authority: 'Sheffield',
		position: 'lead-member',
		party: 'Labour',
		inRoleSince: '2022-06-01',
		background: 'Speech and language therapist',
		expertise: ['send', 'early-help', 'health-partnerships'],
		bio: 'Early language is my passion, from my clinical work to family hubs. Sheffield works as a committee system, so I am used to building consensus across parties.',
		role: 'member'
	},
	{
		email: 'luke.sutcliffe@example.org',
		name: 'Luke Sutcliffe',
		authority: 'Bradford',
		position: 'lead-member',
		party: 'Labour',
		inRoleSince: '2026-05-18',
		background: 'Charity manager',
		expertise: ['working-with-dcs', 'budgets', 'placements'],
		bio: 'Appointed in May and inheriting a children’s trust arrangement I am still learning about. I would love to hear from anyone who has worked with an independent trust.',
		role: 'member'
	},
	{
		email: 'janet.dobson@example.org',
		name: 'Janet Dobson',
		authority: 'North Yorkshire',
		position: 'lead-member',
		party: 'Conservative',
		inRoleSince: '2015-05-20',
		background: 'Farmer and school governor',
		expertise: ['education', 'early-help', 'budgets', 'inspection'],
		bio: 'I have held the portfolio through reorganisation and three directors, so I know how to keep things steady through change. Very happy to mentor someone from a large county.',
		role: 'member',
		mentor: {
			capacity: 2,
			scope: 'other',
			availability: 'Weekday afternoons by phone; not during lambing in spring'
		}
	},
	{
		email: 'paul.hodgson@example.org',
		name: 'Paul Hodgson',
		authority: 'Kingston upon Hull, City of',
		position: 'lead-member',
		party: 'Liberal Democrat',
		inRoleSince: '2022-05-16',
		background: 'Paramedic',
		expertise: ['safeguarding', 'mental-health'],
		bio: 'Years on the ambulances showed me how often a crisis at home is the first sign something is wrong. I am keen on joined-up work between the safeguarding partners.',
		role: 'member'
	},
	{
		email: 'naveed.iqbal@example.org',
		name: 'Naveed Iqbal',
		authority: 'Kirklees',
		position: 'deputy',
		party: 'Labour',
		inRoleSince: '2025-03-10',
		background: 'Solicitor',
		expertise: ['care-leavers', 'youth-justice'],
		bio: 'I look after care leavers and youth justice as deputy to our Lead Member. Interested in how others handle housing for care leavers over 21.',
		role: 'member'
	},
	{
		email: 'rebecca.thorne@example.org',
		name: 'Rebecca Thorne',
		authority: 'York',
		position: 'lead-member',
		party: 'Labour',
		inRoleSince: '2023-05-25',
		background: 'Early years practitioner',
		expertise: ['early-help', 'education', 'participation'],
		bio: 'I ran a nursery for years before standing for election. I want every child in York to start school ready and every parent to know where to turn.',
		role: 'member'
	},
	{
		email: 'gary.wainwright@example.org',
		name: 'Gary Wainwright',
		authority: 'Doncaster',
		position: 'scrutiny-chair',
		party: 'Independent',
		inRoleSince: '2019-06-03',
		background: 'Trade union organiser',
		expertise: ['scrutiny', 'workforce'],
		bio: 'I chair the children and young people scrutiny panel. Our recent review looked at social worker retention, and I am happy to share what we found.',
		role: 'member'
	},

	// --- East Midlands -----------------------------------------------------------------------
	{
		email: 'patricia.owusu@example.org',
		name: 'Patricia Owusu',
		authority: 'Nottingham',
		position: 'other',
		party: 'Labour',
		inRoleSince: '2020-04-01',
		background: 'Former NHS nurse',
		expertise: ['health-partnerships', 'corporate-parenting', 'safeguarding'],
		bio: 'Once Lead Member in Nottingham, now coordinating the East Midlands network. I send a short regional digest every month, so tell me what you would like in it.',
		role: 'coordinator',
		coordinatorOf: 'east-midlands'
	},
	{
		email: 'harjit.sandhu@example.org',
		name: 'Harjit Sandhu',
		authority: 'Derby',
		position: 'lead-member',
		party: 'Labour',
		inRoleSince: '2024-05-20',
		background: 'Accountant',
		expertise: ['budgets', 'placements', 'scrutiny'],
		bio: 'As an accountant I tend to start with the numbers, but I try never to end there. Interested in in-house children’s homes and whether they pay their way.',
		role: 'member'
	},
	{
		email: 'deborah.tansley@example.org',
		name: 'Deborah Tansley',
		authority: 'Leicestershire',
		position: 'lead-member',
		party: 'Conservative',
		inRoleSince: '2013-05-13',
		background: 'Magistrate',
		expertise: ['corporate-parenting', 'youth-justice', 'inspection', 'working-with-dcs'],
		bio: 'I have been in the role since 2013 and still learn something every month. I have mentored several new Lead Members and enjoy it.',
		role: 'member',
		mentor: { capacity: 2, scope: 'both', availability: 'Monday and Friday mornings; online or in person in Leicester' }
	},
	{
		email: 'mark.ellison@example.org',
		name: 'Mark Ellison',
		authority: 'Lincolnshire',
		position: 'lead-member',
		party: 'Independent',
		inRoleSince: '2025-12-01',
		background: 'Farm business owner',
		expertise: ['education', 'send'],
		bio: 'I started in December and have a lot of school transport questions already. Glad to be here and keen to learn from counties with long journeys to school.',
		role: 'member'
	},
	{
		email: 'chloe.burrows@example.org',
		name: 'Chloe Burrows',
		authority: 'Nottinghamshire',
		position: 'deputy',
		party: 'Conservative',
		inRoleSince: '2026-03-16',
		background: 'Primary school teaching assistant',
		expertise: ['send', 'education'],
		bio: 'I support our Lead Member on SEND and inclusion. Having worked in classrooms, I want to hear from parents as much as from officers.',
		role: 'member'
	},
	{
		email: 'alistair.hewitt@example.org',
		name: 'Alistair Hewitt',
		authority: 'Rutland',
		position: 'lead-member',
		party: 'Liberal Democrat',
		inRoleSince: '2023-05-22',
		background: 'Retired army officer',
		expertise: ['budgets', 'working-with-dcs'],
		bio: 'In England’s smallest authority one placement can upset the whole budget. I like to compare notes with other small councils on shared services.',
		role: 'member'
	},
	{
		email: 'priyanka.mistry@example.org',
		name: 'Priyanka Mistry',
		authority: 'Leicester',
		position: 'lead-member',
		party: 'Labour',
		inRoleSince: '2019-05-20',
		background: 'Social worker',
		expertise: ['safeguarding', 'early-help', 'workforce'],
		bio: 'I worked in child protection in another authority before moving to Leicester. Happy to talk about growing your own social workers through apprenticeships.',
		role: 'member'
	},
	{
		email: 'owen.griffiths@example.org',
		name: 'Owen Griffiths',
		authority: 'West Northamptonshire',
		position: 'cpp-member',
		party: 'Green',
		inRoleSince: '2024-06-10',
		background: 'Foster carer',
		expertise: ['corporate-parenting', 'care-leavers'],
		bio: 'I sit on the corporate parenting panel and we have fostered teenagers for years. I care most about stable homes and about children being listened to.',
		role: 'member'
	},

	// --- West Midlands -----------------------------------------------------------------------
	{
		email: 'desmond.clarke@example.org',
		name: 'Desmond Clarke',
		authority: 'Sandwell',
		position: 'other',
		party: null,
		inRoleSince: '2019-09-02',
		background: 'Former youth offending team manager',
		expertise: ['youth-justice', 'working-with-dcs', 'workforce'],
		bio: 'I coordinate the West Midlands network after a long career in youth justice and a spell as Lead Member. Get in touch if you would like a mentor or want to host a meeting.',
		role: 'coordinator',
		coordinatorOf: 'west-midlands'
	},
	{
		email: 'zainab.malik@example.org',
		name: 'Zainab Malik',
		authority: 'Birmingham',
		position: 'lead-member',
		party: 'Labour',
		inRoleSince: '2024-05-28',
		background: 'Family law solicitor',
		expertise: ['safeguarding', 'budgets', 'send'],
		bio: 'Leading children’s services in the country’s largest council brings its own pressures. I would like to talk to others managing big savings targets without losing sight of children.',
		role: 'member'
	},
	{
		email: 'liam.brennan@example.org',
		name: 'Liam Brennan',
		authority: 'Coventry',
		position: 'lead-member',
		party: 'Labour',
		inRoleSince: '2017-05-15',
		background: 'Secondary school teacher',
		expertise: ['education', 'participation', 'inspection'],
		bio: 'I have been Lead Member through two inspection frameworks and plenty of change in schools. Our children in care council runs the agenda for one panel a year, and I recommend it.',
		role: 'member',
		mentor: { capacity: 2, scope: 'both', availability: 'Thursday afternoons; online' }
	},
	{
		email: 'karen.whitehouse@example.org',
		name: 'Karen Whitehouse',
		authority: 'Staffordshire',
		position: 'lead-member',
		party: 'Conservative',
		inRoleSince: '2026-01-20',
		background: 'GP surgery practice manager',
		expertise: ['health-partnerships', 'early-help'],
		bio: 'New to the role this year and finding the partnership meetings a lot to take in. I am hoping to find a mentor in a similar county.',
		role: 'member'
	},
	{
		email: 'robin.pryce@example.org',
		name: 'Robin Pryce',
		authority: 'Shropshire',
		position: 'lead-member',
		party: 'Liberal Democrat',
		inRoleSince: '2025-06-02',
		background: 'Small business owner',
		expertise: ['placements', 'budgets', 'care-leavers'],
		bio: 'Sufficiency is my big task: too many of our children live outside the county. Keen to hear about foster carer recruitment that has worked.',
		role: 'member'
	},
	{
		email: 'gurpreet.bains@example.org',
		name: 'Gurpreet Bains',
		authority: 'Wolverhampton',
		position: 'cabinet-sharing',
		party: 'Labour',
		inRoleSince: '2023-05-22',
		background: 'Former head of a pupil referral unit',
		expertise: ['education', 'send', 'youth-justice'],
		bio: 'I hold education and skills while a cabinet colleague holds children’s social care. Happy to explain how we split the statutory role and keep each other briefed.',
		role: 'member'
	},
	{
		email: 'elaine.moseley@example.org',
		name: 'Elaine Moseley',
		authority: 'Worcestershire',
		position: 'lead-member',
		party: 'Green',
		inRoleSince: '2026-07-06',
		background: 'Special educational needs coordinator (SENCo)',
		expertise: ['send', 'education', 'mental-health'],
		bio: 'I was a SENCo for fifteen years and joined cabinet in July. I want to get education, health and care plans right first time.',
		role: 'member'
	},
	{
		email: 'peter.hanley@example.org',
		name: 'Peter Hanley',
		authority: 'Solihull',
		position: 'scrutiny-chair',
		party: 'Conservative',
		inRoleSince: '2016-05-16',
		background: 'Retired bank manager',
		expertise: ['scrutiny', 'budgets'],
		bio: 'I chair children’s scrutiny and try to keep our work programme focused on the few things that matter most. Happy to share our approach to deep-dive reviews.',
		role: 'member'
	},

	// --- East of England ---------------------------------------------------------------------
	{
		email: 'julia.fenwick@example.org',
		name: 'Julia Fenwick',
		authority: 'Suffolk',
		position: 'other',
		party: 'Conservative',
		inRoleSince: '2021-01-11',
		background: 'Former primary headteacher',
		expertise: ['education', 'inspection', 'working-with-dcs'],
		bio: 'I was Lead Member in Suffolk and now coordinate the East of England network. I match mentors with new members in the region, so let me know if you would like one.',
		role: 'coordinator',
		coordinatorOf: 'east-of-england'
	},
	{
		email: 'simon.ashford@example.org',
		name: 'Simon Ashford',
		authority: 'Essex',
		position: 'lead-member',
		party: 'Conservative',
		inRoleSince: '2015-06-01',
		background: 'Chartered accountant',
		expertise: ['budgets', 'working-with-dcs', 'inspection', 'placements'],
		bio: 'Over ten years in the portfolio have taught me how much rests on a good relationship with the director. I am glad to mentor anyone, whichever party or region.',
		role: 'member',
		mentor: { capacity: 3, scope: 'both', availability: 'Early mornings before nine, online or by phone' }
	},
	{
		email: 'hannah.gedge@example.org',
		name: 'Hannah Gedge',
		authority: 'Norfolk',
		position: 'lead-member',
		party: 'Liberal Democrat',
		inRoleSince: '2025-12-10',
		background: 'Health visitor',
		expertise: ['early-help', 'health-partnerships', 'mental-health'],
		bio: 'I took on the portfolio in December, so I am still learning. Early help and family hubs are where I hope to make a difference.',
		role: 'member'
	},
	{
		email: 'oliver.grant@example.org',
		name: 'Oliver Grant',
		authority: 'Hertfordshire',
		position: 'lead-member',
		party: 'Liberal Democrat',
		inRoleSince: '2025-05-28',
		background: 'Barrister',
		expertise: ['safeguarding', 'send', 'scrutiny'],
		bio: 'I came to the role after years on the opposition benches asking the questions. Now I am answering them, and I want our SEND improvement plan to show real results.',
		role: 'member'
	},
	{
		email: 'tariq.hamid@example.org',
		name: 'Tariq Hamid',
		authority: 'Luton',
		position: 'lead-member',
		party: 'Labour',
		inRoleSince: '2019-05-20',
		background: 'Youth worker',
		expertise: ['youth-justice', 'participation', 'safeguarding'],
		bio: 'I spent years running youth clubs in Luton before standing for council. Tackling exploitation of teenagers outside the home is my main focus.',
		role: 'member'
	},
	{
		email: 'anna.kowalski@example.org',
		name: 'Anna Kowalski',
		authority: 'Peterborough',
		position: 'cabinet-sharing',
		party: 'Conservative',
		inRoleSince: '2024-05-07',
		background: 'Nursery owner',
		expertise: ['education', 'early-help'],
		bio: 'I hold education while a colleague holds children’s social care. I am keen on good childcare for working families, and on school places keeping up with new housing.',
		role: 'member'
	},
	{
		email: 'rosie.dunmore@example.org',
		name: 'Rosie Dunmore',
		authority: 'Cambridgeshire',
		position: 'deputy',
		party: 'Green',
		inRoleSince: '2026-06-08',
		background: 'Educational psychologist',
		expertise: ['send', 'mental-health'],
		bio: 'I became deputy Lead Member in June, focusing on SEND and mental health. I am hoping to learn how others make sense of the high-needs budget.',
		role: 'member'
	},
	{
		email: 'marcus.bell@example.org',
		name: 'Marcus Bell',
		authority: 'Thurrock',
		position: 'lead-member',
		party: 'Independent',
		inRoleSince: '2022-05-09',
		background: 'Firefighter',
		expertise: ['safeguarding', 'youth-justice', 'budgets'],
		bio: 'I took on the portfolio while the council was under intervention, so I have learned to work with commissioners. Happy to talk about keeping children’s services steady in a financial crisis.',
		role: 'member'
	},

	// --- London ------------------------------------------------------------------------------
	{
		email: 'kwame.mensah@example.org',
		name: 'Kwame Mensah',
		authority: 'Lambeth',
		position: 'other',
		party: 'Labour',
		inRoleSince: '2022-06-06',
		background: 'Former social worker',
		expertise: ['safeguarding', 'working-with-dcs', 'workforce'],
		bio: 'I coordinate the London network after four years as a Lead Member. With many colleagues newly appointed after the May elections, I am busy pairing mentors.',
		role: 'coordinator',
		coordinatorOf: 'london'
	},
	{
		email: 'esther.adeyemi@example.org',
		name: 'Esther Adeyemi',
		authority: 'Hackney',
		position: 'lead-member',
		party: 'Labour',
		inRoleSince: '2014-05-27',
		background: 'Education law solicitor',
		expertise: ['education', 'inspection', 'safeguarding', 'corporate-parenting'],
		bio: 'I have been Lead Member for over a decade and have seen the inspection framework change more than once. I enjoy mentoring and try to be the person I wish I had had in year one.',
		role: 'member',
		mentor: { capacity: 2, scope: 'both', availability: 'Wednesday evenings; online or at the town hall' }
	},
	{
		email: 'ruth.abrahams@example.org',
		name: 'Ruth Abrahams',
		authority: 'Camden',
		position: 'lead-member',
		party: 'Labour',
		inRoleSince: '2026-05-14',
		background: 'NHS mental health nurse',
		expertise: ['mental-health', 'health-partnerships'],
		bio: 'Appointed after the May elections and still reading myself in. Children’s mental health is why I stood, and I want to understand the waiting lists properly.',
		role: 'member'
	},
	{
		email: 'james.howarth@example.org',
		name: 'James Howarth',
		authority: 'Barnet',
		position: 'lead-member',
		party: 'Labour',
		inRoleSince: '2026-05-20',
		background: 'Youth worker',
		expertise: ['participation', 'youth-justice'],
		bio: 'New in post since May. I want young people to help set our priorities, not just comment on them afterwards.',
		role: 'member'
	},
	{
		email: 'caroline.ashby@example.org',
		name: 'Caroline Ashby',
		authority: 'Bromley',
		position: 'lead-member',
		party: 'Conservative',
		inRoleSince: '2018-05-21',
		background: 'Magistrate',
		expertise: ['inspection', 'scrutiny', 'corporate-parenting'],
		bio: 'I led our services out of an inadequate judgement and into a much better place. Improvement takes patience, and I am happy to share what kept us going.',
		role: 'member'
	},
	{
		email: 'shamima.khatun@example.org',
		name: 'Shamima Khatun',
		authority: 'Tower Hamlets',
		position: 'lead-member',
		party: 'Independent',
		inRoleSince: '2022-05-25',
		background: 'Primary school teacher',
		expertise: ['education', 'early-help', 'send'],
		bio: 'I taught in the borough for years before joining cabinet. Free school meals, school places and early help for large families keep me busy.',
		role: 'member'
	},
	{
		email: 'felix.harrington@example.org',
		name: 'Felix Harrington',
		authority: 'Richmond upon Thames',
		position: 'lead-member',
		party: 'Liberal Democrat',
		inRoleSince: '2026-05-18',
		background: 'Charity trustee, former management consultant',
		expertise: ['budgets', 'working-with-dcs'],
		bio: 'New since May and learning how a shared children’s services company works. I would value time with anyone who holds a portfolio shared across two boroughs.',
		role: 'member'
	},
	{
		email: 'denise.charles@example.org',
		name: 'Denise Charles',
		authority: 'Croydon',
		position: 'lead-member',
		party: 'Conservative',
		inRoleSince: '2022-05-23',
		background: 'Foster carer',
		expertise: ['corporate-parenting', 'placements', 'care-leavers'],
		bio: 'Croydon cares for many unaccompanied children seeking asylum, and I make sure their needs stay visible. Happy to compare notes on the national transfer scheme.',
		role: 'member'
	},
	{
		email: 'tobi.oyelaran@example.org',
		name: 'Tobi Oyelaran',
		authority: 'Southwark',
		position: 'deputy',
		party: 'Labour',
		inRoleSince: '2026-05-19',
		background: 'Secondary school teacher',
		expertise: ['education', 'youth-justice'],
		bio: 'I became deputy Lead Member in May and look after schools and inclusion. Still learning, and grateful for the answers people post here.',
		role: 'member'
	},
	{
		email: 'niamh.gallagher@example.org',
		name: 'Niamh Gallagher',
		authority: 'Islington',
		position: 'cpp-member',
		party: 'Labour',
		inRoleSince: '2023-01-16',
		background: 'Housing association officer, care-experienced',
		expertise: ['care-leavers', 'corporate-parenting'],
		bio: 'I left care at eighteen and now help run our corporate parenting panel. I push for council tax exemptions, apprenticeships and somewhere decent to live for every care leaver.',
		role: 'member'
	},
	{
		email: 'graham.oakes@example.org',
		name: 'Graham Oakes',
		authority: 'Sutton',
		position: 'lead-member',
		party: 'Liberal Democrat',
		inRoleSince: '2012-05-21',
		background: 'Retired GP',
		expertise: ['health-partnerships', 'safeguarding', 'working-with-dcs'],
		bio: 'I am one of the longer-serving Lead Members in London. I enjoy mentoring colleagues from other parts of the country and hearing how things are done elsewhere.',
		role: 'member',
		mentor: { capacity: 2, scope: 'other', availability: 'Most weekday mornings; online' }
	},
	{
		email: 'maryam.siddiqui@example.org',
		name: 'Maryam Siddiqui',
		authority: 'Waltham Forest',
		position: 'scrutiny-chair',
		party: 'Labour',
		inRoleSince: '2024-05-13',
		background: 'Paediatric nurse',
		expertise: ['scrutiny', 'mental-health', 'safeguarding'],
		bio: 'I chair our children and young people scrutiny committee. This year we are looking at waiting times for mental health support.',
		role: 'member'
	},
	{
		email: 'harpreet.dhillon@example.org',
		name: 'Harpreet Dhillon',
		authority: 'Ealing',
		position: 'cabinet-sharing',
		party: 'Labour',
		inRoleSince: '2026-05-21',
		background: 'Retired primary headteacher',
		expertise: ['education', 'send'],
		bio: 'New to cabinet this May, holding schools while a colleague holds social care. I know schools from the inside; the council side is what I am learning now.',
		role: 'member'
	},

	// --- South East --------------------------------------------------------------------------
	{
		email: 'hugh.pemberton@example.org',
		name: 'Hugh Pemberton',
		authority: 'Surrey',
		position: 'other',
		party: 'Conservative',
		inRoleSince: '2020-07-01',
		background: 'Former chief executive of a children’s charity',
		expertise: ['working-with-dcs', 'budgets', 'inspection'],
		bio: 'I coordinate the South East network and was Lead Member in Surrey for a term. The region is large, so most of our meetings are online.',
		role: 'coordinator',
		coordinatorOf: 'south-east'
	},
	{
		email: 'lorraine.fagg@example.org',
		name: 'Lorraine Fagg',
		authority: 'Kent',
		position: 'lead-member',
		party: 'Conservative',
		inRoleSince: '2013-05-13',
		background: 'Former secondary headteacher',
		expertise: ['corporate-parenting', 'inspection', 'education', 'placements'],
		bio: 'Kent is a large county with pressures from the ports and from placements made by other areas. I have mentored for years and take on two or three new colleagues at a time.',
		role: 'member',
		mentor: { capacity: 3, scope: 'both', availability: 'Monday to Wednesday, daytime; online' }
	},
	{
		email: 'sam.whitlock@example.org',
		name: 'Sam Whitlock',
		authority: 'Brighton and Hove',
		position: 'lead-member',
		party: 'Green',
		inRoleSince: '2023-05-22',
		background: 'Youth worker',
		expertise: ['participation', 'mental-health', 'youth-justice'],
		bio: 'I spent a decade in youth work before the council. Young people sit on our interview panels for senior posts, and I am glad to explain how we set that up.',
		role: 'member'
	},
	{
		email: 'elizabeth.fairbanks@example.org',
		name: 'Elizabeth Fairbanks',
		authority: 'Hampshire',
		position: 'lead-member',
		party: 'Conservative',
		inRoleSince: '2017-05-15',
		background: 'Solicitor',
		expertise: ['safeguarding', 'workforce', 'inspection'],
		bio: 'Our social work academy is something I am proud of. I am always keen to hear how others recruit and keep experienced practitioners.',
		role: 'member'
	},
	{
		email: 'aidan.mulholland@example.org',
		name: 'Aidan Mulholland',
		authority: 'Oxfordshire',
		position: 'lead-member',
		party: 'Liberal Democrat',
		inRoleSince: '2025-12-01',
		background: 'University lecturer in social policy',
		expertise: ['send', 'scrutiny'],
		bio: 'I knew the research before I took on the role in December; the day-to-day decisions are new. I am looking for a mentor who has led a SEND transformation programme.',
		role: 'member'
	},
	{
		email: 'kerry.bevan@example.org',
		name: 'Kerry Bevan',
		authority: 'Portsmouth',
		position: 'lead-member',
		party: 'Liberal Democrat',
		inRoleSince: '2021-05-10',
		background: 'NHS midwife',
		expertise: ['early-help', 'health-partnerships', 'safeguarding'],
		bio: 'As a midwife I saw how much the early weeks matter to families. Our family hubs now run pre-birth support, and I am happy to share how.',
		role: 'member'
	},
	{
		email: 'pardeep.gill@example.org',
		name: 'Pardeep Gill',
		authority: 'Slough',
		position: 'lead-member',
		party: 'Labour',
		inRoleSince: '2026-04-13',
		background: 'Pharmacist',
		expertise: ['working-with-dcs', 'budgets'],
		bio: 'I came to the role in April and am getting to know our children’s services company. I am keen to learn how other Lead Members hold a company board to account.',
		role: 'member'
	},
	{
		email: 'jade.morrison@example.org',
		name: 'Jade Morrison',
		authority: 'Milton Keynes',
		position: 'deputy',
		party: 'Labour',
		inRoleSince: '2024-05-13',
		background: 'Family support worker, care-experienced',
		expertise: ['care-leavers', 'participation', 'early-help'],
		bio: 'I lived in foster care as a teenager and now work with families. As deputy I lead on care leavers and our children in care council.',
		role: 'member'
	},
	{
		email: 'colin.pettit@example.org',
		name: 'Colin Pettit',
		authority: 'Medway',
		position: 'scrutiny-chair',
		party: 'Conservative',
		inRoleSince: '2018-06-04',
		background: 'Retired police inspector',
		expertise: ['scrutiny', 'youth-justice', 'safeguarding'],
		bio: 'I chair our children and young people overview and scrutiny committee. I believe good scrutiny is a critical friend to the Lead Member.',
		role: 'member'
	},

	// --- South West --------------------------------------------------------------------------
	{
		email: 'morwenna.trewin@example.org',
		name: 'Morwenna Trewin',
		authority: 'Cornwall',
		position: 'other',
		party: 'Independent',
		inRoleSince: '2022-09-05',
		background: 'Former family support worker',
		expertise: ['early-help', 'corporate-parenting', 'participation'],
		bio: 'I coordinate the South West network after serving as a Lead Member in Cornwall. Travel in the region is hard, so I keep most of our gatherings online.',
		role: 'coordinator',
		coordinatorOf: 'south-west'
	},
	{
		email: 'amara.nwosu@example.org',
		name: 'Amara Nwosu',
		authority: 'Bristol, City of',
		position: 'lead-member',
		party: 'Green',
		inRoleSince: '2024-05-20',
		background: 'Community development worker',
		expertise: ['participation', 'early-help', 'education'],
		bio: 'I came from community work and I measure success by whether families feel heard. Bristol runs on committees, so I share the role with colleagues across parties.',
		role: 'member'
	},
	{
		email: 'jonathan.venning@example.org',
		name: 'Jonathan Venning',
		authority: 'Devon',
		position: 'lead-member',
		party: 'Conservative',
		inRoleSince: '2015-05-18',
		background: 'Dairy farmer and magistrate',
		expertise: ['send', 'placements', 'inspection', 'working-with-dcs'],
		bio: 'I have been Lead Member through the good times and the hard ones, including a SEND safety valve agreement. I would gladly mentor someone in a large rural county.',
		role: 'member',
		mentor: { capacity: 1, scope: 'own', availability: 'Evenings after milking, by phone' }
	},
	{
		email: 'sophie.crocker@example.org',
		name: 'Sophie Crocker',
		authority: 'Plymouth',
		position: 'lead-member',
		party: 'Labour',
		inRoleSince: '2026-05-26',
		background: 'NHS nurse',
		expertise: ['health-partnerships', 'safeguarding'],
		bio: 'New to the portfolio since May, coming from nursing. I want to understand our safeguarding partnership from the inside before I change anything.',
		role: 'member'
	},
	{
		email: 'tim.hadley@example.org',
		name: 'Tim Hadley',
		authority: 'Somerset',
		position: 'lead-member',
		party: 'Liberal Democrat',
		inRoleSince: '2022-05-23',
		background: 'Retired social worker',
		expertise: ['budgets', 'placements', 'workforce'],
		bio: 'I took on the portfolio when Somerset became a single council. Balancing the budget while protecting children’s services has been the hardest job of my life.',
		role: 'member'
	},
	{
		email: 'abigail.lyons@example.org',
		name: 'Abigail Lyons',
		authority: 'Gloucestershire',
		position: 'lead-member',
		party: 'Liberal Democrat',
		inRoleSince: '2025-06-02',
		background: 'Solicitor',
		expertise: ['corporate-parenting', 'care-leavers', 'scrutiny'],
		bio: 'I chaired scrutiny before joining cabinet, so I know both sides of the table. Care leavers’ housing is my priority this year.',
		role: 'member'
	},
	{
		email: 'kofi.asante@example.org',
		name: 'Kofi Asante',
		authority: 'Swindon',
		position: 'cabinet-sharing',
		party: 'Labour',
		inRoleSince: '2023-05-15',
		background: 'Primary school teacher',
		expertise: ['education', 'participation'],
		bio: 'I hold the education half of the portfolio. Working with academy trusts when the council has few direct levers is my daily puzzle.',
		role: 'member'
	},
	{
		email: 'tamsin.penrose@example.org',
		name: 'Tamsin Penrose',
		authority: 'Cornwall',
		position: 'cpp-member',
		party: null,
		inRoleSince: '2026-01-19',
		background: 'Foster carer',
		expertise: ['corporate-parenting', 'placements'],
		bio: 'I joined the corporate parenting panel in January as a co-opted foster carer. I bring the view from the kitchen table.',
		role: 'member'
	},
	{
		email: 'robert.hicks@example.org',
		name: 'Robert Hicks',
		authority: 'Isles of Scilly',
		position: 'lead-member',
		party: null,
		inRoleSince: '2020-06-01',
		background: 'Boat operator',
		expertise: ['education', 'early-help'],
		bio: 'On the islands everyone knows everyone, which helps and hinders in equal measure. Children who need specialist help often have to go to the mainland, and I would like ideas.',
		role: 'member'
	}
];
