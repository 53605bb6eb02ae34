/**
 * The audit trail in plain English. Entries are stored as facts — an action, ids and a small
 * JSON detail — and turned into a sentence only when read, so a renamed member or thread shows
 * its name today, and a link appears only while the thing still exists. Dates read as elsewhere
 * ("23 November 2026", UK time). Entries written before this module (and actions it does not
 * know) still read as a sentence, never as raw ids.
 */
import { formatDate, formatDateTime } from '../../time';
import { POSITIONS, ROLES, label } from '../../vocab';

/** A piece of a sentence: plain text, or a name with a link (null when the thing is gone or not for this reader). */
export type Part = string | { text: string; href: string | null };

export type Entry = {
	action: string;
	actorId: number | null;
	subjectType: string | null;
	subjectId: string | null;
	regionId: string | null;
	detail: Record<string, unknown> | null;
};

export type Person = { id: number; name: string; handle: string; active: boolean };

/** What the renderer may look up; everything is preloaded for a page of entries. */
export type Lookup = {
	/** Admins get links to the user pages; coordinators to public profiles. */
	admin: boolean;
	person(id: number | null | undefined): Person | null;
	authority(id: unknown): { id: number; name: string; regionName: string } | null;
	regionName(id: unknown): string | null;
	thread(id: number): { id: number; title: string } | null;
	post(id: number): { number: number; thread: { id: number; title: string } } | null;
	category(id: number): { id: number; name: string } | null;
	event(id: number): string | null;
	digest(id: number): string | null;
	pairing(id: number): { mentorId: number | null; menteeId: number | null } | null;
	proposal(id: number): { mentorId: number | null; menteeId: number | null } | null;
	joinRequest(id: number): string | null;
	invite(id: number): string | null;
};

const num = (v: unknown): number | null => {
	const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
	return Number.isSafeInteger(n) && n > 0 ? n : null;
};
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
/** Quoted text from a detail, shortened. */
const quote = (v: unknown, max = 120) => {
	const s = str(v);
	if (!s) return null;
	return `“${s.length > max ? `${s.slice(0, max - 1)}…` : s}”`;
};
/** "14 May 2026" for 'YYYY-MM-DD'. */
export const dayWords = (v: unknown): string | null => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(Date.parse(`${v}T12:00:00Z`)) : null);
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** A sentence's plain text (for CSV and tests). */
export function plain(parts: Part[]): string {
	return parts.map((p) => (typeof p === 'string' ? p : p.text)).join('');
}

