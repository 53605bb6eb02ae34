import { describe, expect, it } from 'vitest';
import { checkChildSafety, warnedWords } from './child-safety';

/** Phrases that must warn, with words the warning must name. */
const MUST_WARN: [string, string[]][] = [
	["Jamie Smith, aged 14, at St Mary's Primary in Preston, was placed out of county last month.", ['Jamie Smith', 'aged 14']],
	['Tyler, 10, lives with his foster carers near the park.', ['Tyler', '10']],
	['Ellie (12) was moved to a new placement in the spring.', ['Ellie', '12']],
	['A 15-year-old boy called Kai was excluded from Hillside School.', ['Kai']],
	['J, 12, was moved to a residential home in Leeds.', ['J, 12']],
	['K (aged 9) is in foster care with her aunt.', ['K (aged 9)']],
	['Child A (aged 9) attends Oakfield Academy.', ['A (aged 9)']],
	['Born 3 March 2012, she is now in care.', ['Born 3 March 2012']],
	['His date of birth is 14/02/2011.', ['date of birth is 14/02/2011']],
	['Sophie Turner goes to Brookfield High School in Wigan.', ['Sophie Turner', 'Brookfield High School']],
	['Liam Walsh was placed in a secure unit after the incident.', ['Liam Walsh']],
	['We worry about Mia, who lives on Acacia Avenue with her grandmother.', ['Mia', 'Acacia Avenue']],
	['Oliver Brown is 13 and has been missing from home twice this month.', ['Oliver Brown', 'is 13']],
	['Ava Patel, a 16-year-old care leaver, told the panel about her pathway plan.', ['Ava Patel', '16-year-old']],
	['Noah is on a care order and his social worker has changed four times.', ['Noah']],
	['The 14-year-old at St Anne’s Catholic Primary School has been excluded.', ['14-year-old']],
	['Jack Evans, who is 11, was fostered by his neighbours.', ['Jack Evans']],
	['Grace Lee lives at 42 Millbrook Road with her foster family.', ['Grace Lee', '42 Millbrook Road']],
	['Ruby is in Year 9 at Parkside Academy.', ['Ruby', 'Year 9', 'Parkside Academy']],
	['Harry Jones, DOB 05/06/2013, is accommodated under section 20.', ['Harry Jones']],
	['M.S., 15, was reported missing from her placement in Blackpool.', ['M.S., 15']],
	['The young person known as Leo was remanded last week.', ['Leo']],
	['Chloe Adams (15) goes to Highfield Grammar and is looked after by the council.', ['Chloe Adams', '15']],
	['A boy aged 8 who lives on Elm Grove was taken into care.', ['Elm Grove', 'aged 8']],
	['Isla Murphy was born in 2010 and came into care last year.', ['Isla Murphy']],
	['We placed Ethan with kinship carers; he is 7 years old.', ['Ethan', '7 years old']],
	['D aged 13 has had six placements since March.', ['D aged 13']],
	['Our care leaver Olivia Clarke, aged 19, now lives in supported lodgings.', ['Olivia Clarke', 'aged 19']]
];

