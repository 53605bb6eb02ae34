/** Words for succession pages and emails: calendar dates, countdowns, statuses, RAG bands. */
import { formatDate, isoDate, londonDateTimeToUtc } from '../../time';
import { CHECKLIST_STATUSES, label, type ChecklistStatus } from '../../vocab';
import { RAG_LABELS, type Countdown, type Readiness } from './score';

/** Today's London calendar date, 'YYYY-MM-DD'. */
export function today(now: number): string {
	return isoDate(now);
}

/** "6 May 2027" for '2027-05-06'; '' for null or a malformed date. */
export function formatDay(iso: string | null | undefined): string {
	if (!iso) return '';
	const ms = londonDateTimeToUtc(iso, '12:00');
	return ms == null ? '' : formatDate(ms);
}

/** "in 164 days", "tomorrow", "today", "passed 3 days ago". */
export function countdownText(c: Countdown): string {
	if (c.days === 0) return 'today';
	if (c.days === 1) return 'tomorrow';
	if (c.days > 1) return `in ${c.days} days`;
	if (c.days === -1) return 'passed yesterday';
	return `passed ${-c.days} days ago`;
}

/** "Not started", "Done" … */
export function statusLabel(status: ChecklistStatus | string): string {
	return label(CHECKLIST_STATUSES, status);
}

/** "45% – Amber" or "Not scored". */
export function readinessText(r: Pick<Readiness, 'percent' | 'rag'>): string {
	return r.percent == null ? RAG_LABELS.none : `${r.percent}% – ${RAG_LABELS[r.rag]}`;
}

/** "1 item", "3 items". */
export function plural(n: number, one: string, many = `${one}s`): string {
	return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}
