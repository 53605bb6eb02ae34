/**
 * Shared vocabularies. Every list is `[value, label]` pairs so the stored value stays stable
 * while the words can change. Used by forms, validation, the database and emails alike.
 */

export const REGIONS = [
	['north-east', 'North East'],
	['north-west', 'North West'],
	['yorkshire-humber', 'Yorkshire and The Humber'],
	['east-midlands', 'East Midlands'],
	['west-midlands', 'West Midlands'],
	['east-of-england', 'East of England'],
	['london', 'London'],
	['south-east', 'South East'],
	['south-west', 'South West']
] as const;
export type RegionId = (typeof REGIONS)[number][0];

export const AUTHORITY_KINDS = [
	['county', 'county council'],
	['unitary', 'unitary authority'],
	['metropolitan', 'metropolitan borough'],
	['london', 'London borough']
] as const;
export type AuthorityKind = (typeof AUTHORITY_KINDS)[number][0];

export const POSITIONS = [
	['lead-member', 'Lead Member'],
	['deputy', 'Deputy Lead Member'],
	['cabinet-sharing', 'Cabinet member sharing the portfolio'],
	['scrutiny-chair', 'Scrutiny chair'],
	['cpp-member', 'Corporate parenting panel member'],
	['other', 'Other']
] as const;
export type Position = (typeof POSITIONS)[number][0];

export const ROLES = [
	['member', 'Member'],
	['coordinator', 'Regional coordinator'],
	['admin', 'Admin']
] as const;
export type Role = (typeof ROLES)[number][0];

/**
 * Topics: areas of expertise on profiles, focus topics for mentoring, training topics and
 * thread subjects. The first nine are the core topics every Lead Member should cover.
 */
export const TOPICS = [
	['corporate-parenting', 'Corporate parenting'],
	['safeguarding', 'Safeguarding partnerships'],
	['send', 'SEND'],
	['inspection', 'The inspection framework for children’s services'],
	['education', 'Education and school organisation'],
	['youth-justice', 'Youth justice'],
	['working-with-dcs', 'Working with the Director of Children’s Services'],
	['budgets', 'Budgets and commissioning'],
	['participation', 'Children’s participation'],
	['early-help', 'Early help and family support'],
	['placements', 'Placements and sufficiency'],
	['care-leavers', 'Care leavers'],
	['mental-health', 'Children’s mental health'],
	['health-partnerships', 'Health partnerships'],
	['workforce', 'Social work workforce'],
	['scrutiny', 'Scrutiny and challenge']
] as const;
export type Topic = (typeof TOPICS)[number][0];

export const CORE_TOPICS: readonly Topic[] = [
	'corporate-parenting',
	'safeguarding',
	'send',
	'inspection',
	'education',
	'youth-justice',
	'working-with-dcs',
	'budgets',
	'participation'
];

export const TRAINING_KINDS = [
	['lga-leadership', 'LGA/IDeA leadership programme'],
	['induction', 'Authority induction'],
	['subject-course', 'Subject course'],
	['regional-network', 'Regional Lead Member network meeting'],
	['national-network', 'National network or conference'],
	['e-learning', 'E-learning'],
	['mentoring', 'Mentoring'],
	['informal', 'Informal or on-the-job learning']
] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number][0];

export const EVENT_KINDS = [
	['network-meeting', 'Network meeting'],
	['course', 'Course'],
	['webinar', 'Webinar'],
	['conference', 'Conference']
] as const;
export type EventKind = (typeof EVENT_KINDS)[number][0];

export const MEETING_MODES = [
	['online', 'Online'],
	['phone', 'Phone'],
	['in-person', 'In person']
] as const;
export type MeetingMode = (typeof MEETING_MODES)[number][0];

export const CHECKLIST_STATUSES = [
	['not-started', 'Not started'],
	['in-progress', 'In progress'],
	['done', 'Done'],
	['not-applicable', 'Not applicable']
] as const;
export type ChecklistStatus = (typeof CHECKLIST_STATUSES)[number][0];

export const DIGEST_FREQUENCIES = [
	['daily', 'Daily'],
	['weekly', 'Weekly'],
	['never', 'Never']
] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number][0];

export const NOTIFY_CHOICES = [
	['immediately', 'Immediately'],
	['digest', 'In my digest'],
	['off', 'Off']
] as const;
export type NotifyChoice = (typeof NOTIFY_CHOICES)[number][0];

/** Values of a vocabulary, for validation: `z.enum(values(TOPICS))`. */
export function values<T extends readonly (readonly [string, string])[]>(list: T): [T[number][0], ...T[number][0][]] {
	return list.map(([v]) => v) as [T[number][0], ...T[number][0][]];
}

/** The words for a stored value; the value itself if unknown. */
export function label<T extends readonly (readonly [string, string])[]>(list: T, value: string | null | undefined): string {
	if (value == null) return '';
	return list.find(([v]) => v === value)?.[1] ?? value;
}

/** Kinds of library entry. */
export const LIBRARY_KINDS = [
	['case-study', 'Case study'],
	['strategy', 'Strategy or policy'],
	['report', 'Report'],
	['guidance', 'Guidance'],
	['template', 'Template'],
	['presentation', 'Presentation']
] as const;
export type LibraryKind = (typeof LIBRARY_KINDS)[number][0];
