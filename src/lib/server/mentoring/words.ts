/**
 * The words mentoring pages use for its own stored values (vocabularies shared with other areas
 * live in src/lib/vocab.ts). `[value, label]` pairs, like the shared ones, so forms can use them.
 */
import { STATE_LABELS } from './health';

export const GOAL_STATUSES = [
	['not-started', 'Not started'],
	['in-progress', 'In progress'],
	['done', 'Done']
] as const;

export const REGION_PREFS = [
	['same', 'Someone from my own region'],
	['other', 'Someone from another region'],
	['any', 'No preference']
] as const;

export const PARTY_PREFS = [
	['same', 'Someone from my own party or group'],
	['cross', 'Someone from another party – cross-party is welcome'],
	['any', 'No preference']
] as const;

export const KIND_PREFS = [
	['similar', 'A similar kind of authority to mine'],
	['any', 'No preference']
] as const;

export const REGION_SCOPES = [
	['own', 'Only members in my own region'],
	['other', 'Only members in other regions'],
	['both', 'Members in any region']
] as const;

export const CAPACITIES = [
	['1', '1 mentee'],
	['2', '2 mentees'],
	['3', '3 mentees']
] as const;

export const RHYTHM_CHOICES = [
	['2', 'Every 2 weeks'],
	['4', 'Every 4 weeks'],
	['6', 'Every 6 weeks']
] as const;

export const OUTCOMES = [
	['completed', 'Completed – we met our goals or reached the end date'],
	['ended-early', 'Ended early']
] as const;

export const RATINGS = [
	['5', '5 – very useful'],
	['4', '4 – useful'],
	['3', '3 – some use'],
	['2', '2 – little use'],
	['1', '1 – no use']
] as const;

/** Everything above in one object, for a page load. */
export const WORDS = {
	states: STATE_LABELS,
	goalStatuses: GOAL_STATUSES,
	regionPrefs: REGION_PREFS,
	partyPrefs: PARTY_PREFS,
	kindPrefs: KIND_PREFS,
	regionScopes: REGION_SCOPES,
	capacities: CAPACITIES,
	rhythms: RHYTHM_CHOICES,
	outcomes: OUTCOMES,
	ratings: RATINGS
};
export type Words = typeof WORDS;
