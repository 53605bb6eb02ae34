/**
 * Readiness arithmetic: pure functions, no database. The score is the weighted share of
 * applicable items that are done; the RAG band carries a word as well as a colour; election
 * flags and overdue items are worked out from calendar dates ('YYYY-MM-DD', London).
 */
import type { ChecklistStatus } from '../../vocab';

export type Rag = 'red' | 'amber' | 'green' | 'none';

/** The words for each band (colour is never the only signal). */
export const RAG_LABELS: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green', none: 'Not scored' };

/** Below this percentage a checklist is red; below AMBER_BELOW it is amber; otherwise green. */
export const RED_BELOW = 40;
export const AMBER_BELOW = 75;
/** Items not done when the election is this close (or closer) are flagged. */
export const ELECTION_WINDOW_DAYS = 120;

export type Readiness = {
	/** 0–100, rounded down so 100% means everything applicable is done; null when nothing applies. */
	percent: number | null;
	rag: Rag;
	doneWeight: number;
	applicableWeight: number;
	/** Counts of items (not weights). */
	done: number;
	applicable: number;
	total: number;
};

/** The RAG band for a percentage. */
export function ragFor(percent: number | null): Rag {
	if (percent == null) return 'none';
	if (percent < RED_BELOW) return 'red';
	if (percent < AMBER_BELOW) return 'amber';
	return 'green';
}

/** Weighted done ÷ weighted applicable. Not-applicable items count for nothing either way. */
export function readiness(items: readonly { status: ChecklistStatus; weight: number }[]): Readiness {
	let doneWeight = 0;
	let applicableWeight = 0;
	let done = 0;
	let applicable = 0;
	for (const item of items) {
		if (item.status === 'not-applicable') continue;
		const w = Math.max(0, item.weight);
		applicable++;
		applicableWeight += w;
		if (item.status === 'done') {
			done++;
			doneWeight += w;
		}
	}
	const percent = applicableWeight > 0 ? Math.floor((doneWeight * 100) / applicableWeight) : null;
	return { percent, rag: ragFor(percent), doneWeight, applicableWeight, done, applicable, total: items.length };
}

/** Still to do: neither done nor not applicable. */
export function isOpen(status: ChecklistStatus): boolean {
	return status === 'not-started' || status === 'in-progress';
}

/** A section is done when every applicable item in it is done. */
export function sectionDone(items: readonly { status: ChecklistStatus }[]): boolean {
	return items.every((i) => !isOpen(i.status));
}

const DAY = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a calendar date 'YYYY-MM-DD' (NaN if malformed). */
export function dayNumber(iso: string): number {
	const m = ISO.exec(iso);
	if (!m) return Number.NaN;
	return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY);
}

/** Whole days from `today` to `date` (negative when `date` is past). */
export function daysFrom(today: string, date: string): number {
	return dayNumber(date) - dayNumber(today);
}

/** The calendar date `n` months after `iso` (the 31st becomes the month's last day). */
export function addMonths(iso: string, n: number): string {
	const m = ISO.exec(iso);
	if (!m) return iso;
	const year = Number(m[1]);
	const month = Number(m[2]) - 1 + n;
	const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
	const d = new Date(Date.UTC(year, month, Math.min(Number(m[3]), last)));
	return d.toISOString().slice(0, 10);
}

/** The calendar date `n` days after `iso`. */
export function addDays(iso: string, n: number): string {
	return new Date((dayNumber(iso) + n) * DAY).toISOString().slice(0, 10);
}

export type Countdown = {
	date: string;
	/** Days from today to the election (0 = today; negative = passed). */
	days: number;
	passed: boolean;
	/** The election is within ELECTION_WINDOW_DAYS (and not passed): open items are flagged. */
	withinWindow: boolean;
	/** The day the flag window opens. */
	windowOpens: string;
};

/** The countdown to an election date, or null when none is set. */
export function electionCountdown(electionDate: string | null | undefined, today: string): Countdown | null {
	if (!electionDate || !ISO.test(electionDate)) return null;
	const days = daysFrom(today, electionDate);
	return {
		date: electionDate,
		days,
		passed: days < 0,
		withinWindow: days >= 0 && days <= ELECTION_WINDOW_DAYS,
		windowOpens: addDays(electionDate, -ELECTION_WINDOW_DAYS)
	};
}

export type ItemFlag = 'overdue' | 'election' | 'after-election';

/** Words for each flag, for pages and emails. */
export const FLAG_LABELS: Record<ItemFlag, string> = {
	overdue: 'Overdue',
	election: 'Not done and the election is close',
	'after-election': 'Due after the election'
};

/**
 * Why an item needs attention: past its due date; not done with the election within
 * ELECTION_WINDOW_DAYS; or due only after the election. Done and not-applicable items have no flags.
 */
export function itemFlags(item: { status: ChecklistStatus; dueDate: string | null }, today: string, electionDate: string | null): ItemFlag[] {
	if (!isOpen(item.status)) return [];
	const flags: ItemFlag[] = [];
	if (item.dueDate && item.dueDate < today) flags.push('overdue');
	const countdown = electionCountdown(electionDate, today);
	if (countdown?.withinWindow) flags.push('election');
	if (countdown && !countdown.passed && item.dueDate && item.dueDate > countdown.date) flags.push('after-election');
	return flags;
}
