/** Demo library: documents and case studies Lead Members might share, with small real files. */
import * as files from '../files';
import * as library from '../library/entries';
import { actorById } from '../network/members';
import type { DemoContext } from './context';
import { simpleDocx, simplePdf } from './demo-files';
import type { EntryInput } from '../library/input';

type DemoEntry = {
	by: string;
	days: number;
	input: Omit<EntryInput, 'authorityId' | 'situation' | 'whatWeDid' | 'whatChanged' | 'differently' | 'contact' | 'reviewBy'> & { authority: string; reviewBy?: string; caseStudy?: Pick<EntryInput, 'situation' | 'whatWeDid' | 'whatChanged' | 'differently' | 'contact'> };
	file?: { name: string; bytes: () => Buffer };
	useful?: string[];
};

const STRATEGY_PAGES = [
	'Corporate parenting strategy 2026 to 2029. Our promise to children in care and care leavers in Lancashire. Agreed by the corporate parenting board with the Children in Care Council.',
	'Our five pledges. 1. Every child in care has a trusted adult they choose. 2. Care leavers pay no council tax until 25. 3. Apprenticeships ring-fenced for care leavers in every council directorate. 4. Placement moves kept to a minimum, with no move during exam years unless the child asks. 5. Councillors meet the Children in Care Council every quarter.',
	'How we will know. The corporate parenting board reviews the scorecard every quarter: stability of placements, care leavers in education, employment or training, health assessments on time, and what children tell us in the annual Bright Spots survey.'
];

