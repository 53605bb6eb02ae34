/**
 * Who may do what — the one place it is decided (ARCHITECTURE rule 3).
 *
 * Server functions take the acting member and ask `can(actor, action, thing)`. The functions
 * here are pure: the caller loads the thing (its region, authority, owners) and passes the facts.
 * Visibility denials should be shown as "not found" (404) so nothing leaks that a thing exists.
 */
import { error } from '@sveltejs/kit';
import type { Role } from '../../vocab';

export type Actor = {
	id: number;
	role: Role;
	/** The member's own authority and its region. */
	authorityId: number;
	regionId: string;
	/** For coordinators: the region they coordinate. */
	coordinatorRegionId: string | null;
};

type Scope = { regionId: string | null };
type ThreadFacts = Scope & { authorId: number | null; locked?: boolean };
type PairFacts = { mentorId: number; menteeId: number; regionId: string };
type AuthorityFacts = { authorityId: number; regionId: string };

/** Every action and the facts it needs about its thing. */
export type Resources = {
	// network and accounts
	'member.invite': { regionId: string };
	'joinRequest.decide': { regionId: string };
	'joinRequest.list': { regionId: string | null };
	'member.view': { id: number };
	'member.editProfile': { id: number };
	/**
	 * A member's authority (so region), position and "in the role since" date: changed directly
	 * only by an admin (with a reason); members ask, and the destination region decides.
	 */
	'member.changePlace': { id: number };
	'placeChange.request': { memberId: number };
	'placeChange.cancel': { memberId: number };
	/** Approve or decline: the destination region's coordinator or an admin, never the member. */
	'placeChange.decide': { memberId: number; toRegionId: string };
	/** See a request: the member, both regions' coordinators, admins. */
	'placeChange.view': { memberId: number; fromRegionId: string; toRegionId: string };
	/** The list of requests: admins (all) or a region's coordinator (regionId). */
	'placeChange.list': { regionId: string | null };
	'member.manage': { id: number; regionId: string };
	'member.setRole': { id: number };
	/** The admin pages for members: the user list, coordinators. */
	'member.administer': Record<string, never>;
	'member.endAllSessions': { id: number };
	'member.exportData': { id: number };
	'member.delete': { id: number };
	'mailbox.read': Record<string, never>;
	'admin.access': Record<string, never>;
	'audit.read': { regionId: string | null };
	/** The whole audit trail as a CSV file: admins only. */
	'audit.export': Record<string, never>;
	// discussions
	'thread.view': Scope;
	'thread.create': Scope;
	'thread.reply': ThreadFacts;
	'thread.acceptAnswer': ThreadFacts;
	'thread.moderate': Scope;
	'post.edit': { authorId: number | null };
	'post.delete': { authorId: number | null };
	'post.viewHistory': { authorId: number | null };
	'post.report': Scope;
	'category.manage': Record<string, never>;
	// mentoring
	'mentoring.offer': Record<string, never>;
	'mentoring.request': Record<string, never>;
	'mentoring.match': { regionId: string };
	'pairing.viewPrivate': PairFacts;
	'pairing.viewStatus': PairFacts;
	'pairing.logMeeting': PairFacts;
	/** Change or delete a logged meeting: its author, while one of the pair. */
	'pairing.changeMeeting': PairFacts & { authorId: number | null };
	'pairing.close': PairFacts;
	/** Goals, rhythm, end date, booking the next meeting, feedback: the pair only. */
	'pairing.edit': PairFacts;
	/** Accept or decline a confirmed proposal: its mentor and mentee only. */
	'proposal.answer': PairFacts;
	// training
	'training.view': { memberId: number; sharedWithMentorId: number | null };
	'training.edit': { memberId: number };
	'training.viewAggregates': { regionId: string | null };
	'event.publish': Scope;
	'event.view': Scope;
	// succession
	'checklist.view': AuthorityFacts;
	'checklist.edit': AuthorityFacts;
	'checklist.setElection': AuthorityFacts;
	'checklist.remind': AuthorityFacts;
	/** Sending a not-applicable item back to "to do" (the region's coordinator, admins). */
	'checklist.reopenNotApplicable': AuthorityFacts;
	'succession.viewRegion': { regionId: string | null };
	'template.manage': Record<string, never>;
	// library (entries are national or regional, as threads are)
	/** A draft (`draft`) is its author's alone, whoever else asks. */
	'library.view': Scope & { hidden?: boolean; authorId?: number | null; draft?: boolean };
	'library.create': Scope;
	/**
	 * Attaching an entry where `audienceRegionId` can read it (a thread, national when null): the
	 * member sees it, it is not hidden, and everyone who sees the thread may open it — a national
	 * entry goes anywhere, a regional one only into its own region's threads.
	 */
	'library.attach': Scope & { hidden: boolean; draft?: boolean; authorId: number | null; audienceRegionId: string | null };
	/**
	 * Linking an entry to a succession checklist item of `checklistAuthorityId`: an entry from that
	 * authority, which the member sees and which is not hidden (checklist.edit is asked as well).
	 */
	'library.linkToChecklist': Scope & { hidden: boolean; draft?: boolean; authorId: number | null; authorityId: number; checklistAuthorityId: number };
	/** Sharing a private draft with those its scope names: its author. */
	'library.publish': Scope & { authorId: number | null };
	/** A new version of a file, a further file, changes to the entry: its author. */
	'library.edit': Scope & { authorId: number | null };
	'library.delete': Scope & { authorId: number | null };
	/**
	 * Changing an entry's details (title, kind, summary, topics, authority, who can see it, review
	 * date, case study): its author, and its moderators (coordinators for their region and national
	 * entries, admins) to keep the library tidy. Letting more members see it is the author's or an
	 * admin's call alone (library.widen).
	 */
	'library.editDetails': Scope & { authorId: number | null };
	/** Letting more (or other) members see an entry than its author chose: the author or an admin. */
	'library.widen': Scope & { authorId: number | null };
	'library.report': Scope;
	'library.moderate': Scope;
	/** Storage used by every member and the network total. */
	'library.viewUsage': Record<string, never>;
	// induction ("Your first 100 days"): personal data
	/** A member's path, steps and dates: the member, their mentor in an active pairing, their region's coordinator, admins. */
	'induction.view': { memberId: number; mentorId: number | null; regionId: string };
	/** The private notes and "not relevant" reasons: the member only. */
	'induction.viewNotes': { memberId: number };
	/** Tick a step, untick it, mark it not relevant, move to a newer version: the member only. */
	'induction.tick': { memberId: number };
	/** The region's new members: the list, a friendly nudge, marking someone as new. */
	'induction.coordinate': { regionId: string };
	/** Region-only steps (at most five): the region's coordinator, admins. */
	'induction.manageRegionSteps': { regionId: string };
	/** The national path and its versions. */
	'induction.manageTemplate': Record<string, never>;
	// digests and mail
	'digest.compose': Scope;
	'digest.view': Scope;
	/** Open the personal digest a member would get now (the dry run): their coordinator, admins. */
	'digest.previewMember': { regionId: string };
	/** The list of members whose email bounces: a region's (its coordinator, admins) or everyone's (admins). */
	'mail.viewBouncing': { regionId: string | null };
	'mail.manage': Record<string, never>;
};

