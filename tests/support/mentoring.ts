/**
 * Helpers for the mentoring unit tests: mentors with offers, requests, a coordinator, and a whole
 * pairing made the way members make one (confirm, then both accept).
 */
import { makeMember } from './members';
import type { NewMember } from '../../src/lib/server/network/members';
import type { MeetingMode, Topic } from '../../src/lib/vocab';
import * as offers from '../../src/lib/server/mentoring/offers';
import * as requests from '../../src/lib/server/mentoring/requests';
import * as coordination from '../../src/lib/server/mentoring/coordination';
import * as proposals from '../../src/lib/server/mentoring/proposals';

type MemberOpts = Partial<NewMember> & { authority?: string };

/** A member who has offered to mentor. */
export function makeMentor(over: MemberOpts & { capacity?: number; expertise?: Topic[]; regionScope?: 'own' | 'other' | 'both'; modes?: MeetingMode[]; open?: boolean } = {}) {
	const { capacity = 2, regionScope = 'both', modes = ['online'], open = true, ...memberOver } = over;
	const m = makeMember({ authority: 'Leeds', inRoleSince: '2016-05-01', ...memberOver });
	offers.save(m.actor, {
		capacity,
		expertise: over.expertise ?? ['inspection'],
		availability: 'Evenings',
		regionScope,
		meetingModes: modes,
		open
	});
	return m;
}

/** A member with an open request for a mentor. */
export function makeMentee(over: MemberOpts & { topics?: Topic[]; goals?: string; now?: number } = {}) {
	const { topics = ['inspection'], goals = 'Prepare for an inspection\nWork well with the DCS', now, ...memberOver } = over;
	const m = makeMember({ authority: 'Lancashire', inRoleSince: '2026-06-01', ...memberOver });
	const r = requests.submit(
		m.actor,
		{ goals, focusTopics: topics, regionPref: 'any', partyPref: 'any', kindPref: 'any', meetingModes: ['online'] },
		now
	);
	if (!r.ok) throw new Error(r.message);
	return { ...m, requestId: r.id };
}

/** The North West coordinator (a fresh one each call). */
export function makeCoordinator(regionId = 'north-west', authority = 'Salford') {
	return makeMember({ authority, role: 'coordinator', coordinatorRegionId: regionId });
}

/** Confirms a match and has both sides accept it; returns the pairing id. */
export function pairUp(
	coordinator: ReturnType<typeof makeCoordinator>,
	mentor: ReturnType<typeof makeMentor>,
	mentee: ReturnType<typeof makeMentee>,
	now = Date.now()
): { pairingId: number; proposalId: number } {
	const c = coordination.confirmOne(coordinator.actor, { requestId: mentee.requestId, mentorId: mentor.id }, now);
	if (!c.ok) throw new Error(c.message);
	const a = proposals.answer(mentor.actor, c.proposalId, { answer: 'accepted', reason: '' }, now);
	if (!a.ok) throw new Error(a.message);
	const b = proposals.answer(mentee.actor, c.proposalId, { answer: 'accepted', reason: '' }, now);
	if (!b.ok || b.pairingId == null) throw new Error(b.ok ? 'no pairing' : b.message);
	return { pairingId: b.pairingId, proposalId: c.proposalId };
}

/** Runs `fn` and returns the HTTP status SvelteKit's `error()` threw (or null when nothing was thrown). */
export function statusOf(fn: () => unknown): number | null {
	try {
		fn();
		return null;
	} catch (e) {
		const status = (e as { status?: number }).status;
		if (typeof status === 'number') return status;
		throw e;
	}
}
