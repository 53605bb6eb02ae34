/**
 * "Done by itself": the steps the network can see done, each asked of the area where it is done
 * through that area's exported functions (mentoring, discussions, training, succession). The
 * areas do not know induction exists. Every question is asked once for a whole list of members,
 * so a coordinator's list of a region's new members costs a handful of queries, not one per row.
 */
import type { InductionRule } from '../db/schema';
import * as mentoring from '../mentoring/milestones';
import * as training from '../training/milestones';
import * as handover from '../succession/handover';
import * as discussions from '../discussions/milestones';
import { introductionsThreadId } from './introductions';

export type MemberPlace = { id: number; authorityId: number; regionId: string };

/** For each member: the rules the network sees done, with when (epoch ms); and their mentoring state. */
export type Seen = { done: Map<InductionRule, number>; mentoring: mentoring.Milestones };

export function seenDone(list: MemberPlace[]): Map<number, Seen> {
	const ids = list.map((m) => m.id);
	const mentor = mentoring.milestones(ids);
	const induction = training.firstEntryOfKind(ids, 'induction');
	const going = training.firstGoing(ids);
	const packs = handover.firstOpenedOwnPack(list);
	const introduced = new Map<number, number>();
	for (const regionId of new Set(list.map((m) => m.regionId))) {
		const threadId = introductionsThreadId(regionId);
		if (threadId == null) continue;
		const inRegion = list.filter((m) => m.regionId === regionId).map((m) => m.id);
		for (const [id, at] of discussions.firstPostsIn(threadId, inRegion)) introduced.set(id, at);
	}
	const out = new Map<number, Seen>();
	for (const id of ids) {
		const m = mentor.get(id)!;
		const done = new Map<InductionRule, number>();
		const asked = m.requestedAt ?? m.pairedAt;
		if (asked != null) done.set('mentor-requested', asked);
		if (m.pairedAt != null) done.set('mentor-paired', m.pairedAt);
		if (m.firstMeetingAt != null) done.set('meeting-logged', m.firstMeetingAt);
		const put = (rule: InductionRule, at: number | undefined) => at != null && done.set(rule, at);
		put('introduction-posted', introduced.get(id));
		put('induction-logged', induction.get(id));
		put('handover-opened', packs.get(id));
		put('event-going', going.get(id));
		out.set(id, { done, mentoring: m });
	}
	return out;
}