export type Action = keyof Resources;

const isAdmin = (a: Actor) => a.role === 'admin';
const coordinates = (a: Actor, regionId: string | null) =>
	a.role === 'coordinator' && regionId != null && a.coordinatorRegionId === regionId;
/** Members of a region, its coordinator, and admins. */
const inRegion = (a: Actor, regionId: string) => a.regionId === regionId || coordinates(a, regionId) || isAdmin(a);
/** National things are for everyone; regional ones for the region. */
const seesScope = (a: Actor, s: Scope) => s.regionId == null || inRegion(a, s.regionId);
const self = (a: Actor, id: number | null) => id != null && a.id === id;
const inPair = (a: Actor, p: PairFacts) => a.id === p.mentorId || a.id === p.menteeId;
const ofAuthority = (a: Actor, f: AuthorityFacts) => a.authorityId === f.authorityId;

const rules: { [K in Action]: (a: Actor, r: Resources[K]) => boolean } = {
	'member.invite': (a, r) => isAdmin(a) || coordinates(a, r.regionId),
	'joinRequest.decide': (a, r) => isAdmin(a) || coordinates(a, r.regionId),
	'joinRequest.list': (a, r) => isAdmin(a) || (r.regionId != null && coordinates(a, r.regionId)),
	'member.view': () => true,
	'member.editProfile': (a, r) => self(a, r.id),
	'member.changePlace': (a, r) => isAdmin(a) && !self(a, r.id),
	'placeChange.request': (a, r) => self(a, r.memberId),
	'placeChange.cancel': (a, r) => self(a, r.memberId),
	'placeChange.decide': (a, r) => !self(a, r.memberId) && (isAdmin(a) || coordinates(a, r.toRegionId)),
	'placeChange.view': (a, r) => self(a, r.memberId) || isAdmin(a) || coordinates(a, r.fromRegionId) || coordinates(a, r.toRegionId),
	'placeChange.list': (a, r) => isAdmin(a) || (r.regionId != null && coordinates(a, r.regionId)),
	'member.manage': (a, r) => isAdmin(a) && !self(a, r.id),
	'member.setRole': (a, r) => isAdmin(a) && !self(a, r.id),
	'member.administer': (a) => isAdmin(a),
	'member.endAllSessions': (a, r) => self(a, r.id) || isAdmin(a),
	'member.exportData': (a, r) => self(a, r.id),
	'member.delete': (a, r) => self(a, r.id),
	'mailbox.read': (a) => isAdmin(a),
	'admin.access': (a) => isAdmin(a) || a.role === 'coordinator',
	'audit.read': (a, r) => isAdmin(a) || (r.regionId != null && coordinates(a, r.regionId)),
	'audit.export': (a) => isAdmin(a),

	'thread.view': seesScope,
	'thread.create': seesScope,
	'thread.reply': (a, r) => seesScope(a, r) && (!r.locked || isAdmin(a) || coordinates(a, r.regionId)),
	'thread.acceptAnswer': (a, r) =>
		seesScope(a, r) && (self(a, r.authorId) || isAdmin(a) || (a.role === 'coordinator' && (r.regionId == null || coordinates(a, r.regionId)))),
	'thread.moderate': (a, r) => isAdmin(a) || (a.role === 'coordinator' && (r.regionId == null || coordinates(a, r.regionId))),
	'post.edit': (a, r) => self(a, r.authorId),
	'post.delete': (a, r) => self(a, r.authorId),
	'post.viewHistory': (a) => isAdmin(a),
	'post.report': seesScope,
	'category.manage': (a) => isAdmin(a),

	'mentoring.offer': () => true,
	'mentoring.request': () => true,
	'mentoring.match': (a, r) => isAdmin(a) || coordinates(a, r.regionId),
	'pairing.viewPrivate': inPair,
	'pairing.viewStatus': (a, r) => inPair(a, r) || isAdmin(a) || coordinates(a, r.regionId),
	'pairing.logMeeting': inPair,
	'pairing.changeMeeting': (a, r) => inPair(a, r) && self(a, r.authorId),
	'pairing.close': (a, r) => inPair(a, r) || isAdmin(a) || coordinates(a, r.regionId),
	'pairing.edit': inPair,
	'proposal.answer': inPair,

	'training.view': (a, r) => self(a, r.memberId) || self(a, r.sharedWithMentorId),
	'training.edit': (a, r) => self(a, r.memberId),
	'training.viewAggregates': (a, r) => isAdmin(a) || (r.regionId != null && coordinates(a, r.regionId)),
	'event.publish': (a, r) => isAdmin(a) || (r.regionId != null && coordinates(a, r.regionId)),
	'event.view': seesScope,

	'checklist.view': (a, r) => ofAuthority(a, r) || isAdmin(a) || coordinates(a, r.regionId),
	'checklist.edit': (a, r) => ofAuthority(a, r),
	'checklist.setElection': (a, r) => ofAuthority(a, r) || isAdmin(a) || coordinates(a, r.regionId),
	'checklist.remind': (a, r) => isAdmin(a) || coordinates(a, r.regionId),
	'checklist.reopenNotApplicable': (a, r) => isAdmin(a) || coordinates(a, r.regionId),
	'succession.viewRegion': (a, r) => isAdmin(a) || (r.regionId != null && coordinates(a, r.regionId)),
	'template.manage': (a) => isAdmin(a),

	'library.view': (a, r) =>
		r.draft ? self(a, r.authorId ?? null) : seesScope(a, r) && (!r.hidden || self(a, r.authorId ?? null) || isAdmin(a) || (a.role === 'coordinator' && (r.regionId == null || coordinates(a, r.regionId)))),
	'library.create': seesScope,
	'library.attach': (a, r) => seesScope(a, r) && !r.hidden && !r.draft && (r.regionId == null || r.regionId === r.audienceRegionId),
	'library.linkToChecklist': (a, r) => seesScope(a, r) && !r.hidden && !r.draft && r.authorityId === r.checklistAuthorityId,
	'library.publish': (a, r) => seesScope(a, r) && self(a, r.authorId),
	'library.edit': (a, r) => seesScope(a, r) && self(a, r.authorId),
	'library.delete': (a, r) => seesScope(a, r) && (self(a, r.authorId) || isAdmin(a)),
	'library.editDetails': (a, r) => seesScope(a, r) && (self(a, r.authorId) || isAdmin(a) || (a.role === 'coordinator' && (r.regionId == null || coordinates(a, r.regionId)))),
	'library.widen': (a, r) => seesScope(a, r) && (self(a, r.authorId) || isAdmin(a)),
	'library.report': seesScope,
	'library.moderate': (a, r) => isAdmin(a) || (a.role === 'coordinator' && (r.regionId == null || coordinates(a, r.regionId))),
	'library.viewUsage': (a) => isAdmin(a),

	'induction.view': (a, r) => self(a, r.memberId) || self(a, r.mentorId) || isAdmin(a) || coordinates(a, r.regionId),
	'induction.viewNotes': (a, r) => self(a, r.memberId),
	'induction.tick': (a, r) => self(a, r.memberId),
	'induction.coordinate': (a, r) => isAdmin(a) || coordinates(a, r.regionId),
	'induction.manageRegionSteps': (a, r) => isAdmin(a) || coordinates(a, r.regionId),
	'induction.manageTemplate': (a) => isAdmin(a),

	'digest.compose': (a, r) => isAdmin(a) || (r.regionId != null && coordinates(a, r.regionId)),
	'digest.view': seesScope,
	'digest.previewMember': (a, r) => isAdmin(a) || coordinates(a, r.regionId),
	'mail.viewBouncing': (a, r) => isAdmin(a) || (r.regionId != null && coordinates(a, r.regionId)),
	'mail.manage': (a) => isAdmin(a)
};

/** May this actor do this to this thing? A missing actor (signed out) may do nothing. */
export function can<A extends Action>(actor: Actor | null | undefined, action: A, thing: Resources[A]): boolean {
	if (!actor) return false;
	return (rules[action] as (a: Actor, r: Resources[A]) => boolean)(actor, thing);
}

/**
 * Throws SvelteKit's 403 unless allowed — or 404 with `hide: true`, where a denial must look
 * like "not found" (another region's thread, another authority's checklist).
 */
export function authorize<A extends Action>(actor: Actor | null | undefined, action: A, thing: Resources[A], opts: { hide?: boolean } = {}): asserts actor is Actor {
	if (!can(actor, action, thing)) {
		if (opts.hide) error(404, 'Page not found');
		error(403, 'You do not have permission to do that');
	}
}

/** Every action name, for tests that walk the whole matrix. */
export const ACTIONS = Object.keys(rules) as Action[];
