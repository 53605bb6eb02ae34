/**
 * The checklist template the network starts with (version 1). Written for Lead Members for
 * Children's Services: what an authority should have in place so that a new Lead Member —
 * from the same group or another party — can pick up the portfolio without a gap.
 * Keys are the items' identity across template versions: never reuse one for a different item.
 */

export type TemplateSpec = {
	key: string;
	title: string;
	items: { key: string; title: string; guidance: string; weight: number }[];
}[];

/** Sections and items of the default template, in order. */
export const DEFAULT_TEMPLATE: TemplateSpec = [
	{
		key: 'successor',
		title: 'A successor in the group',
		items: [
			{
				key: 'successor-identified',
				title: 'A possible successor is identified in the group',
				guidance:
					'Agree with your group leader who could take on the portfolio if you stepped down or lost your seat. It need not be announced; it needs to be thought about before it is needed.',
				weight: 3
			},
			{
				key: 'successor-willing',
				title: 'The possible successor knows and is willing',
				guidance: 'Have an honest conversation about the time the role takes, the statutory responsibilities and the support available.',
				weight: 2
			}
		]
	},
	{
		key: 'shadowing',
		title: 'Briefing and shadowing',
		items: [
			{
				key: 'shadow-panel',
				title: 'The successor sits in on the corporate parenting panel',
				guidance: 'As a member or an observer. Seeing how the panel challenges officers on the experience of children in care is the quickest way to learn the role.',
				weight: 2
			},
			{
				key: 'shadow-partnership',
				title: 'The successor has observed the safeguarding partnership or children’s partnership board',
				guidance: 'Ask the partnership business manager whether an observer can attend, or share the minutes and papers of recent meetings.',
				weight: 2
			},
			{
				key: 'joint-briefings',
				title: 'The successor joins some of your briefings with the Director of Children’s Services',
				guidance: 'A few joint briefings a year build the working relationship with the DCS that the role depends on.',
				weight: 2
			}
		]
	},
	{
		key: 'induction',
		title: 'Induction and training',
		items: [
			{
				key: 'induction-plan',
				title: 'An induction for a new Lead Member is planned with officers',
				guidance: 'Agree with the DCS and democratic services what the first eight weeks would cover: meetings with service heads, visits to front-line teams, the budget and the improvement plan.',
				weight: 3
			},
			{
				key: 'training-plan',
				title: 'Training for the successor is identified',
				guidance: 'For example an LGA leadership programme, safeguarding and corporate parenting courses, and the regional Lead Member network meetings. Note what is booked.',
				weight: 2
			},
			{
				key: 'mentor-lined-up',
				title: 'A mentor from the network is lined up',
				guidance: 'An experienced Lead Member from another authority who can be a sounding board in the first months. Your regional coordinator can suggest one.',
				weight: 1
			}
		]
	},
	{
		key: 'party-control',
		title: 'If party control changes',
		items: [
			{
				key: 'cross-party-briefing',
				title: 'A cross-party briefing is agreed with the Director of Children’s Services',
				guidance: 'Agree that, after an election, the DCS will brief whoever takes the portfolio, whatever their party, and that opposition spokespeople can be briefed beforehand.',
				weight: 3
			},
			{
				key: 'officer-led-induction',
				title: 'An officer-led induction is ready for any incoming Lead Member',
				guidance: 'An induction that does not depend on you being there: officers can run it for a Lead Member from another group in the first week after the election.',
				weight: 3
			},
			{
				key: 'opposition-aware',
				title: 'Opposition spokespeople know where the handover pack is kept',
				guidance: 'A short note to the other groups’ spokespeople for children’s services saying what exists and whom to ask for it.',
				weight: 1
			}
		]
	},
	{
		key: 'handover-pack',
		title: 'Handover pack',
		items: [
			{
				key: 'key-contacts',
				title: 'Key contacts',
				guidance: 'The DCS and senior team, heads of service, the chair of the safeguarding partnership, the virtual school head, health and police leads, and the people who support you in the council.',
				weight: 2
			},
			{
				key: 'priorities',
				title: 'Current priorities and the improvement plan',
				guidance: 'What the service is working on now, the improvement or transformation plan and where it stands, and the decisions coming up in the next six months.',
				weight: 2
			},
			{
				key: 'inspection-history',
				title: 'Inspection history and open actions',
				guidance: 'The last inspection judgements and letters, any focused visits, and the actions still open with who is responsible for each.',
				weight: 2
			},
			{
				key: 'budget-position',
				title: 'Budget position',
				guidance: 'The budget for children’s services, the main pressures (placements, home-to-school transport, high-needs funding) and the medium-term plan.',
				weight: 2
			},
			{
				key: 'corporate-parenting',
				title: 'Corporate parenting panel and visit rota',
				guidance: 'How the panel works, its terms of reference and forward plan, and the rota of councillors’ visits to children’s homes.',
				weight: 2
			},
			{
				key: 'statutory-duties',
				title: 'The Lead Member’s statutory duties',
				guidance: 'A plain summary of what the law and statutory guidance ask of the Lead Member, and how the council meets it locally.',
				weight: 2
			}
		]
	},
	{
		key: 'sharing',
		title: 'How the role is shared',
		items: [
			{
				key: 'sharing-model',
				title: 'The way the portfolio is shared is written down',
				guidance: 'Whether there are deputies or the portfolio is divided between cabinet members (for example education and social care), and who leads on what.',
				weight: 2
			},
			{
				key: 'cover',
				title: 'Cover is agreed for when the Lead Member is away',
				guidance: 'Who signs off urgent decisions and speaks for the service when you are unavailable.',
				weight: 1
			}
		]
	},
	{
		key: 'introductions',
		title: 'Introductions',
		items: [
			{
				key: 'partner-introductions',
				title: 'Introductions to partners are planned',
				guidance: 'Health, police, schools and colleges, and the voluntary sector: the people a new Lead Member should meet in the first three months.',
				weight: 2
			},
			{
				key: 'children-in-care-council',
				title: 'An introduction to the children in care council is arranged',
				guidance: 'Children and young people should hear who their new corporate parent is from the start. Agree with the participation team how and when that would happen.',
				weight: 2
			}
		]
	}
];