/** Phrases that must not warn: the ordinary talk of Lead Members. */
const MUST_NOT_WARN: string[] = [
	'Our corporate parenting panel met on Tuesday to discuss placement sufficiency.',
	'I spoke to Councillor Brown about the budget for children’s services.',
	'Cllr Sarah Jones, 52, chairs our scrutiny committee.',
	'Ofsted inspected St Mary’s Primary last year and it was rated good.',
	'We have 420 children in care, and 38 of them are placed out of county.',
	'How do other authorities recruit foster carers in rural areas?',
	'The Children Act 2004 was born out of the Laming inquiry.',
	'Children aged 11 to 16 make up most of our looked-after population.',
	'I met Amanda, our director of children’s services, at the LGA conference in Harrogate.',
	'Our Virtual School Head, Peter Hughes, presented the attainment figures.',
	'The LGA Leadership Academy was the best training I have done.',
	'Plan A, 14 members of the panel agreed to the new terms of reference.',
	'Option B (15 minutes each) gives every councillor a chance to speak.',
	'Section 20 accommodation is rising across the North West.',
	'The meeting is at 10 Downing Street next week, I am told.',
	'We moved our offices to Fishergate Road last spring.',
	'Yvette Cooper announced funding for family hubs in 2024.',
	'I have been a Lead Member since May 2022 and chair the corporate parenting board.',
	'Our children in care council wrote the pledge themselves.',
	'Around 15% of our care leavers are not in education, employment or training.',
	'The high court judgement on deprivation of liberty affects us all.',
	'Has anyone used the Mockingbird model for foster carer support?',
	'We have three secure children’s homes in the region, all at capacity.',
	'Year 6 SATs results improved in 12 of our schools.',
	'Tim Loughton MP spoke about the care review at the conference.',
	'Ask Jane Smith in our region – she ran the inspection preparation sessions.',
	'Our budget for 2026 includes £2 million for early help.',
	'The DfE’s guidance on section 251 returns changed in April.',
	'Thanks @jsmith – really helpful advice on the Regulation 44 visits.',
	'I visited one of our children’s homes with the registered manager on Friday.',
	'Our social workers carry an average caseload of 18 children.',
	'The panel heard from young people about their experience of care.',
	'Josh MacAlister’s review recommended regional care cooperatives.',
	'Could someone share their handover pack for a new Lead Member?'
];

describe('checkChildSafety: the fixtures', () => {
	it('has at least 40 phrases that must and must not warn', () => {
		expect(MUST_WARN.length + MUST_NOT_WARN.length).toBeGreaterThanOrEqual(40);
		expect(MUST_WARN.length).toBeGreaterThanOrEqual(20);
		expect(MUST_NOT_WARN.length).toBeGreaterThanOrEqual(20);
	});

	it.each(MUST_WARN)('warns about: %s', (text, words) => {
		const { warnings } = checkChildSafety(text);
		expect(warnings.length, text).toBeGreaterThan(0);
		const named = warnedWords(warnings);
		for (const w of words) expect(named.some((n) => n.includes(w) || w.includes(n)), `${text} → ${JSON.stringify(named)} should name “${w}”`).toBe(true);
		for (const warning of warnings) {
			expect(warning.reason).toMatch(/^[A-Z]/);
			for (const w of warning.words) expect(text).toContain(w);
		}
	});

	it.each(MUST_NOT_WARN.map((t) => [t]))('does not warn about: %s', (text) => {
		expect(checkChildSafety(text).warnings, text).toEqual([]);
	});
});

describe('checkChildSafety: behaviour', () => {
	it('explains the warning in words: a name next to an age and a school', () => {
		const { warnings } = checkChildSafety("Jamie Smith, aged 14, at St Mary's Primary in Preston, was placed out of county last month.");
		expect(warnings).toHaveLength(1);
		expect(warnings[0].reason).toBe('A person’s name next to an age, a school and a placement or care detail');
		expect(warnings[0].words).toEqual(['Jamie Smith', 'aged 14', "St Mary's Primary", 'was placed', 'placed out of county']);
	});

	it('checks each sentence of a longer post and finds the one that identifies', () => {
		const text = 'We have had a hard year.\n\nOur panel met twice.\n\nLast week Tyler, 10, was moved to a children’s home. We are reviewing sufficiency.';
		const { warnings } = checkChildSafety(text);
		expect(warnings).toHaveLength(1);
		expect(warnings[0].words).toContain('Tyler');
	});

	it('reads Markdown as text (emphasis and links do not hide a name)', () => {
		expect(checkChildSafety('**Jamie Smith**, _aged 14_, goes to [Oakfield Academy](https://example.org).').warnings.length).toBe(1);
	});

	it('is empty for empty or whitespace text', () => {
		expect(checkChildSafety('').warnings).toEqual([]);
		expect(checkChildSafety('   \n\n ').warnings).toEqual([]);
	});

	it('checks the longest post quickly', () => {
		const para = 'Our corporate parenting panel discussed placement sufficiency, recruitment of foster carers and the budget for next year. ';
		const text = para.repeat(Math.floor(50_000 / para.length));
		const started = performance.now();
		expect(checkChildSafety(text).warnings).toEqual([]);
		expect(performance.now() - started).toBeLessThan(3_000);
	});
});
