/** The training log as a CSV file (RFC 4180, UTF-8 with BOM, CRLF; safe against spreadsheet formulas). */
import { TOPICS, TRAINING_KINDS, label } from '../../vocab';
import { toCsv } from '../csv';
import { minutesToHours } from './rules';

/** The columns of the CSV export, in order. */
export const CSV_HEADER = ['First day', 'Last day', 'Title', 'Provider', 'Kind', 'Topics', 'Hours', 'What I learnt and what I will do', 'Link'];

/** The parts of an entry the export writes. */
export type CsvEntry = {
	startDate: string;
	endDate: string;
	title: string;
	provider: string;
	kind: string;
	topics: readonly string[];
	minutes: number;
	reflection: string;
	link: string;
};

/**
 * A CSV document of entries: dates as YYYY-MM-DD (spreadsheets read them as dates), kinds and
 * topics in words (topics separated by "; "), hours as a number. Text cells that begin with
 * =, +, -, @, a tab or a carriage return are prefixed with ' so they are never run as formulas.
 */
export function entriesCsv(entries: readonly CsvEntry[]): string {
	return toCsv(
		CSV_HEADER,
		entries.map((e) => [
			e.startDate,
			e.endDate,
			e.title,
			e.provider,
			label(TRAINING_KINDS, e.kind),
			e.topics.map((t) => label(TOPICS, t)).join('; '),
			minutesToHours(e.minutes),
			e.reflection,
			e.link
		])
	);
}

/** "training-log-2026-11-23.csv" */
export function csvFilename(today: string): string {
	return `training-log-${today}.csv`;
}
