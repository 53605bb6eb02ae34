/** The admin list of inbound messages (issue 14): every message, accepted or not, with its outcome and reason. */
import { authorize, type Actor } from '../auth/policy';
import * as store from '../mail/inbound';
import * as members from '../network/members';
import { config } from '../config';

/** Outcomes in words, for the filter and the table. */
export const OUTCOME_WORDS: Record<store.InboundOutcome, string> = {
	pending: 'Waiting to be processed',
	posted: 'Posted',
	held: 'Held for the author to confirm',
	refused: 'Refused (the member was told why)',
	rejected: 'Rejected (address or sender did not check out)',
	'auto-reply': 'Automatic reply (ignored)',
	bounce: 'Bounce',
	failed: 'Could not be read'
};

export const PAGE = 50;

/** A page of messages, newest first, optionally of one outcome; with counts per outcome. 403 unless admin. */
export function list(actor: Actor, f: { outcome?: string | null; before?: number | null } = {}) {
	authorize(actor, 'mail.manage', {});
	const outcome = store.INBOUND_OUTCOMES.find((o) => o === f.outcome);
	const rows = store.recent({ outcome, before: f.before && f.before > 0 ? f.before : undefined, limit: PAGE + 1 });
	const page = rows.slice(0, PAGE);
	const names = members.people(page.map((r) => r.memberId));
	return {
		outcome: outcome ?? null,
		counts: store.outcomeCounts(),
		rows: page.map((r) => ({
			id: r.id,
			receivedAt: r.receivedAt,
			via: r.via,
			from: r.fromAddress ?? r.envelopeFrom ?? '',
			to: r.toKey ?? r.recipients[0] ?? '',
			subject: r.subject ?? '',
			outcome: r.outcome,
			outcomeWords: OUTCOME_WORDS[r.outcome],
			action: r.action,
			reason: r.reason,
			resultPath: r.resultPath,
			member: r.memberId != null ? { id: r.memberId, name: names.get(r.memberId)?.name ?? 'Former member' } : null,
			size: r.size,
			rawKept: r.hasRaw
		})),
		next: rows.length > PAGE ? page.at(-1)!.id : null,
		rawDays: config().inbound.rawDays
	};
}
