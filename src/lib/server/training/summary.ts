/**
 * Summaries of a training log, as pure functions over entries: hours and entries by kind and
 * by topic over a period, and which core topics were covered (and which are gaps).
 */
import { CORE_TOPICS, TOPICS, TRAINING_KINDS, label } from '../../vocab';
import { addMonths, minutesToHours } from './rules';

/** The parts of an entry a summary needs. */
export type SummaryEntry = { startDate: string; endDate: string; kind: string; topics: readonly string[]; minutes: number };

/** One row of a summary: a kind or topic with its hours and number of entries. */
export type Tally = { key: string; label: string; minutes: number; hours: number; entries: number };

export type Summary = {
	from: string;
	to: string;
	entries: number;
	minutes: number;
	hours: number;
	/** Every kind of learning, in the vocabulary's order (zeros included, so gaps show). */
	byKind: Tally[];
	/** Topics with any learning, most hours first. An entry counts towards each of its topics. */
	byTopic: Tally[];
	/** Entries with no topic. */
	untagged: number;
};

/** The months a summary and the coverage of core topics look back over. */
export const SUMMARY_MONTHS = 12;
export const COVERAGE_MONTHS = 24;

/** Whether an entry falls (at least partly) within from…to, both London dates, inclusive. */
export function overlaps(e: Pick<SummaryEntry, 'startDate' | 'endDate'>, from: string | null, to: string | null): boolean {
	return (from == null || e.endDate >= from) && (to == null || e.startDate <= to);
}

function tally(key: string, words: string): Tally {
	return { key, label: words, minutes: 0, hours: 0, entries: 0 };
}

function finish(t: Tally): Tally {
	return { ...t, hours: minutesToHours(t.minutes) };
}

/** Hours and entries by kind and by topic for the entries within from…to. */
export function summarise(entries: readonly SummaryEntry[], from: string, to: string): Summary {
	const kinds = new Map(TRAINING_KINDS.map(([k, l]) => [k as string, tally(k, l)]));
	const topics = new Map<string, Tally>();
	let minutes = 0;
	let count = 0;
	let untagged = 0;
	for (const e of entries) {
		if (!overlaps(e, from, to)) continue;
		count++;
		minutes += e.minutes;
		const k = kinds.get(e.kind) ?? tally(e.kind, label(TRAINING_KINDS, e.kind));
		k.minutes += e.minutes;
		k.entries++;
		kinds.set(e.kind, k);
		if (e.topics.length === 0) untagged++;
		for (const topic of new Set(e.topics)) {
			const t = topics.get(topic) ?? tally(topic, label(TOPICS, topic));
			t.minutes += e.minutes;
			t.entries++;
			topics.set(topic, t);
		}
	}
	const order = new Map(TOPICS.map(([t], i) => [t as string, i]));
	return {
		from,
		to,
		entries: count,
		minutes,
		hours: minutesToHours(minutes),
		byKind: [...kinds.values()].map(finish),
		byTopic: [...topics.values()]
			.map(finish)
			.sort((a, b) => b.minutes - a.minutes || (order.get(a.key) ?? 99) - (order.get(b.key) ?? 99)),
		untagged
	};
}

/** A core topic and whether it was covered. */
export type Coverage = {
	topic: string;
	label: string;
	covered: boolean;
	entries: number;
	minutes: number;
	hours: number;
	/** The latest day of learning on it within the window, or null. */
	lastDate: string | null;
};

/**
 * For each core topic for Lead Members, whether any entry within the last `months` months
 * (to `today`, a London date) covered it. Gaps are the core topics not covered.
 */
export function coverage(entries: readonly SummaryEntry[], today: string, months = COVERAGE_MONTHS): { from: string; to: string; topics: Coverage[]; covered: number; gaps: number } {
	const from = addMonths(today, -months);
	const rows = CORE_TOPICS.map((topic) => {
		let count = 0;
		let minutes = 0;
		let lastDate: string | null = null;
		for (const e of entries) {
			if (!overlaps(e, from, today) || !e.topics.includes(topic)) continue;
			count++;
			minutes += e.minutes;
			const last = e.endDate > today ? today : e.endDate;
			if (lastDate == null || last > lastDate) lastDate = last;
		}
		return { topic, label: label(TOPICS, topic), covered: count > 0, entries: count, minutes, hours: minutesToHours(minutes), lastDate };
	});
	const covered = rows.filter((r) => r.covered).length;
	return { from, to: today, topics: rows, covered, gaps: rows.length - covered };
}