/** Renders one entry as a sentence (its first part is who did it). */
export function sentence(e: Entry, l: Lookup): Part[] {
	const d = e.detail ?? {};
	const subjectId = num(e.subjectId);
	const memberLink = (id: number | null | undefined, fallback = 'a former member'): Part => {
		const p = l.person(id);
		if (!p) return fallback;
		const href = l.admin ? `/admin/users/${p.id}` : p.active ? `/members/${p.handle}` : null;
		return { text: p.name, href };
	};
	const actor: Part = e.actorId != null ? memberLink(e.actorId, 'A former member') : e.action === 'member.deleted' ? 'A member' : 'Someone who was not signed in';
	const self = e.actorId != null && e.subjectType === 'member' && subjectId === e.actorId;
	const subject = e.subjectType === 'member' ? memberLink(subjectId) : null;
	/** "their" when the actor acts on themselves, else "Name’s". */
	const whose = (): Part[] => (self || !subject ? ['their'] : [subject, '’s']);
	const themOr = (): Part[] => (self || !subject ? ['themselves'] : [subject]);
	const thread = (id: number | null): Part => {
		const t = id != null ? l.thread(id) : null;
		return t ? { text: `“${t.title}”`, href: `/threads/${t.id}` } : 'a thread that has since been deleted';
	};
	const postIn = (id: number | null): Part[] => {
		const p = id != null ? l.post(id) : null;
		if (!p) {
			const t = num(d.threadId);
			return t != null && l.thread(t) ? ['a post in ', thread(t)] : ['a post that has since been deleted'];
		}
		return [{ text: `post ${p.number}`, href: `/threads/${p.thread.id}?post=${p.number}#post-${p.number}` }, ' in ', { text: `“${p.thread.title}”`, href: `/threads/${p.thread.id}` }];
	};
	const category = (id: number | null, fallbackName?: unknown): Part => {
		const c = id != null ? l.category(id) : null;
		if (c) return { text: `“${c.name}”`, href: l.admin ? `/admin/categories/${c.id}` : null };
		return quote(fallbackName) ?? 'a category';
	};
	const authority = (id: unknown): string => {
		const a = l.authority(id);
		return a ? `${a.name} (${a.regionName})` : 'an authority';
	};
	const checklistOf = (id: number | null): Part => {
		const a = l.authority(id);
		return a ? { text: `${a.name}’s succession checklist`, href: `/succession/${a.id}` } : 'a succession checklist';
	};
	const pair = (p: { mentorId: number | null; menteeId: number | null } | null): Part[] =>
		p ? [memberLink(p.mentorId), ' as mentor to ', memberLink(p.menteeId)] : ['a mentoring match'];
	const positionOf = (v: unknown) => (typeof v === 'string' ? label(POSITIONS, v) : 'unknown');
	const roleOf = (v: unknown, region?: unknown) => {
		const r = typeof v === 'string' ? label(ROLES, v) : 'unknown';
		const where = v === 'coordinator' ? l.regionName(region) : null;
		return where ? `${r} for the ${where}` : r;
	};
	const placeChanges = (): string => {
		const out: string[] = [];
		if (d.fromAuthorityId !== d.toAuthorityId && d.toAuthorityId != null) out.push(`authority from ${authority(d.fromAuthorityId)} to ${authority(d.toAuthorityId)}`);
		if (d.fromPosition !== d.toPosition && d.toPosition != null) out.push(`position from ${positionOf(d.fromPosition)} to ${positionOf(d.toPosition)}`);
		if ((d.fromInRoleSince ?? null) !== (d.toInRoleSince ?? null) && 'toInRoleSince' in d)
			out.push(`“in the role since” from ${dayWords(d.fromInRoleSince) ?? 'not set'} to ${dayWords(d.toInRoleSince) ?? 'not set'}`);
		return out.length ? out.join(', ') : 'authority or role';
	};
	const purpose = (v: unknown) => (v === 'sign-in' ? 'to sign in' : v === 'reauth' ? 'to confirm it was them' : v === 'turn-off' ? 'to turn off two-factor authentication' : str(v) ? `(${v})` : '');
	const reason = (v: unknown): Part[] => (str(v) ? [`, giving the reason ${quote(v, 300)}`] : []);
	const s = (...parts: Part[]): Part[] => [actor, ' ', ...parts];

	switch (e.action) {
		// signing in and account security
		case 'sign-in':
			return s('signed in with a password');
		case 'sign-in.new-browser':
			return s('signed in from a browser not used before', str(d.browser) ? ` (${d.browser})` : '');
		case 'sign-in.failed':
			return e.actorId != null
				? ['Someone gave a wrong password when signing in as ', memberLink(e.actorId, 'a former member')]
				: ['Someone tried to sign in as ', str(d.email) ?? 'an unknown address', ' with a wrong password'];
		case 'sign-in.limited':
			return ['Signing in as ', str(d.email) ?? 'an account', ' was refused: too many attempts'];
		case 'sign-in.link':
			return s('signed in with an emailed link');
		case 'sign-in.two-factor':
			return s(d.method === 'recovery' ? 'used a recovery code to sign in' : 'gave a two-factor code to sign in');
		case 'two-factor.enabled':
			return s('turned on two-factor authentication');
		case 'two-factor.changed':
			return s('moved their two-factor authentication to a new authenticator app');
		case 'two-factor.disabled':
			return s('turned off two-factor authentication');
		case 'two-factor.reset-by-admin':
			return s('turned off two-factor authentication for ', ...themOr(), num(d.sessionsEnded) ? ` and signed them out of ${plural(num(d.sessionsEnded)!, 'session')}` : '');
		case 'two-factor.failed':
			return s('gave a wrong two-factor code ', purpose(d.purpose));
		case 'two-factor.limited':
			return s('was stopped after too many wrong two-factor codes');
		case 'two-factor.code-accepted':
			return s('gave a two-factor code ', purpose(d.purpose));
		case 'two-factor.recovery-code-used':
			return s('used a recovery code', typeof d.left === 'number' ? ` (${plural(d.left, 'code')} left)` : '');
		case 'two-factor.recovery-codes-created':
			return s('made a new set of recovery codes (the old ones stopped working)');
		case 'two-factor.browsers-forgotten':
			return s('made the site forget ', typeof d.forgotten === 'number' ? plural(d.forgotten, 'remembered browser') : 'their remembered browsers');
		case 'reauth':
			return s('confirmed it was them with ', d.method === 'code' ? 'a two-factor code' : 'their password');
		case 'reauth.failed':
			return s('gave a wrong password when asked to confirm it was them');
		case 'password.changed':
			return s('changed their password');
		case 'password.reset':
			return s('reset their password with an emailed link');
		case 'email.changed':
			return s('changed their email address', str(d.to) ? ` to ${d.to}` : '');

		// members and roles
		case 'member.name-changed':
			return s('changed ', ...whose(), ' name from ', quote(d.from) ?? 'their old name', ' to ', quote(d.to) ?? 'a new name');
		case 'member.in-role-since-set':
			return s('gave the date they took on the role: ', dayWords(d.to) ?? 'a date');
		case 'member.role-changed':
			return s('changed ', ...whose(), ' role', str(d.from) ? ` from ${roleOf(d.from)}` : '', ' to ', roleOf(d.to, d.coordinatorRegionId));
		case 'member.deactivated':
			return s('deactivated ', ...whose(), ' account');
		case 'member.reactivated':
			return s('reactivated ', ...whose(), ' account');
		case 'member.authority-changed':
			return s('moved ', ...themOr(), ' from ', authority(d.from), ' to ', authority(d.to));
		case 'member.sessions-ended':
			return s('signed ', ...themOr(), ' out everywhere', typeof d.ended === 'number' ? ` (${plural(d.ended, 'session')})` : '');
		case 'member.data-exported':
			return s('downloaded ', ...whose(), ' data', str(d.format) ? ` (${String(d.format).toUpperCase()})` : '');
		case 'member.delete-refused':
			return s('tried to delete their account but gave a wrong password');
		case 'member.deleted':
			return ['A member deleted their account'];
		case 'place-change.requested':
			return s('asked to change their ', placeChanges(), '; the ', l.regionName(e.regionId) ?? 'destination region', ' coordinator decides');
		case 'place-change.approved':
			return s('approved ', ...whose(), ' change of ', placeChanges());
		case 'place-change.declined':
			return s('declined ', ...whose(), ' change of ', placeChanges(), ...reason(d.reason));
		case 'place-change.cancelled':
			return s('cancelled their request to change authority or role');
		case 'place-change.direct':
			return s('changed ', ...whose(), ' ', placeChanges(), ' directly', ...reason(d.reason));

		// invitations and requests to join
		case 'invite.sent': {
			const who = (subjectId != null && l.invite(subjectId)) || str(d.email) || 'someone';
			return s('invited ', who, ' to join');
		}
		case 'invite.accepted':
			return s('accepted their invitation and joined the network');
		case 'invite.withdrawn':
			return s('withdrew the invitation to ', (subjectId != null && l.invite(subjectId)) || str(d.email) || 'someone');
		case 'join-request.approved':
		case 'join-request.declined': {
			const name = subjectId != null ? l.joinRequest(subjectId) : null;
			return s(e.action.endsWith('approved') ? 'approved' : 'declined', ' ', name ? { text: `${name}’s request to join`, href: l.admin || e.regionId ? '/admin/join-requests' : null } : 'a request to join');
		}

		// discussions and moderation
		case 'post.hidden':
			return s('hid ', ...postIn(subjectId), ...reason(d.reason));
		case 'post.unhidden':
			return s('showed ', ...postIn(subjectId), ' again');
		case 'report.dismissed':
			return s('dismissed ', typeof d.reports === 'number' ? plural(d.reports, 'report') : 'the reports', ' about ', ...postIn(subjectId));
		case 'thread.locked':
			return s('locked ', thread(subjectId));
		case 'thread.unlocked':
			return s('unlocked ', thread(subjectId));
		case 'thread.pinned':
			return s('pinned ', thread(subjectId));
		case 'thread.unpinned':
			return s('unpinned ', thread(subjectId));
		case 'thread.moved':
			return s('moved ', thread(subjectId), ' from ', category(num(d.from)), ' to ', category(num(d.to)));
		case 'thread.answer-accepted':
			return s('marked an answer as accepted in ', thread(subjectId));
		// mail in (issue 14): made by email, as the "by email" in place of the internet address says too
		case 'post.by-email':
			return s('replied by email in ', ...postIn(subjectId));
		case 'thread.by-email':
			return s('asked ', thread(subjectId), ' by email');
		case 'pairing.note-by-email':
			return s('added a note to their mentoring meeting log by email');
		case 'category.created':
			return s('created the category ', category(subjectId, d.name));
		case 'category.renamed':
			return s('renamed the category ', quote(d.from) ?? 'a category', ' to ', category(subjectId, d.to));
		case 'category.archived':
			return s('archived the category ', category(subjectId, d.name));
		case 'category.restored':
			return s('restored the category ', category(subjectId, d.name));

		// mentoring
		case 'mentoring.proposal-confirmed': {
			const p = subjectId != null ? l.proposal(subjectId) : null;
			return s('proposed ', ...(p ? pair(p) : [memberLink(num(d.mentorId)), ' as a mentor']));
		}
		case 'mentoring.proposal-withdrawn':
			return s('withdrew the proposal of ', ...pair(subjectId != null ? l.proposal(subjectId) : null));
		case 'mentoring.proposal-accepted':
		case 'mentoring.proposal-declined': {
			const accepted = e.action.endsWith('accepted');
			const p = subjectId != null ? l.proposal(subjectId) : null;
			const pairingId = num(d.pairingId);
			const paired = pairingId != null && l.pairing(pairingId) ? [', and the pairing began: ', { text: 'see the pairing', href: `/mentoring/pairings/${pairingId}` }] : [];
			return s(accepted ? 'accepted' : 'declined', ' the proposal of ', ...pair(p), ...(paired as Part[]));
		}
		case 'mentoring.pairing-closed': {
			const p = subjectId != null ? l.pairing(subjectId) : null;
			return s('closed the mentoring of ', ...(p ? [memberLink(p.menteeId), ' by ', memberLink(p.mentorId)] : ['a pairing']), str(d.outcome) ? ` (${String(d.outcome).replace(/-/g, ' ')})` : '');
		}

		// training events
		case 'event.publish':
		case 'event.update':
		case 'event.cancel': {
			const title = subjectId != null ? l.event(subjectId) : null;
			const what: Part = title ? { text: `“${title}”`, href: `/training/events/${subjectId}` } : (quote(d.title) ?? 'an event');
			return s(e.action === 'event.publish' ? 'published the event ' : e.action === 'event.update' ? 'changed the event ' : 'cancelled the event ', what);
		}

		// succession
		case 'checklist.item-updated': {
			const fields = Array.isArray(d.fields) ? (d.fields as unknown[]).filter((f): f is string => typeof f === 'string') : [];
			const fieldWords = fields.map((f) => ({ status: 'status', owner: 'owner', dueDate: 'due date', note: 'evidence note', naReason: 'reason it does not apply' })[f] ?? f);
			return s('changed ', fieldWords.length ? `the ${fieldWords.join(', ')} of ` : '', str(d.item) ? `“${String(d.item).replace(/-/g, ' ')}”` : 'an item', ' on ', checklistOf(subjectId));
		}
		case 'checklist.item-reopened':
			return s('sent ', str(d.item) ? `“${String(d.item).replace(/-/g, ' ')}”` : 'an item', ' on ', checklistOf(subjectId), ' back from “Not applicable” to “Not started”', str(d.note) ? ', with the note ' : '', quote(d.note) ?? '');
		case 'checklist.election-set':
			return s('set the next election on ', checklistOf(subjectId), ' to ', dayWords(d.electionDate) ?? 'not known');
		case 'checklist.reminder-sent':
			return s('sent a reminder about ', checklistOf(subjectId), typeof d.recipients === 'number' ? ` to ${plural(d.recipients, 'member')}` : '');
		case 'checklist.upgraded':
			return s('moved ', checklistOf(subjectId), ' from template version ', String(d.from ?? '?'), ' to version ', String(d.to ?? '?'));
		case 'template.published':
			return s('published version ', e.subjectId ?? '?', ' of the ', { text: 'succession checklist template', href: l.admin ? '/admin/template' : null });
		case 'template.draft-discarded':
			return s('discarded a draft of the succession checklist template');
		case 'template.section-added':
		case 'template.section-renamed':
			return s(e.action.endsWith('added') ? 'added the section ' : 'renamed a section to ', quote(d.title) ?? 'a section', ' in the draft checklist template');
		case 'template.section-removed':
			return s('removed a section from the draft checklist template');
		case 'template.item-added':
		case 'template.item-changed':
			return s(e.action.endsWith('added') ? 'added the item ' : 'changed the item ', quote(d.title) ?? 'an item', ' in the draft checklist template');
		case 'template.item-removed':
			return s('removed an item from the draft checklist template');

		// induction
		case 'induction.nudged':
			return s('sent ', ...themOr(), ' a friendly nudge about their first 100 days');
		case 'induction.marked-new':
			return s('marked ', ...themOr(), ' as new, so they get the first 100 days path');
		case 'induction.unmarked-new':
			return s('took off the mark that ', ...themOr(), ' is new');
		case 'induction.published':
			return s('published version ', e.subjectId ?? '?', ' of the ', { text: 'first 100 days path', href: l.admin ? '/admin/induction' : null });
		case 'induction.draft-discarded':
			return s('discarded a draft of the first 100 days path');
		case 'induction.step-added':
		case 'induction.step-changed':
			return s(e.action.endsWith('added') ? 'added the step ' : 'changed the step ', quote(d.title) ?? 'a step', ' in the draft first 100 days path');
		case 'induction.step-removed':
			return s('removed a step from the draft first 100 days path');
		case 'induction.region-step-added':
			return s('added the region-only step ', quote(d.title) ?? 'a step', ' to the first 100 days path');
		case 'induction.region-step-removed':
			return s('removed a region-only step from the first 100 days path');

		// digests and mail
		case 'digest.sent':
		case 'digest.scheduled':
		case 'digest.unscheduled':
		case 'digest.test-sent': {
			const title = subjectId != null ? l.digest(subjectId) : null;
			const what: Part = title ? { text: `“${title}”`, href: `/digests/${subjectId}` } : (quote(d.title) ?? 'a regional digest');
			if (e.action === 'digest.sent') return s(d.scheduled ? 'had the scheduled regional digest ' : 'sent the regional digest ', what, d.scheduled ? ' sent' : '', typeof d.recipients === 'number' ? ` to ${plural(d.recipients, 'member')}` : '');
			if (e.action === 'digest.scheduled') return s('scheduled the regional digest ', what, typeof d.at === 'number' ? ` for ${formatDateTime(d.at)}` : '');
			if (e.action === 'digest.test-sent') return s('sent themselves a test of the regional digest ', what);
			return s(d.deleted ? 'deleted the scheduled regional digest ' : 'unscheduled the regional digest ', what);
		}
		case 'mail.retried':
			return d.all ? s('retried ', typeof d.count === 'number' ? plural(d.count, 'failed email') : 'the failed emails') : s('retried ', subjectId != null && l.admin ? { text: 'a failed email', href: `/admin/mail/${subjectId}` } : 'a failed email');
	}
	return fallback(e, actor);
}

/** An action this module does not know: its name in words and its facts in words, never raw JSON. */
function fallback(e: Entry, actor: Part): Part[] {
	const words = e.action.replace(/[.-]/g, ' ').toLowerCase();
	const facts = Object.entries(e.detail ?? {})
		.filter(([, v]) => v == null || ['string', 'number', 'boolean'].includes(typeof v))
		.slice(0, 4)
		.map(([k, v]) => `${k.replace(/([A-Z])/g, ' $1').toLowerCase()} ${typeof v === 'number' && v > 946_684_800_000 ? formatDateTime(v) : String(v)}`);
	return [actor, ` – ${words}`, facts.length ? ` (${facts.join('; ')})` : ''];
}

