/** Words for the induction path: phases, how a step is ticked by itself. */
import type { InductionPhase, InductionRule } from '../db/schema';

export const PHASE_TITLES: Record<InductionPhase, string> = {
	'ten-days': 'The first ten days',
	month: 'The first month',
	'hundred-days': 'The first 100 days'
};

/** What the network sees, for a step ticked by itself ("Done: you asked for a mentor"). */
export const RULE_WORDS: Record<InductionRule, string> = {
	'mentor-requested': 'you asked for a mentor',
	'mentor-paired': 'you have a mentor',
	'meeting-logged': 'a meeting with your mentor is logged',
	'introduction-posted': 'you posted in your region’s introductions thread',
	'induction-logged': 'your training log has an authority induction',
	'handover-opened': 'you opened your authority’s handover pack',
	'event-going': 'you said you are going to an event'
};

/** For the admin's choice of how a step is ticked. */
export const RULE_CHOICES: [string, string][] = [
	['', 'The member ticks it'],
	['mentor-requested', 'By itself: a request for a mentor (or a mentor)'],
	['mentor-paired', 'By itself: an active mentoring pairing'],
	['meeting-logged', 'By itself: a mentoring meeting logged'],
	['introduction-posted', 'By itself: a post in the region’s introductions thread'],
	['induction-logged', 'By itself: a training entry of kind “Authority induction”'],
	['handover-opened', 'By itself: the authority’s handover pack opened'],
	['event-going', 'By itself: an event marked “I’m going”']
];

export const PHASE_CHOICES: [string, string][] = Object.entries(PHASE_TITLES);

/** "3 of 16 steps done". */
export { progressText } from '../../induction';
