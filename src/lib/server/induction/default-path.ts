/**
 * The path the network starts with (version 1 of the national template): what a new Lead Member
 * for Children's Services might do in their first ten days, first month and first 100 days.
 *
 * Written in our own words from public sources:
 *  - DfE, "Statutory guidance on the roles and responsibilities of the Director of Children's
 *    Services and the Lead Member for Children's Services" (2013), which sets out the two roles
 *    and how they work together;
 *  - the Children Act 2004, section 19, under which every authority designates a Lead Member;
 *  - the corporate parenting principles in section 1 of the Children and Social Work Act 2017;
 *  - Working Together to Safeguard Children (DfE, 2023): the safeguarding partners and the
 *    local arrangements the Lead Member holds to account;
 *  - Ofsted's inspection of local authority children's services (ILACS) framework and the
 *    Ofsted/CQC area SEND inspection framework;
 *  - the Children's Homes (England) Regulations 2015 (regulation 44 independent visits) and
 *    the expectation that elected members visit the homes their authority runs or uses.
 *
 * Keys are each step's identity across versions: never reuse one for a different step. A link's
 * `:authority` stands for the member's own authority.
 */
import type { InductionPhase, InductionRule } from '../db/schema';

export type StepSpec = { key: string; phase: InductionPhase; title: string; body: string; link: string; linkText: string; rule: InductionRule | null };

export const DEFAULT_PATH: StepSpec[] = [
	// The first ten days
	{
		key: 'meet-dcs',
		phase: 'ten-days',
		title: 'Meet your Director of Children’s Services',
		body: 'The law gives the Director and the Lead Member shared responsibility for children’s services: the Director runs them, you answer for them politically. Agree how often you will meet, how you will hear bad news early, and what each of you needs from the other.',
		link: '/threads?category=the-role',
		linkText: 'Read how others work with their Director',
		rule: null
	},
	{
		key: 'handover-pack',
		phase: 'ten-days',
		title: 'Read your predecessor’s handover pack',
		body: 'Your authority’s succession checklist, printed as a pack: who your key contacts are, what is due, what is in train. Reading it first saves weeks of finding out.',
		link: '/succession/:authority/handover',
		linkText: 'Open your authority’s handover pack',
		rule: 'handover-opened'
	},
	{
		key: 'ask-mentor',
		phase: 'ten-days',
		title: 'Ask for a mentor',
		body: 'An experienced Lead Member from another authority who has been where you are. New Lead Members tell us this is the support they value most. The form starts with what your profile says; change anything before you send it.',
		link: '/mentoring/request?from=first-100-days',
		linkText: 'Ask for a mentor',
		rule: 'mentor-requested'
	},
	{
		key: 'introduce-yourself',
		phase: 'ten-days',
		title: 'Introduce yourself to your region',
		body: 'A short post in your region’s introductions thread, so the other Lead Members near you know who you are and can offer help. We start it for you; change it as you like before posting.',
		link: '/induction/introduce',
		linkText: 'Write your introduction',
		rule: 'introduction-posted'
	},
	{
		key: 'set-digest',
		phase: 'ten-days',
		title: 'Choose how often we email you',
		body: 'A daily or weekly digest brings the questions, events and news that matter to you, so you need not check the site. Choose what suits your week.',
		link: '/settings/email',
		linkText: 'Set your digest',
		rule: null
	},
	// The first month
	{
		key: 'statutory-role',
		phase: 'month',
		title: 'Your statutory role and the corporate parenting principles',
		body: 'You are the councillor designated under section 19 of the Children Act 2004, and with every councillor a corporate parent to the children in your authority’s care. Read the statutory guidance on your role and the seven corporate parenting principles, and ask your officers how the council lives up to them.',
		link: '/threads?category=corporate-parenting',
		linkText: 'Discussions on corporate parenting',
		rule: null
	},
	{
		key: 'children-in-care-council',
		phase: 'month',
		title: 'Meet your children in care council',
		body: 'Children and young people in care are the best judges of how the council parents them. Go to a meeting of the children in care council, and agree how you will keep hearing from children directly.',
		link: '/threads?category=engaging-children',
		linkText: 'How others hear from children',
		rule: null
	},
	{
		key: 'safeguarding-partnership',
		phase: 'month',
		title: 'Understand your safeguarding partnership',
		body: 'The council, the police and the health service share the duty to safeguard children in your area. Find out who the partners are, how the partnership is scrutinised, and when its yearly report comes to you.',
		link: '/threads?category=safeguarding',
		linkText: 'Discussions on safeguarding',
		rule: null
	},
	{
		key: 'scrutiny',
		phase: 'month',
		title: 'Meet the chair of scrutiny',
		body: 'Scrutiny will question your decisions; that helps you. Meet the chair of the committee that covers children’s services and agree how you will work together.',
		link: '/threads?category=the-role',
		linkText: 'Working with scrutiny',
		rule: null
	},
	{
		key: 'budget',
		phase: 'month',
		title: 'Understand the budget and the high-needs block',
		body: 'Children’s services is usually the council’s largest budget under pressure: placements and the high-needs block for special educational needs above all. Ask your finance lead for a briefing on both, and on any deficit recovery plan.',
		link: '/threads?category=budgets',
		linkText: 'Discussions on budgets',
		rule: null
	},
	{
		key: 'log-induction',
		phase: 'month',
		title: 'Log your authority’s induction in your training log',
		body: 'Whatever induction your authority gives you, write it down: your training log then shows what you have covered and what is still to do.',
		link: '/training/new?kind=induction',
		linkText: 'Add your induction to your training log',
		rule: 'induction-logged'
	},
	// The first 100 days
	{
		key: 'visits',
		phase: 'hundred-days',
		title: 'Visit front-line teams and children’s homes',
		body: 'Spend time with social workers, family support and youth justice teams, and visit the children’s homes your authority runs or uses. Read the regulation 44 visitors’ reports on each home.',
		link: '/threads?category=corporate-parenting',
		linkText: 'What others look for on visits',
		rule: null
	},
	{
		key: 'last-inspection',
		phase: 'hundred-days',
		title: 'Read your last inspections and their action plans',
		body: 'Read the last Ofsted inspection of children’s services (ILACS) and the last area SEND inspection, and ask how the action plans are going. The next inspection may come sooner than you think.',
		link: '/threads?category=inspection',
		linkText: 'Discussions on inspection',
		rule: null
	},
	{
		key: 'first-mentoring-meeting',
		phase: 'hundred-days',
		title: 'Have your first meeting with your mentor',
		body: 'Once you are paired, meet and agree what you want from mentoring. Either of you logs the meeting.',
		link: '/mentoring',
		linkText: 'Go to your mentoring',
		rule: 'meeting-logged'
	},
	{
		key: 'regional-meeting',
		phase: 'hundred-days',
		title: 'Book a regional network meeting or event',
		body: 'Meeting the other Lead Members in your region is the quickest way to learn what works. Mark an event “I’m going”.',
		link: '/training/events',
		linkText: 'See events',
		rule: 'event-going'
	},
	{
		key: 'core-topics',
		phase: 'hundred-days',
		title: 'Check which core topics you still need to cover',
		body: 'Your training log shows which of the nine core topics every Lead Member should know you have not covered yet, with events that cover them.',
		link: '/training/gaps',
		linkText: 'See your gaps',
		rule: null
	}
];