const ENTRIES: DemoEntry[] = [
	{
		by: 'member@example.org',
		days: 20,
		input: { kind: 'strategy', title: 'Corporate parenting strategy 2026 to 2029', summary: 'Our strategy, written with the **Children in Care Council**: five pledges, a quarterly scorecard and what every councillor is asked to do as a corporate parent.', topics: ['corporate-parenting', 'care-leavers', 'participation'], scope: 'national', authority: 'Lancashire', reviewBy: '2027-09-30' },
		file: { name: 'Corporate parenting strategy 2026-2029.pdf', bytes: () => simplePdf('Corporate parenting strategy 2026 to 2029', STRATEGY_PAGES) },
		useful: ['mentor@example.org', 'coordinator@example.org']
	},
	{
		by: 'mentor@example.org',
		days: 45,
		input: {
			kind: 'case-study',
			title: 'Giving the Children in Care Council real influence',
			summary: 'How Leeds moved its Children in Care Council from a consultation group to a body that sets the corporate parenting board’s agenda twice a year.',
			topics: ['participation', 'corporate-parenting'],
			scope: 'national',
			authority: 'Leeds',
			caseStudy: {
				situation: 'Young people told us the council only asked their views after decisions were made. Attendance at the Children in Care Council had fallen to four regular members.',
				whatWeDid: 'We gave the council two agenda-setting meetings a year at the corporate parenting board, paid members for their time, and the Lead Member answers every question in writing within a month.',
				whatChanged: 'Regular members rose from **4 to 19** in a year. Two of their proposals – free bus travel for care leavers and a named worker for every placement move – are now policy.',
				differently: 'Start with the councillors: some board members were uneasy being questioned by young people. A short session on corporate parenting first would have helped.',
				contact: 'The Lead Member for Children’s Services in Leeds – send a message through the network.'
			}
		},
		useful: ['member@example.org']
	},
	{
		by: 'coordinator@example.org',
		days: 12,
		input: { kind: 'guidance', title: 'Induction pack for new Lead Members – North West', summary: 'The pack our region gives every new Lead Member: the first 100 days, questions to ask your DCS, the inspection framework in two pages, and who to call in the region.', topics: ['working-with-dcs', 'inspection', 'corporate-parenting'], scope: 'north-west', authority: 'Manchester' },
		file: {
			name: 'Induction pack for new Lead Members.docx',
			bytes: () =>
				simpleDocx('Induction pack for new Lead Members', [
					'Welcome to the role. This pack is for your first 100 days as Lead Member for Children’s Services in the North West.',
					'Your first month: meet your Director of Children’s Services every week; visit a children’s home and a family hub; read the last ILACS inspection letter and the self-evaluation.',
					'Ten questions to ask your DCS: How many children are in our care and how has that changed? Where do our children live, and how far from home? What do care leavers tell us?',
					'Who to call: the regional coordinator, your mentor, and the regional network’s termly meeting.'
				])
		}
	},
	{
		by: 'margaret.elliott@example.org',
		days: 70,
		input: { kind: 'report', title: 'Scrutiny review: placement sufficiency', summary: 'Our children’s scrutiny panel’s review of why too many children were placed more than 20 miles from home, with the eight recommendations the cabinet accepted.', topics: ['placements', 'scrutiny', 'budgets'], scope: 'national', authority: 'Sunderland' },
		file: {
			name: 'Scrutiny review - placement sufficiency.pdf',
			bytes: () =>
				simplePdf('Scrutiny review: placement sufficiency', [
					'Scrutiny review of placement sufficiency. Children’s services scrutiny panel.',
					'Findings. 38 per cent of children in care lived more than 20 miles from home. Residential placements cost on average GBP 5,900 a week. Foster carer recruitment fell for three years running.',
					'Recommendations. Open two small council-run children’s homes; raise foster carer allowances; a regional commissioning partnership with neighbouring councils; report to scrutiny every six months.'
				])
		}
	},
	{
		by: 'coordinator@example.org',
		days: 5,
		input: { kind: 'template', title: 'Corporate parenting board: quarterly scorecard template', summary: 'A one-page scorecard for the corporate parenting board, with the measures most boards in the region now use.', topics: ['corporate-parenting', 'scrutiny'], scope: 'north-west', authority: 'Manchester' },
		file: {
			name: 'Corporate parenting scorecard.csv',
			bytes: () => Buffer.from('Measure,Last quarter,This quarter,Target\nChildren in care,,,\nThree or more placement moves in the year (%),,,10\nHealth assessments on time (%),,,95\nCare leavers in education employment or training (%),,,60\nCare leavers in suitable accommodation (%),,,90\n')
		}
	},
	{
		by: 'member@example.org',
		days: 2,
		input: {
			kind: 'guidance',
			title: 'Staying put to 25: a note for the cabinet (draft)',
			summary: 'A two-page note for cabinet on extending staying put to 25 – still a private draft while finance check the costs.',
			topics: ['care-leavers', 'budgets'],
			scope: 'national',
			authority: 'Lancashire',
			draft: true
		},
		file: {
			name: 'Staying put to 25 - cabinet note (draft).docx',
			bytes: () =>
				simpleDocx('Staying put to 25: a note for the cabinet', [
					'Draft for discussion. Not for circulation.',
					'Proposal: fund staying put arrangements until a young person’s 25th birthday where they and their carers want it.',
					'Estimated cost: to be confirmed by finance.'
				])
		}
	}
];

export async function seedLibrary(ctx: DemoContext) {
	for (const e of ENTRIES) {
		const actor = actorById(ctx.memberId(e.by));
		if (!actor) continue;
		let received: files.Received | null = null;
		if (e.file) {
			const r = await files.receive(e.file.bytes(), e.file.name);
			if (!r.ok) throw new Error(`Demo file refused: ${e.file.name}: ${r.message}`);
			received = r.file;
		}
		const cs = e.input.caseStudy ?? { situation: '', whatWeDid: '', whatChanged: '', differently: '', contact: '' };
		const { authority, caseStudy: _cs, reviewBy, ...rest } = e.input;
		const result = library.create(actor, { ...rest, ...cs, authorityId: ctx.authorityId(authority), reviewBy: reviewBy ?? null }, received, {}, ctx.now - e.days * 86_400_000);
		if (!result.ok) throw new Error(`Demo entry refused: ${e.input.title}: ${JSON.stringify(result.errors)}`);
		for (const who of e.useful ?? []) {
			const a = actorById(ctx.memberId(who));
			if (a) library.setUseful(a, result.value.id, true, ctx.now - e.days * 86_400_000 + 3_600_000);
		}
	}
}
